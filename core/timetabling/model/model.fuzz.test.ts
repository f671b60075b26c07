/**
 * Fuzz: ≥ 10,000 generated and mutated model documents (small schools and the template): any
 * field replaced by junk, extreme numbers or long lists, items repeated thousands of times, keys
 * deleted. Every input ends in well under a second with a problem or a ProblemError; a compiled
 * problem stays within core/timetabling/limits.ts and measure(doc) equals its size.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { preview } from "../../engine/errors";
import { fuzzParams, SlowestInput, typed } from "../../engine/fuzz-support";
import { timetablingKind } from "../index";
import { withinLimits } from "../test/within-limits";
import { compileModel, measureModel } from "./compile";
import { modelFromSheets } from "./sheets";
import { templateSheets } from "./workbook";

/** Wall time that only runaway work reaches, even on a loaded 2-core CI machine. */
const CATASTROPHE_MS = 10_000;

const school = {
  format: "model",
  days: [{ id: "Mon" }, { id: "Tue" }],
  periods: [{ id: "P1" }, { id: "P2" }, { id: "P3" }],
  rooms: [
    { id: "R1", capacity: 30, features: ["projector"] },
    { id: "Lab", capacity: 20, features: ["lab"], unavailable: [{ day: "Tue", period: "P3" }] },
  ],
  instructors: [
    { id: "smith", maxLecturesPerDay: 2, unwanted: [{ day: "Mon", period: "P1" }] },
    { id: "jones", unavailable: [{ day: "Mon" }], preferred: [{ day: "Tue", period: "P1" }] },
  ],
  groups: [{ id: "9A" }],
  courses: [
    { id: "math", lecturesPerWeek: 3, instructor: "smith", groups: ["9A"], students: 25, minWorkingDays: 2 },
    { id: "chem", lecturesPerWeek: 2, instructor: "jones", groups: ["9A"], requiredFeatures: ["lab"], doubleLectures: true },
  ],
  pinned: [{ course: "math", day: "Mon", period: "P2", room: "R1" }],
  start: [{ course: "chem", day: "Tue", period: "P1", room: "Lab" }],
};
const template = modelFromSheets(templateSheets()).model;

type Path = (string | number)[];
function pathsOf(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...at, i], out));
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) pathsOf(x, [...at, k], out);
  return out;
}
const PATHS = [pathsOf(school), pathsOf(template)];

const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(0, -1, 1.5, 14, 15, 25, 1001, 3001, 15_001, 32_768, 1e9, 2 ** 31, Number.MAX_SAFE_INTEGER, 1e308, "", "x", "Mon", "P1", "R1", "9A", "smith", null, true),
  fc.constantFrom([], {}, [{ day: "Mon" }], [{ day: "Nope", period: "P9" }], ["9A", "9A"], ["lab", "projector"]),
  fc.integer({ min: 0, max: 4_000 }).map((n) => Array.from({ length: n }, (_, i) => ({ id: `x${i}`, lecturesPerWeek: 1, capacity: 1, groups: ["9A"], instructor: "smith" }))),
);

const mutation = fc.record({
  base: fc.nat(1),
  path: fc.nat(),
  kind: fc.constantFrom("set", "set", "delete", "repeat"),
  value: junk,
  times: fc.integer({ min: 2, max: 5_000 }),
});

function mutate(ms: { base: number; path: number; kind: string; value: unknown; times: number }[]): unknown {
  const base = ms[0].base;
  const doc = structuredClone(base === 0 ? school : template) as Record<string, unknown>;
  for (const m of ms) {
    const paths = PATHS[base];
    const path = paths[m.path % paths.length];
    if (!path.length) continue;
    let parent: any = doc;
    for (const k of path.slice(0, -1)) parent = parent?.[k];
    if (parent === null || typeof parent !== "object") continue;
    const key = path[path.length - 1];
    if (m.kind === "set") parent[key] = m.value;
    else if (m.kind === "delete") Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key];
    else if (Array.isArray(parent)) parent.push(...Array.from({ length: m.times }, () => parent[Number(key)]));
  }
  return doc;
}

describe("model fuzz", () => {
  it("10,000 mutated documents: typed errors only, bounded output, measure = size", () => {
    const slowest = new SlowestInput();
    let compiled = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => {
        const doc = mutate(ms);
        const out = typed(() => compileModel(doc));
        slowest.note(out.ms, ms);
        if (out.value) {
          compiled++;
          withinLimits(out.value);
          expect({ ...measureModel(doc) }).toEqual(timetablingKind.size(out.value));
        }
        const measured = typed(() => measureModel(doc));
        slowest.note(measured.ms, ms);
      }),
      fuzzParams(),
    );
    if (slowest.ms >= 1000) console.log("slowest input", slowest.ms, preview(slowest.input, 2_000));
    // A guard against runaway work (seconds per input), not a speed target: `npm run attack` times the refusals.
    expect(slowest.ms).toBeLessThan(CATASTROPHE_MS);
    expect(compiled).toBeGreaterThan(100);
  });
});
