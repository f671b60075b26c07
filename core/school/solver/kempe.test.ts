/**
 * Kempe chains (kempe.ts) in the min-conflicts search: the chain follows the lessons in the way
 * through teachers and classes, alternating direction, is abandoned when a member may not go where
 * it would have to, and solves a clash that neither a lone move nor a one-level swap solves.
 */
import { describe, expect, it } from "vitest";
import { schoolSolver } from "../index";
import { compileFet } from "../problem";
import { fetText } from "../test/fet";
import { applyChain, buildChain, chainTo, chainUnit, undoChain } from "./kempe";
import { minConflictsStep, startMinConflicts } from "./min-conflicts";

const locked = (id: number, day: string, hour: string) =>
  `<ConstraintActivityPreferredStartingTime>\n\t<Weight_Percentage>100</Weight_Percentage>\n\t<Activity_Id>${id}</Activity_Id>\n\t<Preferred_Day>${day}</Preferred_Day>\n\t<Preferred_Hour>${hour}</Preferred_Hour>\n\t<Permanently_Locked>true</Permanently_Locked>\n\t<Active>true</Active>\n\t<Comments></Comments>\n</ConstraintActivityPreferredStartingTime>`;

/**
 * One day of two hours; Y1 and Y3 have a full day. Lesson 1 (T1, Y1) at h2 clashes with lesson 3
 * (T1, Y2, locked at h2). Moving lesson 1 to h1 clashes with lesson 2 (T2, Y1); swapping 1 and 2 puts
 * T2 twice at h2 (lesson 4, T2, Y3); only the chain 1 → h1, 2 → h2, 4 → h1, 5 (T3, Y3) → h2 clears all.
 */
function chainSchool(extra: string[] = []) {
  return compileFet(
    fetText({
      days: ["Mon"],
      hours: ["h1", "h2"],
      teachers: ["T1", "T2", "T3"],
      years: [{ name: "Y1" }, { name: "Y2" }, { name: "Y3" }],
      activities: [
        { id: 1, teachers: ["T1"], students: ["Y1"] },
        { id: 2, teachers: ["T2"], students: ["Y1"] },
        { id: 3, teachers: ["T1"], students: ["Y2"] },
        { id: 4, teachers: ["T2"], students: ["Y3"] },
        { id: 5, teachers: ["T3"], students: ["Y3"] },
      ],
      time: [locked(3, "Mon", "h2"), ...extra],
    }),
  );
}

function stateAt(p: ReturnType<typeof chainSchool>, params: Record<string, number> = {}) {
  const st = schoolSolver.init(p, schoolSolver.parameters(params, p), 1, { maxEvaluations: 10_000 });
  const ids = [1, 2, 3, 4, 5].map((id) => p.actId.indexOf(id));
  const start = new Int32Array(5);
  // lessons 1..5 at h2, h1, h2, h2, h1
  [1, 0, 1, 1, 0].forEach((s, i) => {
    start[ids[i]] = s;
  });
  schoolSolver.warmStart!(st, { start, room: new Int32Array(5).fill(-1) });
  return { st, ids };
}

describe("Kempe chains", () => {
  it("follow the lessons in the way through classes and teachers, alternating direction, and clear the clash", () => {
    const p = chainSchool();
    const { st, ids } = stateAt(p);
    expect(st.board.hard).toBe(1);
    const u1 = st.units.unitOf[ids[0]];
    const n = buildChain(st, u1, 0);
    expect(n).toBe(4);
    const moved = new Map<number, number>();
    for (let i = 0; i < n; i++) moved.set(st.units.members[st.units.memberStart[chainUnit(st, i)]], chainTo(st, i));
    expect(moved).toEqual(
      new Map([
        [ids[0], 0],
        [ids[1], 1],
        [ids[3], 0],
        [ids[4], 1],
      ]),
    );
    applyChain(st);
    expect(st.board.hard).toBe(0);
    undoChain(st);
    expect(st.board.hard).toBe(1);
    expect([...ids].map((a) => st.board.start[a])).toEqual([1, 0, 1, 1, 0]);
  });

  it("is abandoned when a lesson in it may not go where it would have to", () => {
    const p = chainSchool([locked(5, "Mon", "h1")]);
    const { st, ids } = stateAt(p);
    expect(buildChain(st, st.units.unitOf[ids[0]], 0)).toBe(0);
  });

  it("lets the min-conflicts search solve in one step what a move or a one-level swap cannot", () => {
    for (const kempeLength of [24, 0]) {
      const p = chainSchool();
      // recursive swapping (ejection.ts, its own tests) off: it would solve this too
      const { st, ids } = stateAt(p, { kempeLength, localAfter: 1, ejectDepth: 0 });
      startMinConflicts(st);
      // lesson 3 is locked: the steps that pick it change nothing; stop after the first that moves lesson 1
      for (let i = 0; i < 20 && st.board.start[ids[0]] === 1; i++) {
        minConflictsStep(st);
        st.iteration++;
      }
      expect(st.board.start[ids[0]]).toBe(0);
      if (kempeLength > 0) {
        expect(st.board.hard).toBe(0);
        expect([...ids].map((a) => st.board.start[a])).toEqual([0, 1, 1, 0, 1]);
      } else expect(st.board.hard).toBe(1);
    }
  });
});
