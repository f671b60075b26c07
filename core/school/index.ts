/**
 * School timetabling from FET files. Entry points:
 *   compileSchool({ kind: "timetabling", format: "fet", text, ignoreUnsupported? }) → SchoolProblem
 *   compileSchool({ kind: "timetabling", format: "school", days, hours, … }) (the JSON model, model/)
 *   schoolSolver (engine contract), writeFet (the locked result), evaluateSchool (verdicts)
 *   schoolKind: a KindModule-shaped object a later step plugs into core/timetabling (as the
 *   `format: "fet"` branch) or registers in core/registry.ts. It is not registered yet.
 */
import { ProblemError } from "../engine/errors";
import type { BestSolution } from "../engine/contract";
import type { KindModule } from "../registry";
import { compileFet, compileInput, type SchoolProblem } from "./problem";
import { compileSchoolModel } from "./model/compile";
import { schoolModelJsonSchema } from "./model/schema";
import { evaluateSchool, type SchoolTimetable } from "./evaluate";
import { writeFet } from "./fet/write";
import { readFet } from "./fet/read";
import type { FetInput } from "./fet/types";
import { modelToFet } from "./model/to-fet";
import { schoolFigures } from "./summary";
import { makeSchoolSolver } from "./solver/engine";
import { SCHOOL_PARAMS } from "./solver/params";
import { rescoreSchool, retuneSchool } from "./solver/retune";

export { readFet, parseFetXml } from "./fet/read";
export { FET_LIMITS, type FetInput, type FetConstraint, type FetNode } from "./fet/types";
export { writeFet, lockConstraints } from "./fet/write";
export { compileFet, compileInput, SOFT_SCALE, type SchoolProblem, type CompileOptions } from "./problem";
export { evaluateSchool, type SchoolEvaluation, type SchoolTimetable, type ConstraintVerdict } from "./evaluate";
export { Board } from "./board";
export { CONSTRAINTS } from "./constraints/index";
export { SCHOOL_PARAMS, type SchoolParams } from "./solver/params";
export { fetInputToText } from "./fet/serialize";
export { reweighSchool, readSchoolWeights } from "./reweigh";
export { fetToModel, modelToFet, compileSchoolModel, schoolModelJsonSchema, problemDifferences, verdictDifferences, constraintDifferences, inputDifferences, type SchoolModel } from "./model/index";
export type { SchoolState } from "./solver/engine";
export { explainSchool, type SchoolExplanation, type SchoolExplainedConstraint, type SchoolExplainedActivity } from "./explain";
export { schoolFigures, fetSummary, type FetSummary, type ConstraintTypeCount } from "./summary";

/** The school solver; forks continue a saved state with new numeric parameters and soft weights (solver/retune.ts). */
/** A school's figures in its own words: hard violations, and the soft penalty Σ violations × Weight_Percentage / 100. */
export const SCHOOL_FIGURES = { best: "Penalty", hard: "Hard violations", soft: "Soft penalty (FET weights)" };

export const schoolSolver = { ...makeSchoolSolver("school"), retune: retuneSchool, rescore: rescoreSchool };

export interface FetDocument {
  kind?: "timetabling";
  format: "fet";
  text: string;
  ignoreUnsupported?: boolean;
  name?: string;
}

/** Compile a `{kind: "timetabling", format: "fet", text}` or a `format: "school"` JSON model (model/); ProblemError for anything else. */
export function compileSchool(doc: unknown): SchoolProblem {
  if (typeof doc !== "object" || doc === null) throw new ProblemError({ path: [], message: "must be an object" });
  const d = doc as Record<string, unknown>;
  if (d.kind !== undefined && d.kind !== "timetabling") throw new ProblemError({ path: ["kind"], message: 'must be "timetabling"' });
  if (d.format === "school") return compileSchoolModel(doc);
  if (d.format !== "fet") throw new ProblemError({ path: ["format"], message: 'must be "fet" or "school"' });
  if (typeof d.text !== "string") throw new ProblemError({ path: ["text"], message: "must be the .fet file as a string" });
  if (d.ignoreUnsupported !== undefined && typeof d.ignoreUnsupported !== "boolean") throw new ProblemError({ path: ["ignoreUnsupported"], message: "must be true or false" });
  const options = { ignoreUnsupported: d.ignoreUnsupported === true, name: typeof d.name === "string" ? d.name : undefined };
  // The same document measured first (the platform checks plan limits before compiling) is read once.
  const read = readInputs.get(d);
  return read && read.text === d.text ? compileInput(read.input, d.text, options) : compileFet(d.text, options);
}

/** True for a `format: "fet"` or `format: "school"` document (what `compileSchool` takes). */
export function isSchoolDocument(doc: unknown): boolean {
  if (typeof doc !== "object" || doc === null) return false;
  const f = (doc as { format?: unknown }).format;
  return f === "fet" || f === "school";
}

/** A compiled school problem (as opposed to core/timetabling's TimetablingProblem, which has `format`). */
export function isSchoolProblem(p: unknown): p is SchoolProblem {
  return typeof p === "object" && p !== null && (p as { actId?: unknown }).actId instanceof Int32Array && typeof (p as { text?: unknown }).text === "string";
}

/**
 * The document read as a `FetInput` without compiling (bounded by FET_LIMITS while reading):
 * what `measureSchool` and the pre-flight summary look at. ProblemError on a malformed document.
 */
export function readSchoolInput(doc: unknown): FetInput {
  if (typeof doc !== "object" || doc === null) throw new ProblemError({ path: [], message: "must be an object" });
  const d = doc as Record<string, unknown>;
  if (d.format === "school") return modelToFet(doc);
  if (d.format !== "fet") throw new ProblemError({ path: ["format"], message: 'must be "fet" or "school"' });
  if (typeof d.text !== "string") throw new ProblemError({ path: ["text"], message: "must be the .fet file as a string" });
  const cached = readInputs.get(d);
  if (cached && cached.text === d.text) return cached.input;
  const input = readFet(d.text);
  readInputs.set(d, { text: d.text, input });
  return input;
}

/**
 * `.fet` documents already read, by document object (and the text they were read from): measure,
 * the pre-flight summary and compile of one request read a large file once. The compiler only
 * reads a FetInput, never changes it; entries go with their documents (WeakMap).
 */
const readInputs = new WeakMap<object, { text: string; input: FetInput }>();

/** `size(compile(doc))` read from the document alone (activities, hours to place, teachers, rooms, slots). */
export function measureSchool(doc: unknown): Record<string, number> {
  return { ...schoolFigures(readSchoolInput(doc)) };
}

/** The figures plan limits apply to, from the compiled problem's own input. */
export function schoolSize(p: SchoolProblem): Record<string, number> {
  return { ...schoolFigures(p.input) };
}

export const fetDocSchema = {
  type: "object",
  required: ["format", "text"],
  additionalProperties: false,
  properties: {
    kind: { const: "timetabling" },
    format: { const: "fet" },
    text: { type: "string", description: "A FET input file (.fet)." },
    ignoreUnsupported: { type: "boolean", description: "Solve without the constraint types Evolve does not support (they are listed in the result) instead of refusing." },
    name: { type: "string" },
  },
};

const { $schema: _schema, $id: _id, ...schoolModelBranch } = schoolModelJsonSchema;

/** What compileSchool accepts: a `.fet` as text, or the JSON school model (model/schema.ts). */
export const schoolDocSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  anyOf: [fetDocSchema, schoolModelBranch],
};

/** Result summary: hard / soft and what was left out. */
export function schoolSummary(problem: SchoolProblem, best: BestSolution<unknown>): Record<string, unknown> {
  const e = evaluateSchool(problem, best.solution as SchoolTimetable);
  return {
    hard: e.hard,
    soft: e.soft,
    unplaced: e.unplaced,
    activities: problem.nActivities,
    hours: schoolFigures(problem.input).hours,
    /** Unsupported constraint types left out (with ignoreUnsupported), with counts. */
    unsupported: problem.ignored,
    inactiveConstraints: problem.inactiveConstraints,
    zeroWeightConstraints: problem.zeroWeightConstraints,
  };
}

/**
 * What a later step registers: `compile`, `size`, the solver and the `.fet` writer. As a kind of
 * its own it would need "school" in ProblemKind; as a timetabling format, core/timetabling's
 * compile would dispatch `format: "fet"` here.
 */
export const schoolKind: Omit<KindModule<SchoolProblem>, "kind"> & { kind: "timetabling" } = {
  kind: "timetabling",
  schema: schoolDocSchema,
  compile: compileSchool,
  measure: measureSchool,
  size: schoolSize,
  algorithms: {
    school: {
      id: "school",
      title: "School timetabling (FET)",
      description:
        "Iterative forward search with ejections (like FET's recursive swapping) until every hard constraint holds, then simulated annealing on the soft constraints; delta evaluation per move.",
      params: SCHOOL_PARAMS,
      solver: schoolSolver,
      figures: SCHOOL_FIGURES,
    },
  },
  figures: SCHOOL_FIGURES,
  defaultAlgorithm: "school",
  formatSolution: (problem, best) => writeFet(problem, best.solution as SchoolTimetable),
  solutionExtension: ".fet",
  summary: schoolSummary,
};
