/**
 * Race jobs (`algorithm: "race"`) on the island runtime: one island per algorithm of the kind,
 * scheduled by core's successive-halving rules (core/engine/race.ts). This file is the glue the
 * island coordinator (island-coordinator.ts), the run's start (run-start.ts), the finish
 * (finish.ts) and createJob (worker/jobs/create-job.ts) call:
 *
 * - `prepareRace`: the plan and each algorithm's resolved parameters, stored in the JobSpec;
 * - `raceTaskEvaluations` / `raceWantsChunk`: an island's next chunk, cut at its rung's target
 *   (0 = dropped or waiting for the others);
 * - `closeRaceRound`: after a round, close every complete rung (drop the worse half; restart the
 *   survivors where the plan says so; migrate the best solution into them with each island's own
 *   solver) in one transaction;
 * - `raceProgress`: a report's figures with the island's earlier runs added (evaluations stay
 *   cumulative per island across restarts);
 * - `recordRaceCurve` / `raceView`: the per-algorithm anytime curve (best so far against the race's
 *   evaluations, ≤ 500 points) and the budget summary, for the job page and the result.
 *
 * Rungs end at fixed evaluation targets, so a race's result does not depend on its chunk size and
 * equals core's in-process `runRace` with the same island seeds (spec.ts `islandSeed`).
 */
import {
  advance,
  chunkEvaluations,
  isDropped,
  raceAlgorithms,
  raceFinished,
  racePlan,
  raceStart,
  raceSummary,
  RACE_GROWTH,
  RaceError,
  rungComplete,
  rungSeed,
  runEvaluations,
  type RaceAdvance,
  RACE_ALGORITHM,
  type RaceIsland,
  type RacePlan,
  type RaceState,
} from "@core/engine/race";
import type { Progress } from "@core/engine/contract";
import { canRestart, problemDirection } from "@core/engine/race-run";
import type { Env } from "../env";
import { validationError, type FieldError } from "../http/problem";
import type { RaceResult } from "../jobs/vocabulary";
import { cleanProgress, placeCheckpoint, readCheckpoint, type LoadedSolver } from "./loaded-solver";
import type { IslandRow, RunnerStatus, RunnerStore } from "./runner-store";
import { addHistoryPoint } from "./progress-feed";
import { kindModule, solverFor, type AnySolver } from "./solvers";
import { islandSeed, type JobSpec } from "./spec";

export { RACE_ALGORITHM };

/** What a race job's spec carries (JobSpec.race). */
export interface RaceSpec {
  plan: RacePlan;
  /** Resolved (default) parameters of each island's algorithm. */
  parameters: Record<string, unknown>[];
}

/** The race's own record in the runner's meta table. */
interface RaceRecord {
  state: RaceState;
  /** Evaluations of each island's runs before its current one (restarts); absent = none. */
  offsets?: number[];
  /** Sum of the islands' seqs when a round was last closed (a round closes once). */
  closedSeqs: number;
  curve: { every: number; seen: number; points: (number | null)[][] };
}

/** The race as the job page and the result show it (worker/jobs/vocabulary.ts). */
export type RaceView = RaceResult;

/** The plan for a race of every algorithm of `kind` over `total` evaluations (RaceError on refusal). */
export function prepareRace(kind: string, problem: unknown, total: number): RaceSpec {
  const module = kindModule(kind);
  const algorithms = raceAlgorithms(module);
  const plan = racePlan(algorithms, total, RACE_GROWTH, canRestart(algorithms.map((a) => module.algorithms[a].solver)));
  return { plan, parameters: algorithms.map((a) => module.algorithms[a].solver.parameters(undefined, problem) as Record<string, unknown>) };
}

type RaceJob = JobSpec & { race: RaceSpec };

export function isRace(spec: JobSpec): spec is RaceJob {
  return !!spec.race;
}

/** The algorithm island `island` runs: its race entrant, or the job's algorithm. */
export function islandAlgorithm(spec: JobSpec, island: number): string {
  return spec.race ? spec.race.plan.algorithms[island] : spec.algorithm;
}

export function islandSolver(spec: JobSpec, island: number): AnySolver {
  return solverFor(spec.kind, islandAlgorithm(spec, island)).solver;
}

/** Island `island`'s first state (run-start.ts startRun): its own algorithm, parameters and the race's island budget. */
export function initRaceIsland(spec: RaceJob, problem: unknown, island: number, seed: number): unknown {
  return islandSolver(spec, island).init(problem, spec.race.parameters[island], seed, { maxEvaluations: runEvaluations(spec.race.plan, 0) });
}

function record(store: RunnerStore): RaceRecord {
  return store.getMeta<RaceRecord>("race") ?? { state: raceStart(), closedSeqs: 0, curve: { every: 1, seen: 0, points: [] } };
}

function figures(rows: readonly IslandRow[]): RaceIsland[] {
  return [...rows].sort((a, b) => a.island - b.island).map((r) => ({ evaluations: r.progress.evaluations, best: r.progress.best ?? null, done: r.progress.done }));
}

function figure(row: IslandRow): RaceIsland {
  return { evaluations: row.progress.evaluations, best: row.progress.best ?? null, done: row.progress.done };
}

/** A report's progress with the island's earlier runs counted (call in `accept` for race jobs). */
export function raceProgress(store: RunnerStore, island: number, progress: Progress): Progress {
  const offset = record(store).offsets?.[island] ?? 0;
  return offset ? { ...progress, evaluations: progress.evaluations + offset } : progress;
}

/** Evaluations of this island's next chunk (never past its rung's target); 0 = none. */
export function raceTaskEvaluations(spec: RaceJob, store: RunnerStore, row: IslandRow): number {
  return chunkEvaluations(spec.race.plan, record(store).state, row.island, figure(row), spec.islandChunkEvaluations ?? 1);
}

export function raceWantsChunk(spec: RaceJob, store: RunnerStore, row: IslandRow): boolean {
  return raceTaskEvaluations(spec, store, row) > 0;
}

/** Every island stopped or ran its last rung: the race (and so the job's budget) is over. */
export function raceOver(spec: RaceJob, store: RunnerStore, rows: readonly IslandRow[]): boolean {
  return raceFinished(spec.race.plan, record(store).state, figures(rows));
}

/** A curve point after an accepted report (call inside the report's transaction). */
export function recordRaceCurve(store: RunnerStore, rows: readonly IslandRow[]): void {
  const rec = record(store);
  const sorted = [...rows].sort((a, b) => a.island - b.island);
  const total = sorted.reduce((s, r) => s + r.progress.evaluations, 0);
  const point = [total, ...sorted.map((r) => (isDropped(rec.state, r.island) ? null : (r.progress.best ?? null)))];
  addHistoryPoint(rec.curve as Parameters<typeof addHistoryPoint>[0], point as never);
  store.setMeta("race", rec);
}

export interface RaceRoundClose {
  rows: IslandRow[];
  status: RunnerStatus;
  /** R2 keys of checkpoints the new rows no longer use (delete after commit). */
  replaced: string[];
  /** Writes rows, status and the race record (run inside one transactionSync). */
  commit(): void;
}

/**
 * After a round (nothing in flight): count the round once, and close every complete rung in turn
 * (halving, then migration of the best solution into the survivors, each with its own solver).
 */
export async function closeRaceRound(
  env: Env,
  spec: RaceJob,
  loaded: Pick<LoadedSolver, "problem" | "startChunk">,
  store: RunnerStore,
  st: RunnerStatus,
  before: IslandRow[],
): Promise<RaceRoundClose> {
  const { problem } = loaded;
  const rec = record(store);
  let rows = [...before].sort((a, b) => a.island - b.island);
  const seqs = rows.reduce((s, r) => s + r.seq, 0);
  const status = seqs !== rec.closedSeqs ? { ...st, round: st.round + 1 } : st;
  let state = rec.state;
  const offsets = [...(rec.offsets ?? rows.map(() => 0))];
  let migrations = 0;
  const direction = problemDirection(problem);
  while (!raceFinished(spec.race.plan, state, figures(rows)) && rungComplete(spec.race.plan, state, figures(rows))) {
    const step = advance(spec.race.plan, state, figures(rows), direction);
    const changed = await nextRung(env, spec, loaded, rows, step, offsets);
    if (changed.migrated) migrations++;
    rows = changed.rows;
    state = step.state;
  }
  const replaced = before.map((r) => r.r2Key).filter((k): k is string => !!k && !rows.some((n) => n.r2Key === k));
  const next: RaceRecord = { ...rec, state, offsets, closedSeqs: seqs };
  return {
    rows,
    status,
    replaced,
    commit() {
      for (const r of rows) store.putIsland(r);
      store.setStatus(status);
      store.setMeta("race", next);
      if (migrations) store.setMeta("migrations", (store.getMeta<number>("migrations") ?? 0) + migrations);
    },
  };
}

/**
 * Into the next rung: with restarts each survivor starts a fresh run over the rung's budget (its
 * evaluations so far move into `offsets`); then the best island's `spec.migrants` best individuals
 * go to the islands of `step.to` (kinds with the hooks). Checkpoints are placed under their own
 * key ("<seq>r<rung>") so the previous ones stay intact until the round commits.
 */
async function nextRung(
  env: Env,
  spec: RaceJob,
  loaded: Pick<LoadedSolver, "problem" | "startChunk">,
  rows: IslandRow[],
  step: RaceAdvance,
  offsets: number[],
): Promise<{ rows: IslandRow[]; migrated: boolean }> {
  const { problem } = loaded;
  const { plan } = spec.race;
  const rung = step.state.rung;
  const source = step.from === null ? null : islandSolver(spec, step.from);
  const migrants = source?.emigrants && step.from !== null ? source.emigrants(source.restore(problem, await readCheckpoint(env, rows[step.from])), spec.migrants) : null;
  const touched = new Set<number>([...(plan.restart ? step.survivors : []), ...(migrants ? step.to : [])]);
  const out = [...rows];
  for (const i of [...touched].sort((a, b) => a - b)) {
    const solver = islandSolver(spec, i);
    let state: unknown;
    if (plan.restart) {
      offsets[i] = rows[i].progress.evaluations;
      loaded.startChunk(); // a fresh run scores its first population: a tenant objective's sandbox gets a new chunk budget
      state = solver.init(problem, spec.race.parameters[i], rungSeed(islandSeed(spec.seed, i), rung), { maxEvaluations: runEvaluations(plan, rung) });
    } else state = solver.restore(problem, await readCheckpoint(env, rows[i]));
    if (migrants && step.to.includes(i)) solver.immigrate?.(state, migrants);
    const placed = await placeCheckpoint(env, spec, i, `${rows[i].seq}r${rung}`, solver.checkpoint(state));
    const progress = cleanProgress(solver.progress(state));
    out[i] = { ...rows[i], ...placed, progress: { ...progress, evaluations: progress.evaluations + offsets[i] } };
  }
  return { rows: out, migrated: !!migrants && step.to.length > 0 };
}

/** The race's summary and curve (job view, result document); null for other jobs. */
export function raceView(spec: JobSpec, store: RunnerStore, rows: readonly IslandRow[]): RaceView | null {
  if (!isRace(spec)) return null;
  const rec = record(store);
  return { algorithms: spec.race.plan.algorithms, summary: raceSummary(spec.race.plan, rec.state, figures(rows)), curve: rec.curve.points };
}

/**
 * createJob's checks for `algorithm: "race"` (422 problem+json naming the field): the kind races
 * (continuous, tsp, permutation), the budget is a number of evaluations (rungs are planned in
 * evaluations), no `parameters` (every algorithm runs with its defaults), `islands` absent or equal
 * to the number of algorithms, not a fork, and no contributed compute. Returns the plan for the JobSpec.
 */
export function raceForJob(kind: string, problem: unknown, input: { parameters?: Record<string, unknown>; islands?: number; evaluations?: number; fork: boolean; contributions?: boolean }): RaceSpec {
  const errors: FieldError[] = [];
  let algorithms: string[] = [];
  try {
    algorithms = raceAlgorithms(kindModule(kind));
  } catch (e) {
    if (!(e instanceof RaceError)) throw e;
    throw validationError([{ path: e.path.join("."), message: e.message.replace(/^[^:]*: /, "") }], `"race" is not offered for ${kind} problems.`);
  }
  if (input.fork) errors.push({ path: "startFrom", message: "a race cannot be forked; submit the problem as a new race or fork with one algorithm" });
  if (input.parameters && Object.keys(input.parameters).length) errors.push({ path: "parameters", message: "a race runs every algorithm with its default parameters; omit parameters" });
  if (input.islands !== undefined && input.islands !== algorithms.length) {
    errors.push({ path: "islands", message: `a race of ${kind} runs one island per algorithm (${algorithms.length}: ${algorithms.join(", ")}); omit islands` });
  }
  // Contributed compute (worker/contribute/lender.ts) hands out units of the job's one algorithm.
  if (input.contributions) errors.push({ path: "allowContributions", message: "a race's islands run different algorithms and are not lent to contributors; omit allowContributions" });
  if (input.evaluations === undefined) errors.push({ path: "budget.evaluations", message: "a race needs a budget in evaluations (its rungs are planned in evaluations)" });
  if (errors.length) throw validationError(errors, "This race cannot start.");
  try {
    return prepareRace(kind, problem, input.evaluations!);
  } catch (e) {
    if (e instanceof RaceError) throw validationError([{ path: e.path.join("."), message: e.message.replace(/^[^:]*: /, "") }], "This race cannot start.");
    throw e;
  }
}
