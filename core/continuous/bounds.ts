/**
 * The `bounds` field of continuous documents (built-in and custom objectives alike): one [lo, hi]
 * for every coordinate, or one pair per coordinate; issues are reported at `path`.
 */
import type { InputIssue } from "../engine/errors";

export function readBounds(raw: unknown, d: number, lower: Float64Array, upper: Float64Array, path: (string | number)[], issues: InputIssue[]): void {
  if (!Array.isArray(raw)) {
    issues.push({ path, message: "must be [lo, hi] or a list of [lo, hi]" });
    return;
  }
  if (raw.length === 2 && raw.every((v) => typeof v === "number" || v === null)) {
    if (checkPair(raw, path, issues)) {
      lower.fill(raw[0]);
      upper.fill(raw[1]);
    }
    return;
  }
  if (raw.length !== d) {
    issues.push({ path, message: `must have one [lo, hi] per dimension (${d}), got ${raw.length}` });
    return;
  }
  raw.forEach((p, i) => {
    if (checkPair(p, [...path, i], issues)) {
      lower[i] = (p as number[])[0];
      upper[i] = (p as number[])[1];
    }
  });
}

function checkPair(p: unknown, path: (string | number)[], issues: InputIssue[]): boolean {
  if (!Array.isArray(p) || p.length !== 2) {
    issues.push({ path, message: "must be a pair [lo, hi]" });
    return false;
  }
  const [lo, hi] = p;
  if (typeof lo !== "number" || typeof hi !== "number" || !Number.isFinite(lo) || !Number.isFinite(hi)) {
    issues.push({ path, message: "bounds must be finite numbers (no NaN)" });
    return false;
  }
  if (!(lo < hi)) {
    issues.push({ path, message: `lower bound ${lo} must be below upper bound ${hi}` });
    return false;
  }
  return true;
}
