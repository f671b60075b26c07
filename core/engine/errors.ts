/**
 * Typed errors for bad input. The platform turns them into RFC 9457 problem+json with the
 * field paths, so every issue names *where* (JSON path, or line/column of a text format) and *why*.
 */

export interface InputIssue {
  /** JSON path of the offending field, e.g. ["problem", "courses", 3, "lectures"]. */
  path: (string | number)[];
  /** Human-readable reason, e.g. "must be a positive integer". */
  message: string;
  /** 1-based line (and column) in a text input (.ctt, .tsp, CSV) where that applies. */
  line?: number;
  column?: number;
  /** Sheet name for XLSX inputs. */
  sheet?: string;
}

/**
 * Which parser maximum an input went beyond. `unit: "bytes"` means the input itself is too large
 * (HTTP 413); any other unit means its declared sizes are beyond what the parser accepts (422).
 */
export interface InputLimit {
  /** Name of the exported constant, e.g. "MAX_CTT_BYTES" or "MAX_COURSES". */
  name: string;
  /** The maximum the parser accepts. */
  maximum: number;
  /** What the input has or declares (a lower bound when the parser stopped counting early). */
  actual: number;
  /** What is counted: "bytes", "courses", "cells", … */
  unit: string;
}

/** A problem document (or uploaded file) is invalid. */
export class ProblemError extends Error {
  override name = "ProblemError";
  readonly issues: InputIssue[];
  /**
   * Suggested HTTP status: 413 when the input is too large in bytes, 422 when it declares sizes
   * beyond the parser's maximum. Undefined for every other validation failure.
   */
  readonly status?: 413 | 422;
  /** The maximum that was exceeded, when that is why the input was refused. */
  readonly limit?: InputLimit;
  constructor(issues: InputIssue[] | InputIssue, options?: { limit?: InputLimit }) {
    const list = Array.isArray(issues) ? issues : [issues];
    super(list.map(formatIssue).join("; "));
    this.issues = list;
    if (options?.limit) {
      this.limit = options.limit;
      this.status = options.limit.unit === "bytes" ? 413 : 422;
    }
  }
}

/**
 * Refuse an input beyond a parser maximum: a ProblemError carrying the limit (status 413 for
 * bytes, 422 otherwise) and one issue at `where` with a plain message.
 */
export function limitError(limit: InputLimit, where: Omit<InputIssue, "message"> = { path: [] }, what?: string): ProblemError {
  const message =
    limit.unit === "bytes"
      ? `${what ?? "input"} is ${limit.actual} bytes, more than the maximum of ${limit.maximum} bytes`
      : `${what ?? limit.unit}: ${limit.actual} is more than the maximum of ${limit.maximum} ${limit.unit}`;
  return new ProblemError({ ...where, message }, { limit });
}

/** Throw `limitError` when `actual` exceeds `maximum`; returns `actual` otherwise. */
export function checkLimit(name: string, maximum: number, actual: number, unit: string, where?: Omit<InputIssue, "message">, what?: string): number {
  if (actual > maximum) throw limitError({ name, maximum, actual, unit }, where, what);
  return actual;
}

/** Most issues a parser reports at once: past this many, more of them only cost memory and time. */
export const MAX_ISSUES = 100;

/**
 * A value quoted for an error message, cut to `max` characters: messages never echo a large
 * input back (a 5,000-item list named as an unknown id thousands of times was a memory bomb).
 */
export function preview(value: unknown, max = 40): string {
  let text: string;
  try {
    text = typeof value === "string" ? JSON.stringify(value.length > max ? value.slice(0, max) : value) : (JSON.stringify(value, limitedArrays) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > max + 2 ? `${text.slice(0, max)}…` : text;
}

function limitedArrays(_key: string, v: unknown): unknown {
  return Array.isArray(v) && v.length > 8 ? [...v.slice(0, 8), `… ${v.length - 8} more`] : v;
}

/** Algorithm parameters are invalid (unknown name, out of range, wrong type). */
export class ParameterError extends Error {
  override name = "ParameterError";
  readonly issues: InputIssue[];
  constructor(issues: InputIssue[] | InputIssue) {
    const list = Array.isArray(issues) ? issues : [issues];
    super(list.map(formatIssue).join("; "));
    this.issues = list;
  }
}

export function formatIssue(issue: InputIssue): string {
  const where: string[] = [];
  if (issue.sheet) where.push(`sheet ${issue.sheet}`);
  if (issue.line !== undefined) where.push(`line ${issue.line}${issue.column !== undefined ? `:${issue.column}` : ""}`);
  if (issue.path.length) where.push(issue.path.join("."));
  return where.length ? `${where.join(", ")}: ${issue.message}` : issue.message;
}
