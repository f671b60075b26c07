/**
 * FET school files on the new-job form (pure; problem-intake.server.ts uses these): a `.fet`
 * upload as a problem document, the "solve without the unsupported types" choice, and the
 * pre-flight summary (core/school/summary.ts) shown before anything runs.
 */
import { ProblemError } from "@core/engine/errors";
import { fetSummary, isSchoolDocument, readSchoolInput, type FetSummary } from "@core/school/index";

/** A `.fet` upload as the timetabling kind takes it (compiled by the school engine), named after the file. */
export function fetDocumentFromUpload(fileName: string, text: string): Record<string, unknown> {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return { kind: "timetabling", format: "fet", name: base.replace(/\.fet$/i, ""), text };
}

/**
 * A FET school with constraint types the engine does not support is refused unless the user
 * ticks "solve without them" (`ignoreUnsupported` on the new-job form): then the document says so.
 */
export function withIgnoreUnsupported(document: unknown, form: FormData): unknown {
  if (form.get("ignoreUnsupported") !== "on" || !isSchoolDocument(document) || (document as { format?: unknown }).format !== "fet") return document;
  return { ...(document as object), ignoreUnsupported: true };
}

/** The pre-flight summary of a school document, or undefined (not a school, or not readable: the compile errors say why). */
export function schoolSummaryOf(document: unknown): FetSummary | undefined {
  if (!isSchoolDocument(document)) return undefined;
  try {
    return fetSummary(readSchoolInput(document), (document as { ignoreUnsupported?: unknown }).ignoreUnsupported === true);
  } catch (err) {
    if (err instanceof ProblemError) return undefined;
    throw err;
  }
}
