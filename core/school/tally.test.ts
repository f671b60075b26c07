import { describe, expect, it } from "vitest";
import { BUILDING_UNIT, buildingAt, buildingChanges, shortBuildingChanges } from "./constraints/buildings";
import { closeOrderedPairs, longTaggedRuns, SECOND_TAG, taggedHours } from "./constraints/tag-hours";
import { Board } from "./board";
import { tallyOf, tallyViolations } from "./tally";
import { buildingWeek, WEEK } from "./test/buildings";
import { constraint } from "./test/fet";
import { studentsNotAvailable } from "./test/locked";
import { boardDisagreementsWithRooms, ours, type RoomSpec } from "./test/rooms";

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

describe("tally groups shared by resources with the same tagged activities (tally.ts)", () => {
  // S3 and S4 take the same tagged activities (S4's own one is untagged) and have the same blocked
  // hours, so their hard tag tallies are one; S1 has more tagged activities, S2 only a not-available hour.
  const subgroups = ["S1", "S2", "S3", "S4"];
  const spec: RoomSpec = {
    days: 3,
    hours: 6,
    tags: ["A", "B"],
    years: [{ name: "Y1", groups: [{ name: "G1", subgroups }] }],
    activities: [
      { id: 1, teachers: ["T1"], students: ["G1"], tags: ["A"] },
      { id: 2, teachers: ["T1"], students: ["G1"], tags: ["B"] },
      { id: 3, teachers: ["T2"], students: ["G1"], tags: ["A", "B"] },
      { id: 4, teachers: ["T2"], students: ["G1"], tags: ["B"], duration: 2 },
      { id: 5, teachers: ["T1"], students: ["S1"], tags: ["A"] },
      { id: 6, teachers: ["T2"], students: ["S4"] },
      { id: 7, teachers: ["T1"], students: ["S1"], tags: ["B"] },
      { id: 8, teachers: ["T2"], students: ["G1"], tags: ["A"] },
    ],
    time: [
      constraint(
        "ConstraintStudentsMinGapsBetweenOrderedPairOfActivityTags",
        100,
        "\t<First_Activity_Tag>A</First_Activity_Tag>\n\t<Second_Activity_Tag>B</Second_Activity_Tag>\n\t<MinGaps>1</MinGaps>",
      ),
      constraint(
        "ConstraintStudentsSetMinGapsBetweenOrderedPairOfActivityTags",
        100,
        "\t<Students>G1</Students>\n\t<First_Activity_Tag>A</First_Activity_Tag>\n\t<Second_Activity_Tag>B</Second_Activity_Tag>\n\t<MinGaps>2</MinGaps>",
      ),
      constraint("ConstraintStudentsActivityTagMaxHoursContinuously", 100, "\t<Activity_Tag>A</Activity_Tag>\n\t<Maximum_Hours_Continuously>1</Maximum_Hours_Continuously>"),
      constraint("ConstraintStudentsActivityTagMaxHoursDaily", 70, "\t<Activity_Tag>B</Activity_Tag>\n\t<Maximum_Hours_Daily>1</Maximum_Hours_Daily>"),
      studentsNotAvailable("S2", [[1, 2]]),
    ],
  };

  it("keeps one tally for the twins and still gives every instance its from-scratch tally and violations on random moves", () => {
    const { problem } = ours(spec, {});
    const n = problem.tallies.length;
    expect(n).toBe(4 * 4); // four constraints, each on the four subgroups
    const board = new Board(problem);
    // per constraint: S1, S2 and S3 = S4 → 3 tallies for the two ordered-pair ones (same count) and for
    // max hours continuously, 4 for the soft max hours daily (soft instances are never shared)
    expect(board.tallies.groups).toBe(3 + 3 + 4);
    let x = 5;
    const rnd = () => {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      return x / 4294967296;
    };
    let checked = 0;
    let violated = 0;
    for (let step = 0; step < 500; step++) {
      const a = Math.floor(rnd() * problem.nActivities);
      board.unplace(a);
      if (rnd() < 0.85) {
        const starts: number[] = [];
        for (let s = 0; s < problem.nSlots; s++) if (problem.fits[a * problem.nSlots + s]) starts.push(s);
        board.place(a, starts[Math.floor(rnd() * starts.length)], -1);
      }
      const t = { start: board.start, room: board.room };
      for (let i = 0; i < n; i++) {
        expect(board.tallies.viol[i], `instance ${i} after step ${step}`).toBe(tallyViolations(problem, problem.tallies[i], t));
        expect(Array.from(board.tallies.tallyOf(i)), `tally of instance ${i} after step ${step}`).toEqual(Array.from(tallyOf(problem, problem.tallies[i], t)));
        checked++;
        if (board.tallies.viol[i] > 0) violated++;
      }
    }
    expect(checked).toBe(500 * n);
    expect(violated).toBeGreaterThan(500); // the moves do break the constraints, so the check compares non-zero counts
    expect(boardDisagreementsWithRooms(problem, 300, 9)).toBe(0);
  });
});
