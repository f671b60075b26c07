/**
 * /v1/jobs — thin HTTP over the job service layer (worker/jobs/): create (JSON or multipart
 * upload), list, read, pause / resume / cancel, delete, fork, replay, result, explanation and
 * exports. Business rules (admission, states, forks) live in the service; this file maps HTTP.
 * The SSE stream GET /v1/jobs/:id/events is the runtime's route.
 */
import { createRoute, z, type RouteConfig } from "@hono/zod-openapi";
import { MAX_WEIGHT, WEIGHT_NAMES } from "../../core/timetabling/weights";
import type { Context } from "hono";
import { bodyFromForm, readMultipart, withUploadedProblem } from "../api/problem-input";
import { ProblemDocument, UploadFields } from "../api/problem-schemas";
import { downloadResponse, jobExplanation, jobExport } from "../api/job-exports";
import { JOB_STATES, JobSchema, jobView } from "../api/job-view";
import { AUTHED_ERRORS, CursorQuery, errorResponses, IdParam, jsonContent } from "../api/schemas";
import { assertScope, authOf } from "../auth/authenticate";
import { createApiRouter, zodIssuesToFieldErrors } from "../http/openapi";
import { ApiError, validationError } from "../http/problem";
import { cancelJob, createJob, deleteJob, getJob, getJobResult, listJobs, pauseJob, resumeJob, type CreateJobInput, type ListJobsQuery } from "../jobs/index";
import { getJson, jobKeys } from "../storage/blobs";
import { checkTargetUrl, listDeliveries } from "../webhooks/endpoints";
import { jobEndpointId } from "../webhooks/job-webhook";
import { Delivery } from "./webhooks";

/** Budgets used when a job names none (evaluations: exact and replayable). */
export const DEFAULT_BUDGET: Record<string, { evaluations: number }> = {
  continuous: { evaluations: 100_000 },
  tsp: { evaluations: 200_000 },
  timetabling: { evaluations: 1_000_000 },
  // Tenant objectives cost a sandbox call per batch: a smaller default than the built-ins'.
  permutation: { evaluations: 50_000 },
};

const Budget = z
  .object({
    evaluations: z.number().int().min(1).optional(),
    seconds: z.number().positive().max(86_400).optional(),
  })
  .openapi("Budget", { description: "Exactly one of evaluations (replayable) or seconds of compute. Default: a per-kind number of evaluations." });

const CreateJob = z
  .object({
    problem: ProblemDocument,
    algorithm: z.string().optional().openapi({ description: "An id from GET /v1/algorithms; the kind's default when absent." }),
    parameters: z.record(z.string(), z.unknown()).optional().openapi({ description: "Algorithm parameters; defaults fill the rest." }),
    seed: z.number().int().min(0).max(0xffffffff).optional().openapi({ description: "Random when absent; recorded in the receipt." }),
    budget: Budget.optional(),
    islands: z.number().int().min(1).max(64).optional(),
    name: z.string().max(200).optional(),
    webhook: z
      .object({ url: z.string().url() })
      .optional()
      .openapi({ description: "Also POST this job's finish event here, signed like endpoint deliveries with the secret from GET /v1/webhooks/job-secret." }),
  })
  .openapi("CreateJob");

const CreateJobUpload = z
  .object({
    ...UploadFields,
    algorithm: z.string().optional(),
    parameters: z.string().optional().openapi({ description: "JSON object as text" }),
    seed: z.string().optional(),
    budget: z.string().optional().openapi({ description: 'JSON as text, e.g. {"evaluations":50000}' }),
    name: z.string().optional(),
  })
  .openapi("CreateJobUpload");

const ForkJob = z
  .object({
    parameters: z.record(z.string(), z.unknown()).optional().openapi({ description: "Changed numeric rates and factors (structure-shaping ones cannot change)." }),
    budget: Budget.optional(),
    seed: z.number().int().min(0).max(0xffffffff).optional(),
    name: z.string().max(200).optional(),
    weights: z
      .object(Object.fromEntries(WEIGHT_NAMES.map((k) => [k, z.number().min(0).max(MAX_WEIGHT).optional()])))
      .strict()
      .optional()
      .openapi({ description: "Timetabling only: soft-constraint weights (cost per unit of violation) replacing the parent's; the others keep theirs. The restored timetables are re-scored under them." }),
  })
  .openapi("ForkJob");

const ListQuery = CursorQuery.extend({
  state: z.enum(JOB_STATES).optional(),
  kind: z.string().optional(),
  createdAfter: z.string().datetime().optional().openapi({ description: "ISO-8601; only jobs created at or after." }),
  createdBefore: z.string().datetime().optional().openapi({ description: "ISO-8601; only jobs created before." }),
});

const JobList = z.object({ items: z.array(JobSchema), nextCursor: z.string().nullable() }).openapi("JobList");
const Result = z.record(z.string(), z.unknown()).openapi("JobResult", { description: "Best solution, figures, per-island figures and the convergence history." });
const Explanation = z.record(z.string(), z.unknown()).openapi("Explanation", { description: "Hard and soft totals and every violation per constraint." });
const ExportParams = IdParam.extend({
  format: z.string().openapi({ param: { name: "format", in: "path" }, example: "xlsx", description: "json, csv, xlsx, ics, html, sol, tour, geojson, svg, convergence.csv, convergence.svg or zip (per kind)" }),
});
export const ExportQuery = z.object({
  view: z.string().optional().openapi({ description: "ICS only: room:<id>, group:<id> or instructor:<id>" }),
  start: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().openapi({ description: "ICS: first day of the first week (day 0 of the timetable)" }),
  weeks: z.coerce.number().int().min(1).max(60).optional().openapi({ description: "ICS: weekly repetitions (default 12)" }),
  tz: z.string().max(64).optional().openapi({ description: "ICS: IANA time zone shown to calendar clients" }),
});
const binary = (description: string) => ({ description, content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } } });

/** The JSON part was validated by zod-openapi; its type is lost only because the route also declares an upload. */
const validJson = (c: { req: { valid: unknown } }) => (c.req.valid as (target: "json") => Record<string, unknown>)("json");

const tags = ["Jobs"];
const writer = (c: Context) => assertScope(authOf(c), "jobs:write");
const reader = (c: Context) => assertScope(authOf(c), "jobs:read");

async function submit(c: Context, input: Record<string, unknown>) {
  const auth = writer(c);
  const parsed = CreateJob.safeParse(input);
  if (!parsed.success) throw validationError(zodIssuesToFieldErrors(parsed.error.issues));
  const { webhook, ...body } = parsed.data;
  const kind = (body.problem as { kind: string }).kind;
  const row = await createJob(c.env, { tenantId: auth.tenantId, userId: auth.userId, requestId: c.get("requestId") }, {
    ...body,
    budget: body.budget ?? DEFAULT_BUDGET[kind] ?? { evaluations: 100_000 },
    webhookUrl: webhook ? checkTargetUrl(c.env, webhook.url, "webhook.url") : undefined,
  } as CreateJobInput);
  c.header("location", `/v1/jobs/${row.id}`);
  return c.json(jobView(row), 202);
}

function idRoute<M extends "get" | "post" | "delete", P extends string, R extends RouteConfig["responses"], X extends Omit<NonNullable<RouteConfig["request"]>, "params"> = {}>(
  method: M,
  path: P,
  summary: string,
  responses: R,
  extra?: X,
) {
  return createRoute({ method, path, tags, summary, request: { params: IdParam, ...(extra as X) }, responses });
}

export const jobRoutes = createApiRouter();
jobRoutes.openAPIRegistry.register("CreateJobUpload", CreateJobUpload);
export const typedJobRoutes = jobRoutes
  .openapi(
    createRoute({
      method: "post",
      path: "/",
      tags,
      summary: "Submit a job",
      description: "JSON with a problem document, or multipart with the problem as a `file` (.ctt, .tsp, .json, .csv, .xlsx). Answers 202; follow it with GET /v1/jobs/{id} or the events stream.",
      request: {
        // Not "required": zod-openapi then checks only the part matching the content type.
        // The upload part is a plain schema reference: documented, but not in the typed client's JSON input.
        body: { required: false, content: { "application/json": { schema: CreateJob }, "multipart/form-data": { schema: { $ref: "#/components/schemas/CreateJobUpload" } } } },
      },
      responses: { 202: jsonContent(JobSchema, "Accepted: the job is queued"), ...errorResponses(...AUTHED_ERRORS, 400, 402, 409, 413, 415, 422) },
    }),
    async (c) => {
      const multipart = (c.req.header("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
      const input = multipart ? await withUploadedProblem(bodyFromForm(await readMultipart(c.req))) : validJson(c);
      return submit(c, input) as never;
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      summary: "List jobs, newest first",
      request: { query: ListQuery },
      responses: { 200: jsonContent(JobList, "One page of jobs"), ...errorResponses(...AUTHED_ERRORS, 422) },
    }),
    async (c) => {
      const auth = reader(c);
      const q = c.req.valid("query");
      const query = { ...q, createdAfter: q.createdAfter ? new Date(q.createdAfter) : undefined, createdBefore: q.createdBefore ? new Date(q.createdBefore) : undefined };
      const page = await listJobs(c.env, auth.tenantId, query satisfies ListJobsQuery);
      return c.json({ items: page.jobs.map(jobView), nextCursor: page.nextCursor }, 200);
    },
  )
  .openapi(idRoute("get", "/{id}", "Get a job", { 200: jsonContent(JobSchema, "The job"), ...errorResponses(...AUTHED_ERRORS, 404) }), async (c) =>
    c.json(jobView(await getJob(c.env, reader(c).tenantId, c.req.valid("param").id)), 200),
  )
  .openapi(idRoute("post", "/{id}/pause", "Pause a running job", { 200: jsonContent(JobSchema, "Paused"), ...errorResponses(...AUTHED_ERRORS, 404, 409) }), async (c) =>
    c.json(jobView(await pauseJob(c.env, writer(c).tenantId, c.req.valid("param").id)), 200),
  )
  .openapi(idRoute("post", "/{id}/resume", "Resume a paused job", { 200: jsonContent(JobSchema, "Running again"), ...errorResponses(...AUTHED_ERRORS, 404, 409) }), async (c) =>
    c.json(jobView(await resumeJob(c.env, writer(c).tenantId, c.req.valid("param").id)), 200),
  )
  .openapi(idRoute("post", "/{id}/cancel", "Cancel a job (its best-so-far result is kept)", { 200: jsonContent(JobSchema, "Cancelled"), ...errorResponses(...AUTHED_ERRORS, 404, 409) }), async (c) =>
    c.json(jobView(await cancelJob(c.env, writer(c).tenantId, c.req.valid("param").id)), 200),
  )
  .openapi(idRoute("delete", "/{id}", "Delete a job and all its stored data", { 204: { description: "Deleted from D1 and R2" }, ...errorResponses(...AUTHED_ERRORS, 404) }), async (c) => {
    await deleteJob(c.env, writer(c).tenantId, c.req.valid("param").id);
    return c.body(null, 204);
  })
  .openapi(
    idRoute("post", "/{id}/fork", "Continue from this job's latest checkpoint with changed parameters", { 202: jsonContent(JobSchema, "The new job"), ...errorResponses(...AUTHED_ERRORS, 402, 404, 409, 422) }, {
      body: { required: false, content: { "application/json": { schema: ForkJob } } },
    }),
    async (c) => {
      const auth = writer(c);
      const parent = await getJob(c.env, auth.tenantId, c.req.valid("param").id);
      const body = (c.req.header("content-length") === "0" || !c.req.header("content-type") ? {} : c.req.valid("json")) as z.infer<typeof ForkJob>;
      const row = await createJob(c.env, { tenantId: auth.tenantId, userId: auth.userId, requestId: c.get("requestId") }, {
        startFrom: { jobId: parent.id },
        parameters: body.parameters ? { ...parent.parameters, ...body.parameters } : undefined,
        budget: body.budget ?? parent.budget,
        seed: body.seed,
        name: body.name ?? (parent.name ? `${parent.name} (fork)` : undefined),
        weights: body.weights,
      });
      c.header("location", `/v1/jobs/${row.id}`);
      return c.json(jobView(row), 202);
    },
  )
  .openapi(
    idRoute("post", "/{id}/replay", "Re-run the job from its receipt (same engine version, seed and input)", { 202: jsonContent(JobSchema, "The replay job"), ...errorResponses(...AUTHED_ERRORS, 402, 404, 409, 422) }),
    async (c) => {
      const auth = writer(c);
      const row = await getJob(c.env, auth.tenantId, c.req.valid("param").id);
      const receipt = (row.receipt ?? {}) as { replayable?: boolean; islandChunkEvaluations?: number | null; migrateEvery?: number | null; migrants?: number | null };
      if (!receipt.replayable) {
        throw new ApiError(409, "not-replayable", "Not replayable", "Only evaluation-budgeted jobs replay exactly; this one was budgeted in seconds.");
      }
      const options = row.islands > 1 ? { islandChunkEvaluations: receipt.islandChunkEvaluations ?? undefined, migrateEvery: receipt.migrateEvery ?? undefined, migrants: receipt.migrants ?? undefined } : undefined;
      const base = { algorithm: row.algorithm, parameters: row.parameters, seed: row.seed, budget: row.budget, islands: row.islands, name: `replay of ${row.name ?? row.id}`, options };
      let input: CreateJobInput;
      const problem = await getJson(c.env.BLOBS, row.inputKey ?? jobKeys.input(auth.tenantId, row.id));
      if (problem === null) throw new ApiError(409, "input-gone", "Input no longer stored", `The input of job ${row.id} is no longer stored.`);
      if (row.parentJobId) {
        // A fork replays as a fork of the same parent, with the weights its own input carries.
        const weights = row.kind === "timetabling" ? ((problem as { weights?: Record<string, unknown> }).weights ?? undefined) : undefined;
        input = { ...base, startFrom: { jobId: row.parentJobId }, weights };
      } else input = { ...base, problem };
      const replay = await createJob(c.env, { tenantId: auth.tenantId, userId: auth.userId, requestId: c.get("requestId") }, input);
      c.header("location", `/v1/jobs/${replay.id}`);
      return c.json(jobView(replay), 202);
    },
  )
  .openapi(
    idRoute("get", "/{id}/webhook-deliveries", "Attempts to deliver this job's events to its own webhook URL", {
      200: jsonContent(z.object({ items: z.array(Delivery), nextCursor: z.string().nullable() }), "One row per attempt"),
      ...errorResponses(...AUTHED_ERRORS, 404, 422),
    }, { query: CursorQuery }),
    async (c) => {
      const auth = reader(c);
      const { id } = c.req.valid("param");
      await getJob(c.env, auth.tenantId, id);
      return c.json(await listDeliveries(c.env, auth.tenantId, jobEndpointId(id), c.req.valid("query")), 200);
    },
  )
  .openapi(idRoute("get", "/{id}/result", "The result: best solution, figures and convergence", { 200: jsonContent(Result, "The result document"), ...errorResponses(...AUTHED_ERRORS, 404, 409) }), async (c) =>
    c.json((await getJobResult(c.env, reader(c).tenantId, c.req.valid("param").id)) as unknown as Record<string, unknown>, 200),
  )
  .openapi(idRoute("get", "/{id}/explanation", "Timetabling: every violation per constraint", { 200: jsonContent(Explanation, "The explanation"), ...errorResponses(...AUTHED_ERRORS, 404, 409, 422) }), async (c) =>
    c.json((await jobExplanation(c.env, reader(c).tenantId, c.req.valid("param").id)) as unknown as Record<string, unknown>, 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/{id}/exports/{format}",
      tags: ["Exports"],
      summary: "Download an export (generated on first request, then kept)",
      request: { params: ExportParams, query: ExportQuery },
      responses: { 200: binary("The file, with Content-Disposition"), ...errorResponses(...AUTHED_ERRORS, 404, 409, 410, 422) },
    }),
    async (c) => {
      const auth = reader(c);
      const { id, format } = c.req.valid("param");
      return downloadResponse(await jobExport(c.env, auth.tenantId, id, format, c.req.valid("query"))) as never;
    },
  );
