import { describe, expect, it } from "vitest";
import { ProblemError } from "../../engine/errors";
import { fetText } from "../test/fet";
import { readFet } from "./read";
import { FET_LIMITS } from "./types";

function issue(f: () => unknown) {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ProblemError);
    return (e as ProblemError).issues[0];
  }
  throw new Error("expected a ProblemError");
}

describe("readFet", () => {
  it("reads days, hours, students, activities and keeps every constraint element", () => {
    const text = fetText({
      years: [{ name: "Y1", groups: [{ name: "G1", subgroups: ["S1"] }] }],
      activities: [{ id: 7, teachers: ["T1", "T2"], students: ["G1"], duration: 2, groupId: 7, tags: [] }],
      time: ["<ConstraintSomethingNew>\n\t<Weight_Percentage>55.5</Weight_Percentage>\n\t<Foo>bar</Foo>\n\t<Active>false</Active>\n</ConstraintSomethingNew>"],
    });
    const f = readFet(text);
    expect(f.days).toEqual(["Mon", "Tue", "Wed"]);
    expect(f.hours).toHaveLength(4);
    expect(f.years[0].groups[0].subgroups[0].name).toBe("S1");
    expect(f.activities[0]).toMatchObject({ id: 7, teachers: ["T1", "T2"], students: ["G1"], duration: 2, groupId: 7, active: true, path: "Activities_List/Activity[1]" });
    const c = f.timeConstraints[1];
    expect(c).toMatchObject({ type: "ConstraintSomethingNew", weight: 55.5, active: false, path: "Time_Constraints_List/ConstraintSomethingNew[1]" });
    expect(c.node.children.find((n) => n.name === "Foo")?.text).toBe("bar");
    expect(c.node.line).toBeGreaterThan(1);
  });

  it("a bad field names the element path, line and column", () => {
    const text = fetText({ activities: [{ id: 1 }, { id: 2 }] }).replace(
      "<Duration>1</Duration>\n\t<Total_Duration>1</Total_Duration>\n\t<Id>2</Id>",
      "<Duration>two</Duration>\n\t<Total_Duration>1</Total_Duration>\n\t<Id>2</Id>",
    );
    const i = issue(() => readFet(text));
    expect(i.path).toEqual(["Activities_List/Activity[2]/Duration"]);
    expect(i.message).toMatch(/integer/);
    const line = text.split("\n").findIndex((l) => l.includes("<Duration>two")) + 1;
    expect(i.line).toBe(line);
    expect(i.column).toBeGreaterThan(0);
  });

  it("text that is not XML, or XML that is not FET, gets a clear error", () => {
    expect(issue(() => readFet("hello")).message).toMatch(/not well-formed XML|not a FET file/);
    const broken = issue(() => readFet('<?xml version="1.0"?>\n<fet>\n<Days_List>\n</fet>'));
    expect(broken.message).toMatch(/not well-formed XML/);
    expect(broken.line).toBe(4);
    expect(issue(() => readFet("<html><body/></html>")).message).toMatch(/root element is <html>/);
    expect(issue(() => readFet("<fet></fet>")).message).toMatch(/Days_List/);
  });

  it("refuses beyond the limits, naming the limit, while reading", () => {
    const days = Array.from({ length: FET_LIMITS.days + 1 }, (_, i) => `D${i}`);
    expect(issue(() => readFet(fetText({ days, activities: [] }))).message).toBe(`too many days: the limit is ${FET_LIMITS.days}`);
    const big = "<fet>" + " ".repeat(FET_LIMITS.textChars) + "</fet>";
    expect(issue(() => readFet(big)).message).toMatch(/too large/);
    const deep = "<fet>" + "<a>".repeat(20) + "</a>".repeat(20) + "</fet>";
    expect(issue(() => readFet(deep)).message).toMatch(/nested deeper/);
  });

  it('keeps a name\'s spaces like FET ("5 C " and "5 C" are two rooms); numbers may be padded', () => {
    const f = readFet(fetText({ rooms: [{ name: "5 C " }, { name: "5 C" }], activities: [] }).replace("<Capacity>30</Capacity>", "<Capacity> 30 </Capacity>"));
    expect(f.rooms.map((r) => r.name)).toEqual(["5 C ", "5 C"]);
    expect(f.rooms[0].capacity).toBe(30);
  });

  it("a repeated name is kept once with a warning (as FET does)", () => {
    const f = readFet(fetText({ teachers: ["T1", "T2", "T1"], activities: [] }));
    expect(f.teachers).toEqual(["T1", "T2"]);
    expect(f.warnings[0]).toMatch(/duplicate name "T1"/);
  });

  it("a subgroup repeated in several groups (FET's divisions) counts once against the subgroup limit; entries have their own cap", () => {
    // 2 categories × 60 divisions: 60 × 60 = 3,600 subgroups, each listed in 2 of the 120 groups = 7,200 entries (over 5,000)
    const n = 60;
    const subs = Array.from({ length: n * n }, (_, i) => `S${i}`);
    const groups = [
      ...Array.from({ length: n }, (_, a) => ({ name: `A${a}`, subgroups: subs.filter((_, i) => Math.floor(i / n) === a) })),
      ...Array.from({ length: n }, (_, b) => ({ name: `B${b}`, subgroups: subs.filter((_, i) => i % n === b) })),
    ];
    const f = readFet(fetText({ years: [{ name: "Y", groups }], activities: [] }));
    expect(f.years[0].groups).toHaveLength(2 * n);
    expect(f.years[0].groups.reduce((k, g) => k + g.subgroups.length, 0)).toBe(2 * n * n);
    expect(FET_LIMITS.subgroupEntries).toBeGreaterThan(2 * n * n);
    // distinct subgroups beyond the limit are refused while reading, at the first one over it
    const many = Array.from({ length: FET_LIMITS.studentSets + 1 }, (_, i) => `S${i}`);
    const over = issue(() => readFet(fetText({ years: [{ name: "Y", groups: [{ name: "G", subgroups: many }] }], activities: [] })));
    expect(over.message).toBe(`too many subgroups: the limit is ${FET_LIMITS.studentSets.toLocaleString("en-US")}`);
    expect(over.path[0]).toBe(`Students_List/Year[1]/Group[1]/Subgroup[${FET_LIMITS.studentSets + 1}]`);
    expect(over.line).toBeGreaterThan(1);
    // entries beyond their cap are refused by the streaming count, before the tree grows further
    const entries = Array.from({ length: Math.ceil((FET_LIMITS.subgroupEntries + 1) / 1000) }, (_, g) => ({ name: `G${g}`, subgroups: Array.from({ length: 1000 }, (_, i) => `S${i}`) }));
    expect(issue(() => readFet(fetText({ years: [{ name: "Y", groups: entries }], activities: [] }))).message).toMatch(/^too many subgroup entries .*: the limit is 50,000$/);
  });
});
