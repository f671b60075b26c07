/**
 * The vocabulary shared by fetToModel (from-fet.ts), modelToFet (to-fet.ts) and the JSON Schema
 * (schema.ts): which fields each FET constraint type has, in FET's order, and how each XML field
 * reads in JSON. Field and type names are FET's file format (its element names); the JSON names
 * are camelCase without FET's `Constraint` prefix and `Number_of_…` counts (a list's length is
 * its count).
 *
 * A type listed here is written in its typed JSON form; any other element (a type FET has but no
 * example school uses, or an element that does not fit its type's fields) keeps every field in
 * the generic form `{ type, weight, fields: { Xml_Name: value } }`, so nothing is lost.
 */

/** Levels of nesting the generic form's `fields` may have (FET's constraint elements nest two). */
export const GENERIC_DEPTH = 4;

/** How a field's text reads in JSON. */
export type FieldKind =
  /** a name (teacher, subject, room, day, hour…); "" where FET allows it ("any" / "end of day") */
  | "name"
  /** a whole number (activity ids, maxima, minima) */
  | "int"
  /** a whole number or "" (FET's "any duration") */
  | "intOrEmpty"
  | "bool"
  /** a day and an hour: `{ day, hour }` (FET: two child elements, named per list) */
  | "slot";

export interface FieldSpec {
  /** The JSON property name. */
  key: string;
  kind: FieldKind;
  /** For lists: FET's count element written before the items. */
  count?: string;
  /** For "slot" items: FET's day and hour element names. */
  slot?: [day: string, hour: string];
  description: string;
}

/** Scalar fields: XML name → JSON name and kind. */
const SCALARS: Record<string, [key: string, kind: FieldKind, description: string]> = {
  Teacher: ["teacher", "name", "A teacher's name."],
  Teacher_Name: ["teacher", "name", 'A teacher\'s name ("" = any teacher where FET allows it).'],
  Students: ["students", "name", "A students set (year, group or subgroup)."],
  Students_Name: ["students", "name", 'A students set ("" = any students where FET allows it).'],
  Subject: ["subject", "name", "A subject."],
  Subject_Name: ["subject", "name", 'A subject ("" = any subject where FET allows it).'],
  Activity_Tag: ["activityTag", "name", "An activity tag."],
  Activity_Tag_Name: ["activityTag", "name", 'An activity tag ("" = any tag where FET allows it).'],
  Room: ["room", "name", "A room."],
  Preferred_Day: ["day", "name", "A day."],
  Preferred_Hour: ["hour", "name", "An hour."],
  Interval_Start_Hour: ["intervalStartHour", "name", "First hour of the interval."],
  Interval_End_Hour: ["intervalEndHour", "name", 'The hour the interval ends before ("" = the end of the day).'],
  First_Activity_Tag: ["firstActivityTag", "name", "The activity tag that comes first."],
  Second_Activity_Tag: ["secondActivityTag", "name", "The activity tag that comes second."],
  Activity_Id: ["activityId", "int", "An activity's id."],
  First_Activity_Id: ["firstActivityId", "int", "The first activity's id."],
  Second_Activity_Id: ["secondActivityId", "int", "The second activity's id."],
  Third_Activity_Id: ["thirdActivityId", "int", "The third activity's id."],
  Component_Number: ["componentNumber", "int", "Which lesson of each split activity (1 = the first)."],
  Duration: ["duration", "intOrEmpty", 'Only activities of this duration ("" = any).'],
  Maximum_Hours_Daily: ["maximumHoursDaily", "int", "Maximum busy hours a day."],
  Maximum_Hours_Continuously: ["maximumHoursContinuously", "int", "Maximum busy hours in a row."],
  Minimum_Hours_Daily: ["minimumHoursDaily", "int", "Minimum busy hours a day."],
  Minimum_Hours_Per_Morning: ["minimumHoursPerMorning", "int", "Minimum busy hours a morning."],
  Minimum_Days_Per_Week: ["minimumDaysPerWeek", "int", "Minimum working days a week."],
  Minimum_Resting_Hours: ["minimumRestingHours", "int", "Minimum free hours between two working days."],
  Max_Gaps: ["maxGaps", "int", "Maximum free hours between lessons."],
  Max_Days_Per_Week: ["maxDaysPerWeek", "int", "Maximum days a week."],
  Max_Span: ["maxSpan", "int", "Maximum hours from the first to the last busy hour of a day."],
  Max_Mornings_Per_Week: ["maxMorningsPerWeek", "int", "Maximum mornings a week."],
  Max_Afternoons_Per_Week: ["maxAfternoonsPerWeek", "int", "Maximum afternoons a week."],
  Max_Beginnings_At_Second_Hour: ["maxBeginningsAtSecondHour", "int", "Maximum days beginning at the second hour."],
  Max_Building_Changes_Per_Day: ["maxBuildingChangesPerDay", "int", "Maximum building changes a day."],
  Max_Building_Changes_Per_Week: ["maxBuildingChangesPerWeek", "int", "Maximum building changes a week."],
  Max_Room_Changes_Per_Day: ["maxRoomChangesPerDay", "int", "Maximum room changes a day."],
  Max_Room_Changes_Per_Week: ["maxRoomChangesPerWeek", "int", "Maximum room changes a week."],
  MaxGaps: ["maxGaps", "int", "Maximum free hours between the activities (on the same day)."],
  Min_Gaps_Between_Building_Changes: ["minGapsBetweenBuildingChanges", "int", "Minimum free hours between two building changes."],
  Min_Gaps_Between_Room_Changes: ["minGapsBetweenRoomChanges", "int", "Minimum free hours between two room changes."],
  MinDays: ["minDays", "int", "Minimum days between the activities."],
  MaxDays: ["maxDays", "int", "Maximum days between the activities."],
  MinGaps: ["minGaps", "int", "Minimum free hours between the activities."],
  Min_Number_of_Simultaneous_Activities: ["minSimultaneousActivities", "int", "Minimum activities at the same time."],
  Max_Number_of_Simultaneous_Activities: ["maxSimultaneousActivities", "int", "Maximum activities at the same time."],
  Min_Number_of_Occupied_Time_Slots: ["minOccupiedTimeSlots", "int", "Minimum time slots occupied."],
  Max_Number_of_Occupied_Time_Slots: ["maxOccupiedTimeSlots", "int", "Maximum time slots occupied."],
  Max_Total_Number_of_Activities: ["maxTotalActivities", "int", "Maximum activities in total."],
  Max_Number_of_Occupied_Terms: ["maxOccupiedTerms", "int", "Maximum terms occupied."],
  Max_Number_of_Different_Rooms: ["maxDifferentRooms", "int", "Maximum different rooms."],
  Max_Number_of_Activities_in_A_Term: ["maxActivitiesInATerm", "int", "Maximum activities in one term."],
  Allow_Empty_Days: ["allowEmptyDays", "bool", "A day without activities is fine."],
  Allow_Empty_Mornings: ["allowEmptyMornings", "bool", "A morning without activities is fine."],
  Allow_Empty_Slots: ["allowEmptySlots", "bool", "A selected slot without activities is fine."],
  Allow_One_Day_Exception_of_Plus_One: ["allowOneDayExceptionOfPlusOne", "bool", "One day may exceed the maximum by one."],
  Allow_Afternoon_Morning_Afternoon_Morning_Exception: ["allowAfternoonMorningException", "bool", "FET's afternoon-morning-afternoon-morning exception."],
  Circular: ["circular", "bool", "Also from the last day to the first."],
  Consecutive_If_Same_Day: ["consecutiveIfSameDay", "bool", "Two of them on the same day must be back to back."],
  Permanently_Locked: ["permanentlyLocked", "bool", "FET never unlocks it (a fixed placement)."],
};

/** List fields: XML item name → JSON name, item kind, FET's count element (and slot children). */
const LISTS: Record<string, FieldSpec> = {
  Activity_Id: { key: "activityIds", kind: "int", count: "Number_of_Activities", description: "The activities' ids." },
  Activity_Tag: { key: "activityTags", kind: "name", count: "Number_of_Activity_Tags", description: "Activity tags." },
  Preferred_Room: { key: "preferredRooms", kind: "name", count: "Number_of_Preferred_Rooms", description: "The rooms allowed." },
  Real_Room: { key: "realRooms", kind: "name", count: "Number_of_Real_Rooms", description: "Real rooms (for a virtual room)." },
  Not_Available_Time: { key: "notAvailable", kind: "slot", count: "Number_of_Not_Available_Times", slot: ["Day", "Hour"], description: "The hours it is not available." },
  Break_Time: { key: "breaks", kind: "slot", count: "Number_of_Break_Times", slot: ["Day", "Hour"], description: "The break hours." },
  Preferred_Time_Slot: { key: "preferredTimeSlots", kind: "slot", count: "Number_of_Preferred_Time_Slots", slot: ["Preferred_Day", "Preferred_Hour"], description: "The only hours it may occupy." },
  Preferred_Starting_Time: {
    key: "preferredStartingTimes",
    kind: "slot",
    count: "Number_of_Preferred_Starting_Times",
    slot: ["Preferred_Starting_Day", "Preferred_Starting_Hour"],
    description: "The only hours it may start at.",
  },
  Selected_Time_Slot: { key: "selectedTimeSlots", kind: "slot", count: "Number_of_Selected_Time_Slots", slot: ["Selected_Day", "Selected_Hour"], description: "The selected hours." },
};

/**
 * Every FET constraint type the examples shipped with FET use (and every type core/school/constraints
 * compiles), plus a few more checked with fet-cl, without the `Constraint` prefix: its fields in FET's order, besides Weight_Percentage,
 * Active and Comments. `Name[]` is a list (written with its `Number_of_…` count before the items).
 */
const TYPES: Record<string, string> = {
  ActivitiesEndStudentsDay: "Teacher_Name Students_Name Subject_Name Activity_Tag_Name",
  ActivitiesMaxInATerm: "Activity_Id[] Max_Number_of_Activities_in_A_Term",
  ActivitiesMaxSimultaneousInSelectedTimeSlots: "Activity_Id[] Selected_Time_Slot[] Max_Number_of_Simultaneous_Activities",
  ActivitiesMinSimultaneousInSelectedTimeSlots: "Activity_Id[] Selected_Time_Slot[] Min_Number_of_Simultaneous_Activities Allow_Empty_Slots",
  ActivitiesNotOverlapping: "Activity_Id[]",
  ActivitiesOccupyMaxDifferentRooms: "Activity_Id[] Max_Number_of_Different_Rooms",
  ActivitiesOccupyMaxTerms: "Activity_Id[] Max_Number_of_Occupied_Terms",
  ActivitiesOccupyMaxTimeSlotsFromSelection: "Activity_Id[] Selected_Time_Slot[] Max_Number_of_Occupied_Time_Slots",
  ActivitiesOccupyMinTimeSlotsFromSelection: "Activity_Id[] Selected_Time_Slot[] Min_Number_of_Occupied_Time_Slots",
  ActivitiesPreferredStartingTimes: "Teacher_Name Students_Name Subject_Name Activity_Tag_Name Duration Preferred_Starting_Time[]",
  ActivitiesPreferredTimeSlots: "Teacher_Name Students_Name Subject_Name Activity_Tag_Name Duration Preferred_Time_Slot[]",
  ActivitiesSameRoomIfConsecutive: "Activity_Id[]",
  ActivitiesSameStartingDay: "Activity_Id[]",
  ActivitiesSameStartingHour: "Activity_Id[]",
  ActivitiesSameStartingTime: "Activity_Id[]",
  ActivityEndsStudentsDay: "Activity_Id",
  ActivityPreferredDay: "Activity_Id Preferred_Day",
  ActivityPreferredRoom: "Activity_Id Room Permanently_Locked Real_Room[]",
  ActivityPreferredRooms: "Activity_Id Preferred_Room[]",
  ActivityPreferredStartingTime: "Activity_Id Preferred_Day Preferred_Hour Permanently_Locked",
  ActivityPreferredStartingTimes: "Activity_Id Preferred_Starting_Time[]",
  ActivityPreferredTimeSlots: "Activity_Id Preferred_Time_Slot[]",
  ActivityTagPreferredRoom: "Activity_Tag Room",
  ActivityTagPreferredRooms: "Activity_Tag Preferred_Room[]",
  ActivityTagsNotOverlapping: "Activity_Tag[]",
  BasicCompulsorySpace: "",
  BasicCompulsoryTime: "",
  BreakTimes: "Break_Time[]",
  MaxDaysBetweenActivities: "Activity_Id[] MaxDays",
  MaxTotalActivitiesFromSetInSelectedTimeSlots: "Activity_Id[] Selected_Time_Slot[] Max_Total_Number_of_Activities",
  MinDaysBetweenActivities: "Consecutive_If_Same_Day Activity_Id[] MinDays",
  MinGapsBetweenActivities: "Activity_Id[] MinGaps",
  RoomNotAvailableTimes: "Room Not_Available_Time[]",
  StudentsActivityTagMaxHoursContinuously: "Activity_Tag Maximum_Hours_Continuously",
  StudentsActivityTagMaxHoursDaily: "Activity_Tag Maximum_Hours_Daily",
  StudentsActivityTagMaxHoursDailyRealDays: "Activity_Tag Maximum_Hours_Daily",
  StudentsAfternoonsEarlyMaxBeginningsAtSecondHour: "Max_Beginnings_At_Second_Hour",
  StudentsEarlyMaxBeginningsAtSecondHour: "Max_Beginnings_At_Second_Hour",
  StudentsIntervalMaxDaysPerWeek: "Interval_Start_Hour Interval_End_Hour Max_Days_Per_Week",
  StudentsMaxAfternoonsPerWeek: "Max_Afternoons_Per_Week",
  StudentsMaxBuildingChangesPerDay: "Max_Building_Changes_Per_Day",
  StudentsMaxBuildingChangesPerWeek: "Max_Building_Changes_Per_Week",
  StudentsMaxDaysPerWeek: "Max_Days_Per_Week",
  StudentsMaxGapsPerDay: "Max_Gaps",
  StudentsMaxGapsPerWeek: "Max_Gaps",
  StudentsMaxHoursContinuously: "Maximum_Hours_Continuously",
  StudentsMaxHoursDaily: "Maximum_Hours_Daily",
  StudentsMaxHoursDailyRealDays: "Maximum_Hours_Daily",
  StudentsMaxMorningsPerWeek: "Max_Mornings_Per_Week",
  StudentsMaxSpanPerDay: "Max_Span",
  StudentsMaxThreeConsecutiveDays: "Allow_Afternoon_Morning_Afternoon_Morning_Exception",
  StudentsMinGapsBetweenBuildingChanges: "Min_Gaps_Between_Building_Changes",
  StudentsMinGapsBetweenOrderedPairOfActivityTags: "First_Activity_Tag Second_Activity_Tag MinGaps",
  StudentsMinHoursDaily: "Minimum_Hours_Daily Allow_Empty_Days",
  StudentsMinHoursPerMorning: "Minimum_Hours_Per_Morning Allow_Empty_Mornings",
  StudentsMinRestingHours: "Minimum_Resting_Hours Circular",
  StudentsMinRestingHoursBetweenMorningAndAfternoon: "Minimum_Resting_Hours",
  StudentsSetActivityTagMaxHoursDaily: "Maximum_Hours_Daily Students Activity_Tag",
  StudentsSetActivityTagMaxHoursDailyRealDays: "Maximum_Hours_Daily Students Activity_Tag",
  StudentsSetEarlyMaxBeginningsAtSecondHour: "Max_Beginnings_At_Second_Hour Students",
  StudentsSetHomeRoom: "Students Room",
  StudentsSetHomeRooms: "Students Preferred_Room[]",
  StudentsSetIntervalMaxDaysPerWeek: "Students Interval_Start_Hour Interval_End_Hour Max_Days_Per_Week",
  StudentsSetMaxAfternoonsPerWeek: "Students Max_Afternoons_Per_Week",
  StudentsSetMaxBuildingChangesPerDay: "Students Max_Building_Changes_Per_Day",
  StudentsSetMaxGapsPerDay: "Max_Gaps Students",
  StudentsSetMaxGapsPerWeek: "Max_Gaps Students",
  StudentsSetMaxHoursDaily: "Maximum_Hours_Daily Students",
  StudentsSetMaxMorningsPerWeek: "Students Max_Mornings_Per_Week",
  StudentsSetMaxRoomChangesPerRealDay: "Students Max_Room_Changes_Per_Day",
  StudentsSetMinGapsBetweenBuildingChanges: "Students Min_Gaps_Between_Building_Changes",
  StudentsSetMinGapsBetweenRoomChanges: "Students Min_Gaps_Between_Room_Changes",
  StudentsSetMinHoursDaily: "Minimum_Hours_Daily Students Allow_Empty_Days",
  StudentsSetMinRestingHours: "Minimum_Resting_Hours Students Circular",
  StudentsSetNotAvailableTimes: "Students Not_Available_Time[]",
  SubactivitiesPreferredStartingTimes: "Component_Number Teacher_Name Students_Name Subject_Name Activity_Tag_Name Preferred_Starting_Time[] Duration",
  SubactivitiesPreferredTimeSlots: "Component_Number Teacher_Name Students_Name Subject_Name Activity_Tag_Name Duration Preferred_Time_Slot[]",
  SubjectActivityTagPreferredRoom: "Subject Activity_Tag Room",
  SubjectActivityTagPreferredRooms: "Subject Activity_Tag Preferred_Room[]",
  SubjectPreferredRoom: "Subject Room",
  SubjectPreferredRooms: "Subject Preferred_Room[]",
  TeacherActivityTagMaxHoursDaily: "Teacher_Name Activity_Tag_Name Maximum_Hours_Daily",
  TeacherActivityTagMaxHoursDailyRealDays: "Teacher_Name Activity_Tag_Name Maximum_Hours_Daily",
  TeacherAfternoonsEarlyMaxBeginningsAtSecondHour: "Max_Beginnings_At_Second_Hour Teacher",
  TeacherHomeRoom: "Teacher Room",
  TeacherHomeRooms: "Teacher Preferred_Room[]",
  TeacherIntervalMaxDaysPerWeek: "Teacher_Name Interval_Start_Hour Interval_End_Hour Max_Days_Per_Week",
  TeacherMaxAfternoonsPerWeek: "Teacher_Name Max_Afternoons_Per_Week",
  TeacherMaxBuildingChangesPerDay: "Teacher Max_Building_Changes_Per_Day",
  TeacherMaxBuildingChangesPerWeek: "Teacher Max_Building_Changes_Per_Week",
  TeacherMaxDaysPerWeek: "Teacher_Name Max_Days_Per_Week",
  TeacherMaxGapsPerDay: "Teacher_Name Max_Gaps",
  TeacherMaxGapsPerRealDay: "Teacher_Name Max_Gaps Allow_One_Day_Exception_of_Plus_One",
  TeacherMaxGapsPerWeek: "Teacher_Name Max_Gaps",
  TeacherMaxHoursContinuously: "Teacher_Name Maximum_Hours_Continuously",
  TeacherMaxHoursDaily: "Teacher_Name Maximum_Hours_Daily",
  TeacherMaxHoursDailyHalfDays: "Teacher_Name Maximum_Hours_Daily",
  TeacherMaxHoursDailyRealDays: "Teacher_Name Maximum_Hours_Daily",
  TeacherMaxMorningsPerWeek: "Teacher_Name Max_Mornings_Per_Week",
  TeacherMaxRealDaysPerWeek: "Teacher_Name Max_Days_Per_Week",
  TeacherMaxRoomChangesPerDay: "Teacher Max_Room_Changes_Per_Day",
  TeacherMaxRoomChangesPerRealDay: "Teacher Max_Room_Changes_Per_Day",
  TeacherMaxSpanPerDay: "Teacher_Name Max_Span Allow_One_Day_Exception_of_Plus_One",
  TeacherMaxSpanPerRealDay: "Teacher_Name Max_Span Allow_One_Day_Exception_of_Plus_One",
  TeacherMaxTwoActivityTagsPerDayFromN1N2N3: "Teacher_Name",
  TeacherMaxZeroGapsPerAfternoon: "Teacher_Name",
  TeacherMinDaysPerWeek: "Teacher_Name Minimum_Days_Per_Week",
  TeacherMinGapsBetweenBuildingChanges: "Teacher Min_Gaps_Between_Building_Changes",
  TeacherMinHoursDaily: "Teacher_Name Minimum_Hours_Daily Allow_Empty_Days",
  TeacherMinHoursDailyRealDays: "Teacher_Name Minimum_Hours_Daily Allow_Empty_Days",
  TeacherMinRealDaysPerWeek: "Teacher_Name Minimum_Days_Per_Week",
  TeacherMinRestingHours: "Teacher_Name Minimum_Resting_Hours Circular",
  TeacherNotAvailableTimes: "Teacher Not_Available_Time[]",
  TeacherRoomNotAvailableTimes: "Teacher Room Not_Available_Time[]",
  TeachersActivityTagMaxHoursContinuously: "Activity_Tag_Name Maximum_Hours_Continuously",
  TeachersActivityTagMaxHoursDaily: "Activity_Tag_Name Maximum_Hours_Daily",
  TeachersActivityTagMaxHoursDailyRealDays: "Activity_Tag_Name Maximum_Hours_Daily",
  TeachersIntervalMaxDaysPerWeek: "Interval_Start_Hour Interval_End_Hour Max_Days_Per_Week",
  TeachersMaxAfternoonsPerWeek: "Max_Afternoons_Per_Week",
  TeachersMaxBuildingChangesPerDay: "Max_Building_Changes_Per_Day",
  TeachersMaxBuildingChangesPerWeek: "Max_Building_Changes_Per_Week",
  TeachersMaxDaysPerWeek: "Max_Days_Per_Week",
  TeachersMaxGapsPerDay: "Max_Gaps",
  TeachersMaxGapsPerRealDay: "Max_Gaps Allow_One_Day_Exception_of_Plus_One",
  TeachersMaxGapsPerWeek: "Max_Gaps",
  TeachersMaxHoursContinuously: "Maximum_Hours_Continuously",
  TeachersMaxHoursDaily: "Maximum_Hours_Daily",
  TeachersMaxHoursDailyRealDays: "Maximum_Hours_Daily",
  TeachersMaxMorningsPerWeek: "Max_Mornings_Per_Week",
  TeachersMaxRoomChangesPerDay: "Max_Room_Changes_Per_Day",
  TeachersMaxRoomChangesPerRealDay: "Max_Room_Changes_Per_Day",
  TeachersMaxSpanPerDay: "Max_Span Allow_One_Day_Exception_of_Plus_One",
  TeachersMaxThreeConsecutiveDays: "Allow_Afternoon_Morning_Afternoon_Morning_Exception",
  TeachersMaxTwoActivityTagsPerDayFromN1N2N3: "",
  TeachersMaxZeroGapsPerAfternoon: "",
  TeachersMinDaysPerWeek: "Minimum_Days_Per_Week",
  TeachersMinGapsBetweenBuildingChanges: "Min_Gaps_Between_Building_Changes",
  TeachersMinHoursDaily: "Minimum_Hours_Daily Allow_Empty_Days",
  TeachersMinRestingHours: "Minimum_Resting_Hours Circular",
  TeachersMinRestingHoursBetweenMorningAndAfternoon: "Minimum_Resting_Hours",
  ThreeActivitiesGrouped: "First_Activity_Id Second_Activity_Id Third_Activity_Id",
  TwoActivitiesConsecutive: "First_Activity_Id Second_Activity_Id",
  TwoActivitiesGrouped: "First_Activity_Id Second_Activity_Id",
  TwoActivitiesOrdered: "First_Activity_Id Second_Activity_Id",
  TwoActivitiesOrderedIfSameDay: "First_Activity_Id Second_Activity_Id",
  // Not in FET's examples: fet-cl 6.8.5 reads these fields and writes them back in this order.
  ActivitiesBeginStudentsDay: "Teacher_Name Students_Name Subject_Name Activity_Tag_Name",
  ActivitiesBeginTeachersDay: "Teacher_Name Students_Name Subject_Name Activity_Tag_Name",
  ActivitiesEndTeachersDay: "Teacher_Name Students_Name Subject_Name Activity_Tag_Name",
  ActivityBeginsStudentsDay: "Activity_Id",
  ActivityBeginsTeachersDay: "Activity_Id",
  ActivityEndsTeachersDay: "Activity_Id",
  MaxGapsBetweenActivities: "Activity_Id[] MaxGaps",
  StudentsActivityTagMinHoursDaily: "Activity_Tag Minimum_Hours_Daily Allow_Empty_Days",
  StudentsMaxRoomChangesPerDay: "Max_Room_Changes_Per_Day",
  StudentsMaxRoomChangesPerWeek: "Max_Room_Changes_Per_Week",
  StudentsMinGapsBetweenActivityTag: "Activity_Tag MinGaps",
  StudentsMinGapsBetweenRoomChanges: "Min_Gaps_Between_Room_Changes",
  StudentsSetActivityTagMaxHoursContinuously: "Maximum_Hours_Continuously Students Activity_Tag",
  StudentsSetActivityTagMinHoursDaily: "Minimum_Hours_Daily Allow_Empty_Days Students Activity_Tag",
  StudentsSetMaxBuildingChangesPerWeek: "Students Max_Building_Changes_Per_Week",
  StudentsSetMaxDaysPerWeek: "Students Max_Days_Per_Week",
  StudentsSetMaxHoursContinuously: "Maximum_Hours_Continuously Students",
  StudentsSetMaxRoomChangesPerDay: "Students Max_Room_Changes_Per_Day",
  StudentsSetMaxRoomChangesPerWeek: "Students Max_Room_Changes_Per_Week",
  StudentsSetMaxSpanPerDay: "Max_Span Students",
  StudentsSetMinGapsBetweenActivityTag: "Students Activity_Tag MinGaps",
  StudentsSetMinGapsBetweenOrderedPairOfActivityTags: "Students First_Activity_Tag Second_Activity_Tag MinGaps",
  TeacherActivityTagMaxHoursContinuously: "Teacher_Name Activity_Tag_Name Maximum_Hours_Continuously",
  TeacherActivityTagMinHoursDaily: "Teacher_Name Activity_Tag_Name Minimum_Hours_Daily Allow_Empty_Days",
  TeacherMaxRoomChangesPerWeek: "Teacher Max_Room_Changes_Per_Week",
  TeacherMinGapsBetweenActivityTag: "Teacher Activity_Tag MinGaps",
  TeacherMinGapsBetweenOrderedPairOfActivityTags: "Teacher First_Activity_Tag Second_Activity_Tag MinGaps",
  TeacherMinGapsBetweenRoomChanges: "Teacher Min_Gaps_Between_Room_Changes",
  TeachersActivityTagMinHoursDaily: "Activity_Tag_Name Minimum_Hours_Daily Allow_Empty_Days",
  TeachersMaxRoomChangesPerWeek: "Max_Room_Changes_Per_Week",
  TeachersMinGapsBetweenActivityTag: "Activity_Tag MinGaps",
  TeachersMinGapsBetweenOrderedPairOfActivityTags: "First_Activity_Tag Second_Activity_Tag MinGaps",
  TeachersMinGapsBetweenRoomChanges: "Min_Gaps_Between_Room_Changes",
};

/** Space constraints (Space_Constraints_List); every other listed type is a time constraint. */
const SPACE = new Set([
  "ActivitiesOccupyMaxDifferentRooms",
  "ActivitiesSameRoomIfConsecutive",
  "ActivityPreferredRoom",
  "ActivityPreferredRooms",
  "ActivityTagPreferredRoom",
  "ActivityTagPreferredRooms",
  "BasicCompulsorySpace",
  "RoomNotAvailableTimes",
  "StudentsMaxBuildingChangesPerDay",
  "StudentsMaxBuildingChangesPerWeek",
  "StudentsMinGapsBetweenBuildingChanges",
  "StudentsSetHomeRoom",
  "StudentsSetHomeRooms",
  "StudentsSetMaxBuildingChangesPerDay",
  "StudentsSetMaxRoomChangesPerRealDay",
  "StudentsSetMinGapsBetweenBuildingChanges",
  "StudentsSetMinGapsBetweenRoomChanges",
  "SubjectActivityTagPreferredRoom",
  "SubjectActivityTagPreferredRooms",
  "SubjectPreferredRoom",
  "SubjectPreferredRooms",
  "TeacherHomeRoom",
  "TeacherHomeRooms",
  "TeacherMaxBuildingChangesPerDay",
  "TeacherMaxBuildingChangesPerWeek",
  "TeacherMaxRoomChangesPerDay",
  "TeacherMaxRoomChangesPerRealDay",
  "TeacherMinGapsBetweenBuildingChanges",
  "TeacherRoomNotAvailableTimes",
  "TeachersMaxBuildingChangesPerDay",
  "TeachersMaxBuildingChangesPerWeek",
  "TeachersMaxRoomChangesPerDay",
  "TeachersMaxRoomChangesPerRealDay",
  "TeachersMinGapsBetweenBuildingChanges",
  "StudentsMaxRoomChangesPerDay",
  "StudentsMaxRoomChangesPerWeek",
  "StudentsMinGapsBetweenRoomChanges",
  "StudentsSetMaxBuildingChangesPerWeek",
  "StudentsSetMaxRoomChangesPerDay",
  "StudentsSetMaxRoomChangesPerWeek",
  "TeacherMaxRoomChangesPerWeek",
  "TeacherMinGapsBetweenRoomChanges",
  "TeachersMaxRoomChangesPerWeek",
  "TeachersMinGapsBetweenRoomChanges",
]);

export interface TypeSpec {
  /** FET's element name, e.g. "ConstraintTeacherNotAvailableTimes". */
  element: string;
  list: "time" | "space";
  /** XML name → field, in FET's order. */
  fields: Map<string, FieldSpec & { xml: string; list: boolean }>;
  /** JSON key → XML name. */
  byKey: Map<string, string>;
}

function buildTypes(): Map<string, TypeSpec> {
  const out = new Map<string, TypeSpec>();
  for (const [type, spec] of Object.entries(TYPES)) {
    const fields: TypeSpec["fields"] = new Map();
    const byKey = new Map<string, string>();
    for (const word of spec.split(" ").filter(Boolean)) {
      const list = word.endsWith("[]");
      const xml = list ? word.slice(0, -2) : word;
      const f: FieldSpec | undefined = list ? LISTS[xml] : SCALARS[xml] && { key: SCALARS[xml][0], kind: SCALARS[xml][1], description: SCALARS[xml][2] };
      if (!f) throw new Error(`school model vocabulary: no JSON name for ${xml} (in ${type})`);
      if (byKey.has(f.key)) throw new Error(`school model vocabulary: ${type} has two fields named ${f.key}`);
      fields.set(xml, { ...f, xml, list });
      byKey.set(f.key, xml);
    }
    out.set(type, { element: `Constraint${type}`, list: SPACE.has(type) ? "space" : "time", fields, byKey });
  }
  return out;
}

/** Known constraint types by JSON type name (FET's element name without `Constraint`). */
export const CONSTRAINT_TYPES: ReadonlyMap<string, TypeSpec> = buildTypes();

/** JSON type name of a FET element name, and back. */
export const typeOfElement = (element: string): string => (element.startsWith("Constraint") ? element.slice("Constraint".length) : element);
export const elementOfType = (type: string): string => (type.startsWith("Constraint") ? type : `Constraint${type}`);
