/**
 * FET school documents through the platform's doors (core/index.ts): the `timetabling` kind
 * compiles `format: "fet"` / `"school"` to a SchoolProblem, picks the `school` algorithm for it,
 * keeps ITC problems on `memetic`, and refuses the wrong pairing with a typed error.
 */
import { describe, expect, it } from "vitest";
import { Ajv2020 } from "ajv/dist/2020";
import { compileProblem, kindModule, solverFor } from "../index";
import { ParameterError, ProblemError } from "../engine/errors";
import { problemFromFile } from "../files";
import { TINY } from "../timetabling/test/fixtures";
import { compileSchool, fetSummary, fetToModel, isSchoolProblem, readFet, readSchoolInput, type SchoolProblem, type SchoolTimetable } from "./index";
import { constraint, fetText } from "./test/fet";
import { TINY_SCHOOL, TINY_SCHOOL_FET } from "./test/tiny-school";

const FET_DOC = { kind: "timetabling", format: "fet", text: TINY_SCHOOL_FET };

function run(doc: unknown, evaluations: number) {
  const { kind, module, problem } = compileProblem(doc);
  const { id, solver } = solverFor(kind, undefined, problem);
  const s = solver.init(problem, solver.parameters({}, problem), 5, { maxEvaluations: evaluations });
  while (!solver.progress(s).done) solver.step(s, { evaluations: 5000 });
  return { id, module, problem, best: solver.best(s) };
}

describe("timetabling kind: FET school documents", () => {
  it("compiles format fet and format school to a school problem, and ctt to an ITC problem", () => {
    const fet = compileProblem(FET_DOC);
    expect(fet.kind).toBe("timetabling");
    expect(isSchoolProblem(fet.problem)).toBe(true);
    expect((fet.problem as SchoolProblem).nActivities).toBe(7);
    const model = compileProblem({ ...fetToModel(readFet(TINY_SCHOOL_FET)), kind: "timetabling" });
    expect(isSchoolProblem(model.problem)).toBe(true);
    expect(model.size).toEqual(fet.size);
    expect(isSchoolProblem(compileProblem({ kind: "timetabling", format: "ctt", text: TINY }).problem)).toBe(false);
  });

  it("size counts activities and the hours to place (what plan limits bound); measure gives the same without compiling", () => {
    const m = kindModule("timetabling");
    const size = m.size(m.compile(FET_DOC));
    // 7 active activities (id 8 is inactive), one of them 2 hours long.
    expect(size).toEqual({ activities: 7, hours: 8, teachers: 2, rooms: 2, slots: 12 });
    expect(m.measure!(FET_DOC)).toEqual(size);
    const model = { ...fetToModel(readFet(TINY_SCHOOL_FET)), kind: "timetabling" };
    expect(m.measure!(model)).toEqual(size);
  });

  it("a document measured first is read once: compile reuses that read, and a changed text is read again", () => {
    const doc = { ...FET_DOC };
    const input = readSchoolInput(doc);
    expect(readSchoolInput(doc)).toBe(input);
    expect(compileSchool(doc).input).toBe(input);
    doc.text = fetText({ activities: [{ id: 1 }, { id: 2 }] });
    const again = compileSchool(doc);
    expect(again.input).not.toBe(input);
    expect(again.nActivities).toBe(2);
  });

  it("picks the school algorithm for school problems and memetic for ITC ones", () => {
    expect(solverFor("timetabling", undefined, compileProblem(FET_DOC).problem).id).toBe("school");
    expect(solverFor("timetabling", undefined, compileProblem({ kind: "timetabling", format: "ctt", text: TINY }).problem).id).toBe("memetic");
    expect(solverFor("timetabling").id).toBe("memetic");
  });

  it("refuses an ITC algorithm on a school problem and the school algorithm on an ITC problem, on `algorithm`", () => {
    const school = compileProblem(FET_DOC).problem;
    const itc = compileProblem({ kind: "timetabling", format: "ctt", text: TINY }).problem;
    for (const [algorithm, problem] of [
      ["memetic", school],
      ["sa", school],
      ["school", itc],
    ] as const) {
      const { solver } = solverFor("timetabling", algorithm);
      let error: unknown;
      try {
        solver.parameters({}, problem);
      } catch (e) {
        error = e;
      }
      expect(error, algorithm).toBeInstanceOf(ParameterError);
      expect((error as ParameterError).issues[0].path).toEqual(["algorithm"]);
    }
  });

  it("solves to hard 0; summary has hard, soft, unsupported; formatSolution is the locked .fet", () => {
    const { id, module, problem, best } = run(FET_DOC, 40_000);
    expect(id).toBe("school");
    const summary = module.summary!(problem, best);
    expect(summary).toMatchObject({ hard: 0, unplaced: 0, activities: 7, hours: 8, unsupported: [], inactiveConstraints: 1 });
    expect(typeof summary.soft).toBe("number");
    const locked = readFet(module.formatSolution!(problem, best));
    const starts = locked.timeConstraints.filter((c) => c.type === "ConstraintActivityPreferredStartingTime" && c.weight === 100);
    expect(starts).toHaveLength(7);
    // The locked file compiles and evaluates to the same verdict.
    const again = compileProblem({ kind: "timetabling", format: "fet", text: module.formatSolution!(problem, best) });
    expect(isSchoolProblem(again.problem)).toBe(true);
    expect((best.solution as SchoolTimetable).start.every((s) => s >= 0)).toBe(true);
  });

  it("unsupported types: refused with the list unless ignoreUnsupported, then reported in the summary", () => {
    const text = fetText({ activities: [{ id: 1 }], time: [constraint("ConstraintInventedForThisTest", 100, ""), constraint("ConstraintInventedForThisTest", 50, "")] });
    expect(() => compileProblem({ kind: "timetabling", format: "fet", text })).toThrow(ProblemError);
    try {
      compileProblem({ kind: "timetabling", format: "fet", text });
    } catch (e) {
      expect((e as ProblemError).issues[0].message).toMatch(/unsupported: ConstraintInventedForThisTest occurs 2 times/);
    }
    const { module, problem, best } = run({ kind: "timetabling", format: "fet", text, ignoreUnsupported: true }, 2000);
    expect(module.summary!(problem, best)).toMatchObject({ hard: 0, unsupported: [{ type: "ConstraintInventedForThisTest", count: 2 }] });
  });

  it("bad fet documents give typed errors with paths and lines, never crashes", () => {
    const bad = (doc: unknown) => {
      try {
        compileProblem(doc);
      } catch (e) {
        return e;
      }
      return null;
    };
    expect((bad({ kind: "timetabling", format: "fet" }) as ProblemError).issues[0].path).toEqual(["text"]);
    const broken = bad({ kind: "timetabling", format: "fet", text: "<fet><Days_List>" }) as ProblemError;
    expect(broken).toBeInstanceOf(ProblemError);
    expect(broken.issues[0].line).toBeGreaterThan(0);
    expect((bad({ kind: "timetabling", format: "xml" }) as ProblemError).issues[0].message).toContain('"fet"');
  });

  it("a .fet upload becomes a fet document named after the file", () => {
    expect(problemFromFile("My School.fet", TINY_SCHOOL_FET)).toEqual({ kind: "timetabling", format: "fet", name: "My School", text: TINY_SCHOOL_FET });
  });

  it("the kind's JSON Schema accepts fet documents and the school model beside ctt and model", () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(kindModule("timetabling").schema);
    expect(validate(FET_DOC), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ kind: "timetabling", format: "ctt", text: TINY })).toBe(true);
    expect(validate(JSON.parse(JSON.stringify({ ...fetToModel(readFet(TINY_SCHOOL_FET)), kind: "timetabling" }))), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ kind: "timetabling", format: "fet" })).toBe(false);
  });
});

describe("fetSummary (the pre-flight summary)", () => {
  it("counts teachers, student sets, activities, hours and constraints by type", () => {
    const s = fetSummary(readFet(TINY_SCHOOL_FET));
    expect(s).toMatchObject({
      days: 3,
      hoursPerDay: 4,
      dayNames: TINY_SCHOOL.days,
      hourNames: TINY_SCHOOL.hours,
      teachers: 2,
      rooms: 2,
      students: { years: 2, groups: 1, subgroups: 2 },
      activities: { active: 7, inactive: 1 },
      hours: 8,
      unsupported: [],
      refused: false,
    });
    expect(s.constraints).toMatchObject({ active: 6, inactive: 1, supported: 6, unsupported: 0 });
    expect(s.constraints.byType.find((t) => t.type === "ConstraintTeacherMaxGapsPerWeek")).toEqual({ type: "ConstraintTeacherMaxGapsPerWeek", list: "time", active: 0, inactive: 1, supported: true });
    expect(s.constraints.byType.find((t) => t.type === "ConstraintActivityPreferredRoom")).toMatchObject({ list: "space", active: 1 });
  });

  it("lists unsupported types with counts and says whether the document is refused", () => {
    const input = readFet(fetText({ activities: [{ id: 1 }], time: [constraint("ConstraintInventedForThisTest", 100, ""), constraint("ConstraintInventedForThisTest", 100, "", false)] }));
    const s = fetSummary(input);
    expect(s.unsupported).toEqual([{ type: "ConstraintInventedForThisTest", count: 1 }]);
    expect(s.refused).toBe(true);
    expect(s.constraints.byType.find((t) => t.type === "ConstraintInventedForThisTest")).toEqual({ type: "ConstraintInventedForThisTest", list: "time", active: 1, inactive: 1, supported: false });
    expect(fetSummary(input, true).refused).toBe(false);
  });
});
