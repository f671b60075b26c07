/** Form state ⇄ model document: what the editor sends is what core compiles, and errors land on their rows. */
import { describe, expect, it } from "vitest";
import { compileModel } from "@core/timetabling/model/compile";
import { indexEditorErrors } from "./field-errors";
import { addBlankRow, exampleFormState, fromModelDocument, patchRow, readNumber, removeRow, setMembership, toModelDocument, type TimetableFormState } from "./form-state";

const issuesOf = (doc: unknown) => {
  try {
    compileModel(doc);
    return [];
  } catch (err) {
    return (err as { issues: { path: (string | number)[]; message: string }[] }).issues.map((i) => i.path.join("."));
  }
};

describe("timetable form → model document", () => {
  it("serialises the example into a model that compiles, with ids, numbers and references", () => {
    const doc = toModelDocument(exampleFormState());
    expect(doc).toMatchObject({ kind: "timetabling", format: "model" });
    expect(doc.days.map((d) => d.id)).toEqual(["Mon", "Tue", "Wed", "Thu", "Fri"]);
    expect(doc.periods[0]).toEqual({ id: "P1", name: "09:00" });
    expect(doc.rooms).toEqual([
      { id: "A101", capacity: 40 },
      { id: "B12", capacity: 20 },
    ]);
    expect(doc.instructors).toEqual([{ id: "smith", unavailable: [{ day: "Mon", period: "P1" }] }, { id: "jones" }]);
    expect(doc.groups).toEqual([{ id: "year1" }, { id: "year2" }]);
    expect(doc.courses[0]).toEqual({ id: "MATH1", lecturesPerWeek: 3, instructor: "smith", minWorkingDays: 3, students: 35, groups: ["year1"] });
    const problem = compileModel(doc);
    expect(problem.lectureCourse.length).toBe(7);
  });

  it("leaves blank optional fields out and keeps unreadable numbers as typed, so core names the field", () => {
    let s = exampleFormState();
    const course = s.courses[1].key;
    s = patchRow(s, "courses", course, { students: "", minWorkingDays: " ", lecturesPerWeek: "two" });
    s = patchRow(s, "rooms", s.rooms[0].key, { capacity: "-3" });
    const doc = toModelDocument(s);
    expect(doc.courses[1]).not.toHaveProperty("students");
    expect(doc.courses[1]).not.toHaveProperty("minWorkingDays");
    expect(doc.courses[1].lecturesPerWeek).toBe("two");
    expect(issuesOf(doc)).toEqual(["rooms.0.capacity", "courses.1.lecturesPerWeek"]);
    expect([readNumber(""), readNumber("12"), readNumber("1.5"), readNumber("-2"), readNumber("x")]).toEqual([undefined, 12, 1.5, -2, "x"]);
  });

  it("serialises rows in order, blank ones included, so an error index is the row on screen", () => {
    let s = exampleFormState();
    ({ state: s } = addBlankRow(s, "courses"));
    const doc = toModelDocument(s);
    expect(doc.courses).toHaveLength(4);
    expect(doc.courses[3]).toEqual({ id: "", lecturesPerWeek: 1 });
    expect(issuesOf(doc)).toEqual(["courses.3.id"]);
  });

  it("follows renames and drops references to removed rows", () => {
    let s = exampleFormState();
    s = patchRow(s, "groups", s.groups[0].key, { id: "first-year" });
    s = patchRow(s, "days", s.days[0].key, { id: "Monday" });
    expect(toModelDocument(s).courses[0].groups).toEqual(["first-year"]);
    expect(toModelDocument(s).instructors?.[0].unavailable).toEqual([{ day: "Monday", period: "P1" }]);

    s = removeRow(s, "days", s.days[0].key);
    s = removeRow(s, "instructors", s.instructors[1].key);
    s = removeRow(s, "groups", s.groups[0].key);
    const doc = toModelDocument(s);
    expect(doc.instructors).toEqual([{ id: "smith" }]);
    expect(doc.courses.map((c) => [c.instructor, c.groups])).toEqual([
      ["smith", undefined],
      [undefined, undefined],
      [undefined, ["year2"]],
    ]);
    expect(issuesOf(doc)).toEqual([]);
  });

  it("edits one membership from either side (course row or group row)", () => {
    let s = exampleFormState();
    const [math, , hist] = s.courses;
    s = setMembership(s, hist.key, s.groups[0].key, true);
    s = setMembership(s, hist.key, s.groups[0].key, true); // ticking twice stays one membership
    s = setMembership(s, math.key, s.groups[0].key, false);
    expect(toModelDocument(s).courses.map((c) => c.groups)).toEqual([undefined, ["year1"], ["year2", "year1"]]);
  });

  it("hands out row keys from the state, so server render and hydration agree", () => {
    const a = exampleFormState();
    const b = exampleFormState();
    expect(a.courses.map((c) => c.key)).toEqual(b.courses.map((c) => c.key));
    const { state, key } = addBlankRow(a, "rooms");
    const all = [state.days, state.periods, state.rooms, state.instructors, state.groups, state.courses].flat().map((r) => r.key);
    expect(new Set(all).size).toBe(all.length);
    expect(state.rooms.at(-1)?.key).toBe(key);
  });
});

describe("model document → timetable form", () => {
  const model = {
    kind: "timetabling",
    format: "model",
    name: "Physics dept",
    days: [{ id: "Mon", name: "Monday" }, { id: "Tue" }],
    periods: [
      { id: "am", name: "Morning", start: "09:00", end: "12:00" },
      { id: "pm", name: "Afternoon" },
    ],
    rooms: [{ id: "Lab", capacity: 16, features: ["lab"] }],
    instructors: [{ id: "curie", unavailable: [{ day: "Tue" }], maxLecturesPerDay: 1 }],
    groups: [{ id: "y1", name: "Year one" }],
    courses: [{ id: "OPT", lecturesPerWeek: 2, instructor: "curie", groups: ["y1"], requiredFeatures: ["lab"], doubleLectures: true }],
    weights: { roomStability: 3 },
  };

  it("opens a model and sends back the same document, fields without inputs included", () => {
    const s: TimetableFormState = fromModelDocument(model);
    expect(s.instructors[0].unavailable).toHaveLength(2); // the whole of Tuesday, period by period
    const doc = toModelDocument(s);
    expect(doc).toEqual({
      ...model,
      instructors: [
        {
          id: "curie",
          maxLecturesPerDay: 1,
          unavailable: [
            { day: "Tue", period: "am" },
            { day: "Tue", period: "pm" },
          ],
        },
      ],
    });
    expect(issuesOf(doc)).toEqual([]);
  });
});

describe("field errors on the form", () => {
  it("puts problem+json paths on their row and cell, and table-wide messages on the table", () => {
    const errors = indexEditorErrors([
      { path: "problem.courses.2.instructor", message: "unknown instructor" },
      { path: "problem.courses.1.groups.0", message: "unknown group" },
      { path: "problem.instructors.0.unavailable.1.day", message: "unknown day" },
      { path: "problem.courses", message: "9 lectures cannot fit" },
      { path: "rooms.0.id", message: "duplicate id" },
      { path: "problem.size.lectures", message: "over the limit" },
    ]);
    expect(errors.cell("courses", 2, "instructor")).toBe("unknown instructor");
    expect(errors.cell("courses", 1, "groups")).toBe("unknown group");
    expect(errors.cell("instructors", 0, "unavailable")).toBe("unknown day");
    expect(errors.cell("rooms", 0, "id")).toBe("duplicate id");
    expect(errors.cell("courses", 0, "instructor")).toBeUndefined();
    expect(errors.rowHasError("courses", 2)).toBe(true);
    expect(errors.rowHasError("courses", 0)).toBe(false);
    expect(errors.table("courses")).toEqual(["9 lectures cannot fit"]);
    expect(errors.table("rooms")).toEqual([]);
  });
});

describe("soft-constraint weights in the form", () => {
  it("blank weights are left out; typed ones are sent as numbers and compile; bad ones are named by the compiler", () => {
    const s = exampleFormState();
    expect(toModelDocument(s)).not.toHaveProperty("weights");
    const weighted: TimetableFormState = { ...s, weights: { roomStability: "4", curriculumCompactness: "0", minWorkingDays: "" } };
    const doc = toModelDocument(weighted);
    expect(doc.weights).toEqual({ roomStability: 4, curriculumCompactness: 0 });
    expect(compileModel(doc).weights).toMatchObject({ roomStability: 4, curriculumCompactness: 0, minWorkingDays: 5 });
    expect(issuesOf(toModelDocument({ ...s, weights: { roomStability: "lots" } }))).toEqual(["weights.roomStability"]);
  });

  it("opening a model shows its weights and sends them back unchanged; errors land on the weight", () => {
    const doc = { ...toModelDocument(exampleFormState()), weights: { roomCapacity: 2.5, doubleLectures: 0 } };
    const s = fromModelDocument(doc);
    expect(s.weights).toEqual({ roomCapacity: "2.5", doubleLectures: "0" });
    expect(s.extra).not.toHaveProperty("weights");
    expect(toModelDocument(s).weights).toEqual({ roomCapacity: 2.5, doubleLectures: 0 });
    const errors = indexEditorErrors([{ path: "problem.weights.roomCapacity", message: "must be a number from 0 to 1000000" }]);
    expect(errors.weight("roomCapacity")).toBe("must be a number from 0 to 1000000");
    expect(errors.weight("roomStability")).toBeUndefined();
  });
});
