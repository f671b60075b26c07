/**
 * Island migration for the timetabling solvers (Solver.emigrants / immigrate, core/engine/contract.ts),
 * so the platform's Queue islands (worker/runtime/island-coordinator.ts) cooperate as the local
 * `--parallel` searches do (core/timetabling/parallel.ts): an island sends its best timetable, and
 * the island that receives it continues from it when it beats its own best (`adoptBest`, engine.ts:
 * it becomes the best, replaces the population's worst member and the running segment's current
 * timetable, which goes on at its own temperature).
 *
 * A row is one timetable: the lectures' periods, then their rooms (width 2 × lectures). Rows that
 * are not timetables of the receiving problem (another width, entries that are not integers in
 * range, a lecture with a period but no room) are ignored, and the receiver re-scores what it takes,
 * so a migrant's stated cost is never trusted. Migrants cost no evaluations, and the outcome depends
 * only on the two states, so island runs stay replayable.
 */
import type { Migrants, Solver } from "../../engine/contract";
import type { TimetablingProblem } from "../problem";
import type { Timetable } from "../solution";
import { adoptBest, HARD_WEIGHT, problemOf, type TimetablingState } from "./engine";

/** The solver with both island hooks. */
export function withMigration<Sol, Params>(solver: Solver<TimetablingProblem, TimetablingState, Sol, Params>): Solver<TimetablingProblem, TimetablingState, Sol, Params> {
  return { ...solver, emigrants, immigrate };
}

/** The state's best timetable as one row (none before the first complete timetable, or for k < 1). */
export function emigrants(state: TimetablingState, k: number): Migrants {
  const L = state.best.period.length;
  const b = state.best;
  if (!(k >= 1) || !Number.isFinite(b.soft) || !Number.isFinite(b.hard)) return { count: 0, width: 2 * L, rows: new Float64Array(0), costs: new Float64Array(0) };
  const rows = new Float64Array(2 * L);
  rows.set(b.period, 0);
  rows.set(b.room, L);
  return { count: 1, width: 2 * L, rows, costs: Float64Array.of(b.hard * HARD_WEIGHT + b.soft) };
}

/** Continue from the cheapest valid migrant that beats the state's best; ignore the rest. */
export function immigrate(state: TimetablingState, m: Migrants): void {
  if (!m || !(m.rows instanceof Float64Array) || !(m.costs instanceof Float64Array)) return;
  const problem = problemOf(state);
  const L = problem.lectureCourse.length;
  if (m.width !== 2 * L || L === 0) return;
  const count = Math.max(0, Math.min(m.count, m.costs.length, Math.floor(m.rows.length / (2 * L))));
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => (m.costs[a] || 0) - (m.costs[b] || 0) || a - b);
  for (const i of order) {
    const t = readRow(problem, m.rows, i * 2 * L);
    if (t && adoptBest(state, t)) return;
  }
}

/** Row `at` as a timetable of `problem`, or undefined when it is not one. */
function readRow(problem: TimetablingProblem, rows: Float64Array, at: number): Timetable | undefined {
  const L = problem.lectureCourse.length;
  const P = problem.periods;
  const R = problem.roomIds.length;
  const period = new Int16Array(L);
  const room = new Int16Array(L);
  for (let l = 0; l < L; l++) {
    const p = rows[at + l];
    const r = rows[at + L + l];
    if (!Number.isInteger(p) || !Number.isInteger(r) || p < -1 || p >= P || r < -1 || r >= R || p < 0 !== r < 0) return undefined;
    period[l] = p;
    room[l] = r;
  }
  return { period, room };
}
