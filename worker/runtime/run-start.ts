/**
 * Starting a run (and a fork's start): the parent's checkpoint retuned and re-scored for a fork,
 * the island chunk calibrated, every island's first checkpoint placed, the first status and event
 * stored in one transaction, then the first alarm or queue round.
 */
import { calibrateIslandChunk, FIRST_CHUNK_EVALUATIONS } from "./chunk-budget";
import { mirrorToD1, recordIslandChunk } from "./d1-mirror";
import { retuneForFork, warmStartForFork } from "./fork";
import type { IslandCoordinator, IslandHost } from "./island-coordinator";
import { cleanProgress, placeCheckpoint } from "./loaded-solver";
import { initRaceIsland, isRace, islandSolver } from "./race";
import type { JobView } from "./runner-figures";
import type { IslandRow, RunnerStatus } from "./runner-store";
import { islandEvaluations, islandSeed, type JobSpec } from "./spec";
import type { FaultInjector, TestFaults } from "./test-faults";

/** What starting needs of the run (worker/runtime/job-run.ts). */
export interface StartHost extends Pick<IslandHost, "env" | "store" | "feed" | "storage" | "loaded" | "totals" | "figures"> {
  view(): JobView;
}

/** Initialise the run (idempotent: a second call returns the current view). Call inside the run's `exclusive`. */
export async function startRun(host: StartHost, injector: FaultInjector, islands: IslandCoordinator, spec: JobSpec, faults: TestFaults | null): Promise<JobView> {
  if (host.store.spec()) return host.view();
  const { problem, solver } = await host.loaded(spec);
  let parentState: unknown = null;
  if (spec.startFrom) {
    const parent = await host.env.JOB_RUNNER.get(host.env.JOB_RUNNER.idFromName(spec.startFrom.jobId)).exportCheckpoint(spec.tenantId);
    if (!parent) throw new Error(`job ${spec.startFrom.jobId} has no checkpoint to start from`);
    parentState = solver.restore(problem, parent.bytes);
    const total = parent.evaluations + (spec.maxEvaluations ?? Number.POSITIVE_INFINITY);
    retuneForFork(solver, parentState, spec.parameters, total);
    // The child's problem may weigh soft constraints differently (a weights fork): re-score.
    solver.rescore?.(problem, parentState);
    // A fork from an edited timetable continues from the edit (pins are in the child's problem).
    if (spec.startFrom.warmStart) warmStartForFork(solver, parentState, spec.startFrom.warmStart);
    spec = { ...spec, maxEvaluations: Number.isFinite(total) ? total : null, startFrom: { jobId: spec.startFrom.jobId, evaluations: parent.evaluations } };
  }
  if (spec.islands > 1 && spec.islandChunkEvaluations === null) {
    // A race calibrates on island 0 (the kind's default algorithm) with its own parameters.
    const calibrated = spec.race ? { ...spec, parameters: spec.race.parameters[0] } : spec;
    spec = { ...spec, islandChunkEvaluations: await calibrateIslandChunk(calibrated, problem, solver) };
    await recordIslandChunk(host.env, spec);
  }
  const rows: IslandRow[] = [];
  for (let i = 0; i < spec.islands; i++) {
    const state =
      i === 0 && parentState
        ? parentState
        : isRace(spec)
          ? initRaceIsland(spec, problem, i, islandSeed(spec.seed, i))
          : solver.init(problem, spec.parameters, islandSeed(spec.seed, i), { maxEvaluations: islandEvaluations(spec.maxEvaluations, spec.islands, i) });
    const own = isRace(spec) ? islandSolver(spec, i) : solver; // a race's island runs its own algorithm
    const placed = await placeCheckpoint(host.env, spec, i, 0, own.checkpoint(state));
    rows.push({ island: i, seq: 0, ...placed, progress: cleanProgress(own.progress(state)), computeMs: 0, deadline: null, attempts: 0 });
  }
  const now = Date.now();
  const totals = host.totals(problem, rows);
  const status: RunnerStatus = {
    state: "running",
    ...totals,
    improvedAtMs: 0,
    improvedAtEvaluations: totals.evaluations,
    computeMs: 0,
    chunkEvaluations: FIRST_CHUNK_EVALUATIONS,
    round: 0,
    startedAt: now,
    finishedAt: null,
    error: null,
    reason: null,
    lastMirrorAt: now,
    finishPending: null,
  };
  const event = host.storage.transactionSync(() => {
    host.store.setMeta("spec", spec);
    for (const r of rows) host.store.putIsland(r);
    host.store.setStatus(status);
    injector.arm(faults);
    return host.feed.record(host.figures(status, rows), "state", now);
  });
  if (spec.islands > 1) await islands.enqueueRound(spec);
  else await host.storage.setAlarm(now);
  if (event) host.feed.broadcast(event);
  await mirrorToD1(host.env, spec, status);
  return host.view();
}
