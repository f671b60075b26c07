import { describe, expect, it } from "vitest";
import { constraint, fetText } from "@core/school/test/fet";
import { fetDocumentFromUpload, schoolSummaryOf, withIgnoreUnsupported } from "./school-intake.server";

// A school with one constraint type Evolve does not read (an invented FET-like element name).
const text = fetText({ activities: [{ id: 1 }, { id: 2, duration: 2 }], time: [constraint("ConstraintSomethingEvolveDoesNotKnow", 100, "\t<Teacher>T1</Teacher>")] });

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

describe("FET uploads on the new-job form", () => {
  it("reads a .fet file as a timetabling document named after the file", () => {
    expect(fetDocumentFromUpload("C:\\schools\\Our School.FET", text)).toEqual({ kind: "timetabling", format: "fet", name: "Our School", text });
  });

  it("marks the document ignoreUnsupported only when the box is ticked", () => {
    const doc = { kind: "timetabling", format: "fet", text };
    expect(withIgnoreUnsupported(doc, form({}))).toBe(doc);
    expect(withIgnoreUnsupported(doc, form({ ignoreUnsupported: "on" }))).toEqual({ ...doc, ignoreUnsupported: true });
    // Other documents are never changed.
    const ctt = { kind: "timetabling", format: "ctt", text: "Name: x" };
    expect(withIgnoreUnsupported(ctt, form({ ignoreUnsupported: "on" }))).toBe(ctt);
  });

  it("summarises the school, listing the unsupported type, refused until it is ignored", () => {
    const summary = schoolSummaryOf({ kind: "timetabling", format: "fet", text })!;
    expect(summary).toMatchObject({ teachers: 2, activities: { active: 2, inactive: 0 }, hours: 3, days: 3, hoursPerDay: 4, refused: true });
    expect(summary.unsupported).toEqual([{ type: "ConstraintSomethingEvolveDoesNotKnow", count: 1 }]);
    expect(summary.constraints.byType.find((t) => t.type === "ConstraintSomethingEvolveDoesNotKnow")).toMatchObject({ active: 1, supported: false });
    expect(schoolSummaryOf({ kind: "timetabling", format: "fet", text, ignoreUnsupported: true })!.refused).toBe(false);
  });

  it("has no summary for other documents or an unreadable file (its compile errors say why)", () => {
    expect(schoolSummaryOf({ kind: "timetabling", format: "ctt", text: "Name: x" })).toBeUndefined();
    expect(schoolSummaryOf({ kind: "timetabling", format: "fet", text: "<fet><Days_List>" })).toBeUndefined();
  });
});
