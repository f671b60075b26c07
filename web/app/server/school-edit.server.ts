/**
 * The job page's timetable editor for FET school jobs (routes/app.jobs.$jobId/school-editor.tsx):
 * the "school-check" action answers what the edited timetable breaks (the same rules and verdict as
 * POST /v1/jobs/{id}/school/check, worker/jobs/school-edit.ts) together with the edited timetable
 * drawn like a result, and "school-resolve" forks the job from the edit (pins locked).
 */
import { data, redirect } from "@remix-run/server-runtime";
import type { Env } from "@worker/env";
import { ApiError, type FieldError } from "@worker/http/problem";
import type { AuthContext } from "@worker/http/vars";
import { linkOrigin } from "@worker/auth/dev-origins";
import { forkJob, getJob } from "@worker/jobs/index";
import { loadSchoolResult, readSchoolEdit, schoolEditVerdict, type SchoolCheck } from "@worker/jobs/school-edit";
import { fetConstraintLabel } from "../components/labels";
import { invariantResponse } from "./responses.server";
import { schoolResultOf, type SchoolResult } from "./school-results.server";

/** The edit field's largest accepted length (2,000 moves and pins fit well within it). */
const MAX_EDIT_CHARS = 400_000;

export interface SchoolCheckData {
  error: null;
  schoolCheck: SchoolCheck & { result: SchoolResult; labels: Record<string, string> };
}

/** The form's `edit` field (JSON text of {moves, pins}); 400 when it is missing, too long or not JSON. */
export function editOfForm(form: FormData): unknown {
  const text = form.get("edit");
  invariantResponse(typeof text === "string" && text.length > 0, 400, "The timetable edit is missing.");
  invariantResponse(text.length <= MAX_EDIT_CHARS, 413, "The timetable edit is too large.");
  try {
    return JSON.parse(text);
  } catch {
    throw data("The timetable edit is not valid JSON.", { status: 400 });
  }
}

/** "school-check": the verdict and the edited timetable as the grid draws it. */
export async function checkSchoolEditForPage(env: Env, tenantId: string, jobId: string, edit: unknown): Promise<SchoolCheckData> {
  const row = await getJob(env, tenantId, jobId);
  const { problem, base } = await loadSchoolResult(env, tenantId, row);
  const read = withFieldMessages(() => readSchoolEdit(edit, problem, base));
  const check = schoolEditVerdict(problem, base, read);
  const labels: Record<string, string> = {};
  for (const c of [...check.broken, ...check.fixed]) labels[c.type] = fetConstraintLabel(c.type);
  return { error: null, schoolCheck: { ...check, result: schoolResultOf(problem, read.timetable, { roomOptions: false }), labels } };
}

/**
 * "school-resolve": a fork of the job from the edit with `evaluations` more; redirects to the new job.
 * `request` puts a refusal's upgrade link on the visitor's trusted origin (worker/auth/dev-origins.ts).
 */
export async function resolveSchoolEditForPage(env: Env, auth: AuthContext, jobId: string, edit: unknown, evaluations: number, request?: Request): Promise<never> {
  const caller = { tenantId: auth.tenantId, userId: auth.userId, requestId: auth.requestId, linkOrigin: request ? linkOrigin(env, request) : undefined };
  const child = await withFieldMessagesAsync(() => forkJob(env, caller, jobId, { edit, budget: { evaluations } }));
  throw redirect(`/app/jobs/${child.id}`);
}

/** A refusal with field errors says what each field got wrong (the page shows one message). */
function spelledOut(e: unknown): unknown {
  const errors = e instanceof ApiError ? (e.extra.errors as FieldError[] | undefined) : undefined;
  if (!(e instanceof ApiError) || !errors?.length) return e;
  return new ApiError(e.status, e.type, e.title, `${e.message} ${errors.map((x) => x.message).join("; ")}.`, e.extra);
}

function withFieldMessages<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw spelledOut(e);
  }
}

async function withFieldMessagesAsync<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw spelledOut(e);
  }
}
