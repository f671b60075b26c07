/**
 * createJob: validate the problem and parameters, ask admission for a slot, store the input in
 * R2 and the row in D1, and start the job's JobRunner. Called by POST /v1/jobs, the web app's
 * new-job action, fork and replay — one set of rules for all of them.
 */
import { eq, and } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { ProblemError, type InputIssue } from "@core/engine/errors";
import { readWeights } from "@core/timetabling/weights";
import { isSchoolDocument, reweighSchool } from "@core/school/index";
import { job } from "../db/schema";
import type { Env } from "../env";
import { ApiError, validationError, type FieldError } from "../http/problem";
import { compileProblem, ENGINE_VERSION, kindModule, solverFor } from "../runtime/solvers";
import { hasCustomObjective, validateProblemDocument } from "../sandbox/objective";
import { unforkableChanges } from "../runtime/fork";
import { RACE_ALGORITHM, raceForJob } from "../runtime/race";
import { RUNTIME_DEFAULTS, type JobSpec } from "../runtime/spec";
import { chunkTargetFor } from "../runtime/priority";
import { DEFAULT_STALL_SHARE, knownTarget } from "../runtime/stop-rules";
import type { TestFaults } from "../runtime/test-faults";
import { deleteJobBlobs, getJson, jobKeys, putJson } from "../storage/blobs";
import { isStorageFailure } from "../storage/unavailable";
import { admitJob, checkSizeLimits, releaseJob, tierLimits } from "../tenancy/admission";
import { measureDocument, populationOf } from "../problems/measure";
import { recordUsage } from "../tenancy/usage";
import { jobRunner, type JobRow } from "./job-queries";
import { assertContributionsAllowed } from "../contribute/admission";
import { schoolEditFork } from "./school-edit";

export interface CreateJobInput {
  /** The problem document (its `kind` picks the engine). Not allowed with `startFrom`. */
  problem?: unknown;
  algorithm?: string;
  parameters?: Record<string, unknown>;
  /** uint32; random when absent (the receipt records it). */
  seed?: number;
  /**
   * At most one of evaluations or seconds of compute; none = the plan's `defaultJobSeconds`.
   * `stall`: stop after no improvement for this share of the budget (default 0.25 for seconds,
   * off for evaluations; 0 = off). `target`: stop when the best reaches it (a seconds budget also stops at the
   * problem's known optimum). Rules: worker/runtime/stop-rules.ts.
   */
  budget?: JobBudget;
  islands?: number;
  name?: string;
  webhookUrl?: string;
  /** Fork: continue from this job's latest checkpoint (same tenant, kind, algorithm, problem). */
  startFrom?: { jobId: string };
  /**
   * Fork of a timetabling job only: soft-constraint weights overriding the parent's. The child's
   * stored problem is the parent's with these weights, and the restored population is re-scored.
   */
  weights?: Record<string, unknown>;
  /**
   * Fork of a finished FET school job only: lessons moved and pinned by hand (worker/jobs/school-edit.ts).
   * The child's problem locks the pins; its warm start is the edited timetable.
   */
  edit?: unknown;
  /**
   * Island jobs only: lend island units to contributors (the tenant's lab machines, visitors' browser
   * tabs; worker/contribute/). The tenant's contribution setting must allow it.
   */
  allowContributions?: boolean;
  /** Runtime tuning; defaults suit production. */
  options?: {
    /** Contributed compute: a contributor's lease on one unit (ms), and the share of units the server re-runs. */
    contributionLeaseMs?: number;
    contributionSampleRate?: number;
    chunkTargetMs?: number;
    islandChunkEvaluations?: number;
    islandDeadlineMs?: number;
    migrateEvery?: number;
    migrants?: number;
    /** Stop as `expired` after this much compute, below the plan's limit (never above it). */
    computeLimitMs?: number;
    /** Replay: run exactly this many evaluations, stop rules off (the original's `evaluationsRun`). */
    stopAtEvaluations?: number;
  };
  /** Only honoured when ENVIRONMENT is "test": simulated crashes and lost messages. */
  testFaults?: TestFaults;
}

export interface JobBudget {
  evaluations?: number;
  seconds?: number;
  stall?: number;
  target?: number;
}

export interface JobCaller {
  tenantId: string;
  userId?: string;
  /** The HTTP request creating the job, for log lines (absent for web actions without one). */
  requestId?: string;
  /** Origin of links in answers (the plan's upgrade link): the caller's trusted origin (worker/auth/dev-origins.ts); APP_URL when absent. */
  linkOrigin?: string;
}

/** Replay receipt stored on the job: enough to re-run it and to check a replay's inputs. */
export interface JobReceipt {
  engineVersion: string;
  seed: number;
  kind: string;
  algorithm: string;
  /** sha-256 (hex) of the canonical JSON of { problem, algorithm, parameters }. */
  inputHash: string;
  /** Evaluation-budgeted runs are exact; seconds-budgeted ones depend on the machine's speed. */
  replayable: boolean;
  islands: number;
  islandChunkEvaluations: number | null;
  migrateEvery: number | null;
  migrants: number | null;
  startFrom: string | null;
  /** A FET school fork's weights (constraint type → percentage): its .fet carries them only in its text, so a replay applies them again. */
  schoolWeights?: Record<string, unknown>;
  /** A fork from a timetable edited by hand (its warm start is the edit: not replayable). */
  edited?: true;
}

const MAX_EVALUATIONS = 1e12;

export async function createJob(env: Env, caller: JobCaller, input: CreateJobInput): Promise<JobRow> {
  const errors = checkShape(input);
  if (errors.length) throw validationError(errors);
  const db = drizzle(env.DB);

  let doc = input.problem;
  let parent: JobRow | undefined;
  let warmStart: { start: number[]; room: number[] } | undefined;
  if (input.startFrom) {
    parent = await db
      .select()
      .from(job)
      .where(and(eq(job.id, input.startFrom.jobId), eq(job.tenantId, caller.tenantId)))
      .get();
    if (!parent) throw new ApiError(404, "not-found", "Job not found", `No job ${input.startFrom.jobId}.`);
    doc = await getJson(env.BLOBS, parent.inputKey ?? "");
    if (doc === null) throw new ApiError(409, "fork-unavailable", "Cannot fork", `The input of job ${parent.id} is no longer stored.`);
    if (input.weights !== undefined) doc = reweighed(parent, doc, input.weights);
    if (input.edit !== undefined) ({ doc, warmStart } = await schoolEditFork(env, caller.tenantId, parent, input.edit));
  }
  let islands = input.islands ?? 1;
  const limits = await tierLimits(env, caller.tenantId);
  const budget = resolveBudget(input.budget, limits.defaultJobSeconds);
  // Sizes first (a bounded read of headers and counts), against the plan, before any compile:
  // parser maximums answer 413/422, the plan's limits 402/403 (worker/problems/measure.ts).
  const measured = measureDocument(doc);
  if (measured) checkSizeLimits(env, limits, { size: measured.size, islands, linkOrigin: caller.linkOrigin });
  const compiled = compileWithPaths(doc);
  const { kind, problem } = compiled;
  // Tenant JavaScript: compiles, exports fitness, and gives a finite value at the centre, in the sandbox.
  if (hasCustomObjective(doc)) await validateProblemDocument(doc);
  const requested = input.algorithm ?? parent?.algorithm;
  // `algorithm: "race"`: one island per algorithm of the kind, each with its defaults (worker/runtime/race.ts).
  const race =
    requested === RACE_ALGORITHM
      ? raceForJob(kind, problem, { parameters: input.parameters, islands: input.islands, evaluations: budget.evaluations, fork: !!parent, contributions: !!input.allowContributions })
      : null;
  if (race) islands = race.plan.algorithms.length;
  const { algorithm, solver } = race ? { algorithm: RACE_ALGORITHM, solver: solverFor(kind, undefined, problem).solver } : solverFor(kind, requested, problem);
  const parameters = race ? {} : (solver.parameters(input.parameters ?? (parent?.parameters as never), problem as never) as Record<string, unknown>);
  if (parent) checkFork(kind, algorithm, parent, parameters, islands);
  // A solver without `retune` cannot continue a checkpoint (worker/runtime/fork.ts): say so here,
  // before anything exists, rather than from inside the runner (where it would reset the object).
  if (parent && !solver.retune)
    throw new ApiError(422, "fork-unsupported", "Cannot fork this job", `The ${algorithm} algorithm's saved state cannot be continued by a fork yet; submit the problem as a new job.`);
  if (warmStart && !solver.warmStart) throw new ApiError(422, "fork-unsupported", "Cannot fork this job", `The ${algorithm} algorithm cannot continue from an edited timetable.`);
  // The plan's `population` limit bounds the population the parameters ask for (per island).
  const population = race ? maxOf(race.parameters.map(populationOf)) : populationOf(parameters);
  const size: Record<string, number> = population === null ? compiled.size : { ...compiled.size, population };

  if (input.allowContributions) await assertContributionsAllowed(env, caller.tenantId, doc, islands);
  const jobId = `job_${randomHex(16)}`;
  const admission = await admitJob(env, { tenantId: caller.tenantId, jobId, kind, size, islands, linkOrigin: caller.linkOrigin });
  let inserted: JobRow | undefined;
  let inputBytes = 0;
  let runnerStarting = false;
  try {
    const seed = input.seed ?? crypto.getRandomValues(new Uint32Array(1))[0];
    const maxEvaluations = budget.evaluations ?? null;
    const o = input.options ?? {};
    const replaying = o.stopAtEvaluations !== undefined;
    const spec: JobSpec = {
      jobId,
      tenantId: caller.tenantId,
      kind,
      algorithm,
      parameters,
      seed,
      maxEvaluations,
      // A replay runs to the recorded evaluations, whatever the clock says.
      maxComputeMs: budget.seconds !== undefined && !replaying ? budget.seconds * 1000 : null,
      // An evaluation budget is exact: it runs to the end unless the job names its own target.
      target: replaying ? null : budget.seconds !== undefined ? knownTarget(kind, doc, problem, budget.target) : (budget.target ?? null),
      stallShare: replaying ? null : (budget.stall ?? (budget.seconds !== undefined ? DEFAULT_STALL_SHARE : 0)) || null,
      stopAtEvaluations: o.stopAtEvaluations ?? null,
      computeLimitMs: Math.min(admission.limits.computeSecondsPerJob * 1000, o.computeLimitMs ?? Number.POSITIVE_INFINITY),
      inputKey: jobKeys.input(caller.tenantId, jobId),
      islands,
      // The plan's priority buys a larger share of each turn (worker/runtime/priority.ts).
      chunkTargetMs: o.chunkTargetMs ?? chunkTargetFor(Number(env.JOB_CHUNK_TARGET_MS) || RUNTIME_DEFAULTS.chunkTargetMs, admission.limits.priority),
      // null: the runner measures the solver's rate at start and fixes ~2 s of CPU per chunk.
      islandChunkEvaluations: islands > 1 ? (o.islandChunkEvaluations ?? null) : null,
      islandDeadlineMs: o.islandDeadlineMs ?? RUNTIME_DEFAULTS.islandDeadlineMs,
      migrateEvery: o.migrateEvery ?? RUNTIME_DEFAULTS.migrateEvery,
      migrants: o.migrants ?? RUNTIME_DEFAULTS.migrants,
      ...(input.allowContributions ? { allowContributions: true, contributionLeaseMs: o.contributionLeaseMs, contributionSampleRate: o.contributionSampleRate } : {}),
      startFrom: parent ? { jobId: parent.id, evaluations: 0, ...(warmStart ? { warmStart } : {}) } : null,
      ...(caller.requestId ? { requestId: caller.requestId } : {}),
      ...(race ? { race } : {}),
    };
    const receipt: JobReceipt = {
      engineVersion: ENGINE_VERSION,
      seed,
      kind,
      algorithm,
      inputHash: await sha256Hex(canonicalJson({ problem: doc, algorithm, parameters })),
      replayable: maxEvaluations !== null && !warmStart,
      islands,
      islandChunkEvaluations: islands > 1 ? spec.islandChunkEvaluations : null,
      migrateEvery: islands > 1 ? spec.migrateEvery : null,
      migrants: islands > 1 ? spec.migrants : null,
      startFrom: parent?.id ?? null,
      ...(parent && input.weights !== undefined && isSchoolDocument(doc) ? { schoolWeights: input.weights } : {}),
      ...(warmStart ? { edited: true as const } : {}),
    };
    inputBytes = await putJson(env.BLOBS, spec.inputKey, doc);
    inserted = await db
      .insert(job)
      .values({
        id: jobId,
        tenantId: caller.tenantId,
        createdBy: caller.userId ?? null,
        kind,
        algorithm,
        state: "queued",
        name: input.name ?? defaultJobName(kind, algorithm, doc, parent),
        parameters,
        seed,
        budget,
        size,
        islands,
        parentJobId: parent?.id ?? null,
        receipt: receipt as unknown as Record<string, unknown>,
        inputKey: spec.inputKey,
        webhookUrl: input.webhookUrl ?? null,
      })
      .returning()
      .get();
    runnerStarting = true;
    await jobRunner(env, jobId).start(spec, env.ENVIRONMENT === "test" ? (input.testFaults ?? null) : null);
  } catch (e) {
    // The runner's start runs the tenant's code (solver.init scores the first population): if it
    // failed there for any reason but a storage outage, that CPU was spent, so the day's quota unit
    // stays used (a fitness that throws in init cannot be retried for free, forever).
    const refundQuota = !runnerStarting || isStorageFailure(e);
    // Undo every step that may have happened (fault tests in worker/ops/faults.test.ts):
    // the client got an error (a storage outage answers 503) and never learned this job id, so a
    // retry must start clean — no slot or quota unit held, no input without its row, no row
    // without its input, no runner left with an alarm. Each undo is best-effort: the storage that
    // just failed may still be down, and the original error is the one to report.
    const undo = (what: string, p: Promise<unknown>) =>
      p.catch((u) => console.error(JSON.stringify({ level: "error", msg: `createJob cleanup failed: ${what}`, requestId: caller.requestId, tenantId: caller.tenantId, jobId, error: String(u) })));
    await undo("release slot", releaseJob(env, caller.tenantId, jobId, { refundQuota }));
    // A start whose answer was lost may have run the whole job: take back what its finish recorded.
    const destroyed = await jobRunner(env, jobId)
      .destroy()
      .catch((u: unknown) => undo("destroy runner", Promise.reject(u)).then(() => null));
    const stored = destroyed?.recordedUsage ? await env.BLOBS.head(jobKeys.result(caller.tenantId, jobId)).catch(() => null) : null;
    await undo("delete job blobs", deleteJobBlobs(env.BLOBS, caller.tenantId, jobId));
    if (destroyed?.recordedUsage) {
      const u = destroyed.recordedUsage;
      await undo("take back usage", recordUsage(env, caller.tenantId, { jobs: -u.jobs, computeMs: -u.computeMs, storageBytes: -(stored?.size ?? 0) }));
    }
    await undo(
      "delete row",
      db
        .delete(job)
        .where(and(eq(job.id, jobId), eq(job.tenantId, caller.tenantId)))
        .run(),
    );
    throw e;
  }
  // The job exists and runs from here: a failed re-read (or usage write) must not turn into an
  // error (the client would retry and create it twice), so the inserted row stands in for the fresher one.
  await recordUsage(env, caller.tenantId, { storageBytes: inputBytes }).catch((e) =>
    console.warn(JSON.stringify({ level: "warn", msg: "input storage usage not recorded", requestId: caller.requestId, tenantId: caller.tenantId, jobId, error: String(e) })),
  );
  return (
    (await db
      .select()
      .from(job)
      .where(eq(job.id, jobId))
      .get()
      .catch(() => undefined)) ?? inserted!
  );
}

/** The budget as stored on the job: the plan's default time budget when it names neither evaluations nor seconds. */
export function resolveBudget(given: JobBudget | undefined, defaultSeconds: number): JobBudget {
  const b = given ?? {};
  if (b.evaluations !== undefined || b.seconds !== undefined) return b;
  return { ...b, seconds: defaultSeconds };
}

/**
 * A readable name for a job submitted without one (API jobs): the problem document's own `name`,
 * else "<kind> · <algorithm>"; a fork is its parent's name + " (fork)".
 */
export function defaultJobName(kind: string, algorithm: string, doc: unknown, parent?: { name: string | null }): string {
  if (parent?.name) return `${parent.name} (fork)`.slice(0, 200);
  const own = (doc as { name?: unknown } | null)?.name;
  if (typeof own === "string" && own.trim()) return own.trim().slice(0, 200);
  return `${kind} · ${algorithm}`;
}

function checkShape(input: CreateJobInput): FieldError[] {
  const errors: FieldError[] = [];
  const b = input.budget ?? {};
  const hasEvals = b.evaluations !== undefined;
  const hasSecs = b.seconds !== undefined;
  if (hasEvals && hasSecs) errors.push({ path: "budget", message: "give at most one of budget.evaluations or budget.seconds (none: the plan's default time budget)" });
  if (b.stall !== undefined && !(typeof b.stall === "number" && b.stall >= 0 && b.stall < 1)) {
    errors.push({ path: "budget.stall", message: "must be a share of the budget from 0 (never stop on a stall) to below 1, e.g. 0.25" });
  }
  if (b.target !== undefined && !(typeof b.target === "number" && Number.isFinite(b.target))) errors.push({ path: "budget.target", message: "must be a finite number" });
  if (hasEvals && !(Number.isInteger(b.evaluations) && b.evaluations! >= 1 && b.evaluations! <= MAX_EVALUATIONS)) {
    errors.push({ path: "budget.evaluations", message: `must be an integer from 1 to ${MAX_EVALUATIONS}` });
  }
  if (hasSecs && !(typeof b.seconds === "number" && b.seconds > 0 && b.seconds <= 86_400)) {
    errors.push({ path: "budget.seconds", message: "must be a number of seconds above 0 and at most 86400" });
  }
  if (input.seed !== undefined && !(Number.isInteger(input.seed) && input.seed >= 0 && input.seed <= 0xffffffff)) {
    errors.push({ path: "seed", message: "must be an integer from 0 to 4294967295" });
  }
  if (input.islands !== undefined && !(Number.isInteger(input.islands) && input.islands >= 1 && input.islands <= 64)) {
    errors.push({ path: "islands", message: "must be an integer from 1 to 64" });
  }
  if (input.startFrom && input.problem !== undefined) errors.push({ path: "problem", message: "must be omitted when startFrom is given (a fork keeps the problem)" });
  if (!input.startFrom && input.problem === undefined) errors.push({ path: "problem", message: "is required" });
  if (!input.startFrom && input.weights !== undefined) errors.push({ path: "weights", message: "only a fork takes weights (a new job carries them in its problem document)" });
  if (!input.startFrom && input.edit !== undefined) errors.push({ path: "edit", message: "only a fork of a finished FET school job takes an edit" });
  const o = input.options ?? {};
  const positive: [keyof NonNullable<CreateJobInput["options"]>, number][] = [
    ["chunkTargetMs", 30_000],
    ["islandChunkEvaluations", MAX_EVALUATIONS],
    ["islandDeadlineMs", 3_600_000],
    ["migrateEvery", 1000],
    ["migrants", 1000],
    ["computeLimitMs", 86_400_000],
    ["stopAtEvaluations", MAX_EVALUATIONS],
  ];
  if (input.allowContributions !== undefined && typeof input.allowContributions !== "boolean") errors.push({ path: "allowContributions", message: "must be true or false" });
  if (o.contributionLeaseMs !== undefined && !(Number.isInteger(o.contributionLeaseMs) && o.contributionLeaseMs >= 500 && o.contributionLeaseMs <= 600_000)) {
    errors.push({ path: "options.contributionLeaseMs", message: "must be an integer from 500 to 600000" });
  }
  if (o.contributionSampleRate !== undefined && !(typeof o.contributionSampleRate === "number" && o.contributionSampleRate >= 0 && o.contributionSampleRate <= 1)) {
    errors.push({ path: "options.contributionSampleRate", message: "must be a share from 0 to 1" });
  }
  for (const [k, max] of positive) {
    const v = o[k];
    if (v !== undefined && !(Number.isInteger(v) && v >= 1 && v <= max)) errors.push({ path: `options.${k}`, message: `must be an integer from 1 to ${max}` });
  }
  return errors;
}

function checkFork(kind: string, algorithm: string, parent: JobRow, parameters: Record<string, unknown>, islands: number): void {
  const errors: FieldError[] = [];
  if (parent.kind !== kind || parent.algorithm !== algorithm) {
    errors.push({ path: "algorithm", message: `a fork keeps the parent's algorithm (${parent.algorithm})` });
  }
  if (islands !== 1) errors.push({ path: "islands", message: "a fork runs as one population (islands: 1)" });
  if (parent.state === "queued") errors.push({ path: "startFrom.jobId", message: "the parent job has no checkpoint yet" });
  const specs = kindModule(kind).algorithms[algorithm]?.params ?? [];
  for (const name of unforkableChanges(specs, parent.parameters, parameters)) {
    errors.push({ path: `parameters.${name}`, message: "cannot change in a fork (it shapes the stored population); only numeric rates and factors can" });
  }
  if (errors.length) throw validationError(errors, "This fork cannot continue from the parent's checkpoint.");
}

/** The parent's timetabling document with `weights` merged over its own (a weights fork). */
function reweighed(parent: JobRow, doc: unknown, weights: Record<string, unknown>): unknown {
  if (parent.kind !== "timetabling") throw validationError([{ path: "weights", message: `only timetabling jobs have soft-constraint weights (this is ${parent.kind})` }]);
  // FET schools weigh each constraint element (Weight_Percentage): a fork sets the soft ones by FET type
  // (core/school/reweigh.ts), and the school solver's rescore re-scores the restored state under them.
  if (isSchoolDocument(doc)) return reweighSchool(doc, weights);
  const issues: InputIssue[] = [];
  const read = readWeights(weights, ["weights"], issues);
  if (issues.length) throw new ProblemError(issues);
  const d = doc as Record<string, unknown>;
  return { ...d, weights: { ...(d.weights as object | undefined), ...read } };
}

/** Problem errors carry paths inside the document; the API reports them under `problem.`. */
function compileWithPaths(doc: unknown): ReturnType<typeof compileProblem> {
  try {
    return compileProblem(doc);
  } catch (e) {
    if (e instanceof ProblemError) {
      const issues: InputIssue[] = e.issues.map((i) => (i.path[0] === "problem" || i.path[0] === "algorithm" ? i : { ...i, path: ["problem", ...i.path] }));
      // The limit (and so the 413/422 status) of a parser maximum survives the re-rooting.
      throw new ProblemError(issues, e.limit ? { limit: e.limit } : undefined);
    }
    throw e;
  }
}

function randomHex(bytes: number): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** JSON with object keys sorted, so equal documents hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The largest of some populations (null when none is known): a race's islands each hold one. */
function maxOf(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? Math.max(...known) : null;
}
