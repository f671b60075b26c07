// Bounds of the sandbox that hostile objectives probe: catastrophic regular expressions inside one
// built-in call, `new Date()` (non-determinism), and how many sandboxes one isolate runs at once.
import { describe, expect, it } from "vitest";
import { ApiError } from "../http/problem";
import { MAX_SANDBOXES_PER_ISOLATE, sandboxesInUse, takeSandboxSlot } from "./isolate-slots";
import { ObjectiveError } from "./limits";
import { compileProblemWithSandbox, createSandboxedObjective, validateProblemDocument } from "./objective";

async function evaluate(code: string, dim = 2): Promise<Float64Array> {
  const f = await createSandboxedObjective(code, {});
  try {
    const out = new Float64Array(1);
    f.evaluateBatch(new Float64Array(dim), 1, dim, out);
    return out;
  } finally {
    f.dispose();
  }
}

async function failure(code: string): Promise<ObjectiveError> {
  try {
    await evaluate(code);
  } catch (e) {
    expect(e).toBeInstanceOf(ObjectiveError);
    return e as ObjectiveError;
  }
  throw new Error("expected the objective to fail");
}

describe("catastrophic regular expressions", () => {
  it("a backtracking blow-up inside one RegExp call stops at the call's tick limit", async () => {
    const started = performance.now();
    const e = await failure("export function fitness(x) { return /^(a+)+$/.test('a'.repeat(30) + 'b') ? 1 : 0; }");
    expect(e.reason).toBe("call-time");
    // 2^30 backtracking steps would take minutes; the bound stops it in a fraction of that.
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it("a harmless regular expression still works", async () => {
    expect(Array.from(await evaluate("export function fitness(x) { return /^(a+)+$/.test('aaaa') ? 7 : 0; }"))).toEqual([7]);
  });
});

describe("time is not readable", () => {
  it("new Date() throws like Date.now (it would break replay); Date with an argument still works", async () => {
    for (const code of ["export function fitness(x) { return new Date().getTime(); }", "export function fitness(x) { return Date().length; }"]) {
      const e = await failure(code);
      expect(e.reason).toBe("threw");
      expect(e.message).toMatch(/current time .* is not available/);
    }
    expect(Array.from(await evaluate("export function fitness(x) { return new Date(86400000).getUTCDate(); }"))).toEqual([2]);
  });
});

describe("sandboxes per isolate", () => {
  const doc = { kind: "continuous", dimension: 2, bounds: [-1, 1], objective: { language: "javascript", code: "export function fitness(x) { return x[0] * x[0] + x[1] * x[1]; }" } };

  it(`validation beyond ${MAX_SANDBOXES_PER_ISOLATE} live sandboxes answers 503 with Retry-After; jobs still get theirs`, async () => {
    expect(sandboxesInUse()).toBe(0);
    // Two jobs' sandboxes live in this isolate.
    const jobs = [await compileProblemWithSandbox(doc), await compileProblemWithSandbox(doc)];
    expect(sandboxesInUse()).toBe(2);
    let refused: unknown;
    await validateProblemDocument(doc).catch((e) => (refused = e));
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).status).toBe(503);
    expect((refused as ApiError).extra.headers?.["Retry-After"]).toBe("2");
    // A third job is counted but never refused (it already holds a concurrency slot).
    const third = await compileProblemWithSandbox(doc);
    expect(sandboxesInUse()).toBe(3);
    for (const j of [...jobs, third]) j.dispose();
    expect(sandboxesInUse()).toBe(0);
    expect((await validateProblemDocument(doc)).sample?.value).toBe(0);
    expect(sandboxesInUse()).toBe(0);
  });

  it("concurrent validations: at most the bound run at once, the rest are refused, none leaks a slot", async () => {
    const release = takeSandboxSlot({ refuseWhenFull: true });
    const results = await Promise.allSettled([validateProblemDocument(doc), validateProblemDocument(doc), validateProblemDocument(doc)]);
    release();
    expect(results.filter((r) => r.status === "fulfilled").length).toBeLessThanOrEqual(MAX_SANDBOXES_PER_ISOLATE - 1);
    expect(results.some((r) => r.status === "rejected" && (r.reason as ApiError).status === 503)).toBe(true);
    expect(sandboxesInUse()).toBe(0);
  });
});
