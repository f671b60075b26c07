/** The timetabling bench's runs start from an esbuild bundle (bench/child-bundle.ts): it builds, runs under plain node, and solves. */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { childBundle } from "../bench/child-bundle";

describe("bench child bundle", () => {
  it("bundles bench/timetabling.ts into one file that plain node runs as a bench child, and names it by its text", () => {
    const entry = fileURLToPath(new URL("../bench/timetabling.ts", import.meta.url));
    const file = childBundle(entry);
    const data = fileURLToPath(new URL("../fixtures/itc2007", import.meta.url));
    // One CPU-second run of comp01, seed 1, as the bench's parent asks a child for it.
    const out = execFileSync(process.execPath, [file, "--child", data, "comp01", "1", "1", "memetic", "cpu", "{}"], { encoding: "utf8" });
    const run = JSON.parse(out.trim().split("\n").pop()!);
    expect(run).toMatchObject({ instance: "comp01", seed: 1, hard: 0 });
    expect(run.soft).toBeGreaterThanOrEqual(5); // comp01's optimum
    expect(run.evaluations).toBeGreaterThan(100_000);
    expect(run.cpuSeconds).toBeGreaterThanOrEqual(1);
    expect(childBundle(entry)).toBe(file);
  });
});
