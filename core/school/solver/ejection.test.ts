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
import { runInChunks } from "../test/chunked";
import { syntheticSchool } from "../test/synthetic";
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

/**
 * Three days of three hours; T1 works on at most one day (100%). Lesson 1 (T1, Y1) on Mon h1 clashes with lesson
 * 2 (T2, Y1, locked there) and may start only there or Tue h1; T1's other lessons, 3 (Y2, Tue h2 or Wed h1) and,
 * with `two`, 4 (Y3, Tue h3 or Wed h2), are on Wed. Lesson 1 on Tue makes T1 work two days.
 */
const maxDaysSchool = (two: boolean) =>
  compileFet(
    fetText({
      days: ["Mon", "Tue", "Wed"],
      hours: ["h1", "h2", "h3"],
      years: [{ name: "Y1" }, { name: "Y2" }, { name: "Y3" }],
      activities: [
        { id: 1, teachers: ["T1"], students: ["Y1"] },
        { id: 2, teachers: ["T2"], students: ["Y1"] },
        { id: 3, teachers: ["T1"], students: ["Y2"] },
        ...(two ? [{ id: 4, teachers: ["T1"], students: ["Y3"] }] : []),
      ],
      time: [
        locked(2, "Mon", "h1"),
        startsAt(1, [
          ["Mon", "h1"],
          ["Tue", "h1"],
        ]),
        startsAt(3, [
          ["Tue", "h2"],
          ["Wed", "h1"],
        ]),
        ...(two
          ? [
              startsAt(4, [
                ["Tue", "h3"],
                ["Wed", "h2"],
              ]),
            ]
          : []),
        constraint("ConstraintTeacherMaxDaysPerWeek", 100, "\t<Teacher_Name>T1</Teacher_Name>\n\t<Max_Days_Per_Week>1</Max_Days_Per_Week>"),
      ],
    }),
  );

/** A state of `p` with lessons 1, 2, 3 (, 4 …) at the given slots. */
function stateAt(p: SchoolProblem, slots: number[], params: Record<string, number | boolean> = {}) {
  const st = schoolSolver.init(p, schoolSolver.parameters(params, p), 1, { maxEvaluations: 10_000 });
  const ids = slots.map((_, i) => p.actId.indexOf(i + 1));
  const start = new Int32Array(slots.length);
  slots.forEach((s, i) => {
    start[ids[i]] = s;
  });
  schoolSolver.warmStart!(st, { start, room: new Int32Array(slots.length).fill(-1) });
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

  it("with ejectWeeks takes out the lesson a broken max days per week needs moved, and places it again", () => {
    const p = maxDaysSchool(false);
    // Mon h1 = 0, Tue h1 = 3, Tue h2 = 4, Wed h1 = 6: a clash and T1 on two days
    const run = (ejectWeeks: boolean) => {
      const { st, ids, u1 } = stateAt(p, [0, 0, 6], { ejectWeeks });
      expect(st.board.hard).toBe(2);
      expect(ejectionMove(st, u1)).toBe(true);
      matchesEvaluator(p, st);
      return { hard: st.board.hard, starts: ids.map((a) => st.board.start[a]) };
    };
    expect(run(true)).toEqual({ hard: 0, starts: [3, 0, 4] });
    // without it the clash goes, T1's second day stays
    expect(run(false)).toEqual({ hard: 1, starts: [3, 0, 6] });
  });

  it("with ejectWeeks takes out all of a teacher's lessons of another day when no single one lowers max days per week", () => {
    const p = maxDaysSchool(true);
    const { st, ids, u1 } = stateAt(p, [0, 0, 6, 7], { ejectWeeks: true });
    expect(st.board.hard).toBe(2);
    expect(ejectionMove(st, u1)).toBe(true);
    expect(ids.map((a) => st.board.start[a])).toEqual([3, 0, 4, 5]);
    expect(st.board.hard).toBe(0);
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

  it("with ejectAtBest and ejectShare only at the steps they allow", () => {
    const p = clashSchool;
    // the first step that moves lesson 1, from a state changed by `prepare`; whether recursive swapping ran
    type St = ReturnType<typeof stateAt>["st"];
    const firstMove = (params: Record<string, number | boolean>, prepare: (st: St) => void = () => {}, afterStart: (st: St) => void = () => {}) => {
      const { st, ids } = stateAt(p, [0, 0, 1], { kempeLength: 0, localLength: 1000, ejectDepth: 2, ejectRate: 1, ...params });
      prepare(st);
      const spent = st.ejectEvaluations;
      startMinConflicts(st);
      afterStart(st);
      for (let i = 0; i < 20 && st.board.start[ids[0]] === 0; i++) {
        minConflictsStep(st);
        st.iteration++;
      }
      return { hard: st.board.hard, ran: st.ejectEvaluations > spent };
    };
    // the stalled step is at the run's best count (1) and nothing was spent yet: it runs
    expect(firstMove({ ejectAtBest: true, ejectShare: 0.01 })).toEqual({ hard: 0, ran: true });
    // already spent more than the share of the run's evaluations: it does not (the plain move leaves hard 1)
    expect(
      firstMove({ ejectShare: 0.01 }, (st) => {
        st.ejectEvaluations = 1_000_000;
      }),
    ).toEqual({ hard: 1, ran: false });
    // with ejectAtBest, not above the run's best count (as if the run had been at hard 0 before)
    const notAtBest = (st: St) => {
      st.localBest = 0;
    };
    expect(firstMove({ ejectAtBest: true }, undefined, notAtBest)).toEqual({ hard: 1, ran: false });
    expect(firstMove({ ejectAtBest: false }, undefined, notAtBest)).toEqual({ hard: 0, ran: true });
  });

  it("switched on with its limits, chunked runs equal the straight run (its evaluations are in the checkpoint)", () => {
    // a tight synthetic school (33 lessons of 34 hours per class) whose min-conflicts runs stall without Kempe chains
    const p = compileFet(fetText(syntheticSchool(6, 33, 8)));
    const params = schoolSolver.parameters({ localAfter: 3, localLength: 30, segmentMoves: 5000, kempeLength: 0, ejectRate: 0.5, ejectAtBest: true, ejectShare: 0.3, ejectWeeks: true }, p);
    const max = 120_000;
    const straight = schoolSolver.init(p, params, 5, { maxEvaluations: max });
    schoolSolver.step(straight, { evaluations: Infinity });
    const ref = schoolSolver.best(straight);
    expect(ref.hard).toBe(0);
    expect(straight.ejectEvaluations).toBeGreaterThan(0);
    for (const chunk of [777, 4_321]) {
      const s = runInChunks(p, params, 5, max, chunk);
      const got = schoolSolver.best(s);
      expect([s.evaluations, s.ejectEvaluations]).toEqual([straight.evaluations, straight.ejectEvaluations]);
      expect([got.hard, got.soft]).toEqual([ref.hard, ref.soft]);
      expect([...got.solution.start]).toEqual([...ref.solution.start]);
    }
  }, 60_000);
});
