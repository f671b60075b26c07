/**
 * The registry: FET constraint type name → definition. Adding a type is one file in this folder
 * plus one line here (see core/school/README.md, "How to add a constraint type").
 */
import type { ConstraintDefinition } from "./types";
import { activitiesPreferredStartingTimes } from "./activities-preferred-starting-times";
import { activitiesPreferredTimeSlots } from "./activities-preferred-time-slots";
import { activitiesSameStartingTime } from "./activities-same-starting-time";
import { activityPreferredRoom } from "./activity-preferred-room";
import { activityPreferredStartingTime } from "./activity-preferred-starting-time";
import { activityPreferredStartingTimes } from "./activity-preferred-starting-times";
import { activityPreferredTimeSlots } from "./activity-preferred-time-slots";
import { activityTagPreferredRooms } from "./activity-tag-preferred-rooms";
import { basicCompulsorySpace } from "./basic-compulsory-space";
import { basicCompulsoryTime } from "./basic-compulsory-time";
import { breakTimes } from "./break-times";
import { minDaysBetweenActivities } from "./min-days-between-activities";
import { roomNotAvailableTimes } from "./room-not-available-times";
import { studentsMaxGapsPerWeek } from "./students-max-gaps-per-week";
import { studentsSetNotAvailableTimes } from "./students-set-not-available-times";
import { subjectPreferredRoom } from "./subject-preferred-room";
import { subjectPreferredRooms } from "./subject-preferred-rooms";
import { teacherHomeRoom } from "./teacher-home-room";
import { teacherHomeRooms } from "./teacher-home-rooms";
import { teacherMaxDaysPerWeek } from "./teacher-max-days-per-week";
import { teacherMaxGapsPerWeek } from "./teacher-max-gaps-per-week";
import { teacherNotAvailableTimes } from "./teacher-not-available-times";
import { teachersMaxGapsPerWeek } from "./teachers-max-gaps-per-week";
import { teachersMaxHoursDaily } from "./teachers-max-hours-daily";
import { teacherMaxHoursDaily } from "./teacher-max-hours-daily";
import { studentsMaxHoursDaily } from "./students-max-hours-daily";
import { studentsSetMaxHoursDaily } from "./students-set-max-hours-daily";

import { twoActivitiesConsecutive } from "./two-activities-consecutive";
import { activitiesNotOverlapping } from "./activities-not-overlapping";
import { twoActivitiesGrouped } from "./two-activities-grouped";
import { subactivitiesPreferredTimeSlots } from "./subactivities-preferred-time-slots";
import { activitiesSameStartingDay } from "./activities-same-starting-day";
import { minGapsBetweenActivities } from "./min-gaps-between-activities";
import { activitiesSameStartingHour } from "./activities-same-starting-hour";
import { subactivitiesPreferredStartingTimes } from "./subactivities-preferred-starting-times";
import { activitiesEndStudentsDay } from "./activities-end-students-day";
import { activityEndsStudentsDay } from "./activity-ends-students-day";
import { threeActivitiesGrouped } from "./three-activities-grouped";
import { activitiesOccupyMaxTimeSlotsFromSelection } from "./activities-occupy-max-time-slots-from-selection";
import { activitiesMaxSimultaneousInSelectedTimeSlots } from "./activities-max-simultaneous-in-selected-time-slots";
import { twoActivitiesOrdered } from "./two-activities-ordered";
import { maxDaysBetweenActivities } from "./max-days-between-activities";
import { activitiesMinSimultaneousInSelectedTimeSlots } from "./activities-min-simultaneous-in-selected-time-slots";
import { twoActivitiesOrderedIfSameDay } from "./two-activities-ordered-if-same-day";
import { teacherMinHoursDaily } from "./teacher-min-hours-daily";
import { teachersMinHoursDaily } from "./teachers-min-hours-daily";
import { studentsMinHoursDaily } from "./students-min-hours-daily";
import { studentsSetMinHoursDaily } from "./students-set-min-hours-daily";
import { teachersMaxGapsPerDay } from "./teachers-max-gaps-per-day";
import { teacherMaxGapsPerDay } from "./teacher-max-gaps-per-day";
import { studentsSetMaxGapsPerDay } from "./students-set-max-gaps-per-day";
import { studentsMaxGapsPerDay } from "./students-max-gaps-per-day";
import { studentsSetMaxGapsPerWeek } from "./students-set-max-gaps-per-week";
import { studentsEarlyMaxBeginningsAtSecondHour } from "./students-early-max-beginnings-at-second-hour";
import { studentsSetEarlyMaxBeginningsAtSecondHour } from "./students-set-early-max-beginnings-at-second-hour";
import { teachersMaxHoursContinuously } from "./teachers-max-hours-continuously";
import { teacherMaxHoursContinuously } from "./teacher-max-hours-continuously";
import { studentsMaxHoursContinuously } from "./students-max-hours-continuously";
import { teachersMaxDaysPerWeek } from "./teachers-max-days-per-week";
import { teacherMinDaysPerWeek } from "./teacher-min-days-per-week";
import { teachersMinDaysPerWeek } from "./teachers-min-days-per-week";
import { teacherIntervalMaxDaysPerWeek } from "./teacher-interval-max-days-per-week";
import { studentsSetIntervalMaxDaysPerWeek } from "./students-set-interval-max-days-per-week";
import { teachersIntervalMaxDaysPerWeek } from "./teachers-interval-max-days-per-week";
import { studentsIntervalMaxDaysPerWeek } from "./students-interval-max-days-per-week";
import { teachersMaxSpanPerDay } from "./teachers-max-span-per-day";
import { teacherMaxSpanPerDay } from "./teacher-max-span-per-day";
import { studentsMaxSpanPerDay } from "./students-max-span-per-day";
import { teacherMinRestingHours } from "./teacher-min-resting-hours";
import { teachersMinRestingHours } from "./teachers-min-resting-hours";
import { studentsSetMinRestingHours } from "./students-set-min-resting-hours";
import { studentsMinRestingHours } from "./students-min-resting-hours";

import { studentsSetHomeRoom } from "./students-set-home-room";
import { activityPreferredRooms } from "./activity-preferred-rooms";
import { activityTagPreferredRoom } from "./activity-tag-preferred-room";
import { subjectActivityTagPreferredRoom } from "./subject-activity-tag-preferred-room";
import { subjectActivityTagPreferredRooms } from "./subject-activity-tag-preferred-rooms";
import { studentsSetHomeRooms } from "./students-set-home-rooms";
import { activitiesOccupyMaxDifferentRooms } from "./activities-occupy-max-different-rooms";
import { activitiesSameRoomIfConsecutive } from "./activities-same-room-if-consecutive";
import { teacherMaxBuildingChangesPerDay } from "./teacher-max-building-changes-per-day";
import { teachersMaxBuildingChangesPerDay } from "./teachers-max-building-changes-per-day";
import { studentsMaxBuildingChangesPerDay } from "./students-max-building-changes-per-day";
import { teacherMaxBuildingChangesPerWeek } from "./teacher-max-building-changes-per-week";
import { teachersMaxBuildingChangesPerWeek } from "./teachers-max-building-changes-per-week";
import { studentsMaxBuildingChangesPerWeek } from "./students-max-building-changes-per-week";
import { teacherMinGapsBetweenBuildingChanges } from "./teacher-min-gaps-between-building-changes";
import { teachersMinGapsBetweenBuildingChanges } from "./teachers-min-gaps-between-building-changes";
import { studentsMinGapsBetweenBuildingChanges } from "./students-min-gaps-between-building-changes";
import { teachersActivityTagMaxHoursDaily } from "./teachers-activity-tag-max-hours-daily";
import { teachersActivityTagMaxHoursContinuously } from "./teachers-activity-tag-max-hours-continuously";
import { studentsActivityTagMaxHoursContinuously } from "./students-activity-tag-max-hours-continuously";
import { teacherActivityTagMaxHoursDaily } from "./teacher-activity-tag-max-hours-daily";
import { studentsActivityTagMaxHoursDaily } from "./students-activity-tag-max-hours-daily";
import { studentsSetActivityTagMaxHoursDaily } from "./students-set-activity-tag-max-hours-daily";
import { studentsMinGapsBetweenOrderedPairOfActivityTags } from "./students-min-gaps-between-ordered-pair-of-activity-tags";
import { studentsSetMaxHoursContinuously } from "./students-set-max-hours-continuously";
import { studentsSetMaxSpanPerDay } from "./students-set-max-span-per-day";
import { studentsSetMaxDaysPerWeek } from "./students-set-max-days-per-week";
import { studentsMaxDaysPerWeek } from "./students-max-days-per-week";
import { studentsSetMaxBuildingChangesPerDay } from "./students-set-max-building-changes-per-day";
import { studentsSetMaxBuildingChangesPerWeek } from "./students-set-max-building-changes-per-week";
import { studentsSetMinGapsBetweenBuildingChanges } from "./students-set-min-gaps-between-building-changes";
import { teacherActivityTagMaxHoursContinuously } from "./teacher-activity-tag-max-hours-continuously";
import { studentsSetActivityTagMaxHoursContinuously } from "./students-set-activity-tag-max-hours-continuously";
import { teachersMinGapsBetweenOrderedPairOfActivityTags } from "./teachers-min-gaps-between-ordered-pair-of-activity-tags";
import { teacherMinGapsBetweenOrderedPairOfActivityTags } from "./teacher-min-gaps-between-ordered-pair-of-activity-tags";
import { studentsSetMinGapsBetweenOrderedPairOfActivityTags } from "./students-set-min-gaps-between-ordered-pair-of-activity-tags";
import { teacherMaxRoomChangesPerDay } from "./teacher-max-room-changes-per-day";
import { teacherMaxRoomChangesPerWeek } from "./teacher-max-room-changes-per-week";
import { teacherMinGapsBetweenRoomChanges } from "./teacher-min-gaps-between-room-changes";
import { teachersMaxRoomChangesPerDay } from "./teachers-max-room-changes-per-day";
import { teachersMaxRoomChangesPerWeek } from "./teachers-max-room-changes-per-week";
import { teachersMinGapsBetweenRoomChanges } from "./teachers-min-gaps-between-room-changes";
import { studentsMaxRoomChangesPerDay } from "./students-max-room-changes-per-day";
import { studentsMaxRoomChangesPerWeek } from "./students-max-room-changes-per-week";
import { studentsMinGapsBetweenRoomChanges } from "./students-min-gaps-between-room-changes";
import { studentsSetMaxRoomChangesPerDay } from "./students-set-max-room-changes-per-day";
import { studentsSetMaxRoomChangesPerWeek } from "./students-set-max-room-changes-per-week";
import { studentsSetMinGapsBetweenRoomChanges } from "./students-set-min-gaps-between-room-changes";
export type { ConstraintDefinition, CompileContext, Instance } from "./types";

const LIST: ConstraintDefinition[] = [
  basicCompulsoryTime,
  basicCompulsorySpace,
  activityPreferredStartingTimes,
  minDaysBetweenActivities,
  breakTimes,
  teacherNotAvailableTimes,
  studentsSetNotAvailableTimes,
  activitiesSameStartingTime,
  activityPreferredStartingTime,
  activitiesPreferredTimeSlots,
  activityPreferredTimeSlots,
  subjectPreferredRoom,
  activitiesPreferredStartingTimes,
  activityPreferredRoom,
  teacherHomeRoom,
  teacherHomeRooms,
  studentsMaxGapsPerWeek,
  roomNotAvailableTimes,
  subjectPreferredRooms,
  teacherMaxGapsPerWeek,
  activityTagPreferredRooms,
  teachersMaxGapsPerWeek,
  teacherMaxDaysPerWeek,
  // Other engineers: add one line per new type below this comment.
  teachersMaxHoursDaily,
  teacherMaxHoursDaily,
  studentsMaxHoursDaily,
  studentsSetMaxHoursDaily,
  twoActivitiesConsecutive,
  activitiesNotOverlapping,
  twoActivitiesGrouped,
  subactivitiesPreferredTimeSlots,
  activitiesSameStartingDay,
  minGapsBetweenActivities,
  activitiesSameStartingHour,
  subactivitiesPreferredStartingTimes,
  activitiesEndStudentsDay,
  activityEndsStudentsDay,
  threeActivitiesGrouped,
  activitiesOccupyMaxTimeSlotsFromSelection,
  activitiesMaxSimultaneousInSelectedTimeSlots,
  twoActivitiesOrdered,
  maxDaysBetweenActivities,
  activitiesMinSimultaneousInSelectedTimeSlots,
  twoActivitiesOrderedIfSameDay,
  teacherMinHoursDaily,
  teachersMinHoursDaily,
  studentsMinHoursDaily,
  studentsSetMinHoursDaily,
  teachersMaxGapsPerDay,
  teacherMaxGapsPerDay,
  studentsSetMaxGapsPerDay,
  studentsMaxGapsPerDay,
  studentsSetMaxGapsPerWeek,
  studentsEarlyMaxBeginningsAtSecondHour,
  studentsSetEarlyMaxBeginningsAtSecondHour,
  teachersMaxHoursContinuously,
  teacherMaxHoursContinuously,
  studentsMaxHoursContinuously,
  teachersMaxDaysPerWeek,
  teacherMinDaysPerWeek,
  teachersMinDaysPerWeek,
  teacherIntervalMaxDaysPerWeek,
  studentsSetIntervalMaxDaysPerWeek,
  teachersIntervalMaxDaysPerWeek,
  studentsIntervalMaxDaysPerWeek,
  teachersMaxSpanPerDay,
  teacherMaxSpanPerDay,
  studentsMaxSpanPerDay,
  teacherMinRestingHours,
  teachersMinRestingHours,
  studentsSetMinRestingHours,
  studentsMinRestingHours,
  studentsSetHomeRoom,
  activityPreferredRooms,
  activityTagPreferredRoom,
  subjectActivityTagPreferredRoom,
  subjectActivityTagPreferredRooms,
  studentsSetHomeRooms,
  activitiesOccupyMaxDifferentRooms,
  activitiesSameRoomIfConsecutive,
  teacherMaxBuildingChangesPerDay,
  teachersMaxBuildingChangesPerDay,
  studentsMaxBuildingChangesPerDay,
  teacherMaxBuildingChangesPerWeek,
  teachersMaxBuildingChangesPerWeek,
  studentsMaxBuildingChangesPerWeek,
  teacherMinGapsBetweenBuildingChanges,
  teachersMinGapsBetweenBuildingChanges,
  studentsMinGapsBetweenBuildingChanges,
  teachersActivityTagMaxHoursDaily,
  teachersActivityTagMaxHoursContinuously,
  studentsActivityTagMaxHoursContinuously,
  teacherActivityTagMaxHoursDaily,
  studentsActivityTagMaxHoursDaily,
  studentsSetActivityTagMaxHoursDaily,
  studentsMinGapsBetweenOrderedPairOfActivityTags,
  studentsSetMaxHoursContinuously,
  studentsSetMaxSpanPerDay,
  studentsSetMaxDaysPerWeek,
  studentsMaxDaysPerWeek,
  studentsSetMaxBuildingChangesPerDay,
  studentsSetMaxBuildingChangesPerWeek,
  studentsSetMinGapsBetweenBuildingChanges,
  teacherActivityTagMaxHoursContinuously,
  studentsSetActivityTagMaxHoursContinuously,
  teachersMinGapsBetweenOrderedPairOfActivityTags,
  teacherMinGapsBetweenOrderedPairOfActivityTags,
  studentsSetMinGapsBetweenOrderedPairOfActivityTags,
  teacherMaxRoomChangesPerDay,
  teacherMaxRoomChangesPerWeek,
  teacherMinGapsBetweenRoomChanges,
  teachersMaxRoomChangesPerDay,
  teachersMaxRoomChangesPerWeek,
  teachersMinGapsBetweenRoomChanges,
  studentsMaxRoomChangesPerDay,
  studentsMaxRoomChangesPerWeek,
  studentsMinGapsBetweenRoomChanges,
  studentsSetMaxRoomChangesPerDay,
  studentsSetMaxRoomChangesPerWeek,
  studentsSetMinGapsBetweenRoomChanges,
];

export const CONSTRAINTS: Record<string, ConstraintDefinition> = Object.fromEntries(LIST.map((d) => [d.type, d]));
