/**
 * Long runs start from an esbuild bundle (scripts/node-bundle.ts): the timetabling bench's children
 * (bench/timetabling.ts) and `npm run solve` (scripts/solve.ts), whose --parallel threads start
 * from a bundle too. Each builds, runs under plain node, and solves.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { solveFile } from "../core/cli/run-file";
import { PARALLEL_WORKER_ENV } from "../core/timetabling/parallel";
import { nodeBundle } from "./node-bundle";
import { solveCommand } from "./solve";

const data = fileURLToPath(new URL("../fixtures/itc2007", import.meta.url));
const comp01 = `${data}/comp01.ctt`;
const lastJson = (out: string) => JSON.parse(out.trim().split("\n").pop()!);

describe("node bundles", () => {
  it("bundles bench/timetabling.ts into one file that plain node runs as a bench child, and names it by its text", () => {
    const entry = fileURLToPath(new URL("../bench/timetabling.ts", import.meta.url));
    const file = nodeBundle(entry);
    // One CPU-second run of comp01, seed 1, as the bench's parent asks a child for it.
    const run = lastJson(execFileSync(process.execPath, [file, "--child", data, "comp01", "1", "1", "memetic", "cpu", "{}"], { encoding: "utf8" }));
    expect(run).toMatchObject({ instance: "comp01", seed: 1, hard: 0 });
    expect(run.soft).toBeGreaterThanOrEqual(5); // comp01's optimum
    expect(run.evaluations).toBeGreaterThan(100_000);
    expect(run.cpuSeconds).toBeGreaterThanOrEqual(1);
    expect(nodeBundle(entry)).toBe(file);
  });

  it("npm run solve runs the CLI bundled: the same timetable as the CLI's code unbundled for a seed and budget, and nothing else runs", () => {
    const { file, args, env } = solveCommand([comp01, "--evaluations", "200000", "--seed", "3"]);
    expect(env[PARALLEL_WORKER_ENV]).toBeUndefined();
    const out = execFileSync(process.execPath, [file, ...args], { encoding: "utf8", env, stdio: ["ignore", "pipe", "ignore"] });
    // One JSON line: no other module's command line ran inside the bundle.
    expect(out.trim().split("\n")).toHaveLength(1);
    const bundled = lastJson(out);
    const direct = solveFile(comp01, { evaluations: 200_000, seed: 3 });
    expect(bundled).toMatchObject({ kind: "timetabling", seed: 3, evaluations: 200_000, hard: 0 });
    expect(bundled.soft).toBe(direct.soft);
    expect(bundled.best).toBe(direct.best);
  });

  it("npm run solve --parallel starts its searches' threads from a bundle of the worker", () => {
    const { file, args, env } = solveCommand([comp01, "--evaluations", "100000", "--seed", "3", "--parallel", "2"]);
    expect(env[PARALLEL_WORKER_ENV]).toMatch(/\.mjs$/);
    const run = lastJson(execFileSync(process.execPath, [file, ...args], { encoding: "utf8", env, stdio: ["ignore", "pipe", "ignore"] }));
    expect(run).toMatchObject({ kind: "timetabling", parallel: 2, hard: 0 });
    expect(run.searches).toHaveLength(2);
    for (const s of run.searches) expect(s.evaluations).toBe(100_000);
  });
});
