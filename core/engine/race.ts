/**
 * Race of algorithms (`algorithm: "race"`): the pure scheduling rules, shared by the platform's
 * island runtime (worker/runtime/island-coordinator.ts) and the in-process runner
 * (core/engine/race-run.ts, used by `npm run bench -- race` and the tests).
 *
 * One island per algorithm. The budget is spent in **rungs** (successive halving):
 *
 * - rung 0 runs every algorithm; after each rung the worse half of the survivors stop
 *   (`n` survivors keep `ceil(n / 2)`), until one is left for the last rung:
 *   5 algorithms → 5, 3, 2, 1 survivors (4 rungs); 3 → 3, 2, 1; 2 → 2, 1.
 * - rung r gets the share `growth^r / Σ growth^j` of the total evaluations, split evenly among its
 *   survivors; `growth = 1` is classic successive halving (equal rung budgets), larger values move
 *   more of the budget to the later rungs (the leaders). The default is `RACE_GROWTH`.
 * - an island's goal in rung r is the cumulative target `Σ_{j≤r} perSurvivor_j` evaluations.
 *   Island chunks never cross it (the last chunk of a rung is cut to the rest), and solvers stop at
 *   the first iteration boundary at or after it, so where a rung ends does not depend on the chunk
 *   size: a chunked race equals a straight one.
 * - at the end of a rung the survivors are ranked by their best value (problem direction; no value
 *   yet ranks last; ties by island index, i.e. by the kind's algorithm order, default first) and the
 *   worse half is dropped. Then the best solution so far (over every island) migrates into each
 *   survivor that does not hold it (Solver.emigrants / immigrate, where the kind has them).
 * - **restarts** (`plan.restart`, kinds whose solvers have the migration hooks: continuous,
 *   permutation): every rung is a fresh, complete run of each survivor over its rung budget
 *   (`maxEvaluations = perSurvivor`, seed `rungSeed(seed, rung)`), warm-started with the best
 *   solutions so far (the migrants). Rung ends then compare algorithms at the end of their own
 *   schedules: without restarts, schedule-driven algorithms (L-SHADE's population reduction,
 *   annealing's cooling) look worst until the very end of the race and were always dropped
 *   first (bench/results/race.md). Evaluations stay cumulative per island.
 * - without restarts (tsp: no migration hooks, so a restart would lose the island's best) every
 *   island is initialised once with `maxEvaluations = islandMaxEvaluations` (the winner's total).
 *
 * Everything here is a pure function of the plan, the race state and the islands' figures.
 */

import type { KindModule } from "../registry";

/** The algorithm id that asks for a race. */
export const RACE_ALGORITHM = "race";
/** Budget growth per rung (see the module comment); measured in bench/results/race.md. */
export const RACE_GROWTH = 1.5;

/** How the catalogue (GET /v1/algorithms, worker/problems/algorithm-routes.ts) names a race. */
export const RACE_TITLE = "Race of algorithms";
/** The race's rules in plain language, for the catalogue. */
export const RACE_DESCRIPTION =
  "Every algorithm of the kind on its own island with its default parameters (the kind's default first). The evaluation budget is spent in rungs (successive halving): after each rung the worse half of the survivors stops (n survivors keep ceil(n / 2)) until one is left, each rung gets 1.5 times the evaluations of the one before, and the best solution so far migrates into the survivors at each rung's end (continuous and permutation survivors restart each rung from it). Needs budget.evaluations; parameters and islands are omitted (one island per algorithm, within the plan's island limit); a race cannot be forked or lent to contributors. The result's race records the evaluations per algorithm and when each stopped.";

/**
 * Kinds whose algorithms can race: they share one solution shape per kind (and, for continuous and
 * permutation, the migration hooks). Timetabling is left out: its engines solve different
 * documents (FET schools vs ITC-2007 / model) and its runs are long single searches.
 */
export const RACE_KINDS: readonly string[] = ["continuous", "tsp", "permutation"];

/**
 * The algorithms a race of this kind runs, island by island: the kind's default first, then the
 * others in the registry's order. Refuses other kinds (RaceError at `algorithm`).
 */
export function raceAlgorithms(module: Pick<KindModule, "kind" | "algorithms" | "defaultAlgorithm">): string[] {
  if (!RACE_KINDS.includes(module.kind)) {
    throw new RaceError(["algorithm"], `"race" is offered for ${RACE_KINDS.join(", ")} problems, not ${module.kind}; pick one of: ${Object.keys(module.algorithms).join(", ")}`);
  }
  const ids = Object.keys(module.algorithms);
  return [module.defaultAlgorithm, ...ids.filter((id) => id !== module.defaultAlgorithm)];
}

export class RaceError extends Error {
  override name = "RaceError";
  /** JSON path of the job field at fault (e.g. ["budget", "evaluations"]). */
  readonly path: (string | number)[];
  constructor(path: (string | number)[], message: string) {
    super(`${path.join(".")}: ${message}`);
    this.path = path;
  }
}

export interface RaceRung {
  /** Algorithms still running in this rung. */
  survivors: number;
  /** Evaluations each survivor runs in this rung. */
  perSurvivor: number;
  /** Cumulative evaluations an island of this rung has done when the rung ends. */
  target: number;
}

export interface RacePlan {
  /** Island i runs algorithms[i]. */
  algorithms: string[];
  /** Total evaluations of the race (all islands). */
  total: number;
  growth: number;
  rungs: RaceRung[];
  /** The last rung's target: the most evaluations one island can spend. */
  islandMaxEvaluations: number;
  /** Each rung restarts its survivors (fresh runs warm-started by migration), see the module comment. */
  restart: boolean;
}

/** Survivor counts per rung: n, ceil(n/2), …, 1. */
export function survivorCounts(algorithms: number): number[] {
  const out = [algorithms];
  while (out[out.length - 1] > 1) out.push(Math.ceil(out[out.length - 1] / 2));
  return out;
}

/**
 * The rungs of a race of `algorithms` over `total` evaluations. Refuses (RaceError naming the job
 * field) fewer than two algorithms, repeated ids, and a budget too small for one evaluation per
 * survivor per rung.
 */
export function racePlan(algorithms: readonly string[], total: number, growth: number = RACE_GROWTH, restart = false): RacePlan {
  if (algorithms.length < 2) throw new RaceError(["algorithm"], "a race needs at least two algorithms of the kind");
  if (new Set(algorithms).size !== algorithms.length) throw new RaceError(["algorithm"], "a race runs each algorithm once");
  if (!Number.isSafeInteger(total) || total < 1) throw new RaceError(["budget", "evaluations"], "a race needs a whole number of evaluations as its budget");
  if (!(growth >= 1 && growth <= 16)) throw new RaceError(["growth"], "must be between 1 and 16");
  const counts = survivorCounts(algorithms.length);
  const weights = counts.map((_, r) => growth ** r);
  const sum = weights.reduce((a, b) => a + b, 0);
  const rungs: RaceRung[] = [];
  let target = 0;
  for (let r = 0; r < counts.length; r++) {
    const perSurvivor = Math.floor((total * weights[r]) / sum / counts[r]);
    if (perSurvivor < 1) {
      const needed = Math.max(...counts.map((c, j) => Math.ceil((c * sum) / weights[j])));
      throw new RaceError(["budget", "evaluations"], `${total} evaluations are too few for a race of ${algorithms.length} algorithms (at least ${needed})`);
    }
    target += perSurvivor;
    rungs.push({ survivors: counts[r], perSurvivor, target });
  }
  return { algorithms: [...algorithms], total, growth, rungs, islandMaxEvaluations: target, restart };
}

/** `maxEvaluations` of an island's run in `rung` (its whole budget when the race does not restart). */
export function runEvaluations(plan: RacePlan, rung: number): number {
  return plan.restart ? plan.rungs[rung].perSurvivor : plan.islandMaxEvaluations;
}

/** The seed of an island's run in `rung` (rung 0: the island's own seed). */
export function rungSeed(seed: number, rung: number): number {
  if (rung === 0) return seed >>> 0;
  let h = (seed ^ Math.imul(rung, 0x27d4eb2f)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Where a race stands: the current rung and the islands that were stopped, in order. */
export interface RaceState {
  rung: number;
  dropped: RaceDrop[];
}

export interface RaceDrop {
  island: number;
  algorithm: string;
  /** The rung at whose end it stopped (it ran rungs 0..rung). */
  rung: number;
  /** Its own evaluations and best value when it stopped. */
  evaluations: number;
  best: number | null;
  /** Evaluations of the whole race (all islands) when it stopped. */
  raceEvaluations: number;
}

/** An island's figures as the race sees them. */
export interface RaceIsland {
  evaluations: number;
  /** Best value so far in the problem's direction; null (or NaN) before the first evaluation. */
  best: number | null;
  /** The solver says it cannot go on (its maxEvaluations reached, or converged). */
  done: boolean;
}

export type Direction = "minimize" | "maximize";

export function raceStart(): RaceState {
  return { rung: 0, dropped: [] };
}

export function isDropped(state: RaceState, island: number): boolean {
  return state.dropped.some((d) => d.island === island);
}

/** The island still runs and has not reached its goal for the current rung. */
export function isRunning(plan: RacePlan, state: RaceState, island: number, fig: RaceIsland): boolean {
  return !isDropped(state, island) && !fig.done && fig.evaluations < plan.rungs[state.rung].target;
}

/**
 * Evaluations of the island's next chunk: at most `chunk`, never past the rung's target;
 * 0 when the island is dropped, done, or waiting for the others to finish the rung.
 */
export function chunkEvaluations(plan: RacePlan, state: RaceState, island: number, fig: RaceIsland, chunk: number): number {
  if (!isRunning(plan, state, island, fig)) return 0;
  return Math.max(1, Math.min(Math.floor(chunk), plan.rungs[state.rung].target - fig.evaluations));
}

/** Every island of the rung reached its goal (or is done): the rung can be closed. */
export function rungComplete(plan: RacePlan, state: RaceState, islands: readonly RaceIsland[]): boolean {
  return islands.every((fig, i) => !isRunning(plan, state, i, fig));
}

/** The race is over: the last rung is complete. */
export function raceFinished(plan: RacePlan, state: RaceState, islands: readonly RaceIsland[]): boolean {
  return state.rung === plan.rungs.length - 1 && rungComplete(plan, state, islands);
}

/** a is strictly better than b in `direction`; a missing value is never better. */
export function betterValue(a: number | null, b: number | null, direction: Direction): boolean {
  if (a === null || !Number.isFinite(a)) return false;
  if (b === null || !Number.isFinite(b)) return true;
  return direction === "maximize" ? a > b : a < b;
}

/** Island indices ranked best first (ties and missing values by index). */
export function rank(indices: readonly number[], islands: readonly RaceIsland[], direction: Direction): number[] {
  return [...indices].sort((a, b) => {
    const x = islands[a].best;
    const y = islands[b].best;
    if (betterValue(x, y, direction)) return -1;
    if (betterValue(y, x, direction)) return 1;
    return a - b;
  });
}

/** The island holding the best value of all (including stopped ones), or null before any value. */
export function bestIsland(islands: readonly RaceIsland[], direction: Direction): number | null {
  const order = rank(
    islands.map((_, i) => i),
    islands,
    direction,
  );
  const top = order[0];
  return top !== undefined && betterValue(islands[top].best, null, direction) ? top : null;
}

export interface RaceAdvance {
  state: RaceState;
  /** Islands stopped at this rung's end (worst last). */
  dropped: number[];
  /**
   * Migration: the best island's solution goes to each island in `to` (null source = none). With
   * restarts `to` holds every survivor (the source too: its fresh run starts from its own best),
   * and each is re-initialised before the migrants arrive.
   */
  from: number | null;
  to: number[];
  /** Survivors of the next rung, best first. */
  survivors: number[];
}

/**
 * Close the current (complete) rung: drop the worse half of its survivors and name the
 * migration of the best solution into the others. Call only when `rungComplete` and not
 * `raceFinished`; throws otherwise (a caller bug, never input).
 */
export function advance(plan: RacePlan, state: RaceState, islands: readonly RaceIsland[], direction: Direction): RaceAdvance {
  if (islands.length !== plan.algorithms.length) throw new Error(`race: ${islands.length} islands for ${plan.algorithms.length} algorithms`);
  if (state.rung >= plan.rungs.length - 1 || !rungComplete(plan, state, islands)) throw new Error(`race: rung ${state.rung} cannot be closed yet`);
  const alive = islands.map((_, i) => i).filter((i) => !isDropped(state, i));
  const ranked = rank(alive, islands, direction);
  const keep = plan.rungs[state.rung + 1].survivors;
  const drop = ranked.slice(keep);
  const raceEvaluations = islands.reduce((s, f) => s + f.evaluations, 0);
  const dropped: RaceDrop[] = [
    ...state.dropped,
    ...drop.map((i) => ({ island: i, algorithm: plan.algorithms[i], rung: state.rung, evaluations: islands[i].evaluations, best: finite(islands[i].best), raceEvaluations })),
  ];
  const from = bestIsland(islands, direction);
  const survivors = ranked.slice(0, keep);
  const to = from === null ? [] : plan.restart ? survivors : survivors.filter((i) => i !== from);
  return { state: { rung: state.rung + 1, dropped }, dropped: drop, from, to, survivors };
}

/** How the race spent its budget, per algorithm (recorded in the job's result). */
export interface RaceSummary {
  growth: number;
  restart: boolean;
  total: number;
  rungs: RaceRung[];
  /** The algorithm that ran the last rung (null until the race is over). */
  winner: string | null;
  algorithms: {
    algorithm: string;
    island: number;
    evaluations: number;
    best: number | null;
    /** Rung at whose end it stopped, and the race's evaluations then; null = never stopped. */
    droppedAfterRung: number | null;
    droppedAtRaceEvaluations: number | null;
  }[];
}

export function raceSummary(plan: RacePlan, state: RaceState, islands: readonly RaceIsland[]): RaceSummary {
  const finished = raceFinished(plan, state, islands);
  const winner = finished ? (plan.algorithms.find((_, i) => !isDropped(state, i)) ?? null) : null;
  return {
    growth: plan.growth,
    restart: plan.restart,
    total: plan.total,
    rungs: plan.rungs,
    winner,
    algorithms: plan.algorithms.map((algorithm, island) => {
      const d = state.dropped.find((x) => x.island === island);
      return {
        algorithm,
        island,
        evaluations: islands[island]?.evaluations ?? 0,
        best: finite(islands[island]?.best ?? null),
        droppedAfterRung: d ? d.rung : null,
        droppedAtRaceEvaluations: d ? d.raceEvaluations : null,
      };
    }),
  };
}

function finite(v: number | null): number | null {
  return v !== null && Number.isFinite(v) ? v : null;
}
