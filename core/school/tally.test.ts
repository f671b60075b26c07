import { describe, expect, it } from "vitest";
import { BUILDING_UNIT, buildingAt, buildingChanges, shortBuildingChanges } from "./constraints/buildings";
import { closeOrderedPairs, longTaggedRuns, SECOND_TAG, taggedHours } from "./constraints/tag-hours";
import { buildingWeek, WEEK } from "./test/buildings";
import { constraint } from "./test/fet";
import { boardDisagreementsWithRooms, ours } from "./test/rooms";

describe("tally shape (tally.ts)", () => {
  it("instances sharing a resource and a count share one tally, and the Board still agrees with evaluate", () => {
    // four building constraints on T1 / Y1 (one tally group each) plus tag constraints on the same resources
    const spec = buildingWeek([
      { type: "ConstraintTeacherMaxBuildingChangesPerDay", weight: 100, fields: "\t<Teacher>T1</Teacher>\n\t<Max_Building_Changes_Per_Day>0</Max_Building_Changes_Per_Day>" },
      { type: "ConstraintTeachersMaxBuildingChangesPerWeek", weight: 100, fields: "\t<Max_Building_Changes_Per_Week>1</Max_Building_Changes_Per_Week>" },
      { type: "ConstraintTeacherMinGapsBetweenBuildingChanges", weight: 100, fields: "\t<Teacher>T1</Teacher>\n\t<Min_Gaps_Between_Building_Changes>2</Min_Gaps_Between_Building_Changes>" },
      { type: "ConstraintStudentsMaxBuildingChangesPerDay", weight: 100, fields: "\t<Max_Building_Changes_Per_Day>1</Max_Building_Changes_Per_Day>" },
    ]);
    spec.tags = ["A"];
    spec.activities = spec.activities.map((a) => (a.id % 2 ? { ...a, tags: ["A"] } : a));
    spec.time = [
      constraint("ConstraintTeachersActivityTagMaxHoursDaily", 60, "\t<Activity_Tag_Name>A</Activity_Tag_Name>\n\t<Maximum_Hours_Daily>1</Maximum_Hours_Daily>"),
      constraint("ConstraintTeachersActivityTagMaxHoursContinuously", 100, "\t<Activity_Tag_Name>A</Activity_Tag_Name>\n\t<Maximum_Hours_Continuously>1</Maximum_Hours_Continuously>"),
    ];
    const v = ours(spec, WEEK);
    expect(v.problem.tallies.length).toBeGreaterThan(6);
    expect(v.violations("ConstraintTeacherMaxBuildingChangesPerDay")).toBe(3);
    expect(v.violations("ConstraintTeachersMaxBuildingChangesPerWeek")).toBe(2); // T1: 3 - 1; T2: 1 - 1
    expect(boardDisagreementsWithRooms(v.problem, 600, 21)).toBe(0);
  });

  it("an hour with clashing activities has no building; changes skip hours without one", () => {
    const t = new Int32Array(6);
    t[0] = 1 + 1 * BUILDING_UNIT; // one activity in building 0
    t[1] = 2 + 3 * BUILDING_UNIT; // two activities (buildings 0 and 1): a clash, no building
    t[3] = 1 + 2 * BUILDING_UNIT; // building 1
    t[5] = 1; // an activity without a room
    expect([buildingAt(t, 0), buildingAt(t, 1), buildingAt(t, 2), buildingAt(t, 3), buildingAt(t, 5)]).toEqual([0, -1, -1, 1, -1]);
    expect(buildingChanges(t, 0, 6)).toBe(1);
    expect(shortBuildingChanges(t, 0, 6, 2)).toBe(0); // hours 1 and 2 have no building: two gaps
    expect(shortBuildingChanges(t, 0, 6, 3)).toBe(1);
  });

  it("tag tallies: hours, runs and ordered pairs", () => {
    const t = Int32Array.from([1, 1, 0, 1, SECOND_TAG, 1 + SECOND_TAG]);
    expect(taggedHours(t, 0, 6)).toBe(5);
    expect(longTaggedRuns(t, 0, 6, 2)).toBe(1); // 1,1 | 1,B,AB → the second run has 3 tagged hours
    expect(closeOrderedPairs(t, 0, 6, 0)).toBe(1); // only the activity with both tags
    expect(closeOrderedPairs(t, 0, 6, 1)).toBe(2);
  });
});
