import { describe, expect, it } from "vitest";
import { ProblemError } from "../engine/errors";
import { compileSchool } from "./index";
import { constraint } from "./test/fet";
import { compileTiny } from "./test/harness";
import { fetText } from "./test/fet";

describe("compileSchool", () => {
  it("expands students sets to subgroups with FET's meaning", () => {
    const p = compileTiny({
      years: [{ name: "Y1", groups: [{ name: "G1", subgroups: ["S1", "S2"] }, { name: "G2" }] }, { name: "Y2" }],
      activities: [
        { id: 1, students: ["Y1"] },
        { id: 2, students: ["G1"] },
        { id: 3, students: ["Y2", "S2"] },
      ],
    });
    expect(p.subgroups).toEqual(["S1", "S2", "G2", "Y2"]);
    const subs = (a: number) => [...p.actSubgroups.subarray(p.actSubgroupStart[a], p.actSubgroupStart[a + 1])].map((s) => p.subgroups[s]);
    expect(subs(0)).toEqual(["S1", "S2", "G2"]);
    expect(subs(1)).toEqual(["S1", "S2"]);
    expect(subs(2)).toEqual(["S2", "Y2"]);
  });

  it("starts never cross the end of a day", () => {
    const p = compileTiny({ activities: [{ id: 1, duration: 3 }] });
    const ok = [...p.fits.subarray(0, p.nSlots)];
    expect(ok).toEqual([1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0]);
  });

  it("refuses unsupported types listing each with its count, unless ignoreUnsupported", () => {
    const odd = (n: number) => constraint("ConstraintMadeUpType", 100, `\t<X>${n}</X>`);
    const school = { activities: [{ id: 1 }], time: [odd(1), odd(2), constraint("ConstraintOtherUnknown", 50, "")] };
    let err: ProblemError | undefined;
    try {
      compileTiny(school);
    } catch (e) {
      err = e as ProblemError;
    }
    expect(err).toBeInstanceOf(ProblemError);
    expect(err!.issues.map((i) => i.message)).toEqual([
      "unsupported: ConstraintMadeUpType occurs 2 times (pass ignoreUnsupported to solve without it)",
      "unsupported: ConstraintOtherUnknown occurs 1 time (pass ignoreUnsupported to solve without it)",
    ]);
    const p = compileTiny(school, true);
    expect(p.ignored).toEqual([
      { type: "ConstraintMadeUpType", count: 2 },
      { type: "ConstraintOtherUnknown", count: 1 },
    ]);
  });

  it("inactive constraints and activities are skipped and counted", () => {
    const c = constraint("ConstraintTeacherMaxDaysPerWeek", 100, "\t<Teacher_Name>T1</Teacher_Name>\n\t<Max_Days_Per_Week>1</Max_Days_Per_Week>", false);
    const p = compileTiny({ activities: [{ id: 1 }, { id: 2, active: false }], time: [c, constraint("ConstraintMadeUp", 100, "", false)] });
    expect([p.nActivities, p.inactiveActivities, p.inactiveConstraints, p.resources.length]).toEqual([1, 1, 2, 0]);
  });

  it("bad references name the activity element", () => {
    expect(() => compileTiny({ activities: [{ id: 1 }, { id: 2, teachers: ["Ghost"] }] })).toThrow(/Activities_List\/Activity\[2\]\/Teacher: unknown teacher "Ghost"/);
    expect(() => compileTiny({ activities: [{ id: 1 }, { id: 1 }] })).toThrow(/duplicate activity Id 1/);
    expect(() => compileTiny({ activities: [{ id: 1, duration: 9 }] })).toThrow(/Duration: must be an integer|longer than a day/);
  });

  it("checks the document shape", () => {
    expect(() => compileSchool({ format: "ctt", text: "" })).toThrow(/format: must be "fet" or "school"/);
    expect(() => compileSchool({ format: "fet", text: 3 })).toThrow(/text: must be the .fet file/);
    expect(compileSchool({ kind: "timetabling", format: "fet", text: fetText({ activities: [{ id: 1 }] }) }).nActivities).toBe(1);
  });
});
