/**
 * Issue #3: GA and ACO-R allocate nothing per evaluation once warmed up. Measured as the growth
 * of the V8 heap over synchronous windows of 10,000 evaluations, median of nine windows, in a
 * child process under `node --predictable` (allocation-probe.ts says why). A boxed double per
 * gene or a sort buffer per generation shows up as hundreds of kilobytes per window; the steady
 * state is ~2 KB (0.2 B per evaluation).
 *
 * The objective is the test's own closure so that only the algorithm is measured (the shared
 * built-in row objective is polymorphic once several functions have run in one process).
 * Not covered: GA with gaussian mutation, whose rare rng.normal() calls are not inlined and box
 * their results (~33 B per evaluation).
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const probe = fileURLToPath(new URL("./allocation-probe.ts", import.meta.url));

function bytesPerEvaluation(problem: string, id: string, params: Record<string, unknown>): number {
  const out = execFileSync(process.execPath, ["--predictable", "--import", "tsx", probe, id, problem, JSON.stringify(params)], { encoding: "utf8" });
  return (JSON.parse(out.trim().split("\n").pop()!) as { bytesPerEvaluation: number }).bytesPerEvaluation;
}

describe("continuous algorithms: no allocation per evaluation in steady state", () => {
  for (const [problem, id, params] of [
    ["rastrigin", "ga", {}],
    ["rastrigin", "ga", { sbxEta: 2.5, mutationEta: 7.3 }], // the exp/log path of the written-out powers
    ["rastrigin", "aco-r", {}],
    ["sphere", "aco-r", {}],
  ] as const) {
    it(`${id} ${JSON.stringify(params)} on ${problem}: under 2 bytes per evaluation`, { timeout: 60_000 }, () => {
      expect(bytesPerEvaluation(problem, id, params)).toBeLessThan(2);
    });
  }
});
