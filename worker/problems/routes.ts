/**
 * POST /v1/problems/validate — compiles a problem without running it. Answers 200 with
 * `valid: true`, the size figures the tier limits apply to and whether they fit the caller's
 * plan, or `valid: false` with every error (path, line, column). Malformed requests are 4xx.
 * A FET school (`format: "fet"` or `"school"`) also gets `school`: its pre-flight summary; an
 * active unsupported constraint type makes it invalid (one error per type) unless ignoreUnsupported.
 */
import { createRoute, z } from "@hono/zod-openapi";
import { ParameterError, ProblemError } from "@core/engine/errors";
import { bodyFromForm, readMultipart, withUploadedProblem } from "./input";
import { ProblemDocument, UploadFields } from "./schemas";
import { AUTHED_ERRORS, errorResponses, FieldErrorSchema, jsonContent } from "../api/schemas";
import { assertScope, authOf } from "../auth/authenticate";
import { createApiRouter, zodIssuesToFieldErrors } from "../http/openapi";
import { fieldErrorsFromIssues, validationError, type FieldError } from "../http/problem";
import { kindModule } from "@core/index";
import { fetSummary, isSchoolDocument, readSchoolInput, type FetSummary } from "@core/school/index";
import { hasCustomObjective, validateProblemDocument } from "../sandbox/objective";
import { tierLimits } from "../tenancy/admission";
import { measureDocument, rootedProblemError } from "./measure";
import type { SizeDimension } from "../tenancy/tiers";

const ValidateBody = z.object({ problem: ProblemDocument }).openapi("ValidateProblemRequest");
const ValidateUpload = z.object(UploadFields).openapi("ValidateProblemUpload");

/** Pre-flight summary of a FET school document (core/school/summary.ts `fetSummary`). */
export const SchoolSummary = z
  .object({
    institution: z.string(),
    days: z.number().int(),
    hoursPerDay: z.number().int(),
    dayNames: z.array(z.string()),
    hourNames: z.array(z.string()),
    teachers: z.number().int(),
    subjects: z.number().int(),
    rooms: z.number().int(),
    students: z.object({ years: z.number().int(), groups: z.number().int(), subgroups: z.number().int() }),
    activities: z.object({ active: z.number().int(), inactive: z.number().int() }),
    hours: z.number().int().openapi({ description: "Hours to place: the durations of the active activities" }),
    constraints: z.object({
      active: z.number().int(),
      inactive: z.number().int(),
      supported: z.number().int().openapi({ description: "Active elements of supported types" }),
      unsupported: z.number().int().openapi({ description: "Active elements of unsupported types" }),
      byType: z.array(z.object({ type: z.string(), list: z.enum(["time", "space"]), active: z.number().int(), inactive: z.number().int(), supported: z.boolean() })),
    }),
    unsupported: z.array(z.object({ type: z.string(), count: z.number().int() })).openapi({ description: "Active unsupported types: the document is refused with them unless ignoreUnsupported" }),
    refused: z.boolean(),
  })
  .openapi("SchoolSummary", { description: "What a .fet (or school model) holds, before any compute." });

const Validation = z
  .object({
    valid: z.boolean(),
    kind: z.string().nullable(),
    size: z
      .record(z.string(), z.number())
      .nullable()
      .openapi({ example: { lectures: 160, courses: 30, rooms: 6 } }),
    limits: z.object({ tier: z.string(), maxSize: z.record(z.string(), z.number()) }),
    exceeded: z.array(z.object({ dimension: z.string(), value: z.number(), max: z.number() })),
    errors: z.array(FieldErrorSchema),
    school: SchoolSummary.optional().openapi({ description: "FET school documents (format fet / school) only" }),
  })
  .openapi("ProblemValidation");

/** The JSON part was validated by zod-openapi; its type is lost only because the route also declares an upload. */
const validJson = (c: { req: { valid: unknown } }) => (c.req.valid as (target: "json") => Record<string, unknown>)("json");

/** Compile errors with paths rooted at the request body ("problem.courses.3"). */
function compileErrors(e: unknown, root: string): FieldError[] {
  if (e instanceof ProblemError || e instanceof ParameterError) {
    return fieldErrorsFromIssues(e.issues).map((f) => ({ ...f, path: f.path.startsWith("file") || f.path.startsWith(root) ? f.path : [root, f.path].filter(Boolean).join(".") }));
  }
  throw e;
}

/** The document field a size figure is declared in, where it is one field (else the whole problem). */
function fieldOfSize(dimension: string): string {
  const fields: Record<string, string> = { dimensions: "problem.dimension", elements: "problem.size" };
  return fields[dimension] ?? "problem";
}

/** The size figures above the plan's maximum, one entry per dimension. */
function exceededLimits(size: Record<string, number>, maxSize: Record<SizeDimension, number>): { dimension: string; value: number; max: number }[] {
  return Object.entries(size)
    .filter(([dimension, value]) => maxSize[dimension as SizeDimension] !== undefined && value > maxSize[dimension as SizeDimension])
    .map(([dimension, value]) => ({ dimension, value, max: maxSize[dimension as SizeDimension] }));
}

const router = createApiRouter();
router.openAPIRegistry.register("ValidateProblemUpload", ValidateUpload);
export const problemRoutes = router.openapi(
  createRoute({
    method: "post",
    path: "/validate",
    tags: ["Problems"],
    summary: "Check a problem without running it",
    description: "Send `{ problem }` as JSON, or upload the problem as a multipart `file`.",
    request: {
      body: {
        // Not "required": zod-openapi then checks only the part matching the content type.
        required: false,
        content: { "application/json": { schema: ValidateBody }, "multipart/form-data": { schema: { $ref: "#/components/schemas/ValidateProblemUpload" } } },
      },
    },
    responses: { 200: jsonContent(Validation, "The verdict, size figures and the plan's limits"), ...errorResponses(...AUTHED_ERRORS, 400, 413, 415, 422) },
  }),
  async (c) => {
    const auth = assertScope(authOf(c), "jobs:read");
    const multipart = (c.req.header("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
    const limits = await tierLimits(c.env, auth.tenantId);
    const verdict = { limits: { tier: limits.tier, maxSize: { ...limits.maxSize } }, exceeded: [] as { dimension: string; value: number; max: number }[] };

    let doc: unknown;
    try {
      const body = multipart ? await withUploadedProblem(bodyFromForm(await readMultipart(c.req))) : validJson(c);
      const parsed = ValidateBody.safeParse(body);
      if (!parsed.success) throw validationError(zodIssuesToFieldErrors(parsed.error.issues));
      doc = parsed.data.problem;
    } catch (e) {
      // An upload beyond a reader's maximum (bytes, cells, …) is the request's 413/422.
      if (e instanceof ProblemError && !e.limit) return c.json({ valid: false, kind: null, size: null, ...verdict, errors: compileErrors(e, "") }, 200);
      throw e;
    }
    const kind = (doc as { kind: string }).kind;
    // Sizes first (bounded; a parser maximum throws 413/422 problem+json), against the plan: a
    // problem beyond the plan is answered from its measured figures and never compiled.
    const measured = measureDocument(doc);
    if (measured) {
      const exceeded = exceededLimits(measured.size, limits.maxSize);
      if (exceeded.length) {
        const errors = exceeded.map((x) => ({ path: fieldOfSize(x.dimension), message: `has ${x.value} ${x.dimension}; the ${limits.tier} plan allows at most ${x.max} (not compiled)` }));
        return c.json({ valid: false, kind, size: measured.size, ...verdict, exceeded, errors }, 200);
      }
    }
    // FET schools: the pre-flight summary (teachers, students, activities, hours, constraints by
    // type), answered with the verdict whether or not the document compiles.
    let school: { school: FetSummary } | Record<string, never> = {};
    if (kind === "timetabling" && isSchoolDocument(doc)) {
      try {
        school = { school: fetSummary(readSchoolInput(doc), (doc as { ignoreUnsupported?: unknown }).ignoreUnsupported === true) };
      } catch (e) {
        if (e instanceof ProblemError && e.limit) throw rootedProblemError(e, ["problem"]);
        return c.json({ valid: false, kind, size: null, ...verdict, errors: compileErrors(e, "problem") }, 200);
      }
    }
    try {
      const m = kindModule(kind);
      // Tenant JavaScript objectives are checked by running them once in the sandbox.
      const size = hasCustomObjective(doc) ? (await validateProblemDocument(doc)).size : m.size(m.compile(doc));
      verdict.exceeded.push(...exceededLimits(size, limits.maxSize));
      return c.json({ valid: true, kind, size, ...verdict, errors: [], ...school }, 200);
    } catch (e) {
      // A parser maximum met while compiling is the request's 413/422, as for POST /v1/jobs.
      if (e instanceof ProblemError && e.limit) throw rootedProblemError(e, ["problem"]);
      return c.json({ valid: false, kind, size: null, ...verdict, errors: compileErrors(e, "problem"), ...school }, 200);
    }
  },
);
