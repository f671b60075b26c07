/**
 * /v1/jobs — thin HTTP over the job service layer (worker/jobs/): create (JSON or multipart
 * upload), list, read, pause / resume / cancel, delete, fork, replay, result, explanation and
 * exports. Business rules (admission, states, fork and replay) live in the service
 * (worker/jobs/index.ts, worker/jobs/fork.ts); the request schemas in worker/jobs/schemas.ts; this
 * file maps HTTP. The live streams are worker/jobs/stream-routes.ts.
 */
import { createRoute, z, type RouteConfig } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bodyFromForm, readMultipart, withUploadedProblem } from "../problems/input";
import { downloadResponse, jobExplanation, jobExport } from "./exports";
import { JobSchema, jobView } from "./view";
import { AUTHED_ERRORS, CursorQuery, errorResponses, IdParam, jsonContent } from "../api/schemas";
import { assertScope, authOf } from "../auth/authenticate";
import { linkOrigin } from "../auth/dev-origins";
import type { AuthContext } from "../http/vars";
import { createApiRouter, zodIssuesToFieldErrors } from "../http/openapi";
import { validationError } from "../http/problem";
import { cancelJob, createJob, deleteJob, getJob, getJobResult, listJobs, pauseJob, resumeJob, type CreateJobInput, type ListJobsQuery } from "./index";
import { forkJob, replayJob } from "./fork";
import type { JobCaller } from "./create-job";
import { CreateJob, CreateJobUpload, Explanation, ExportParams, ExportQuery, ForkJob, JobList, ListQuery, Result, SchoolCheckSchema, SchoolEditSchema } from "./schemas";
import { checkSchoolEdit } from "./school-edit";
import { checkTargetUrl, listDeliveries } from "../webhooks/endpoints";
import { jobEndpointId } from "../webhooks/job-webhook";
import { Delivery } from "../webhooks/schemas";

const binary = (description: string) => ({ description, content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } } });

/** The JSON part was validated by zod-openapi; its type is lost only because the route also declares an upload. */
const validJson = (c: { req: { valid: unknown } }) => (c.req.valid as (target: "json") => Record<string, unknown>)("json");

const tags = ["Jobs"];
/** Who creates a job from this request; its answers' links point at the visitor's trusted origin. */
const caller = (c: Context, auth: AuthContext): JobCaller => ({ tenantId: auth.tenantId, userId: auth.userId, requestId: c.get("requestId"), linkOrigin: linkOrigin(c.env, c.req.url) });
const writer = (c: Context) => assertScope(authOf(c), "jobs:write");
const reader = (c: Context) => assertScope(authOf(c), "jobs:read");

async function submit(c: Context, input: Record<string, unknown>) {
  const auth = writer(c);
  const parsed = CreateJob.safeParse(input);
  if (!parsed.success) throw validationError(zodIssuesToFieldErrors(parsed.error.issues));
  const { webhook, ...body } = parsed.data;
  const row = await createJob(c.env, caller(c, auth), {
    ...body,
    budget: body.budget,
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
      description:
        "JSON with a problem document, or multipart with the problem as a `file` (.ctt, .fet, .tsp, .json, .csv, .xlsx). Answers 202; follow it with GET /v1/jobs/{id} or the events stream.",
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
    idRoute(
      "post",
      "/{id}/fork",
      "Continue from this job's latest checkpoint with changed parameters",
      { 202: jsonContent(JobSchema, "The new job"), ...errorResponses(...AUTHED_ERRORS, 402, 404, 409, 422) },
      {
        body: { required: false, content: { "application/json": { schema: ForkJob } } },
      },
    ),
    async (c) => {
      const auth = writer(c);
      const body = (c.req.header("content-length") === "0" || !c.req.header("content-type") ? {} : c.req.valid("json")) as z.infer<typeof ForkJob>;
      const row = await forkJob(c.env, caller(c, auth), c.req.valid("param").id, body);
      c.header("location", `/v1/jobs/${row.id}`);
      return c.json(jobView(row), 202);
    },
  )
  .openapi(
    idRoute(
      "post",
      "/{id}/school/check",
      "FET school jobs: what moving lessons (day, hour, room) and pinning them by hand would break, before re-solving",
      { 200: jsonContent(SchoolCheckSchema, "The edited timetable's costs and the constraints it breaks or fixes"), ...errorResponses(...AUTHED_ERRORS, 404, 409, 410, 422) },
      {
        body: { required: true, content: { "application/json": { schema: SchoolEditSchema } } },
      },
    ),
    async (c) => c.json(await checkSchoolEdit(c.env, reader(c).tenantId, c.req.valid("param").id, c.req.valid("json")), 200),
  )
  .openapi(
    idRoute("post", "/{id}/replay", "Re-run the job from its receipt (same engine version, seed and input)", {
      202: jsonContent(JobSchema, "The replay job"),
      ...errorResponses(...AUTHED_ERRORS, 402, 404, 409, 422),
    }),
    async (c) => {
      const auth = writer(c);
      const replay = await replayJob(c.env, caller(c, auth), c.req.valid("param").id);
      c.header("location", `/v1/jobs/${replay.id}`);
      return c.json(jobView(replay), 202);
    },
  )
  .openapi(
    idRoute(
      "get",
      "/{id}/webhook-deliveries",
      "Attempts to deliver this job's events to its own webhook URL",
      {
        200: jsonContent(z.object({ items: z.array(Delivery), nextCursor: z.string().nullable() }), "One row per attempt"),
        ...errorResponses(...AUTHED_ERRORS, 404, 422),
      },
      { query: CursorQuery },
    ),
    async (c) => {
      const auth = reader(c);
      const { id } = c.req.valid("param");
      await getJob(c.env, auth.tenantId, id);
      return c.json(await listDeliveries(c.env, auth.tenantId, jobEndpointId(id), c.req.valid("query")), 200);
    },
  )
  .openapi(
    idRoute("get", "/{id}/result", "The result: best solution, figures and convergence", { 200: jsonContent(Result, "The result document"), ...errorResponses(...AUTHED_ERRORS, 404, 409) }),
    async (c) => c.json((await getJobResult(c.env, reader(c).tenantId, c.req.valid("param").id)) as unknown as Record<string, unknown>, 200),
  )
  .openapi(
    idRoute("get", "/{id}/explanation", "Timetabling: every violation per constraint", { 200: jsonContent(Explanation, "The explanation"), ...errorResponses(...AUTHED_ERRORS, 404, 409, 422) }),
    async (c) => c.json((await jobExplanation(c.env, reader(c).tenantId, c.req.valid("param").id)) as unknown as Record<string, unknown>, 200),
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
