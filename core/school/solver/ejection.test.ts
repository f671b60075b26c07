/**
 * Recursive swapping (ejection.ts) in the min-conflicts search: the unit goes where it breaks least,
 * what is in its way (a clash, or a partner in a hard relation it breaks) is placed again the same
 * way; a move that does not lower the hard count leaves the Board exactly as it was.
 */
import { describe, expect, it } from "vitest";
import { evaluateSchool } from "../evaluate";
import { schoolSolver } from "../index";
import { compileFet, SOFT_SCALE, type SchoolProblem } from "../problem";
import { constraint, fetText, times } from "../test/fet";
import { ejectionMove } from "./ejection";
import { minConflictsStep, startMinConflicts } from "./min-conflicts";

const locked = (id: number, day: string, hour: string) =>
  `<ConstraintActivityPreferredStartingTime>\n\t<Weight_Percentage>100</Weight_Percentage>\n\t<Activity_Id>${id}</Activity_Id>\n\t<Preferred_Day>${day}</Preferred_Day>\n\t<Preferred_Hour>${hour}</Preferred_Hour>\n\t<Permanently_Locked>true</Permanently_Locked>\n\t<Active>true</Active>\n\t<Comments></Comments>\n</ConstraintActivityPreferredStartingTime>`;

const startsAt = (id: number, pairs: [string, string][]) =>
  constraint(
    "ConstraintActivityPreferredStartingTimes",
    100,
    `\t<Activity_Id>${id}</Activity_Id>\n\t<Number_of_Preferred_Starting_Times>${pairs.length}</Number_of_Preferred_Starting_Times>\n${times("Preferred_Starting_Time", pairs, "Preferred_Starting_Day", "Preferred_Starting_Hour")}`,
  );

/**
 * One day of three hours. Lesson 1 (T1, Y1) at h1 clashes with lesson 2 (T2, Y1, locked at h1); lesson 1 may
 * start only at h1 or h2, and at h2 T1 teaches lesson 3 (T1, Y2), which may start at h2 or h3.
 */
const clashSchool = compileFet(
  fetText({
    days: ["Mon"],
    hours: ["h1", "h2", "h3"],
    activities: [
      { id: 1, teachers: ["T1"], students: ["Y1"] },
      { id: 2, teachers: ["T2"], students: ["Y1"] },
      { id: 3, teachers: ["T1"], students: ["Y2"] },
    ],
    time: [
      locked(2, "Mon", "h1"),
      startsAt(1, [
        ["Mon", "h1"],
        ["Mon", "h2"],
      ]),
      startsAt(3, [
        ["Mon", "h2"],
        ["Mon", "h3"],
      ]),
    ],
  }),
);

/**
 * Two days of one hour. Lesson 1 (T1, Y1) on Mon clashes with lesson 2 (T2, Y1, locked on Mon); on Tue it would
 * share the day with lesson 3 (T3, Y2), and lessons 1 and 3 must be a day apart (100%).
 */
const minDaysSchool = compileFet(
  fetText({
    days: ["Mon", "Tue"],
    hours: ["h1"],
    teachers: ["T1", "T2", "T3"],
    activities: [
      { id: 1, teachers: ["T1"], students: ["Y1"] },
      { id: 2, teachers: ["T2"], students: ["Y1"] },
      { id: 3, teachers: ["T3"], students: ["Y2"] },
    ],
    time: [
      locked(2, "Mon", "h1"),
      constraint(
        "ConstraintMinDaysBetweenActivities",
        100,
        "\t<Consecutive_If_Same_Day>false</Consecutive_If_Same_Day>\n\t<Number_of_Activities>2</Number_of_Activities>\n\t<Activity_Id>1</Activity_Id>\n\t<Activity_Id>3</Activity_Id>\n\t<MinDays>1</MinDays>",
      ),
    ],
  }),
);

/** A state of `p` with lessons 1, 2, 3 at the given slots. */
function stateAt(p: SchoolProblem, slots: number[], params: Record<string, number> = {}) {
  const st = schoolSolver.init(p, schoolSolver.parameters(params, p), 1, { maxEvaluations: 10_000 });
  const ids = [1, 2, 3].map((id) => p.actId.indexOf(id));
  const start = new Int32Array(3);
  slots.forEach((s, i) => {
    start[ids[i]] = s;
  });
  schoolSolver.warmStart!(st, { start, room: new Int32Array(3).fill(-1) });
  return { st, ids, u1: st.units.unitOf[ids[0]] };
}

const matchesEvaluator = (p: SchoolProblem, st: ReturnType<typeof stateAt>["st"]) => {
  const e = evaluateSchool(p, { start: st.board.start, room: st.board.room });
  expect([st.board.hard, st.board.soft / SOFT_SCALE]).toEqual([e.hard, e.soft]);
};

describe("recursive swapping (ejection)", () => {
  it("moves a lesson into a teacher's busy hour and places the lesson it takes out again", () => {
    const p = clashSchool;
    const { st, ids, u1 } = stateAt(p, [0, 0, 1]);
    expect(st.board.hard).toBe(1);
    expect(ejectionMove(st, u1)).toBe(true);
    expect([st.board.start[ids[0]], st.board.start[ids[1]], st.board.start[ids[2]]]).toEqual([1, 0, 2]);
    expect(st.board.hard).toBe(0);
    matchesEvaluator(p, st);
  });

  it("takes out the partner of a hard relation the lesson would break (min days) and places it again", () => {
    const p = minDaysSchool;
    const { st, ids, u1 } = stateAt(p, [0, 0, 1]);
    expect(st.board.hard).toBe(1);
    expect(ejectionMove(st, u1)).toBe(true);
    expect([st.board.start[ids[0]], st.board.start[ids[1]], st.board.start[ids[2]]]).toEqual([1, 0, 0]);
    expect(st.board.hard).toBe(0);
    matchesEvaluator(p, st);
  });

  it("leaves the Board exactly as it was when it does not lower the hard count (no level left to place lesson 3 again)", () => {
    const p = clashSchool;
    const { st, u1 } = stateAt(p, [0, 0, 1], { ejectDepth: 0 });
    const before = { start: [...st.board.start], hard: st.board.hard, soft: st.board.soft, resDay: [...st.board.resDay], setViol: [...st.board.setViol] };
    const evaluations = st.evaluations;
    expect(ejectionMove(st, u1)).toBe(false);
    expect({ start: [...st.board.start], hard: st.board.hard, soft: st.board.soft, resDay: [...st.board.resDay], setViol: [...st.board.setViol] }).toEqual(before);
    expect(st.evaluations).toBeGreaterThan(evaluations);
    matchesEvaluator(p, st);
  });

  it("is what the min-conflicts step does when no move, swap or chain lowers the count, with ejectDepth > 0 and ejectRate", () => {
    const p = clashSchool;
    // the first step that moves lesson 1 (steps that pick lesson 2, locked, change nothing)
    const firstMove = (params: Record<string, number>) => {
      const { st, ids } = stateAt(p, [0, 0, 1], { kempeLength: 0, localLength: 1000, ...params });
      startMinConflicts(st);
      for (let i = 0; i < 20 && st.board.start[ids[0]] === 0; i++) {
        minConflictsStep(st);
        st.iteration++;
      }
      matchesEvaluator(p, st);
      return { hard: st.board.hard, starts: ids.map((a) => st.board.start[a]) };
    };
    // lesson 1 goes to h2 and lesson 3, in its way there, to h3 in the same step
    expect(firstMove({ ejectDepth: 2, ejectRate: 1 })).toEqual({ hard: 0, starts: [1, 0, 2] });
    // without it lesson 1's only move (h2) clashes with lesson 3, and the swap does not apply (lesson 3 may not start at h1)
    expect(firstMove({ ejectDepth: 0, ejectRate: 1 })).toEqual({ hard: 1, starts: [1, 0, 1] });
    expect(firstMove({ ejectDepth: 2, ejectRate: 0 })).toEqual({ hard: 1, starts: [1, 0, 1] });
  });
});
