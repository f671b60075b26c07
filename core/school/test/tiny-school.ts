/**
 * A tiny hand-written school (not FET data) for platform tests in core and in workerd: 3 days ×
 * 4 hours, two teachers, a year with a group of two subgroups and a year without groups, two rooms,
 * seven activities (one double lesson, one split lesson of three) and constraints the solver can
 * all satisfy: a teacher's unavailable hours, a preferred room, min days between the split lesson
 * (100%) and a soft 90% preferred start for activity 7.
 */
import { constraint, fetText, times } from "./fet";

export const TINY_SCHOOL = {
  days: ["Mon", "Tue", "Wed"],
  hours: ["08:00", "09:00", "10:00", "11:00"],
  teachers: ["Ann", "Bob"],
  subjects: ["Math", "Art", "Music"],
  years: [{ name: "Y1", groups: [{ name: "Y1 G1", subgroups: ["Y1 G1 a", "Y1 G1 b"] }] }, { name: "Y2" }],
  rooms: [
    { name: "Lab", capacity: 30 },
    { name: "Hall", capacity: 60 },
  ],
  activities: [
    { id: 1, teachers: ["Ann"], subject: "Math", students: ["Y1"], groupId: 1 },
    { id: 2, teachers: ["Ann"], subject: "Math", students: ["Y1"], groupId: 1 },
    { id: 3, teachers: ["Ann"], subject: "Math", students: ["Y1"], groupId: 1 },
    { id: 4, teachers: ["Bob"], subject: "Art", students: ["Y1 G1 a"], duration: 2 },
    { id: 5, teachers: ["Bob"], subject: "Art", students: ["Y1 G1 b"] },
    { id: 6, teachers: ["Ann", "Bob"], subject: "Music", students: ["Y2"] },
    { id: 7, teachers: ["Bob"], subject: "Math", students: ["Y2"] },
    { id: 8, teachers: ["Bob"], subject: "Music", students: ["Y2"], active: false },
  ],
  time: [
    constraint(
      "ConstraintTeacherNotAvailableTimes",
      100,
      `\t<Teacher>Ann</Teacher>\n\t<Number_of_Not_Available_Times>1</Number_of_Not_Available_Times>\n${times("Not_Available_Time", [["Mon", "08:00"]])}`,
    ),
    constraint(
      "ConstraintMinDaysBetweenActivities",
      100,
      "\t<Consecutive_If_Same_Day>true</Consecutive_If_Same_Day>\n\t<Number_of_Activities>3</Number_of_Activities>\n\t<Activity_Id>1</Activity_Id>\n\t<Activity_Id>2</Activity_Id>\n\t<Activity_Id>3</Activity_Id>\n\t<MinDays>1</MinDays>",
    ),
    constraint(
      "ConstraintActivityPreferredStartingTime",
      90,
      "\t<Activity_Id>7</Activity_Id>\n\t<Preferred_Day>Tue</Preferred_Day>\n\t<Preferred_Hour>09:00</Preferred_Hour>\n\t<Permanently_Locked>false</Permanently_Locked>",
    ),
    constraint("ConstraintTeacherMaxGapsPerWeek", 100, "\t<Teacher_Name>Bob</Teacher_Name>\n\t<Max_Gaps>0</Max_Gaps>", false),
  ],
  space: [constraint("ConstraintActivityPreferredRoom", 100, "\t<Activity_Id>4</Activity_Id>\n\t<Room>Lab</Room>\n\t<Permanently_Locked>false</Permanently_Locked>")],
};

/** The tiny school as a `.fet` text. */
export const TINY_SCHOOL_FET = fetText(TINY_SCHOOL);
