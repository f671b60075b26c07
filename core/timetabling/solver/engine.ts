/**
 * The timetabling solver as a step-wise state machine (engine contract, core/engine/contract.ts).
 *
 * Phases: (1) build `populationSize` timetables by IFS (construct.ts) to feasibility; (2) search in
 * segments: each segment anneals one timetable from T0 down to T1 (anneal.ts, with Kempe moves);
 * the first segments polish each constructed timetable, later ones a child recombined from two
 * tournament-chosen parents (crossover.ts, IFS repair), which then replaces the worst member if
 * better. A population of one is plain annealing with reheats from the best.
 *
 * Iterations are fixed blocks of ITER evaluations (moves tried / IFS steps), so the budget is
 * honoured to within one block and chunking never changes the result. The run state holds only
 * plain data (the population, the current timetable, the PRNG words, counters); the Board with its
 * incremental tables is a cache rebuilt from the current timetable after a restore.
 */
import type { BestSolution, Progress, RunLimits, Solver, StepBudget } from "../../engine/contract";
import { decodeState, encodeState } from "../../engine/codec";
import { resolveParams, type ParamSpec } from "../../engine/params";
import { Rng } from "../../engine/random";
import type { TimetablingProblem } from "../problem";
import type { Timetable } from "../solution";
import { anneal, record, type Incumbent } from "./anneal";
import { Board } from "./board";
import { courseDifficulty, ifsStep } from "./construct";
import { crossover } from "./crossover";
import type { TimetablingParams } from "./params";
import { conflictWeight, missingDayWeightAt, roomOccupancy, temperatureScale } from "./temperature";

/** Evaluations per iteration: small enough to honour chunk budgets closely, big enough to be cheap. */
export const ITER = 2000;
/** Objective = HARD_WEIGHT × hard + soft, so any feasible timetable beats any infeasible one. */
export const HARD_WEIGHT = 100_000;

export interface TimetablingState {
  v: 1;
  algorithm: string;
  params: TimetablingParams;
  rng: Uint32Array;
  evaluations: number;
  maxEvaluations: number;
  generation: number;
  /** 0 = constructing population member `filled`, 1 = searching. */
  phase: number;
  filled: number;
  popPeriod: Int16Array;
  popRoom: Int16Array;
  popHard: Int32Array;
  popSoft: Float64Array;
  /** Board contents at the last iteration boundary. */
  curPeriod: Int16Array;
  curRoom: Int16Array;
  bumps: Int32Array;
  /** Segments started so far; the current one's progress, length, temperature and slot. */
  segment: number;
  segMoves: number;
  segLength: number;
  segT0: number;
  segSlot: number;
  /** 1 when the current segment runs to the end of a finite budget (the final anneal). */
  segFinal: number;
  segBest: Incumbent;
  best: Incumbent;
}

interface Runtime {
  problem: TimetablingProblem;
  board: Board;
  difficulty: Float64Array;
  /** Instance temperature scale (temperatureScale), applied to every segment's start temperature. */
  tScale: number;
  /** roomOccupancy of the instance (Move/Swap targets are made feasible from feasibleTargetOccupancy on). */
  occupancy: number;
}

const runtimes = new WeakMap<TimetablingState, Runtime>();

function runtime(state: TimetablingState, problem?: TimetablingProblem): Runtime {
  let rt = runtimes.get(state);
  if (!rt) {
    if (!problem) throw new Error("timetabling state has no problem attached (use init or restore)");
    // While searching, the current timetable may hold the conflicts a relaxed anneal allows.
    const board = Board.from(problem, { period: state.curPeriod, room: state.curRoom }, state.phase === 1);
    rt = { problem, board, difficulty: courseDifficulty(board), tScale: temperatureScale(problem), occupancy: roomOccupancy(problem) };
    runtimes.set(state, rt);
  }
  return rt;
}

/** The compiled problem a state was built or restored against (for checks on data from elsewhere). */
export function problemOf(state: TimetablingState): TimetablingProblem {
  return runtime(state).problem;
}

function incumbent(L: number): Incumbent {
  return { hard: Infinity, soft: Infinity, period: new Int16Array(L).fill(-1), room: new Int16Array(L).fill(-1) };
}

function slot(state: TimetablingState, i: number, L: number): Timetable {
  return { period: state.popPeriod.subarray(i * L, (i + 1) * L), room: state.popRoom.subarray(i * L, (i + 1) * L) };
}

function objective(hard: number, soft: number): number {
  return hard * HARD_WEIGHT + soft;
}

/**
 * Length of segment k: grows per generation; with a finite budget the last one takes the rest
 * (and is marked final, so a retune that moves the limit stretches it).
 */
function segmentLength(state: TimetablingState, N: number): number {
  const p = state.params;
  let len = Math.round(p.segmentMoves * p.segmentGrowth ** Math.floor(state.segment / N));
  const left = state.maxEvaluations - state.evaluations;
  state.segFinal = 0;
  if (Number.isFinite(left) && (N === 1 || state.segment >= N) && left - len < len * p.segmentGrowth) {
    len = left;
    state.segFinal = 1;
  }
  return Math.max(1, len);
}

/**
 * With a finite budget, is it time for the final single-stage anneal? A population of one
 * anneals once over the whole budget (Bellio et al.'s single-stage annealing); a population
 * starts it from the best member once `finalShare` of the budget is left.
 */
function finalDue(state: TimetablingState, N: number): boolean {
  const max = state.maxEvaluations;
  if (!Number.isFinite(max)) return false;
  if (N === 1) return true;
  return state.segment >= N && max - state.evaluations <= state.params.finalShare * max;
}

/**
 * Length of a final anneal that has `done` evaluations behind it and `left` still in the budget:
 * all of it (`done + left`), unless that is longer than `finalAnnealEvaluations` (when above 0);
 * then the final part of the budget is split into the fewest equal anneals no longer than that,
 * each from the best timetable found (startSegment). Never shorter than what is done, plus one.
 */
export function finalLength(done: number, left: number, cap: number): number {
  const total = done + left;
  const n = cap > 0 ? Math.max(1, Math.ceil(total / cap)) : 1;
  return Math.max(done + 1, Math.round(total / n));
}

/** Length of a final anneal starting now (checkpoints from before the cap have none: 0). */
function freshFinalLength(state: TimetablingState): number {
  return finalLength(0, state.maxEvaluations - state.evaluations, state.params.finalAnnealEvaluations ?? 0);
}

function startSegment(state: TimetablingState, rt: Runtime, rng: Rng): void {
  const N = state.params.populationSize;
  const L = rt.problem.lectureCourse.length;
  const b = rt.board;
  const k = state.segment;
  if (N > 1 && finalDue(state, N)) {
    // The final anneal: from the best timetable found, over everything that is left, at finalStartShare of T0.
    state.segSlot = worstMember(state, N);
    state.segT0 = state.params.initialTemperature * rt.tScale * (state.params.finalStartShare ?? 1);
    reload(b, state.best);
    state.segMoves = 0;
    state.segLength = freshFinalLength(state);
    state.segFinal = 1;
    state.segBest = incumbent(L);
    record(b, state.segBest);
    state.segment++;
    return;
  }
  if (k < N) {
    // Polish population member k as built.
    state.segSlot = k;
    state.segT0 = state.params.initialTemperature * rt.tScale;
    reload(b, slot(state, k, L));
  } else if (N === 1) {
    state.segSlot = 0;
    state.segT0 = state.params.initialTemperature * rt.tScale * 0.5;
    reload(b, state.best);
  } else {
    const a = tournament(state, rng, N);
    let c = tournament(state, rng, N);
    if (c === a) c = (a + 1 + rng.int(N - 1)) % N;
    crossover(b, rng, slot(state, a, L), slot(state, c, L));
    state.segSlot = -1;
    state.segT0 = state.params.initialTemperature * rt.tScale * 0.5;
  }
  state.segMoves = 0;
  if (N === 1 && finalDue(state, N)) {
    state.segLength = freshFinalLength(state);
    state.segFinal = 1;
  } else {
    state.segLength = segmentLength(state, N);
  }
  state.segBest = incumbent(L);
  record(b, state.segBest);
  state.segment++;
}

function reload(b: Board, t: Timetable): void {
  for (let l = 0; l < b.period.length; l++) if (b.period[l] >= 0 && !b.fixed[l]) b.remove(l);
  b.load(t);
}

function tournament(state: TimetablingState, rng: Rng, N: number): number {
  const a = rng.int(N);
  const b = rng.int(N);
  return objective(state.popHard[a], state.popSoft[a]) <= objective(state.popHard[b], state.popSoft[b]) ? a : b;
}

function worstMember(state: TimetablingState, N: number): number {
  let target = 0;
  for (let i = 1; i < N; i++) {
    if (objective(state.popHard[i], state.popSoft[i]) > objective(state.popHard[target], state.popSoft[target])) target = i;
  }
  return target;
}

function endSegment(state: TimetablingState, L: number): void {
  const sb = state.segBest;
  let target = state.segSlot;
  if (target < 0 || state.segFinal) {
    // A child (or the final anneal) replaces the worst member if it is better (and is not a copy of an equal member).
    target = worstMember(state, state.params.populationSize);
    const worse = objective(sb.hard, sb.soft) >= objective(state.popHard[target], state.popSoft[target]);
    if (worse) return;
  }
  state.popPeriod.set(sb.period, target * L);
  state.popRoom.set(sb.room, target * L);
  state.popHard[target] = sb.hard;
  state.popSoft[target] = sb.soft;
}

function iterate(state: TimetablingState, rt: Runtime, rng: Rng): void {
  const b = rt.board;
  const L = rt.problem.lectureCourse.length;
  b.canonicalizeFree();
  const room = Math.min(ITER, state.maxEvaluations - state.evaluations);
  if (state.phase === 0) {
    // Construction: IFS until feasible or out of patience (then the search keeps repairing).
    const patience = 40 * L + 20_000;
    let steps = 0;
    while (steps < room && b.repairable > 0) {
      ifsStep(b, rng, rt.difficulty, state.bumps);
      steps++;
    }
    state.evaluations += steps;
    state.segMoves += steps;
    if (b.repairable === 0 || state.segMoves >= patience || steps === 0) {
      state.popPeriod.set(b.period, state.filled * L);
      state.popRoom.set(b.room, state.filled * L);
      state.popHard[state.filled] = b.nFree;
      state.popSoft[state.filled] = b.soft;
      record(b, state.best);
      state.filled++;
      state.segMoves = 0;
      state.bumps.fill(0);
      if (state.filled < state.params.populationSize) reload(b, { period: new Int16Array(L).fill(-1), room: new Int16Array(L).fill(-1) });
      else state.phase = 1;
    }
  } else {
    if (state.segLength === 0 || state.segMoves >= state.segLength) startSegment(state, rt, rng);
    const n = Math.min(room, state.segLength - state.segMoves);
    if (b.repairable > 0) {
      // Still infeasible (crossover child or hard instance): repair first, anneal after.
      for (let i = 0; i < n && b.repairable > 0; i++) ifsStep(b, rng, rt.difficulty, state.bumps);
      record(b, state.segBest);
    } else {
      const frac = state.segMoves / state.segLength;
      const T = state.segT0 * (state.params.finalTemperature / state.segT0) ** frac;
      const w = conflictWeight(state.params.hardWeight * rt.tScale, state.segT0, T, b.conflicts);
      // A checkpoint from before feasibleTargetOccupancy existed goes on without it, as it ran.
      const feasibleTargets = rt.occupancy >= (state.params.feasibleTargetOccupancy ?? Infinity);
      const dayWeight = missingDayWeightAt(state.params.missingDayWeight ?? 0, rt.problem.weights.minWorkingDays, state.segT0, T);
      anneal(b, rng, n, T, state.params.kempeRate, state.segBest, w, feasibleTargets, dayWeight);
    }
    state.evaluations += n;
    state.segMoves += n;
    if (state.segMoves >= state.segLength) endSegment(state, L);
    const sb = state.segBest;
    if (objective(sb.hard, sb.soft) < objective(state.best.hard, state.best.soft)) {
      state.best.hard = sb.hard;
      state.best.soft = sb.soft;
      state.best.period.set(sb.period);
      state.best.room.set(sb.room);
    }
  }
  state.curPeriod.set(b.period);
  state.curRoom.set(b.room);
  state.generation++;
}

/**
 * Fork with new soft-constraint weights: the timetables stay, their costs do not. Every stored
 * soft cost (population, segment best, best) is recomputed under `problem`, and the best becomes
 * the cheapest of the old best and the population under the new weights. The Board (a cache)
 * was already rebuilt under `problem` by restore. Hard counts (unplaced lectures) do not depend
 * on weights but are recomputed too, from the same load the solver would do.
 */
export function rescore(problem: TimetablingProblem, state: TimetablingState): void {
  const L = problem.lectureCourse.length;
  const score = (inc: { hard: number; soft: number; period: Int16Array; room: Int16Array }) => {
    if (!Number.isFinite(inc.hard)) return;
    const b = Board.from(problem, inc);
    inc.hard = b.nFree;
    inc.soft = b.soft;
  };
  score(state.best);
  score(state.segBest);
  for (let i = 0; i < state.filled; i++) {
    const b = Board.from(problem, slot(state, i, L));
    state.popHard[i] = b.nFree;
    state.popSoft[i] = b.soft;
    if (objective(b.nFree, b.soft) < objective(state.best.hard, state.best.soft)) {
      state.best.hard = b.nFree;
      state.best.soft = b.soft;
      state.best.period.set(b.period);
      state.best.room.set(b.room);
    }
  }
}

/**
 * Cooperation between searches (parallel.ts): take timetable `t`, another search's best, when it
 * is better than this state's best. It becomes the best, replaces the population's worst member,
 * and becomes the running segment's current timetable (the segment goes on at its own
 * temperature, so the final anneal continues from the better timetable). Only while searching
 * (phase 1); returns true when taken. Deterministic: it depends only on the state and `t`.
 */
export function adoptBest(state: TimetablingState, t: Timetable): boolean {
  if (state.phase !== 1) return false;
  const rt = runtime(state);
  const L = rt.problem.lectureCourse.length;
  if (t.period.length !== L || t.room.length !== L) throw new RangeError(`adoptBest: timetable has ${t.period.length} lectures, the problem ${L}`);
  const scored = Board.from(rt.problem, t);
  if (objective(scored.nFree, scored.soft) >= objective(state.best.hard, state.best.soft)) return false;
  const b = rt.board;
  reload(b, t);
  b.canonicalizeFree();
  record(b, state.best);
  const N = state.params.populationSize;
  const w = worstMember(state, N);
  state.popPeriod.set(b.period, w * L);
  state.popRoom.set(b.room, w * L);
  state.popHard[w] = b.nFree;
  state.popSoft[w] = b.soft;
  if (state.segLength > 0) {
    // The segment's own best restarts from the adopted timetable, so its end replaces as usual.
    state.segBest = incumbent(L);
    record(b, state.segBest);
  }
  state.curPeriod.set(b.period);
  state.curRoom.set(b.room);
  return true;
}

/** A timetabling solver over the given parameter list (memetic or plain SA). */
export function makeSolver(id: string, specs: readonly ParamSpec[]): Solver<TimetablingProblem, TimetablingState, Timetable, TimetablingParams> {
  return {
    id,
    parameters: (input) => resolveParams<TimetablingParams>(specs, input),
    init(problem, params, seed, limits: RunLimits) {
      const L = problem.lectureCourse.length;
      const N = params.populationSize;
      const state: TimetablingState = {
        v: 1,
        algorithm: id,
        params: { ...params },
        rng: Rng.seeded(seed).state,
        evaluations: 0,
        maxEvaluations: limits.maxEvaluations,
        generation: 0,
        phase: 0,
        filled: 0,
        popPeriod: new Int16Array(N * L).fill(-1),
        popRoom: new Int16Array(N * L).fill(-1),
        popHard: new Int32Array(N),
        popSoft: new Float64Array(N),
        curPeriod: problem.initial ? problem.initial.period.slice() : new Int16Array(L).fill(-1),
        curRoom: problem.initial ? problem.initial.room.slice() : new Int16Array(L).fill(-1),
        bumps: new Int32Array(Math.max(L, 1)),
        segment: 0,
        segMoves: 0,
        segLength: 0,
        segT0: params.initialTemperature,
        segSlot: 0,
        segFinal: 0,
        segBest: incumbent(L),
        best: incumbent(L),
      };
      runtime(state, problem);
      return state;
    },
    step(state, budget: StepBudget) {
      const rt = runtime(state);
      const rng = Rng.fromState(state.rng);
      const now = budget.now ?? (() => performance.now());
      const start = budget.millis !== undefined ? now() : 0;
      const startEvals = state.evaluations;
      do {
        if (state.evaluations >= state.maxEvaluations) break;
        iterate(state, rt, rng);
      } while (
        (budget.evaluations === undefined || state.evaluations - startEvals < budget.evaluations) &&
        (budget.millis === undefined || now() - start < budget.millis) &&
        (budget.evaluations !== undefined || budget.millis !== undefined)
      );
      state.rng.set(rng.state);
      return state;
    },
    checkpoint: (state) => encodeState(state),
    restore(problem, bytes) {
      const state = decodeState<TimetablingState>(bytes);
      runtime(state, problem);
      return state;
    },
    rescore,
    retune(state, params, limits) {
      // `done` is derived from the counters (progress); a segment that takes the rest of the
      // budget (or a population of one, which anneals once over the whole budget) is stretched or
      // shrunk to the new limit, so its cooling ends with the run (or with its share of the rest,
      // when finalAnnealEvaluations splits it: finalLength).
      state.params = { ...state.params, ...params } as TimetablingParams;
      state.maxEvaluations = limits.maxEvaluations;
      const left = limits.maxEvaluations - state.evaluations;
      if (state.phase === 1 && Number.isFinite(left) && (state.segFinal === 1 || state.params.populationSize === 1) && state.segLength > 0) {
        state.segLength = finalLength(state.segMoves, left, state.params.finalAnnealEvaluations ?? 0);
        state.segFinal = 1;
      }
    },
    best(state) {
      const b = state.best;
      const sol: Timetable = { period: b.period.slice(), room: b.room.slice() };
      return { value: objective(b.hard, b.soft), solution: sol, hard: b.hard, soft: b.soft } as BestSolution<Timetable>;
    },
    progress(state): Progress {
      const N = state.filled;
      let mean = NaN;
      if (N) {
        mean = 0;
        for (let i = 0; i < N; i++) mean += objective(state.popHard[i], state.popSoft[i]) / N;
      }
      const b = state.best;
      return {
        generation: state.generation,
        evaluations: state.evaluations,
        best: Number.isFinite(b.soft) ? objective(b.hard, b.soft) : NaN,
        mean,
        hard: Number.isFinite(b.hard) ? b.hard : undefined,
        soft: Number.isFinite(b.soft) ? b.soft : undefined,
        done: state.evaluations >= state.maxEvaluations,
      };
    },
  };
}
