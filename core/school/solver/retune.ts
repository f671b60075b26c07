/**
 * Forks of school jobs (Solver.retune / Solver.rescore, core/engine/contract.ts): a child job
 * restores the parent's checkpoint against its own problem and continues.
 *
 *  - `retuneSchool`: new numeric parameters (read afresh every iteration: temperatures, rates) and
 *    a new total evaluation limit; `done` follows the limit (engine.ts `isDone`).
 *  - `rescoreSchool`: the child's problem may weigh soft constraints differently (core/school/
 *    reweigh.ts changes only weights strictly between 0 and 100, so the units, the hard tables
 *    and the per-resource arrays keep their shapes). `restore` already rebuilt the Board from the
 *    parent's current timetable under the child's problem, so that timetable is the warm start;
 *    the stored best is re-scored under the new weights, and replaced by the current timetable
 *    when that is now better. A problem of another shape is refused with a RangeError.
 */
import type { RunLimits } from "../../engine/contract";
import { Board } from "../board";
import type { FetInput, FetNode } from "../fet/types";
import type { SchoolProblem } from "../problem";
import type { SchoolState } from "./engine";
import type { SchoolParams } from "./params";

export function retuneSchool(st: SchoolState, params: Partial<SchoolParams>, limits: RunLimits): void {
  st.params = { ...st.params, ...params } as SchoolParams;
  st.maxEvaluations = limits.maxEvaluations;
}

/** Why `problem` cannot take over `st` (a different school, or weights across 0 / 100), or null. */
export function rescoreMismatch(st: SchoolState, problem: SchoolProblem): string | null {
  const p = st.problem;
  if (p === problem) return null;
  const same = (what: string, a: number, b: number) => (a === b ? null : `${what}: ${a} in the saved state, ${b} in the problem`);
  return (
    same("activities", p.nActivities, problem.nActivities) ??
    same("slots", p.nSlots, problem.nSlots) ??
    same("rooms", p.rooms.length, problem.rooms.length) ??
    same("teachers", p.teachers.length, problem.teachers.length) ??
    same("subgroups", p.subgroups.length, problem.subgroups.length) ??
    same("teacher / students rules", p.resources.length, problem.resources.length) ??
    same("activity relations", p.sets.length, problem.sets.length) ??
    sameConstraints(p.input, problem.input)
  );
}

/** The constraint lists agree except for the weights of soft elements (hard ones must be equal, field for field). */
function sameConstraints(a: FetInput, b: FetInput): string | null {
  const la = [...a.timeConstraints, ...a.spaceConstraints];
  const lb = [...b.timeConstraints, ...b.spaceConstraints];
  if (la.length !== lb.length) return `constraints: ${la.length} in the saved state, ${lb.length} in the problem`;
  for (let i = 0; i < la.length; i++) {
    const x = la[i];
    const y = lb[i];
    const softBoth = x.weight > 0 && x.weight < 100 && y.weight > 0 && y.weight < 100;
    if (x.type !== y.type || x.active !== y.active || (!softBoth && x.weight !== y.weight) || !sameNode(x.node, y.node)) return `the hard constraints differ (${y.path})`;
  }
  return null;
}

/** Same element tree, ignoring the weight's text (compared above) and comments. */
function sameNode(x: FetNode, y: FetNode): boolean {
  if (x.name !== y.name || x.children.length !== y.children.length) return false;
  if (x.name === "Weight_Percentage" || x.name === "Comments") return true;
  if (x.children.length === 0) return x.text === y.text;
  for (let i = 0; i < x.children.length; i++) if (!sameNode(x.children[i], y.children[i])) return false;
  return true;
}

/** Re-score the state under `problem` (same school, other soft weights): see the file comment. */
export function rescoreSchool(problem: SchoolProblem, st: SchoolState): void {
  const why = rescoreMismatch(st, problem);
  if (why) throw new RangeError(`rescore: the problem is not the saved state's school with other soft weights (${why})`);
  if (st.problem !== problem) {
    // a state built on another compile of the same school: its Board moves to the new problem
    const old = st.board;
    const b = new Board(problem);
    const K = problem.maxRealRooms;
    for (let a = 0; a < problem.nActivities; a++) if (old.start[a] >= 0) b.place(a, old.start[a], old.room[a], K ? old.real.subarray(a * K, (a + 1) * K) : undefined);
    st.board = b;
    st.problem = problem;
  }
  const b = st.board;
  if (Number.isFinite(st.bestHard)) {
    const scratch = new Board(problem);
    for (let a = 0; a < problem.nActivities; a++) if (st.bestStart[a] >= 0) scratch.place(a, st.bestStart[a], st.bestRoom[a]);
    st.bestHard = scratch.hard;
    st.bestSoft = scratch.soft;
  }
  if (b.hard < st.bestHard || (b.hard === st.bestHard && b.soft < st.bestSoft)) {
    st.bestHard = b.hard;
    st.bestSoft = b.soft;
    st.bestStart.set(b.start);
    st.bestRoom.set(b.room);
  }
  if (st.bestHard === 0 && st.feasibleAt < 0) st.feasibleAt = st.evaluations;
}
