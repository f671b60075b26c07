/**
 * Human labels for what people read on the pages: problem kinds, algorithm parameters, FET
 * constraint types ("ConstraintTeacherNotAvailableTimes" → "Teacher not available") and ITC-2007
 * constraint names ("curriculumCompactness" → "Curriculum compactness"). Code identifiers stay in
 * form values, URLs and data attributes only. Pure functions (tested in labels.test.ts).
 */

const KIND_LABELS: Record<string, string> = {
  timetabling: "Course timetabling",
  school: "School timetable (FET)",
  tsp: "Travelling salesman",
  continuous: "Continuous optimisation",
  permutation: "Ordering (permutation)",
};

/** "tsp" → "Travelling salesman"; an unknown kind is spelled out from its identifier. */
export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? sentenceFromIdentifier(kind);
}

/**
 * FET types people meet most, in the words a timetabler uses. Every other type is spelled out by
 * `fetConstraintLabel` from its name, with the resource first ("Teacher: max hours daily").
 */
const FET_LABELS: Record<string, string> = {
  ConstraintBasicCompulsoryTime: "Basic rules: no clashes of teachers or students",
  ConstraintBasicCompulsorySpace: "Basic rules: one activity per room at a time",
  ConstraintBreakTimes: "Break times (no lessons)",
  ConstraintTeacherNotAvailableTimes: "Teacher not available",
  ConstraintTeachersMaxGapsPerWeek: "Max gaps per week for all teachers",
  ConstraintTeacherMaxGapsPerWeek: "Max gaps per week for a teacher",
  ConstraintTeachersMaxGapsPerDay: "Max gaps per day for all teachers",
  ConstraintTeacherMaxGapsPerDay: "Max gaps per day for a teacher",
  ConstraintTeachersMaxHoursDaily: "Max hours per day for all teachers",
  ConstraintTeacherMaxHoursDaily: "Max hours per day for a teacher",
  ConstraintTeachersMaxDaysPerWeek: "Max working days per week for all teachers",
  ConstraintTeacherMaxDaysPerWeek: "Max working days per week for a teacher",
  ConstraintStudentsSetNotAvailableTimes: "Class not available",
  ConstraintStudentsMaxGapsPerWeek: "Max gaps per week for students",
  ConstraintStudentsSetMaxGapsPerWeek: "Max gaps per week for a class",
  ConstraintStudentsMaxGapsPerDay: "Max gaps per day for students",
  ConstraintStudentsSetMaxGapsPerDay: "Max gaps per day for a class",
  ConstraintStudentsMaxHoursDaily: "Max hours per day for students",
  ConstraintStudentsSetMaxHoursDaily: "Max hours per day for a class",
  ConstraintStudentsEarlyMaxBeginningsAtSecondHour: "Students start early (max beginnings at the second hour)",
  ConstraintStudentsSetEarlyMaxBeginningsAtSecondHour: "A class starts early (max beginnings at the second hour)",
  ConstraintMinDaysBetweenActivities: "Min days between lessons of a subject",
  ConstraintMaxDaysBetweenActivities: "Max days between lessons",
  ConstraintActivityPreferredStartingTime: "Lesson at a fixed time",
  ConstraintActivityPreferredStartingTimes: "Lesson at one of the preferred times",
  ConstraintActivityPreferredTimeSlots: "Lesson within the preferred time slots",
  ConstraintActivitiesPreferredStartingTimes: "Lessons at preferred starting times",
  ConstraintActivitiesPreferredTimeSlots: "Lessons within preferred time slots",
  ConstraintActivitiesSameStartingTime: "Lessons at the same time",
  ConstraintActivitiesNotOverlapping: "Lessons not overlapping",
  ConstraintTwoActivitiesConsecutive: "Two lessons back to back",
  ConstraintTwoActivitiesOrdered: "Two lessons in order",
  ConstraintActivityEndsStudentsDay: "Lesson ends the students' day",
  ConstraintActivityPreferredRoom: "Lesson in a given room",
  ConstraintActivityPreferredRooms: "Lesson in one of the preferred rooms",
  ConstraintSubjectPreferredRoom: "Subject taught in a given room",
  ConstraintSubjectPreferredRooms: "Subject taught in one of the preferred rooms",
  ConstraintActivityTagPreferredRoom: "Activity tag in a given room",
  ConstraintActivityTagPreferredRooms: "Activity tag in one of the preferred rooms",
  ConstraintRoomNotAvailableTimes: "Room not available",
  ConstraintTeacherHomeRoom: "Teacher's home room",
  ConstraintStudentsSetHomeRoom: "Class home room",
  // Room rules a room change in the school editor meets
  ConstraintTeacherHomeRooms: "Teacher's home rooms",
  ConstraintStudentsSetHomeRooms: "Class home rooms",
  ConstraintSubjectActivityTagPreferredRoom: "Subject with an activity tag in a given room",
  ConstraintSubjectActivityTagPreferredRooms: "Subject with an activity tag in one of the preferred rooms",
  ConstraintActivitiesOccupyMaxDifferentRooms: "Lessons in at most a few different rooms",
  ConstraintActivitiesSameRoomIfConsecutive: "Back-to-back lessons in the same room",
};

/** Words of FET type names that read better otherwise. */
const WORDS: Record<string, string> = { Students: "students", Set: "class", Teachers: "all teachers", Max: "max", Min: "min" };

/**
 * A FET constraint type as people say it. Known types use FET_LABELS; others drop "Constraint",
 * split the name into words and lower-case them: "ConstraintTeacherMaxSpanPerDay" →
 * "Teacher max span per day". Things that are not FET types (e.g. "Unplaced activities") stay.
 */
export function fetConstraintLabel(type: string): string {
  const known = FET_LABELS[type];
  if (known) return known;
  if (!/^Constraint[A-Z]/.test(type)) return type;
  const words = splitWords(type.slice("Constraint".length));
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === "Students" && words[i + 1] === "Set") {
      out.push("class");
      i++;
    } else out.push(WORDS[w] ?? w.toLowerCase());
  }
  return capitalise(out.join(" "));
}

const ITC_LABELS: Record<string, string> = {
  roomCapacity: "Room capacity",
  minWorkingDays: "Minimum working days",
  curriculumCompactness: "Curriculum compactness (no isolated lectures)",
  roomStability: "Room stability (one room per course)",
  periodPreference: "Instructors' period preferences",
  instructorDailyLimit: "Instructor's daily lecture limit",
  doubleLectures: "Double lectures kept together",
  conflicts: "Clashes (same curriculum or teacher)",
  availability: "Teacher or course not available",
  lectures: "Unplaced lectures",
  roomOccupancy: "Two lectures in one room",
};

/** An ITC-2007 / model constraint name as a label ("curriculumCompactness" → "Curriculum compactness (no isolated lectures)"). */
export function timetablingConstraintLabel(name: string): string {
  return ITC_LABELS[name] ?? sentenceFromIdentifier(name);
}

/** An algorithm parameter name as a label: "populationSize" → "Population size", "F" stays "F". */
export function paramLabel(name: string): string {
  return sentenceFromIdentifier(name);
}

/**
 * ITC-2007 files number days and periods from 0; people count from 1: "0" → "Day 1". Names that
 * are not plain numbers (a model's own "Mon") are kept.
 */
export function numberedLabel(name: string, noun: "Day" | "Period"): string {
  return /^\d+$/.test(name) ? `${noun} ${Number(name) + 1}` : name;
}

/** camelCase, snake_case or kebab-case → "Words in a sentence" (acronyms kept: "maxLNS" → "Max LNS"). */
export function sentenceFromIdentifier(id: string): string {
  if (!/[a-z]/.test(id) && id.length <= 4) return id; // short upper-case names ("F", "CR") are already what people read
  const words = splitWords(id.replace(/[_-]+/g, " "));
  if (!words.length) return id;
  const text = words.map((w) => (/^[A-Z0-9]+$/.test(w) && w.length > 1 ? w : w.toLowerCase())).join(" ");
  return capitalise(text);
}

function splitWords(s: string): string[] {
  return s.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? [];
}

const capitalise = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

const CALENDAR_OWNERS: Record<string, string> = { room: "Room", group: "Group", instructor: "Instructor", teacher: "Teacher", students: "Class" };

/** A calendar's view reference as people read it: "students:7A" → "Class 7A", "instructor:t01" → "Instructor t01". */
export function calendarLabel(ref: string): string {
  const i = ref.indexOf(":");
  if (i < 0) return ref;
  const owner = CALENDAR_OWNERS[ref.slice(0, i)];
  return owner ? `${owner} ${ref.slice(i + 1)}` : ref;
}
