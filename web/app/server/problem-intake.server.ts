/**
 * Turns what the new-job form sent (a demo id, an uploaded file) into a problem document, then
 * validates it with core and measures it against the tenant's tier, before anything is submitted.
 */
import { ProblemError, type InputIssue } from "@core/engine/errors";
import { timetablingFileReaders } from "@core/timetabling/files";
import type { FetSummary } from "@core/school/index";
import { fetDocumentFromUpload, schoolSummaryOf, withIgnoreUnsupported } from "./school-intake.server";
import type { Env } from "@worker/env";
import { fieldErrorsFromIssues, type FieldError } from "@worker/http/problem";
import { hasCustomObjective, validateProblemDocument } from "@worker/sandbox/objective";
import { tierLimits } from "@worker/tenancy/admission";
import type { SizeDimension, TierLimits } from "@worker/tenancy/tiers";
import { findDemo } from "../demo/demos.server";
import { getKindModule } from "./catalogue.server";

export interface Validation {
  ok: boolean;
  kind: string;
  source: string;
  /** Size figures of the problem, and which of them the tier bounds. */
  size: { name: string; value: number; limit: number | null; within: boolean }[];
  tier: string;
  errors: FieldError[];
  /** FET schools (.fet or school model): the pre-flight summary (core/school/summary.ts), when the file could be read. */
  school?: FetSummary;
}

const MAX_UPLOAD_BYTES = 8 * 1024 * 1024;

/** Read the problem from the form: `demo` (id), `file` (upload) or the timetabling form editor's `model`, for `kind`. */
export async function readProblemFromForm(form: FormData, kind: string): Promise<{ document: unknown; source: string }> {
  if (kind === "timetabling" && form.get("source") === "editor") return { document: readEditorModel(form.get("model")), source: EDITOR_SOURCE };
  const demo = findDemo(String(form.get("demo") ?? ""));
  if (demo) {
    if (demo.kind !== kind) throw new ProblemError({ path: ["demo"], message: `${demo.title} is a ${demo.kind} problem, not ${kind}` });
    return { document: withIgnoreUnsupported(demo.document, form), source: demo.fileName };
  }
  const uploaded = await readUploadedProblem(form, kind);
  return { ...uploaded, document: withIgnoreUnsupported(uploaded.document, form) };
}

/** What validation messages call a problem built in the form editor. */
export const EDITOR_SOURCE = "Timetable form";

/**
 * The form editor's hidden `model` field: the model document as JSON. Only the model format is
 * taken (a `.ctt` text cannot be built in the form); validation itself is the uploads' validation.
 */
function readEditorModel(value: FormDataEntryValue | null): unknown {
  if (typeof value !== "string" || value === "") throw new ProblemError({ path: ["model"], message: "the form editor sent no timetable (is JavaScript turned on?)" });
  if (value.length > MAX_UPLOAD_BYTES) throw new ProblemError({ path: ["model"], message: "the timetable is larger than 8 MiB" });
  let doc: unknown;
  try {
    doc = JSON.parse(value);
  } catch (e) {
    throw new ProblemError({ path: ["model"], message: `not valid JSON (${(e as Error).message})` });
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc) || (doc as { format?: unknown }).format !== "model") {
    throw new ProblemError({ path: ["model"], message: 'must be a timetabling model document ({"format": "model", ...})' });
  }
  return { ...doc, kind: "timetabling" };
}

/** Read the uploaded `file` field into a problem document of `kind`. */
export async function readUploadedProblem(form: FormData, kind: string): Promise<{ document: unknown; source: string }> {
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) {
    throw new ProblemError({ path: ["file"], message: "choose a file to upload, or pick a demo problem" });
  }
  if (file.size > MAX_UPLOAD_BYTES) throw new ProblemError({ path: ["file"], message: "the file is larger than 8 MiB" });
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { document: readUpload(kind, file.name, bytes), source: file.name };
}

function readUpload(kind: string, name: string, bytes: Uint8Array): unknown {
  const ext = (name.match(/\.[^.]+$/)?.[0] ?? "").toLowerCase();
  const text = () => new TextDecoder().decode(bytes);
  const json = () => {
    try {
      return JSON.parse(text());
    } catch (e) {
      throw new ProblemError({ path: ["file"], message: `not valid JSON (${(e as Error).message})` });
    }
  };
  if (kind === "timetabling") {
    // A FET school file (core/school): read as text, compiled by the timetabling kind's school engine.
    if (ext === ".fet") return fetDocumentFromUpload(name, text());
    const reader = timetablingFileReaders[ext];
    if (!reader) throw new ProblemError({ path: ["file"], message: "timetabling accepts .fet (FET school), .ctt, .json, .csv or .xlsx files" });
    return reader(bytes, name);
  }
  if (kind === "tsp") {
    if (ext === ".tsp") return { kind: "tsp", format: "tsplib", text: text(), name: name.replace(/\.tsp$/i, "") };
    if (ext === ".json") return { kind: "tsp", ...json() };
    throw new ProblemError({ path: ["file"], message: "TSP accepts .tsp (TSPLIB) or .json files" });
  }
  if (kind === "permutation") {
    if (ext === ".json") return { kind: "permutation", ...json() };
    throw new ProblemError({ path: ["file"], message: 'permutation problems are .json documents ({"size": n, "objective": {...}})' });
  }
  if (ext === ".json") return { kind: "continuous", ...json() };
  throw new ProblemError({ path: ["file"], message: "continuous problems are .json documents" });
}

/** Compile the document with core and compare its size with the tenant's tier limits. */
export async function validateProblem(env: Env, tenantId: string, kind: string, document: unknown, source: string): Promise<Validation> {
  const module = getKindModule(kind);
  const limits = await tierLimits(env, tenantId);
  if (!module) return { ok: false, kind, source, size: [], tier: limits.tier, errors: [{ path: "kind", message: "unknown kind" }] };
  // A tenant's own objective is checked by running it once in the sandbox (core never runs code);
  // its errors already carry paths under "problem." and the line/column in the code.
  const custom = hasCustomObjective(document);
  const school = kind === "timetabling" ? schoolSummaryOf(document) : undefined;
  try {
    const measured = custom ? (await validateProblemDocument(document)).size : module.size(module.compile(document));
    const size = sizeAgainstLimits(measured, limits);
    const errors: FieldError[] = size.filter((s) => !s.within).map((s) => ({ path: `problem.size.${s.name}`, message: `${s.value} ${s.name} is above the ${limits.tier} plan's limit of ${s.limit}` }));
    return { ok: errors.length === 0, kind, source, size, tier: limits.tier, errors, ...(school ? { school } : {}) };
  } catch (err) {
    const issues: InputIssue[] | undefined = (err as { issues?: InputIssue[] }).issues;
    if (!issues) throw err;
    return { ok: false, kind, source, size: [], tier: limits.tier, errors: fieldErrorsFromIssues(issues, custom ? [] : ["problem"]), ...(school ? { school } : {}) };
  }
}

function sizeAgainstLimits(size: Record<string, number>, limits: TierLimits): Validation["size"] {
  const bounded = limits.maxSize as Record<string, number>;
  return Object.entries(size).map(([name, value]) => {
    const limit = name in bounded ? bounded[name as SizeDimension] : null;
    return { name, value, limit, within: limit === null || value <= limit };
  });
}
