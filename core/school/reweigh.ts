/**
 * New soft weights for a school document (a job fork with `weights`, worker/jobs/create-job.ts):
 * `{ "TeacherMaxGapsPerWeek": 80, "ConstraintMinDaysBetweenActivities": 90 }` sets the
 * `Weight_Percentage` of every active soft element (weight strictly between 0 and 100) of that
 * FET constraint type. Keys are FET's type names with or without the "Constraint" prefix (the
 * JSON model's `type`); values are percentages strictly between 0 and 100.
 *
 * Only soft weights change, and they stay soft: 100% constraints shape the compiled problem (the
 * solver's units, the hard tables) and weight-0 ones compile to nothing, so a fork that crossed
 * either border could not continue the parent's saved state. A `.fet` text is edited in place
 * (only the weight elements change, comments and layout stay); a JSON model (`format: "school"`)
 * gets new `weight` fields.
 */
import type { InputIssue } from "../engine/errors";
import { ProblemError } from "../engine/errors";
import { CONSTRAINTS } from "./constraints/index";
import { readFet } from "./fet/read";
import type { FetConstraint } from "./fet/types";

/** Weights by FET type name ("Constraint…"), read from a request's `weights` object. */
export function readSchoolWeights(value: unknown, path: (string | number)[], issues: InputIssue[]): Map<string, number> {
  const out = new Map<string, number>();
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    issues.push({ path, message: "must be an object: FET constraint type → new weight percentage of its soft elements" });
    return out;
  }
  const entries = Object.entries(value);
  if (entries.length > 500) {
    issues.push({ path, message: `at most 500 constraint types, got ${entries.length}` });
    return out;
  }
  for (const [k, v] of entries) {
    if (!/^[A-Za-z]{1,100}$/.test(k)) issues.push({ path: [...path, k], message: "must be a FET constraint type, e.g. TeacherMaxGapsPerWeek" });
    else if (typeof v !== "number" || !(v > 0 && v < 100))
      issues.push({ path: [...path, k], message: "must be a number greater than 0 and less than 100 (a soft weight; 100% constraints cannot change in a fork)" });
    else out.set(k.startsWith("Constraint") ? k : `Constraint${k}`, v);
  }
  return out;
}

const soft = (w: number) => w > 0 && w < 100;

/** Apply `weights` to a `format: "fet"` or `format: "school"` document; ProblemError (path `weights.<type>`) when a type has no soft element. */
export function reweighSchool(doc: unknown, weightsValue: unknown): unknown {
  const issues: InputIssue[] = [];
  const weights = readSchoolWeights(weightsValue, ["weights"], issues);
  if (issues.length) throw new ProblemError(issues);
  const d = doc as Record<string, unknown>;
  const found = new Map<string, number>();
  let out: unknown;
  if (d.format === "fet" && typeof d.text === "string") {
    const input = readFet(d.text);
    const targets: FetConstraint[] = [];
    for (const c of [...input.timeConstraints, ...input.spaceConstraints]) {
      if (!c.active || !soft(c.weight) || !weights.has(c.type)) continue;
      found.set(c.type, (found.get(c.type) ?? 0) + 1);
      targets.push(c);
    }
    out = { ...d, text: rewriteWeights(d.text, targets, weights) };
  } else if (d.format === "school") {
    const edit = (list: unknown) =>
      Array.isArray(list)
        ? list.map((c) => {
            if (typeof c !== "object" || c === null) return c;
            const o = c as Record<string, unknown>;
            const type = typeof o.type === "string" ? (o.type.startsWith("Constraint") ? o.type : `Constraint${o.type}`) : "";
            const w = typeof o.weight === "number" ? o.weight : 100;
            if (o.active === false || !soft(w) || !weights.has(type)) return c;
            found.set(type, (found.get(type) ?? 0) + 1);
            return { ...o, weight: weights.get(type) };
          })
        : list;
    out = { ...d, timeConstraints: edit(d.timeConstraints), spaceConstraints: edit(d.spaceConstraints) };
  } else {
    throw new ProblemError({ path: ["format"], message: 'must be "fet" or "school"' });
  }
  for (const type of weights.keys()) {
    if (found.has(type)) continue;
    const key = type.replace(/^Constraint/, "");
    if (!CONSTRAINTS[type]) issues.push({ path: ["weights", key], message: `unknown FET constraint type ${type} (or one this engine does not support)` });
    else issues.push({ path: ["weights", key], message: `the school has no active soft (0 < weight < 100) ${type}; only soft weights can change in a fork` });
  }
  if (issues.length) throw new ProblemError(issues);
  return out;
}

/** The `.fet` text with each target's `<Weight_Percentage>` replaced (located by the element's line and column). */
function rewriteWeights(text: string, targets: FetConstraint[], weights: Map<string, number>): string {
  if (targets.length === 0) return text;
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const lineStart = [bom];
  for (let i = bom; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStart.push(i + 1);
  const edits: { from: number; to: number; value: string }[] = [];
  for (const c of targets) {
    const node = c.node.children.find((n) => n.name === "Weight_Percentage");
    if (!node) continue; // readFet requires it; kept for the type checker
    const open = "<Weight_Percentage>";
    // the element starts at its column; saxes counts code points, so on a line with characters
    // beyond the BMP the first weight element from the line's start is taken instead
    const lineAt = lineStart[node.line - 1] ?? 0;
    let from = lineAt + node.column - 1;
    if (!text.startsWith(open, from)) from = text.indexOf(open, lineAt);
    const to = from < 0 ? -1 : text.indexOf("</Weight_Percentage>", from);
    if (from < 0 || to < 0) throw new ProblemError({ path: [c.path, "Weight_Percentage"], message: "cannot locate the weight element to change", line: node.line, column: node.column });
    edits.push({ from: from + open.length, to, value: String(weights.get(c.type)) });
  }
  edits.sort((a, b) => a.from - b.from);
  let out = "";
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.from) + e.value;
    at = e.to;
  }
  return out + text.slice(at);
}
