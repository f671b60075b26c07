/**
 * Exports of a finished job: the stored input and result are turned into core/exports' bundle,
 * rendered on first request and kept in R2 under the job's prefix (`.../exports/<name>`), so a
 * second download (or a share link) is a plain R2 read. Deleting the job deletes them with it.
 */
import { and, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { EXPORT_FORMATS, ExportError, renderExport, type ExportBundle, type HistoryPoint } from "@core/exports/index";
import { explain } from "@core/timetabling/explain";
import { explainSchool } from "@core/school/explain";
import type { SchoolTimetable } from "@core/school/evaluate";
import { isSchoolProblem } from "@core/school/index";
import { assignRealRooms } from "@core/school/real-rooms";
import type { TimetablingProblem } from "@core/timetabling/problem";
import type { Timetable } from "@core/timetabling/solution";
import type { TspProblem } from "@core/tsp/problem";
import type { ContinuousProblem } from "@core/continuous/problem";
import type { PermutationProblem } from "@core/permutation/problem";
import { job } from "../db/schema";
import type { Env } from "../env";
import { ApiError } from "../http/problem";
import { getJob, getJobResult, type JobRow } from "./job-queries";
import type { JobResultDocument } from "./vocabulary";
// Shape-aware: documents with tenant code compile here without a sandbox (exports never run them).
import { compileProblem } from "../runtime/solvers";
import { getJson, jobKeys } from "../storage/blobs";
import { recordUsage } from "../tenancy/usage";

function history(result: JobResultDocument): HistoryPoint[] {
  const cols = result.history.columns;
  const at = (name: string) => cols.indexOf(name);
  return (result.history.points as (number | null)[][]).map((p) => {
    const get = (name: string) => (at(name) >= 0 && p[at(name)] !== null && p[at(name)] !== undefined ? Number(p[at(name)]) : undefined);
    return { evaluations: get("evaluations") ?? 0, best: get("best") ?? NaN, mean: get("mean"), elapsedMs: get("elapsedMs"), hard: get("hard"), soft: get("soft") };
  });
}

/** The first job of a fork chain (its id is in every calendar UID) and how far below it this job is. */
async function forkRoot(env: Env, row: JobRow): Promise<{ rootId: string; depth: number }> {
  let current = row;
  let depth = 0;
  const db = drizzle(env.DB);
  while (current.parentJobId && depth < 50) {
    const parent = await db
      .select()
      .from(job)
      .where(and(eq(job.id, current.parentJobId), eq(job.tenantId, row.tenantId)))
      .get();
    if (!parent) break;
    current = parent;
    depth++;
  }
  return { rootId: current.id, depth };
}

/** Monday on or after the job's creation day: a stable default first teaching week. */
function defaultStart(createdAt: Date): string {
  const d = new Date(Date.UTC(createdAt.getUTCFullYear(), createdAt.getUTCMonth(), createdAt.getUTCDate()));
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7));
  return d.toISOString().slice(0, 10);
}

export interface CalendarQuery {
  start?: string;
  weeks?: number;
  tz?: string;
}

interface Loaded {
  row: JobRow;
  result: JobResultDocument;
  problem: unknown;
}

async function loadFinished(env: Env, tenantId: string, jobId: string): Promise<Loaded> {
  const row = await getJob(env, tenantId, jobId);
  const result = await getJobResult(env, tenantId, jobId);
  if (!result.best) throw new ApiError(409, "no-solution", "No solution", `The job ended ${row.state} without a solution to export.`, { state: row.state });
  const doc = await getJson(env.BLOBS, row.inputKey ?? jobKeys.input(tenantId, jobId));
  if (doc === null) throw new ApiError(410, "input-gone", "Input no longer stored", `The input of job ${jobId} is no longer stored.`);
  return { row, result, problem: compileProblem(doc).problem };
}

export async function exportBundle(env: Env, loaded: Loaded, cal: CalendarQuery = {}): Promise<ExportBundle> {
  const { row, result, problem } = loaded;
  const best = result.best!;
  const common = {
    name: row.name ?? row.id,
    history: history(result),
    producedAt: row.finishedAt ?? row.createdAt,
    meta: { jobId: row.id, algorithm: row.algorithm, seed: row.seed, state: row.state, best: best.value },
  };
  if (row.kind === "timetabling" && isSchoolProblem(problem)) {
    // A FET school job (format "fet" / "school"): its own views and formats (core/exports/school.ts).
    // `real` (real rooms of FET virtual rooms) when stored; else the exports choose them as the evaluation does.
    const sol = best.solution as unknown as { start: number[]; room: number[]; real?: number[] };
    const timetable: SchoolTimetable = { start: Int32Array.from(sol.start ?? []), room: Int32Array.from(sol.room ?? []), ...(Array.isArray(sol.real) ? { real: Int32Array.from(sol.real) } : {}) };
    const notATimetable = (why: string) =>
      new ApiError(409, "no-solution", "No solution", `The stored result of job ${row.id} is not a timetable of its ${problem.nActivities} activities${why}.`, { state: row.state });
    if (timetable.start.length !== problem.nActivities) throw notATimetable("");
    if (timetable.real) {
      try {
        assignRealRooms(problem, timetable.start, timetable.room, timetable.real);
      } catch (e) {
        if (e instanceof RangeError) throw notATimetable(` (${e.message})`);
        throw e;
      }
    }
    const { rootId, depth } = await forkRoot(env, row);
    return {
      ...common,
      kind: "school",
      problem,
      timetable,
      hard: best.hard ?? 0,
      soft: best.soft ?? 0,
      calendar: { rootId, startDate: cal.start ?? defaultStart(row.createdAt), weeks: cal.weeks ?? 12, timezone: cal.tz, sequence: depth },
    };
  }
  if (row.kind === "timetabling") {
    const p = problem as TimetablingProblem;
    const sol = best.solution as { period: number[]; room: number[] };
    const timetable: Timetable = { period: Int16Array.from(sol.period), room: Int16Array.from(sol.room) };
    const { rootId, depth } = await forkRoot(env, row);
    return {
      ...common,
      kind: "timetabling",
      problem: p,
      timetable,
      hard: best.hard ?? 0,
      soft: best.soft ?? 0,
      calendar: { rootId, startDate: cal.start ?? defaultStart(row.createdAt), weeks: cal.weeks ?? 12, timezone: cal.tz, sequence: depth },
    };
  }
  if (row.kind === "tsp") {
    const p = problem as TspProblem;
    const c = p.coords ?? new Float64Array(0);
    const coords = Array.from({ length: p.n }, (_, i) => [c[2 * i] ?? 0, c[2 * i + 1] ?? 0] as [number, number]);
    return { ...common, kind: "tsp", tour: { name: p.name, coords, tour: best.solution as number[], length: best.value ?? NaN, geographic: p.metric === "GEO" } };
  }
  if (row.kind === "permutation") {
    const p = problem as PermutationProblem;
    return { ...common, kind: "permutation", ordering: { name: p.name === "permutation" ? (row.name ?? row.id) : p.name, order: best.solution as number[], value: best.value ?? NaN } };
  }
  const p = problem as ContinuousProblem;
  return { ...common, kind: "continuous", point: { name: p.name ?? row.id, x: best.solution as number[], value: best.value ?? NaN } };
}

export interface StoredExport {
  filename: string;
  contentType: string;
  body: ReadableStream | Uint8Array;
}

/** Formats whose file depends on the calendar options (start, weeks, tz): ICS, and ZIP (one calendar per view). */
const CALENDAR_FORMATS = new Set(["ics", "zip"]);

/**
 * The options that actually shape `format`'s file, normalised, so every query that gives the same
 * file maps to one stored object: options a format ignores are dropped (`?view=…` on a CSV), values
 * equal to the defaults are dropped (start = the default Monday, weeks = 12), the time zone is
 * checked and written in its canonical IANA spelling (an unknown zone is a 422, never stored).
 * Without this, every distinct query string stored a new R2 object (docs/threat-model.md).
 */
export function exportVariant(row: Pick<JobRow, "createdAt">, format: string, query: { view?: string } & CalendarQuery): { view?: string } & CalendarQuery {
  const out: { view?: string } & CalendarQuery = {};
  if (format === "ics" && query.view !== undefined) out.view = query.view;
  if (!CALENDAR_FORMATS.has(format)) return out;
  if (query.start !== undefined && query.start !== defaultStart(row.createdAt)) out.start = query.start;
  if (query.weeks !== undefined && query.weeks !== 12) out.weeks = query.weeks;
  if (query.tz !== undefined) {
    let tz: string;
    try {
      tz = new Intl.DateTimeFormat("en", { timeZone: query.tz }).resolvedOptions().timeZone;
    } catch {
      throw new ApiError(422, "validation-error", "Validation failed", `Unknown time zone ${JSON.stringify(query.tz)}.`, {
        errors: [{ path: "query.tz", message: "must be an IANA time zone such as Europe/Rome" }],
      });
    }
    out.tz = tz;
  }
  return out;
}

/** Render (or read back) one export; `view` picks the calendar for ICS. */
export async function jobExport(env: Env, tenantId: string, jobId: string, format: string, query: { view?: string } & CalendarQuery = {}): Promise<StoredExport> {
  const row = await getJob(env, tenantId, jobId);
  const options = exportVariant(row, format, query);
  const variant = [format, options.view, options.start, options.weeks, options.tz].filter((v) => v !== undefined).join("~");
  const key = jobKeys.export(tenantId, jobId, encodeURIComponent(variant));
  const cached = await env.BLOBS.get(key);
  if (cached && cached.customMetadata?.filename) {
    return { filename: cached.customMetadata.filename, contentType: cached.httpMetadata?.contentType ?? "application/octet-stream", body: cached.body };
  }
  const loaded = await loadFinished(env, tenantId, row.id);
  let rendered: ReturnType<typeof renderExport>;
  try {
    rendered = renderExport(await exportBundle(env, loaded, options), format, { view: options.view });
  } catch (e) {
    if (!(e instanceof ExportError)) throw e;
    if (e.reason === "unknown-format") throw new ApiError(404, "unknown-format", "No such export", e.message);
    throw new ApiError(422, "validation-error", "Export not possible", e.message, { errors: [{ path: e.reason === "bad-view" ? "query.view" : "format", message: e.message }] });
  }
  const stored = await env.BLOBS.put(key, rendered.body, { httpMetadata: { contentType: rendered.contentType }, customMetadata: { filename: rendered.filename } });
  // Usage counts every R2 byte a tenant stores (the retention sweep subtracts them again).
  if (stored) await recordUsage(env, tenantId, { storageBytes: stored.size });
  return rendered;
}

/** Per-constraint violations of a timetabling job's best timetable. */
export async function jobExplanation(env: Env, tenantId: string, jobId: string) {
  const row = await getJob(env, tenantId, jobId);
  if (row.kind !== "timetabling") throw new ApiError(422, "not-applicable", "No explanation", `Explanations exist for timetabling jobs; this is a ${row.kind} job.`);
  const loaded = await loadFinished(env, tenantId, jobId);
  const bundle = (await exportBundle(env, loaded)) as Extract<ExportBundle, { kind: "timetabling" | "school" }>;
  // School jobs: every violated FET constraint element (core/school/explain.ts).
  if (bundle.kind === "school") return { kind: "school", ...explainSchool(bundle.problem, bundle.timetable) };
  return explain(bundle.problem, bundle.timetable);
}

export function downloadResponse(x: StoredExport, disposition: "attachment" | "inline" = "attachment"): Response {
  return new Response(x.body as BodyInit, {
    headers: {
      "content-type": x.contentType,
      "content-disposition": `${disposition}; filename="${x.filename.replace(/"/g, "")}"`,
      "cache-control": "private, max-age=300",
    },
  });
}

/** Formats offered for a job (the ITC solution only for .ctt inputs is decided at render time). */
export function formatsForJob(row: JobRow): string[] {
  // Timetabling jobs solved by the school engine are FET schools (core/exports/school.ts).
  const kind = row.kind === "timetabling" && row.algorithm === "school" ? "school" : row.kind;
  return [...(EXPORT_FORMATS[kind as keyof typeof EXPORT_FORMATS] ?? [])].filter((f) => f !== "ics");
}
