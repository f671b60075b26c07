/**
 * Property tests of the school model: generated schools survive model → .fet → model unchanged
 * (names with XML's special characters, unicode, inner spaces), and broken documents (the fixture
 * with a field replaced by any JSON value) end with a result or a typed ProblemError, quickly.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ProblemError } from "../../engine/errors";
import { readFet } from "../fet/read";
import { fetInputToText } from "../fet/serialize";
import { compileSchool } from "../index";
import { fetToModel } from "./from-fet";
import { modelToFet } from "./to-fet";
import type { SchoolModel } from "./types";

/** A name FET can store as it is: XML characters, no carriage return, no leading or trailing white space. */
const nameArb = fc
  .string({
    unit: fc.oneof(fc.constantFrom("&", "<", ">", '"', "'", " ", "é", "ß", "字", "😀", "\t", "\r", "\r\n", "\n"), fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 })),
    minLength: 1,
    maxLength: 12,
  })
  .map((s) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\r]/g, "x").trim())
  .filter((s) => s.length > 0);
const names = (min: number, max: number) => fc.uniqueArray(nameArb, { minLength: min, maxLength: max });

const schoolArb: fc.Arbitrary<SchoolModel> = fc
  .record({
    days: names(1, 5),
    hours: names(1, 6),
    subjects: names(1, 4),
    teachers: names(0, 4),
    years: names(1, 3),
    weight: fc.oneof(fc.constant(100), fc.double({ min: 0, max: 100, noNaN: true })),
    seed: fc.nat(1000),
  })
  .map(({ days, hours, subjects, teachers, years, weight, seed }) => {
    const pick = <T>(list: T[], k: number) => list[(seed + k) % list.length];
    const activities = years.map((y, i) => ({
      id: i + 1,
      subject: pick(subjects, i),
      ...(teachers.length ? { teachers: [pick(teachers, i)] } : {}),
      students: [y],
      duration: 1 + ((seed + i) % hours.length),
    }));
    const model: SchoolModel = {
      kind: "timetabling",
      format: "school",
      days,
      hours,
      subjects,
      activityTags: [],
      teachers,
      students: years.map((name, i) => ({ name, numberOfStudents: (i + 1) * 7 })),
      buildings: [],
      rooms: [],
      activities,
      timeConstraints: [
        { type: "BasicCompulsoryTime", weight: 100 },
        { type: "BreakTimes", weight, breaks: [{ day: pick(days, 1), hour: pick(hours, 2) }] },
        { type: "ActivityPreferredStartingTime", weight: 100, activityId: 1, day: pick(days, 3), hour: pick(hours, 0), permanentlyLocked: seed % 2 === 0 },
        { type: "AnythingElse", weight: 50, comments: `${pick(subjects, 5)}\r\nsecond line\rthird`, fields: { Name: pick(years, 0), Nested: { Item: [pick(days, 0), pick(hours, 1)] } } },
      ],
      spaceConstraints: [{ type: "BasicCompulsorySpace", weight: 100 }],
    };
    return model;
  });

describe("school model properties", () => {
  it("model → .fet → model is the identity for generated schools (escaping, unicode, weights)", () => {
    fc.assert(
      fc.property(schoolArb, (m) => {
        const back = fetToModel(readFet(fetInputToText(modelToFet(m))));
        expect(back).toEqual(JSON.parse(JSON.stringify(m)));
      }),
      { numRuns: 200 },
    );
  });

  it("the fixture with any field replaced by any JSON value: a problem or a typed error, quickly", () => {
    const base = JSON.parse(readFileSync(join(__dirname, "fixtures", "small-school.json"), "utf8")) as Record<string, unknown>;
    /** Every path to a value inside the document. */
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, p: (string | number)[]) => {
      paths.push(p);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
      else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
    };
    walk(base, []);
    let compiled = 0;
    fc.assert(
      fc.property(fc.nat(paths.length - 1), fc.jsonValue({ maxDepth: 2 }), fc.boolean(), (at, value, drop) => {
        const doc = structuredClone(base);
        const p = paths[at];
        if (p.length === 0) return;
        let parent: Record<string | number, unknown> = doc;
        for (const k of p.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
        if (drop) delete parent[p[p.length - 1]];
        else parent[p[p.length - 1]] = value;
        const t0 = performance.now();
        try {
          compileSchool({ ...doc, ignoreUnsupported: true });
          compiled++;
        } catch (e) {
          if (!(e instanceof ProblemError)) throw e;
          for (const issue of e.issues) expect(issue.message.length).toBeGreaterThan(0);
        }
        expect(performance.now() - t0).toBeLessThan(10_000); // runaway-work guard only; not a speed target
      }),
      { numRuns: 1000 },
    );
    expect(compiled).toBeGreaterThan(0);
  });
});
