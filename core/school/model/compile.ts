/**
 * `compileSchoolModel(doc)`: a `format: "school"` document → the same `SchoolProblem` its `.fet`
 * compiles to (../problem.ts `compileInput`), so the solver, evaluator and writer need no change.
 * The problem's `text` is the model written as a `.fet` (fet/serialize.ts), which writeFet
 * completes with the timetable. Errors the compiler raises about constraint fields (unknown
 * teacher, missing field…) name the FET element path; they are mapped back to JSON paths here,
 * e.g. "timeConstraints[3]/Teacher_Name" → ["timeConstraints", 3, "teacher"].
 */
import { ProblemError, type InputIssue } from "../../engine/errors";
import { fetInputToText } from "../fet/serialize";
import type { FetInput } from "../fet/types";
import { compileInput, type SchoolProblem } from "../problem";
import { modelToFet } from "./to-fet";
import { CONSTRAINT_TYPES, typeOfElement } from "./vocabulary";

export function compileSchoolModel(doc: unknown): SchoolProblem {
  const input = modelToFet(doc);
  const d = doc as { ignoreUnsupported?: boolean; name?: string };
  const text = fetInputToText(input);
  try {
    return compileInput(input, text, { ignoreUnsupported: d.ignoreUnsupported === true, name: d.name });
  } catch (e) {
    if (e instanceof ProblemError)
      throw new ProblemError(
        e.issues.map((i) => toJsonPath(i, input, doc)),
        e.limit ? { limit: e.limit } : undefined,
      );
    throw e;
  }
}

const ACTIVITY_FIELDS: Record<string, string> = { Id: "id", Subject: "subject", Teacher: "teachers", Students: "students", Activity_Tag: "tags", Duration: "duration", Activity_Group_Id: "groupId" };
const PATH = /^(activities|timeConstraints|spaceConstraints)\[(\d+)\](?:\/(.*))?$/;

/** An issue whose path is a FET element path inside the model's input → its JSON path. */
export function toJsonPath(issue: InputIssue, input: FetInput, doc: unknown): InputIssue {
  const { line, column, ...rest } = issue;
  const position = line ? { line, column } : {};
  if (issue.path.length !== 1 || typeof issue.path[0] !== "string") return { ...rest, ...position };
  const m = PATH.exec(issue.path[0]);
  if (!m) return { ...rest, ...position };
  const index = Number(m[2]);
  const path: (string | number)[] = [m[1], index];
  const rest0 = m[3] ? m[3].split("/") : [];
  if (m[1] === "activities") {
    if (rest0[0]) path.push(ACTIVITY_FIELDS[rest0[0]] ?? rest0[0]);
    return { ...rest, path };
  }
  const c = (m[1] === "timeConstraints" ? input.timeConstraints : input.spaceConstraints)[index];
  const spec = c ? CONSTRAINT_TYPES.get(typeOfElement(c.type)) : undefined;
  const generic = (doc as Record<string, { fields?: unknown }[]>)[m[1]]?.[index]?.fields !== undefined;
  if (!spec || generic) return { ...rest, path: [...path, ...(generic ? ["fields"] : []), ...rest0] };
  // typed form: FET field names → JSON keys; "Name[k]" → key, k − 1
  let slot: [string, string] | undefined;
  for (const seg of rest0) {
    const sm = /^(.*?)(?:\[(\d+)\])?$/.exec(seg)!;
    const name = sm[1];
    const f = spec.fields.get(name) ?? [...spec.fields.values()].find((x) => x.count === name);
    if (f) {
      path.push(f.key);
      if (sm[2] && f.list) path.push(Number(sm[2]) - 1);
      slot = f.slot;
    } else if (slot && (name === slot[0] || name === slot[1])) {
      path.push(name === slot[0] ? "day" : "hour");
    } else if (name === "Weight_Percentage") path.push("weight");
    else if (name === "Active" || name === "Comments") path.push(name.toLowerCase());
    else path.push(seg);
  }
  return { ...rest, path };
}
