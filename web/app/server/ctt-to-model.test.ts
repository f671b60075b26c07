/** A .ctt problem opened in the form editor is the same problem as a model document. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readCtt } from "@core/timetabling/itc/ctt";
import { compileModel } from "@core/timetabling/model/compile";
import { modelFromCttDocument } from "./ctt-to-model.server";

const comp01 = readFileSync(new URL("../demo/comp01.ctt", import.meta.url), "utf8");

describe("modelFromCttDocument", () => {
  it("turns the comp01 demo into a model that compiles to the same problem", () => {
    const model = modelFromCttDocument({ kind: "timetabling", format: "ctt", text: comp01 });
    const fromCtt = readCtt(comp01);
    const fromModel = compileModel(model);
    expect(model.courses).toHaveLength(30);
    expect(fromModel.lectureCourse.length).toBe(160);
    expect(fromModel.courseIds).toEqual(fromCtt.courseIds);
    expect([...fromModel.courseLectures]).toEqual([...fromCtt.courseLectures]);
    expect([...fromModel.courseMinDays]).toEqual([...fromCtt.courseMinDays]);
    expect([...fromModel.courseStudents]).toEqual([...fromCtt.courseStudents]);
    expect([...fromModel.courseInstructor]).toEqual([...fromCtt.courseInstructor]);
    expect([...fromModel.courseUnavailable]).toEqual([...fromCtt.courseUnavailable]);
    expect([...fromModel.roomCapacity]).toEqual([...fromCtt.roomCapacity]);
    // The same courses per curriculum (listed in course order by the model, file order by the .ctt).
    const members = (p: typeof fromCtt) => p.curriculumCourses.map((c) => [...c].sort((a, b) => a - b));
    expect(members(fromModel)).toEqual(members(fromCtt));
    expect(fromModel.weights).toEqual(fromCtt.weights);
  });

  it("reports a broken .ctt text like an upload does", () => {
    expect(() => modelFromCttDocument({ format: "ctt", text: "Name: x\n" })).toThrow(/expected header/);
    expect(() => modelFromCttDocument({ format: "ctt" })).toThrow(/text/);
  });
});
