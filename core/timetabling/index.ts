/**
 * Timetabling (university / school course timetabling, ITC-2007 track 3 as a special case).
 *
 * Problem documents:
 *   { "kind": "timetabling", "format": "ctt", "text": "<.ctt file>", "pinned"?: "<solution lines>", "start"?: "<solution lines>", "weights"?: {...} }
 *   { "kind": "timetabling", "format": "model", ...TimetablingModel }      (model/schema.ts)
 *   { "kind": "timetabling", "format": "fet", "text": "<.fet file>", "ignoreUnsupported"?: true }   (FET school files)
 *   { "kind": "timetabling", "format": "school", ...SchoolModel }           (core/school/model/)
 * The first two compile to one TimetablingProblem; the solvers, the evaluator, the explanation and the
 * views only see that. The last two compile to core/school's SchoolProblem and are solved by its own
 * engine (the `school` algorithm): `timetablingKind` dispatches on the document's format and on the
 * compiled problem (docs/decisions/006-school-timetabling.md explains why). Solutions are Timetables (lecture → period, room), written back as the
 * competition's text (`writeCttSolution`) or as JSON (`timetableToJson`).
 */
import { ParameterError, ProblemError, type InputIssue } from "../engine/errors";
import type { Solver } from "../engine/contract";
import type { KindModule } from "../registry";
import { compileSchool, isSchoolDocument, isSchoolProblem, measureSchool, schoolDocSchema, schoolKind, schoolSize, type SchoolProblem } from "../school/index";
import { measureCtt, readCtt } from "./itc/ctt";
import { readCttSolution, writeCttSolution } from "./itc/sol";
import { compileModel, measureModel } from "./model/compile";
import { modelJsonSchema } from "./model/schema";
import type { TimetablingProblem } from "./problem";
import { evaluate } from "./evaluate";
import { timetableFromPlacements, timetableToJson, type Timetable } from "./solution";
import { makeSolver } from "./solver/engine";
import { withMigration } from "./solver/migration";
import { MEMETIC_PARAMS, SA_PARAMS } from "./solver/params";
import { readWeights, weightsSchema } from "./weights";

export type { TimetablingProblem, Weights } from "./problem";
export type { Timetable, Placement, TimetableJson } from "./solution";
export type { TimetablingModel } from "./model/schema";
export type { TimetablingState } from "./solver/engine";
export { measureCtt, readCtt } from "./itc/ctt";
export { readCttSolution, writeCttSolution } from "./itc/sol";
export { evaluate, evaluatePlacements, type Evaluation } from "./evaluate";
export { explain, type Explanation, type ExplainedItem } from "./explain";
export { timetableViews, type GridView, type GridEntry, type ViewKind } from "./export/views";
export { timetableToJson, timetableFromPlacements, placementsOf } from "./solution";
export { compileModel, measureModel } from "./model/compile";
export { TIMETABLING_LIMITS } from "./limits";
export { modelJsonSchema } from "./model/schema";
export { compileSheets, modelFromSheets, SHEET_COLUMNS, type Sheets } from "./model/sheets";
export { compileWorkbook, compileCsv, measureCsv, measureWorkbook, readWorkbook, sheetsFromCsv, templateSheets, templateWorkbook, templateCsv } from "./model/workbook";
export { MEMETIC_PARAMS, SA_PARAMS } from "./solver/params";
export { WEIGHT_NAMES, readWeights, weightsSchema } from "./weights";

export const memeticSolver = withMigration(makeSolver("memetic", MEMETIC_PARAMS));
export const saSolver = withMigration(makeSolver("sa", SA_PARAMS));

const cttDocSchema = {
  type: "object",
  required: ["format", "text"],
  additionalProperties: false,
  properties: {
    kind: { const: "timetabling" },
    format: { const: "ctt" },
    text: { type: "string", description: "An ITC-2007 track 3 instance (.ctt)." },
    pinned: { type: "string", description: "Lectures to fix, as competition solution lines: course room day period." },
    start: { type: "string", description: "Warm start: a previous solution in the competition format." },
    weights: weightsSchema,
  },
};

const { $schema: _s, $id: _i, ...modelBranch } = modelJsonSchema;
const { $schema: _s2, $id: _i2, title: _t2, ...schoolBranches } = schoolDocSchema as Record<string, unknown> & { oneOf?: object[] };

/** JSON Schema of timetabling problem documents (any of the four formats). */
export const timetablingSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  title: "Timetabling problem",
  oneOf: [cttDocSchema, modelBranch, ...(schoolBranches.oneOf ?? [schoolBranches])],
};

const FORMAT_MESSAGE = 'must be "ctt", "model", "fet" or "school"';

/** Compile a problem document (see the file comment for the shapes). */
export function compileTimetabling(doc: unknown): TimetablingProblem {
  if (typeof doc !== "object" || doc === null) throw new ProblemError({ path: [], message: "must be an object" });
  const d = doc as Record<string, unknown>;
  if (d.kind !== undefined && d.kind !== "timetabling") throw new ProblemError({ path: ["kind"], message: 'must be "timetabling"' });
  if (d.format === "model") return compileModel(d);
  if (d.format !== "ctt") throw new ProblemError({ path: ["format"], message: FORMAT_MESSAGE });
  if (typeof d.text !== "string") throw new ProblemError({ path: ["text"], message: "must be the .ctt file as a string" });
  const problem = readCtt(d.text);
  if (d.weights !== undefined) {
    const issues: InputIssue[] = [];
    const weights = readWeights(d.weights, ["weights"], issues);
    if (issues.length) throw new ProblemError(issues);
    problem.weights = { ...problem.weights, ...weights };
  }
  if (d.pinned !== undefined) {
    const pins = solutionText(problem, d.pinned, "pinned");
    problem.pinPeriod.set(pins.period);
    problem.pinRoom.set(pins.room);
  }
  if (d.start !== undefined) problem.initial = solutionText(problem, d.start, "start");
  return problem;
}

/**
 * Size figures of a document (the keys of `size`) without compiling: the `.ctt` header and course
 * lines, or the model's counts. Refuses beyond core/timetabling/limits.ts (413 / 422).
 */
export function measureTimetabling(doc: unknown): Record<string, number> {
  if (typeof doc !== "object" || doc === null) throw new ProblemError({ path: [], message: "must be an object" });
  const d = doc as Record<string, unknown>;
  if (d.format === "model") return { ...measureModel(d) };
  if (isSchoolDocument(d)) return measureSchool(d);
  if (d.format !== "ctt") throw new ProblemError({ path: ["format"], message: FORMAT_MESSAGE });
  if (typeof d.text !== "string") throw new ProblemError({ path: ["text"], message: "must be the .ctt file as a string" });
  return { ...measureCtt(d.text) };
}

function solutionText(problem: TimetablingProblem, text: unknown, field: string): Timetable {
  if (typeof text !== "string") throw new ProblemError({ path: [field], message: "must be solution text (course room day period per line)" });
  try {
    return timetableFromPlacements(problem, readCttSolution(problem, text).placements);
  } catch (e) {
    if (e instanceof ProblemError) throw new ProblemError(e.issues.map((i) => ({ ...i, path: [field] })));
    throw e;
  }
}

/** Pin lectures of an already compiled problem (lecture l fixed at period/room; -1 leaves it free). */
export function withPins(problem: TimetablingProblem, pins: Timetable): TimetablingProblem {
  return { ...problem, pinPeriod: pins.period.slice(), pinRoom: pins.room.slice() };
}

/** Seed a new run with a previous solution (warm start). */
export function withWarmStart(problem: TimetablingProblem, start: Timetable): TimetablingProblem {
  return { ...problem, initial: { period: start.period.slice(), room: start.room.slice() } };
}

/** The solution as a file: competition text for ITC input, JSON for the rich model. */
export function writeSolution(problem: TimetablingProblem, t: Timetable): { text: string; extension: "sol" | "json" } {
  return problem.format === "ctt" ? { text: writeCttSolution(problem, t), extension: "sol" } : { text: JSON.stringify(timetableToJson(problem, t), null, 2) + "\n", extension: "json" };
}

/** Either compiled timetabling problem: ITC / model (TimetablingProblem) or FET school (SchoolProblem). */
export type AnyTimetablingProblem = TimetablingProblem | SchoolProblem;

/**
 * A solver entry restricted to one of the two problem families: its `parameters` (called once per
 * job with the compiled problem, before init) refuses the other family with a ParameterError on
 * `algorithm`. init/step/checkpoint stay the solver's own functions, so the ITC path runs exactly
 * as before.
 */
function onlyFor<P>(solver: Solver<P, any, any, any>, accepts: (p: unknown) => boolean, refusal: string): Solver<P, any, any, any> {
  return {
    ...solver,
    parameters(input, problem) {
      if (problem !== undefined && !accepts(problem)) throw new ParameterError({ path: ["algorithm"], message: refusal });
      return solver.parameters(input, problem);
    },
  };
}

const itcOnly = (id: string) => `${id} solves .ctt and model timetables; FET school documents (format "fet" or "school") use the "school" algorithm`;
const school = schoolKind.algorithms.school;

export const timetablingKind: KindModule<AnyTimetablingProblem> = {
  kind: "timetabling",
  schema: timetablingSchema,
  compile: (doc) => (isSchoolDocument(doc) ? compileSchool(doc) : compileTimetabling(doc)),
  measure: measureTimetabling,
  size: (p) =>
    isSchoolProblem(p)
      ? schoolSize(p)
      : {
          lectures: p.lectureCourse.length,
          courses: p.courseIds.length,
          rooms: p.roomIds.length,
          periods: p.periods,
          curricula: p.curriculumIds.length,
        },
  algorithms: {
    memetic: {
      id: "memetic",
      title: "Memetic annealing",
      description:
        "Builds a population of feasible timetables by iterative forward search, then anneals them over Move/Swap and Kempe-chain moves with incremental cost evaluation; children inherit whole courses' periods and rooms from two parents and replace the worst member when better. Pinned lectures never move. For .ctt and model timetables.",
      params: MEMETIC_PARAMS,
      solver: onlyFor(memeticSolver, (p) => !isSchoolProblem(p), itcOnly("memetic")),
    },
    sa: {
      id: "sa",
      title: "Simulated annealing",
      description:
        "One timetable: iterative forward search to feasibility, then simulated annealing over Move/Swap and Kempe-chain moves with incremental cost evaluation, reheating from the best when a segment ends. For .ctt and model timetables.",
      params: SA_PARAMS,
      solver: onlyFor(saSolver, (p) => !isSchoolProblem(p), itcOnly("sa")),
    },
    school: {
      ...school,
      description: `${school.description} For FET school documents (format "fet" or "school"); the default for them.`,
      solver: onlyFor(school.solver, isSchoolProblem, 'school solves FET school documents (format "fet" or "school"); .ctt and model timetables use "memetic" or "sa"'),
    },
  },
  figures: { best: "Weighted cost", hard: "Hard violations", soft: "Soft cost (weighted)" },
  defaultAlgorithm: "memetic",
  defaultAlgorithmFor: (p) => (isSchoolProblem(p) ? "school" : "memetic"),
  /** Competition text for ITC input, our JSON for the rich model, the locked .fet for schools (the CLI's --out). */
  formatSolution: (problem, best) => (isSchoolProblem(problem) ? schoolKind.formatSolution!(problem, best) : writeSolution(problem, best.solution as Timetable).text),
  /** Validator figures of the best timetable, re-scored by the evaluator (schools: hard, soft, unplaced, unsupported types left out). */
  summary: (problem, best) => {
    if (isSchoolProblem(problem)) return schoolKind.summary!(problem, best);
    const e = evaluate(problem, best.solution as Timetable);
    return { hard: e.hard, soft: e.soft, byConstraint: e.byConstraint };
  },
};
