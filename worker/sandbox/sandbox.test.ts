// Tenant objectives inside workerd: hostile inputs (each its own test), batch correctness, limits
// and validation errors. After every hostile case a normal objective must still run in the same
// Worker (`expectHealthy`).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ProblemError } from "@core/engine/errors";
import { ObjectiveError } from "./limits";
import { createSandboxedObjective, validateObjective, validateProblemDocument } from "./objective";

const SPHERE = "export function fitness(x) { let s = 0; for (let i = 0; i < x.length; i++) s += x[i] * x[i]; return s; }";
const RASTRIGIN = `export function fitness(x) {
  let s = 10 * x.length;
  for (const v of x) s += v * v - 10 * Math.cos(2 * Math.PI * v);
  return s;
}`;

function population(count: number, dim: number, seed = 1): Float64Array {
  const xs = new Float64Array(count * dim);
  let s = seed;
  for (let i = 0; i < xs.length; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    xs[i] = (s / 2147483648) * 10.24 - 5.12;
  }
  return xs;
}

/** Evaluate one batch in a fresh sandbox; returns the results or the ObjectiveError. */
async function run(code: string, xs: Float64Array, count: number, dim: number, limits = {}) {
  const f = await createSandboxedObjective(code, limits);
  try {
    const out = new Float64Array(count);
    f.evaluateBatch(xs, count, dim, out);
    return out;
  } finally {
    f.dispose();
  }
}

async function failure(code: string, limits = {}, dim = 3): Promise<ObjectiveError> {
  try {
    await run(code, population(4, dim), 4, dim, limits);
  } catch (e) {
    expect(e).toBeInstanceOf(ObjectiveError);
    return e as ObjectiveError;
  }
  throw new Error("expected the objective to fail");
}

/** The next evaluation in this Worker runs normally after a hostile one. */
async function expectHealthy() {
  const out = await run(SPHERE, new Float64Array([1, 2, 3, -1, 0, 2]), 2, 3);
  expect(Array.from(out)).toEqual([14, 5]);
}

describe("batch evaluation", () => {
  it("sphere and rastrigin in the sandbox equal the same functions computed natively", async () => {
    const count = 50;
    const dim = 30;
    const xs = population(count, dim, 7);
    const sphere = await run(SPHERE, xs, count, dim);
    const rastrigin = await run(RASTRIGIN, xs, count, dim);
    for (let i = 0; i < count; i++) {
      let s = 0;
      let r = 10 * dim;
      for (let j = 0; j < dim; j++) {
        const v = xs[i * dim + j];
        s += v * v;
        r += v * v - 10 * Math.cos(2 * Math.PI * v);
      }
      expect(sphere[i]).toBe(s);
      expect(rastrigin[i]).toBeCloseTo(r, 9);
    }
  });

  it("passes each point as its own Float64Array; writing to it does not disturb other points", async () => {
    const code = "export function fitness(x) { const first = x[0]; x[0] = 1e9; x[1] = -1; return first * 10 + x.length + (x instanceof Float64Array ? 100 : 0); }";
    const out = await run(code, new Float64Array([1, 2, 3, 4]), 2, 2);
    expect(Array.from(out)).toEqual([112, 132]);
  });

  it("penalty policy scores failing points and keeps the others", async () => {
    const code = "export function fitness(x) { if (x[0] < 0) throw new Error('negative'); if (x[0] > 10) return NaN; if (x[0] > 5) { for(;;){} } return x[0]; }";
    const f = await createSandboxedObjective(code, { callTicks: 20 }, { onError: "penalty", penalty: 1e6 });
    const out = new Float64Array(4);
    f.evaluateBatch(new Float64Array([1, -1, 20, 7]), 4, 1, out);
    f.dispose();
    expect(Array.from(out)).toEqual([1, 1e6, 1e6, 1e6]);
  });
});

describe("hostile objectives", () => {
  it("infinite loop: stopped by the per-call budget", async () => {
    const e = await failure("export function fitness(x) { while (true) {} }", { callTicks: 30 });
    expect(e.reason).toBe("call-time");
    expect(e.message).toMatch(/time limit/);
    await expectHealthy();
  });

  it("slow but finite calls: stopped by the per-chunk budget", async () => {
    const code = "export function fitness(x) { let s = 0; for (let i = 0; i < 300000; i++) s += i; return s; }";
    const f = await createSandboxedObjective(code, { callTicks: 1000, chunkTicks: 100 });
    const out = new Float64Array(50);
    expect(() => f.evaluateBatch(population(50, 2), 50, 2, out)).toThrow(/chunk time limit/);
    f.startChunk();
    expect(() => f.evaluateBatch(population(1, 2), 1, 2, out)).not.toThrow();
    f.dispose();
    await expectHealthy();
  });

  it("huge allocation: stopped at the sandbox memory cap (its own WebAssembly memory maximum)", async () => {
    const code = "export function fitness(x) { const a = []; while (true) a.push(new Array(100000).fill(1.5)); }";
    const e = await failure(code, { memoryBytes: 48 * 1024 * 1024 });
    expect(e.reason).toBe("memory");
    expect(e.message).toMatch(/memory limit \(48 MiB\)/);
    // One huge allocation at once is refused by QuickJS's own limit.
    const once = await failure("export function fitness(x) { return new ArrayBuffer(1.5e9).byteLength; }");
    expect(once.reason).toBe("memory");
    await expectHealthy();
  });

  it("deep recursion: stack overflow is reported, not a crash", async () => {
    const e = await failure("function deep(n) { return deep(n + 1) + 1; }\nexport function fitness(x) { return deep(0); }");
    expect(e.reason).toBe("stack");
    expect(e.message).toMatch(/stack limit/);
    await expectHealthy();
  });

  it("fetch and other host APIs do not exist inside the sandbox", async () => {
    const code = `export function fitness(x) {
      const names = ["fetch", "console", "setTimeout", "XMLHttpRequest", "WebSocket", "caches", "crypto", "require", "importScripts", "WebAssembly", "navigator"];
      for (const n of names) if (typeof globalThis[n] !== "undefined") throw new Error(n + " is reachable");
      return 1;
    }`;
    expect(Array.from(await run(code, new Float64Array([0]), 1, 1))).toEqual([1]);
    const e = await failure("export function fitness(x) { return fetch('https://example.com'); }");
    expect(e.reason).toBe("threw");
    expect(e.message).toMatch(/ReferenceError: 'fetch' is not defined/);
    // Dynamic import has no loader: no module, no network.
    const imp = await failure("export function fitness(x) { import('https://example.com/x.js'); return 1; }", {}, 3).catch((err) => err);
    if (imp instanceof ObjectiveError) expect(imp.message).not.toMatch(/example\.com.*loaded/);
    await expectHealthy();
  });

  it("globalThis tricks reach only the sandbox's own global", async () => {
    const code = `export function fitness(x) {
      const g = globalThis.constructor.constructor("return this")();
      const g2 = (function () { return this; }).call(null) ?? Function("return this")();
      const h = [].constructor.constructor("return globalThis")();
      if (g !== globalThis || h !== globalThis) throw new Error("escaped");
      if (typeof g.fetch !== "undefined" || typeof g.process !== "undefined" || typeof g2?.env !== "undefined") throw new Error("host visible");
      return Object.getOwnPropertyNames(g).length;
    }`;
    const out = await run(code, new Float64Array([0]), 1, 1);
    expect(out[0]).toBeGreaterThan(10);
    await expectHealthy();
  });

  it("prototype pollution stays inside the sandbox; the host's prototypes are untouched", async () => {
    const code = `Object.prototype.polluted = "yes"; Array.prototype.map = function () { return "hijacked"; };
      Object.defineProperty(Object.prototype, "toString", { value: () => "owned" });
      export function fitness(x) { ({}).__proto__.isAdmin = true; return [1].map(v => v) === "hijacked" ? 7 : 0; }`;
    expect(Array.from(await run(code, new Float64Array([0]), 1, 1))).toEqual([7]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.hasOwn(Object.prototype, "polluted")).toBe(false);
    expect([1, 2].map((v) => v * 2)).toEqual([2, 4]);
    expect(String({})).toBe("[object Object]");
    await expectHealthy();
  });

  it("the environment, bindings and secrets are not readable", async () => {
    const code = `export function fitness(x) {
      const seen = [typeof process, typeof env, typeof DB, typeof BLOBS, typeof JOB_RUNNER, typeof BETTER_AUTH_SECRET, typeof Deno, typeof Bun, typeof std, typeof os];
      if (seen.some(t => t !== "undefined")) throw new Error("visible: " + seen.join());
      return 3;
    }`;
    expect(Array.from(await run(code, new Float64Array([0]), 1, 1))).toEqual([3]);
    const e = await failure("export function fitness(x) { return process.env.BETTER_AUTH_SECRET.length; }");
    expect(e.message).toMatch(/'process' is not defined/);
    expect(e.message).not.toContain(env.BETTER_AUTH_SECRET);
    await expectHealthy();
  });

  it("objects with valueOf side effects are rejected inside the sandbox, never converted by the host", async () => {
    const code = `let calls = 0;
      export function fitness(x) { return { valueOf() { calls++; throw new Error("valueOf ran"); }, toString() { return "9"; } }; }`;
    const e = await failure(code);
    expect(e.reason).toBe("non-number");
    expect(e.message).toMatch(/returned object, not a number/);
    const boxed = await failure("export function fitness(x) { return new Number(3); }");
    expect(boxed.reason).toBe("non-number");
    const nan = await failure("export function fitness(x) { return 0 / 0; }");
    expect(nan.reason).toBe("non-finite");
    const inf = await failure("export function fitness(x) { return -Infinity; }");
    expect(inf.message).toMatch(/-Infinity, not a finite number/);
    await expectHealthy();
  });

  it("a throwing objective reports the tenant's message with its line and column", async () => {
    const e = await failure("export function fitness(x) {\n  const y = x.length;\n  return undefinedThing.value;\n}");
    expect(e.reason).toBe("threw");
    expect(e.line).toBe(3);
    expect(e.column).toBeGreaterThan(1);
    expect(e.message).toMatch(/ReferenceError: 'undefinedThing' is not defined at line 3:/);
  });

  it("Math.random and Date.now are removed: objectives must be deterministic", async () => {
    const e = await failure("export function fitness(x) { return Math.random(); }");
    expect(e.message).toMatch(/Math.random is not available/);
    await expectHealthy();
  });
});

describe("validation (what POST /v1/problems/validate runs)", () => {
  const box = { lower: [-1, -1], upper: [3, 5] };

  async function problem(code: string): Promise<ProblemError> {
    try {
      await validateObjective(code, 2, box);
    } catch (e) {
      expect(e).toBeInstanceOf(ProblemError);
      return e as ProblemError;
    }
    throw new Error("expected validation to fail");
  }

  it("accepts good code and evaluates the centre of the bounds", async () => {
    const r = await validateObjective("export function fitness(x) { return x[0] * 10 + x[1]; }", 2, box);
    expect(r).toEqual({ sample: [1, 2], value: 12 });
  });

  it("syntax error: line, column and message", async () => {
    const e = await problem("export function fitness(x) {\n  let y = 1;\n  return x +* 2;\n}");
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatchObject({ path: ["problem", "objective", "code"], line: 3, column: 13 });
    expect(e.issues[0].message).toMatch(/SyntaxError: unexpected token in expression: '\*'.*\[syntax\]/);
  });

  it("missing export", async () => {
    const e = await problem("function fitness(x) { return 1; }");
    expect(e.issues[0].message).toMatch(/must export a function named fitness.*\[missing-export\]/);
    const wrong = await problem("export const fitness = 42;");
    expect(wrong.issues[0].message).toMatch(/must be a function, got number/);
  });

  it("non-finite sample, infinite loop at top level, and throwing top level", async () => {
    expect((await problem("export function fitness(x) { return NaN; }")).issues[0].message).toMatch(/non-finite/);
    expect((await problem("while (true) {}\nexport function fitness(x) { return 1; }")).issues[0].message).toMatch(/time limit.*\[call-time\]/);
    const top = await problem("const a = 1;\nthrow new TypeError('boom');\nexport function fitness(x) { return 1; }");
    expect(top.issues[0]).toMatchObject({ line: 2 });
    expect(top.issues[0].message).toMatch(/TypeError: boom/);
    const imp = await problem("import fs from 'fs';\nexport function fitness(x) { return 1; }");
    expect(imp.issues[0].path).toEqual(["problem", "objective", "code"]);
  });

  it("validateProblemDocument checks shape in core, then runs the code once", async () => {
    const doc = {
      kind: "continuous",
      dimension: 2,
      bounds: [
        [-1, 3],
        [-1, 5],
      ],
      direction: "maximize",
      objective: { language: "javascript", code: "export function fitness(x) { return x[0] + x[1]; }" },
    };
    expect(await validateProblemDocument(doc)).toEqual({ kind: "continuous", size: { dimensions: 2 }, sample: { x: [1, 2], value: 3 } });
    const bad = await validateProblemDocument({ ...doc, dimension: 0, objective: { language: "python", code: "" } }).catch((e) => e);
    expect(bad).toBeInstanceOf(ProblemError);
    const paths = (bad as ProblemError).issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["problem.objective.language", "problem.objective.code", "problem.dimension"]));
    expect(await validateProblemDocument({ kind: "continuous", function: "sphere", dimension: 3 })).toMatchObject({ kind: "continuous" });
  });
});
