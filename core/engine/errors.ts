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

/** A problem document (or uploaded file) is invalid. */
export class ProblemError extends Error {
  override name = "ProblemError";
  readonly issues: InputIssue[];
  constructor(issues: InputIssue[] | InputIssue) {
    const list = Array.isArray(issues) ? issues : [issues];
    super(list.map(formatIssue).join("; "));
    this.issues = list;
  }
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
