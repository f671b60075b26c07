/**
 * The continuous algorithms allocate nothing per evaluation once warmed up. Measured as
 * the growth of the V8 heap over synchronous windows of 10,000 evaluations, median of nine
 * windows, in a child process under `node --predictable` (allocation-probe.ts says why). A boxed
 * double per gene or a sort buffer per generation shows up as hundreds of kilobytes per window;
 * the steady state is ~0.1–0.5 B per evaluation.
 *
 * Most cases use the probe's own closure objective so that only the algorithm is measured; the
 * `builtin:` cases compile a built-in from a document after three other built-ins have run in the
 * same process (the case where a shared row-objective call site went polymorphic and boxed each
 * result, ~16 B per evaluation).
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const probe = fileURLToPath(new URL("./allocation-probe.ts", import.meta.url));

function bytesPerEvaluation(problem: string, id: string, params: Record<string, unknown>, warmUp: number): number {
  const args = ["--predictable", "--import", "tsx", probe, id, problem, JSON.stringify(params), String(warmUp)];
  // A probe that never ends must not freeze the test (its timeout cannot fire during a synchronous spawn).
  const out = execFileSync(process.execPath, args, { encoding: "utf8", timeout: 300_000, killSignal: "SIGKILL" });
  return (JSON.parse(out.trim().split("\n").pop()!) as { bytesPerEvaluation: number }).bytesPerEvaluation;
}

describe("continuous algorithms: no allocation per evaluation in steady state", () => {
  for (const [problem, id, params, warmUp = 120_000] of [
    ["rastrigin", "ga", {}],
    ["rastrigin", "ga", { sbxEta: 2.5, mutationEta: 7.3 }], // the exp/log path of the written-out powers
    ["rastrigin", "ga", { mutation: "gaussian" }], // Box–Muller deviates (rng.normal)
    ["rastrigin", "aco-r", {}],
    ["sphere", "aco-r", {}],
    ["rastrigin", "de", {}], // L-SHADE: normal and Cauchy deviates per individual
    ["sphere", "de", { strategy: "rand1bin" }],
    ["rastrigin", "pso", {}],
    ["builtin:rastrigin", "de", {}],
    ["builtin:rastrigin", "pso", {}],
    ["builtin:griewank", "ga", {}],
    // SA does 4 evaluations per iteration, so 120,000 evaluations are still early: its first
    // optimised code (built from early feedback, ~1.9 B) is replaced by ~200,000 (then 0.04 B).
    ["rastrigin", "sa", {}, 300_000],
    ["builtin:rastrigin", "sa", {}, 300_000],
  ] as [string, string, Record<string, unknown>, number?][]) {
    it(`${id} ${JSON.stringify(params)} on ${problem}: under 2 bytes per evaluation`, { timeout: 60_000 }, () => {
      expect(bytesPerEvaluation(problem, id, params, warmUp)).toBeLessThan(2);
    });
  }
});
