/**
 * The shared job vocabulary (worker/jobs/vocabulary.ts): terminal states, and solutions as plain
 * arrays whether they come from a solver (typed arrays) or from a result document stored before
 * solutions were plain arrays (typed arrays serialised as {"0": …} objects).
 */
import { describe, expect, it } from "vitest";
import { isTerminal, JOB_STATES, TERMINAL_STATES, toSolutionDocument } from "./vocabulary";

describe("job vocabulary", () => {
  it("terminal states are the four end states, every one a job state", () => {
    expect([...TERMINAL_STATES].sort()).toEqual(["cancelled", "expired", "failed", "succeeded"]);
    for (const s of JOB_STATES) expect(isTerminal(s)).toBe((TERMINAL_STATES as readonly string[]).includes(s));
    expect(isTerminal("running")).toBe(false);
    expect(isTerminal("nonsense")).toBe(false);
  });

  it("a timetable's typed arrays become plain arrays, and survive JSON unchanged", () => {
    const doc = toSolutionDocument({ period: Int16Array.of(3, -1, 7), room: Int16Array.of(0, -1, 2) });
    expect(doc).toEqual({ period: [3, -1, 7], room: [0, -1, 2] });
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it("reads a legacy stored timetable ({'0': …} objects) in index order", () => {
    const legacy = JSON.parse(JSON.stringify({ period: Int16Array.from({ length: 12 }, (_, i) => 11 - i), room: Int16Array.of(1, 0) }));
    expect(legacy.period).not.toBeInstanceOf(Array);
    expect(toSolutionDocument(legacy)).toEqual({ period: [11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0], room: [1, 0] });
  });

  it("a FET school timetable (start slot and room per activity) becomes plain arrays", () => {
    const doc = toSolutionDocument({ start: Int32Array.of(5, 0, -1), room: Int32Array.of(-1, 1, -1) });
    expect(doc).toEqual({ start: [5, 0, -1], room: [-1, 1, -1] });
    expect(toSolutionDocument(JSON.parse(JSON.stringify({ start: Int32Array.of(2, 3), room: Int32Array.of(0, -1) })))).toEqual({ start: [2, 3], room: [0, -1] });
  });

  it("points, tours and orderings stay number arrays", () => {
    expect(toSolutionDocument([0.5, -2, 3])).toEqual([0.5, -2, 3]);
    expect(toSolutionDocument(Float64Array.of(1.25, 2))).toEqual([1.25, 2]);
    expect(toSolutionDocument(JSON.parse(JSON.stringify(Int32Array.of(4, 0, 3))))).toEqual([4, 0, 3]);
  });
});
