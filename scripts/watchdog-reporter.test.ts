import { describe, expect, it } from "vitest";
import type { TestCase, TestModule } from "vitest/node";
import WatchdogReporter from "./watchdog-reporter";

const module = (id: string, state = "passed") => ({ id, relativeModuleId: id, project: { name: "e2e" }, state: () => state, ok: () => state !== "failed" }) as unknown as TestModule;
const testCase = (m: TestModule, fullName: string) => ({ module: m, fullName }) as unknown as TestCase;

describe("watchdog reporter", () => {
  it("names the files running longer than the interval, with their current test, and forgets finished ones", () => {
    let now = 0;
    const printed: string[] = [];
    const r = new WatchdogReporter(
      1000,
      (l) => printed.push(l),
      () => now,
    );
    const slow = module("all-routes.e2e.ts");
    const quick = module("smoke.e2e.ts");
    r.onTestModuleStart(slow);
    now = 500;
    r.onTestModuleStart(quick);
    r.onTestCaseReady(testCase(slow, "every route > public pages"));
    expect(r.report()).toEqual([]);
    now = 1200;
    expect(r.report()).toEqual(['[watchdog] still running after 1 s: e2e all-routes.e2e.ts, in "every route > public pages" for 1 s']);
    r.onTestModuleEnd(slow);
    now = 1600;
    expect(r.report()).toEqual(["[watchdog] still running after 1 s: e2e smoke.e2e.ts"]);
    expect(printed).toHaveLength(2);
  });

  it("says when every file has ended but the run has not, and stops at the run's end", () => {
    let now = 0;
    const r = new WatchdogReporter(
      1000,
      () => {},
      () => now,
    );
    const files = [module("a.test.ts"), module("b.test.ts")];
    r.onTestRunStart(files);
    for (const f of files) r.onTestModuleStart(f);
    r.onTestModuleEnd(files[0]);
    now = 5000;
    expect(r.report()).toEqual(["[watchdog] still running after 5 s: e2e b.test.ts"]);
    r.onTestModuleEnd(files[1]);
    now = 5500;
    expect(r.report()).toEqual([]);
    now = 7000;
    expect(r.report()).toEqual(["[watchdog] all 2 test files ended 2 s ago, but the run has not: Vitest is still closing its workers"]);
    r.onTestRunEnd();
    expect(r.report()).toEqual([]);
  });

  it("ends a run whose files all ended but whose close hangs, on the files' own results, after the grace time", () => {
    let now = 0;
    const printed: string[] = [];
    const exits: number[] = [];
    const reporter = (files: TestModule[]) => {
      const r = new WatchdogReporter(
        60_000,
        (l) => printed.push(l),
        () => now,
        { closeGraceMs: 10_000, exit: (code) => exits.push(code) },
      );
      r.onTestRunStart(files);
      for (const f of files) r.onTestModuleStart(f);
      return r;
    };
    // Not before every file has ended.
    const passing = [module("a.test.ts"), module("b.test.ts")];
    let r = reporter(passing);
    r.onTestModuleEnd(passing[0]);
    expect(r.endHungClose()).toBeUndefined();
    r.onTestModuleEnd(passing[1]);
    now = 12_000;
    expect(r.endHungClose()).toBe(0);
    expect(printed.at(-1)).toBe(
      "[watchdog] all 2 test files ended 12 s ago, but Vitest has not finished closing its workers: the run ends here on the files' own results: 2 passed, 0 failed, 0 error(s) outside the tests; exit 0 (no end-of-run summary or report file)",
    );
    // A failed file makes it exit 1, naming the file.
    const mixed = [module("c.test.ts"), module("d.test.ts", "failed")];
    r = reporter(mixed);
    for (const f of mixed) r.onTestModuleEnd(f);
    expect(r.endHungClose()).toBe(1);
    expect(printed.at(-1)).toContain("1 passed, 1 failed (e2e d.test.ts)");
    // A run that ended normally is left alone.
    const closed = [module("e.test.ts")];
    r = reporter(closed);
    r.onTestModuleEnd(closed[0]);
    r.onTestRunEnd();
    expect(r.endHungClose()).toBeUndefined();
    expect(exits).toEqual([0, 1]);
  });
});
