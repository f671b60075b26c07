/**
 * The school solver (engine contract, core/engine/contract.ts), on the incremental Board:
 *
 *  1. hard phase — iterative forward search with ejections (FET's recursive swapping, UniTime's
 *     IFS): all units (activities linked by 100% same starting time move together) start in a
 *     pool; the least free of a few sampled is placed at the start that pushes out the fewest
 *     (least often pushed) units and causes the fewest other hard violations; units clashing with
 *     it, sharing its room or breaking a hard relation with it are pushed back into the pool, and
 *     a teacher / subgroup rule it broke is repaired by pushing out what helps. With the pool
 *     empty but hard violations left, the unit whose removal helps most is taken out (its start
 *     tabu for a while) after trying the same repair;
 *  2. soft phase (hard = 0): simulated annealing over start moves, swaps of two units sharing a
 *     subgroup or teacher, room changes and ruin-and-recreate, never accepting a hard violation.
 *
 * Files: state.ts (state and shared moves), construct.ts (placing from the pool), repair.ts (what a
 * placement broke, taking out conflicted units), improve.ts (soft phase), units.ts, params.ts.
 *
 * One evaluation = one candidate position scored on the Board. Chunks end between iterations and
 * the state is plain data rebuilt into a Board on restore, so chunked runs equal straight runs.
 */
import { decodeState, encodeState } from "../../engine/codec";
import type { BestSolution, Progress, RunLimits, Solver, StepBudget } from "../../engine/contract";
import { resolveParams } from "../../engine/params";
import { Rng } from "../../engine/random";
import type { SchoolTimetable } from "../evaluate";
import { SOFT_SCALE, type SchoolProblem } from "../problem";
import { ifsStep } from "./construct";
import { softStep } from "./improve";
import { minConflictsStep, startMinConflicts } from "./min-conflicts";
import { SCHOOL_PARAMS, type SchoolParams } from "./params";
import { newState, PHASE_HARD, PHASE_LOCAL, PHASE_SOFT, type SchoolState } from "./state";
import { warmStartSchool } from "./warm-start";

export type { SchoolState } from "./state";

function runIteration(st: SchoolState): void {
  const e0 = st.evaluations;
  if (st.phase === PHASE_SOFT) softStep(st);
  else if (st.phase === PHASE_LOCAL) minConflictsStep(st);
  else if (st.params.localAfter > 0 && ++st.stall >= st.params.localAfter) startMinConflicts(st);
  else ifsStep(st);
  st.iteration++;
  st.lastIterationEvaluations = st.evaluations - e0;
}

function isDone(st: SchoolState): boolean {
  return st.evaluations >= st.maxEvaluations || (st.bestHard === 0 && st.bestSoft === 0);
}

/**
 * A checkpoint: the search's own fields of SchoolState as they are, plus the Board's starts, rooms and
 * real rooms (absent in checkpoints from before virtual rooms) and the random stream's state.
 */
type Saved = Pick<
  SchoolState,
  | "phase"
  | "cursor"
  | "iteration"
  | "evaluations"
  | "maxEvaluations"
  | "tabu"
  | "segmentMove"
  | "bestStart"
  | "bestRoom"
  | "bestHard"
  | "bestSoft"
  | "feasibleAt"
  | "stall"
  | "localBest"
  | "localStall"
  | "localRuns"
  | "ejectEvaluations"
  | "lastIterationEvaluations"
  | "params"
  | "pool"
  | "poolPos"
  | "poolSize"
  | "bumps"
  | "placedAt"
  | "resWeight"
> & { start: Int32Array; room: Int32Array; real?: Int32Array; rng: Uint32Array };

export function makeSchoolSolver(id = "school"): Solver<SchoolProblem, SchoolState, SchoolTimetable, SchoolParams> {
  return {
    id,
    parameters: (input) => resolveParams<SchoolParams>(SCHOOL_PARAMS, input),
    init(problem, params, seed, limits: RunLimits) {
      return newState(problem, params, Rng.seeded(seed), limits.maxEvaluations);
    },
    step(st, budget: StepBudget) {
      const now = budget.now ?? (() => performance.now());
      const t0 = budget.millis !== undefined ? now() : 0;
      const e0 = st.evaluations;
      const maxE = budget.evaluations;
      let first = true;
      while (!isDone(st)) {
        if (!first) {
          if (maxE !== undefined && st.evaluations - e0 >= maxE) break;
          if (budget.millis !== undefined && (st.iteration & 15) === 0 && now() - t0 >= budget.millis) break;
          if (maxE === undefined && budget.millis === undefined) break;
        }
        first = false;
        runIteration(st);
      }
      return st;
    },
    checkpoint(st) {
      const saved: Saved = {
        start: st.board.start,
        room: st.board.room,
        real: st.board.real,
        rng: st.rng.state,
        phase: st.phase,
        cursor: st.cursor,
        iteration: st.iteration,
        evaluations: st.evaluations,
        maxEvaluations: st.maxEvaluations,
        tabu: st.tabu,
        segmentMove: st.segmentMove,
        bestStart: st.bestStart,
        bestRoom: st.bestRoom,
        bestHard: st.bestHard,
        bestSoft: st.bestSoft,
        feasibleAt: st.feasibleAt,
        stall: st.stall,
        localBest: st.localBest,
        localStall: st.localStall,
        localRuns: st.localRuns,
        ejectEvaluations: st.ejectEvaluations,
        lastIterationEvaluations: st.lastIterationEvaluations,
        params: st.params,
        pool: st.pool,
        poolPos: st.poolPos,
        poolSize: st.poolSize,
        bumps: st.bumps,
        placedAt: st.placedAt,
        resWeight: st.resWeight,
      };
      return encodeState(saved);
    },
    restore(problem, bytes) {
      const s = decodeState<Saved>(bytes);
      const st = newState(problem, s.params, Rng.fromState(s.rng), s.maxEvaluations);
      // Re-place in activity order: the Board's sums are exact integers, so the order does not matter.
      // Virtual rooms keep the real rooms they had (choosing them again could differ: core/school/real-rooms.ts).
      const K = problem.maxRealRooms;
      for (let a = 0; a < problem.nActivities; a++) if (s.start[a] >= 0) st.board.place(a, s.start[a], s.room[a], K && s.real ? s.real.subarray(a * K, (a + 1) * K) : undefined);
      Object.assign(st, {
        phase: s.phase,
        cursor: s.cursor,
        iteration: s.iteration,
        evaluations: s.evaluations,
        tabu: s.tabu,
        segmentMove: s.segmentMove,
        bestStart: s.bestStart,
        bestRoom: s.bestRoom,
        bestHard: s.bestHard,
        bestSoft: s.bestSoft,
        feasibleAt: s.feasibleAt,
        stall: s.stall,
        localBest: s.localBest,
        localStall: s.localStall,
        localRuns: s.localRuns,
        // checkpoints written before engine 1.7.0 have none
        ejectEvaluations: s.ejectEvaluations ?? 0,
        lastIterationEvaluations: s.lastIterationEvaluations,
        pool: s.pool,
        poolPos: s.poolPos,
        poolSize: s.poolSize,
        bumps: s.bumps,
        placedAt: s.placedAt,
        resWeight: s.resWeight,
      });
      return st;
    },
    best(st): BestSolution<SchoolTimetable> {
      const has = Number.isFinite(st.bestHard);
      const start = has ? st.bestStart.slice() : st.board.start.slice();
      const room = has ? st.bestRoom.slice() : st.board.room.slice();
      const hard = has ? st.bestHard : st.board.hard;
      const soft = (has ? st.bestSoft : st.board.soft) / SOFT_SCALE;
      return { value: objective(hard, soft), solution: { start, room }, hard, soft };
    },
    progress(st): Progress {
      const has = Number.isFinite(st.bestHard);
      const hard = has ? st.bestHard : st.board.hard;
      const soft = (has ? st.bestSoft : st.board.soft) / SOFT_SCALE;
      return {
        generation: st.iteration,
        evaluations: st.evaluations,
        best: objective(hard, soft),
        mean: objective(st.board.hard, st.board.soft / SOFT_SCALE),
        hard,
        soft,
        done: isDone(st),
      };
    },
    warmStart: (st, solution) => warmStartSchool(st, solution, PHASE_HARD),
  };
}

/** One number for progress charts: hard violations dominate (10⁶ each), then the soft penalty. */
export function objective(hard: number, soft: number): number {
  return hard * 1e6 + soft;
}
