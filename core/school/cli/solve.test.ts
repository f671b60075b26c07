import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { solveFile } from "../../cli/run-file";
import { readFet } from "../fet/read";
import { constraint, fetText } from "../test/fet";
import { syntheticSchool } from "../test/synthetic";

const dir = mkdtempSync(join(tmpdir(), "evolve-fet-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("npm run solve on a .fet file", () => {
  it("solves, prints hard / soft / unsupported and writes the locked .fet", () => {
    const file = join(dir, "school.fet");
    writeFileSync(file, fetText(syntheticSchool()));
    const out = join(dir, "result.fet");
    const r = solveFile(file, { evaluations: 300_000, seed: 3, out });
    expect(r).toMatchObject({ kind: "timetabling", format: "fet", algorithm: "school", hard: 0, unsupported: [], out });
    expect(typeof r.soft).toBe("number");
    const written = readFet(readFileSync(out, "utf8"));
    expect(written.timeConstraints.filter((c) => c.type === "ConstraintActivityPreferredStartingTime")).toHaveLength(written.activities.length);
  });

  it("refuses unsupported types unless ignoreUnsupported, then lists them", () => {
    const file = join(dir, "odd.fet");
    writeFileSync(file, fetText({ activities: [{ id: 1 }], time: [constraint("ConstraintInventedForThisTest", 100, "")] }));
    expect(() => solveFile(file, { evaluations: 1000 })).toThrow(/unsupported: ConstraintInventedForThisTest occurs 1 time/);
    const r = solveFile(file, { evaluations: 1000, ignoreUnsupported: true });
    expect(r.unsupported).toEqual([{ type: "ConstraintInventedForThisTest", count: 1 }]);
    expect(r.hard).toBe(0);
  });
});
