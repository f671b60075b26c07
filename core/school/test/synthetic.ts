/** A synthetic, feasible school (hand-made generator, not FET data) for solver tests. */
import { constraint, times, type TinySchool } from "./fet";

/**
 * `classes` classes × `perClass` one-hour lessons over 5 days × 7 hours, taught by `teachers`
 * teachers (lesson i of class c by teacher (c + i) mod teachers), split lessons of each subject
 * spread with 100% min-days, a few not-available slots, one break gap limits (FET accepts max gaps only at 100%) and a soft preference.
 */
export function syntheticSchool(classes = 6, perClass = 24, teachers = 8): TinySchool {
  const days = ["Mo", "Tu", "We", "Th", "Fr"];
  const hours = ["1", "2", "3", "4", "5", "6", "7"];
  const tNames = Array.from({ length: teachers }, (_, i) => `T${i}`);
  const years = Array.from({ length: classes }, (_, c) => ({ name: `C${c}` }));
  const activities = [];
  const time: string[] = [];
  let id = 1;
  for (let c = 0; c < classes; c++) {
    for (let i = 0; i < perClass; i += 3) {
      const group = id;
      const ids: number[] = [];
      for (let k = 0; k < 3; k++) {
        activities.push({ id, teachers: [tNames[(c + i / 3) % teachers]], students: [`C${c}`], subject: "Math", groupId: group });
        ids.push(id++);
      }
      time.push(
        constraint(
          "ConstraintMinDaysBetweenActivities",
          100,
          `\t<Consecutive_If_Same_Day>true</Consecutive_If_Same_Day>\n\t<Number_of_Activities>3</Number_of_Activities>\n${ids.map((x) => `\t<Activity_Id>${x}</Activity_Id>`).join("\n")}\n\t<MinDays>1</MinDays>`,
        ),
      );
    }
  }
  time.push(constraint("ConstraintBreakTimes", 100, `\t<Number_of_Break_Times>1</Number_of_Break_Times>\n${times("Break_Time", [["We", "7"]])}`));
  time.push(
    constraint(
      "ConstraintTeacherNotAvailableTimes",
      100,
      `\t<Teacher>T0</Teacher>\n\t<Number_of_Not_Available_Times>2</Number_of_Not_Available_Times>\n${times("Not_Available_Time", [
        ["Mo", "1"],
        ["Mo", "2"],
      ])}`,
    ),
  );
  time.push(constraint("ConstraintStudentsMaxGapsPerWeek", 100, "\t<Max_Gaps>3</Max_Gaps>"));
  time.push(constraint("ConstraintTeachersMaxGapsPerWeek", 100, "\t<Max_Gaps>6</Max_Gaps>"));
  time.push(
    constraint(
      "ConstraintActivitiesPreferredTimeSlots",
      80,
      `\t<Teacher_Name></Teacher_Name>\n\t<Students_Name>C0</Students_Name>\n\t<Subject_Name></Subject_Name>\n\t<Activity_Tag_Name></Activity_Tag_Name>\n\t<Duration></Duration>\n\t<Number_of_Preferred_Time_Slots>10</Number_of_Preferred_Time_Slots>\n${times(
        "Preferred_Time_Slot",
        days.flatMap(
          (d) =>
            [
              [d, "1"],
              [d, "2"],
            ] as [string, string][],
        ),
        "Preferred_Day",
        "Preferred_Hour",
      )}`,
    ),
  );
  return { days, hours, teachers: tNames, subjects: ["Math"], years, activities, time };
}
