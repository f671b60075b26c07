/**
 * A race of algorithms run in-process (core/engine/race.ts has the rules): the benchmark
 * (`npm run bench -- race`), the CLI and the tests use it; the platform runs the same plan on
 * queue islands (worker/runtime/island-coordinator.ts) and, by the rules' design, gets the same
 * result for the same seeds whatever its chunk size.
 */
import type { KindModule } from "../registry";
import type { BestSolution, Solver } from "./contract";
import {
  advance,
  betterValue,
  chunkEvaluations,
  raceAlgorithms,
  rungSeed,
  runEvaluations,
  raceFinished,
  racePlan,
  raceStart,
  raceSummary,
  rungComplete,
  type Direction,
  type RaceIsland,
  type RacePlan,
  type RaceState,
  type RaceSummary,
} from "./race";

// Solvers of different algorithms share only the problem type here.
// biome-ignore lint/suspicious/noExplicitAny: each entrant has its own state and params types
type AnySolver<P> = Solver<P, any, unknown, any>;

export interface RaceEntrant<P> {
  algorithm: string;
  solver: AnySolver<P>;
  /** Resolved parameters (solver.parameters(…)). */
  params: unknown;
  seed: number;
}

export interface RaceRunOptions {
  /** Evaluations per chunk (the platform's island chunk); default: a whole rung at once. */
  chunk?: number;
  /** Individuals migrated from the best island at each rung's end (default 2). */
  migrants?: number;
  growth?: number;
  /** Restart survivors each rung (core/engine/race.ts); default: when every solver has the migration hooks. */
  restart?: boolean;
  /** Called after each chunk with the island, its evaluations and best (anytime curves). */
  onChunk?(island: number, evaluations: number, best: number): void;
}

export interface RaceRunResult<Sol = unknown> {
  plan: RacePlan;
  state: RaceState;
  summary: RaceSummary;
  /** The best solution of all islands and the island that holds it. */
  best: BestSolution<Sol> & { island: number };
  /** Evaluations over all islands. */
  evaluations: number;
}

/**
 * One entrant per algorithm of the kind (default parameters; `seedOf(island)` gives each island's
 * seed: the platform uses worker/runtime/spec.ts `islandSeed`).
 */
export function raceEntrants<P>(module: KindModule<P>, problem: P, seedOf: (island: number) => number): RaceEntrant<P>[] {
  return raceAlgorithms(module).map((algorithm, island) => {
    const solver = module.algorithms[algorithm].solver as AnySolver<P>;
    return { algorithm, solver, params: solver.parameters(undefined, problem), seed: seedOf(island) };
  });
}

export function problemDirection(problem: unknown): Direction {
  return (problem as { direction?: string } | null)?.direction === "maximize" ? "maximize" : "minimize";
}

/** Run a whole race over `total` evaluations. */
export function runRace<P>(problem: P, entrants: readonly RaceEntrant<P>[], total: number, options: RaceRunOptions = {}): RaceRunResult {
  const plan = racePlan(
    entrants.map((e) => e.algorithm),
    total,
    options.growth,
    options.restart ?? canRestart(entrants.map((e) => e.solver)),
  );
  const direction = problemDirection(problem);
  const chunk = options.chunk ?? Number.POSITIVE_INFINITY;
  // Evaluations of each island's earlier runs (restarts); an island's figure is cumulative.
  const offsets = entrants.map(() => 0);
  const states = entrants.map((e) => e.solver.init(problem, e.params, e.seed, { maxEvaluations: runEvaluations(plan, 0) }));
  const figures = (): RaceIsland[] =>
    entrants.map((e, i) => {
      const p = e.solver.progress(states[i]);
      return { evaluations: offsets[i] + p.evaluations, best: Number.isFinite(p.best) ? p.best : null, done: p.done };
    });
  let state = raceStart();
  for (;;) {
    // One rung: every running island steps to the rung's target (in chunks).
    for (let i = 0; i < entrants.length; i++) {
      for (;;) {
        const n = chunkEvaluations(plan, state, i, figures()[i], chunk);
        if (n <= 0) break;
        entrants[i].solver.step(states[i], { evaluations: n });
        const p = entrants[i].solver.progress(states[i]);
        options.onChunk?.(i, p.evaluations, p.best);
      }
    }
    const figs = figures();
    if (!rungComplete(plan, state, figs)) throw new Error("race: a rung did not complete"); // solvers always advance
    if (raceFinished(plan, state, figs)) break;
    const next = advance(plan, state, figs, direction);
    const out = next.from === null ? undefined : entrants[next.from].solver.emigrants?.(states[next.from], options.migrants ?? 2);
    if (plan.restart) {
      for (const i of next.survivors) {
        const e = entrants[i];
        offsets[i] = figs[i].evaluations;
        states[i] = e.solver.init(problem, e.params, rungSeed(e.seed, next.state.rung), { maxEvaluations: runEvaluations(plan, next.state.rung) });
      }
    }
    if (out) for (const i of next.to) entrants[i].solver.immigrate?.(states[i], out);
    state = next.state;
  }
  const figs = figures();
  let best: RaceRunResult["best"] = { ...entrants[0].solver.best(states[0]), island: 0 };
  for (let i = 1; i < entrants.length; i++) {
    const b = entrants[i].solver.best(states[i]);
    if (betterValue(b.value, best.value, direction)) best = { ...b, island: i };
  }
  return { plan, state, summary: raceSummary(plan, state, figs), best, evaluations: figs.reduce((s, f) => s + f.evaluations, 0) };
}

/**
 * A race restarts its survivors each rung only when every solver can take migrants (the best so
 * far must reach the fresh runs): continuous and permutation; tsp islands run on without restarts.
 */
export function canRestart(solvers: readonly Pick<Solver<never, never, unknown, never>, "emigrants" | "immigrate">[]): boolean {
  return solvers.every((s) => typeof s.emigrants === "function" && typeof s.immigrate === "function");
}
