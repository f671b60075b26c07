// scripts/test-run.mjs (`npm test`): the steps side by side, one exit status, readable output, no step left running.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_GROUPS, projectsFor } from "../vitest.config";
import { OutputBuffer, plan, ROOT, run, type Step, summaryLines, watchdogLines } from "./test-run.mjs";

/** A step running `node -e <code>`. */
const node = (name: string, code: string, after: string[] = []): Step => ({ name, command: [process.execPath, "-e", code], after, nice: 0 });

function collect() {
  let text = "";
  return { out: { write: (t: string) => (text += t) }, text: () => text };
}

/** Is the process still running (neither gone nor a zombie waiting for a reaper)? */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

/** Every vitest*.config.ts of the repository except the root one (node_modules and build output left out). */
function projectConfigs(dir = ROOT): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === "node_modules" || entry.startsWith(".") || entry === "build" || entry === "artifacts") continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...projectConfigs(path));
    else if (/^vitest(\.[a-z]+)?\.config\.ts$/.test(entry) && dir !== ROOT) found.push(relative(ROOT, path));
  }
  return found;
}

describe("npm test's runner", () => {
  it("runs every Vitest project in exactly one group; the platform and browser groups wait for the build", () => {
    expect([...projectsFor(undefined)].sort()).toEqual(projectConfigs().sort());
    expect(projectsFor("node")).not.toContain("e2e/vitest.config.ts");
    expect(projectsFor("browser,platform")).toContain("e2e/vitest.config.ts");
    expect(() => projectsFor("gpu")).toThrow(/unknown group "gpu"/);
    // Before the first build, an unfiltered run loads only the projects that need no build.
    expect(projectsFor(undefined, false)).toEqual([...PROJECT_GROUPS.node]);
    expect(projectsFor("platform", false)).toContain("worker/vitest.config.ts");
    const steps = plan();
    expect(steps.map((s) => s.name)).toEqual(["typecheck", "lint", "build", "node", "platform", "browser"]);
    expect(steps.filter((s) => s.after.includes("build")).map((s) => s.name)).toEqual(["platform", "browser"]);
    expect(steps.filter((s) => s.env).map((s) => s.env?.EVOLVE_TEST_PROJECTS)).toEqual(["node", "platform", "browser"]);
    // npm test leaves the slow projects out; --slow (npm run test:slow, which CI runs after npm test) runs only them, after the build.
    for (const step of steps.filter((s) => s.env)) expect(step.command).toContain("--project=!slow*");
    const slow = plan({ slow: true });
    expect(slow.map((s) => [s.name, s.after])).toEqual([
      ["build", []],
      ["slow", ["build"]],
    ]);
    expect(slow[1].command).toContain("--project=slow*");
    // Every group: the slow projects are in all three (slow, slow-worker, slow-browser).
    expect(slow[1].env?.EVOLVE_TEST_PROJECTS).toBe("node,platform,browser");
    expect(projectsFor("browser")).toEqual(["e2e/vitest.config.ts", "e2e/vitest.slow.config.ts"]);
    expect(
      plan({ vitestArgs: ["core/school"] })
        .find((s) => s.name === "browser")
        ?.command.slice(-2),
    ).toEqual(["--passWithNoTests", "core/school"]);
    // package.json's test scripts are this runner.
    const scripts = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts as Record<string, string>;
    expect(scripts.test).toMatch(/node scripts\/test-run\.mjs$/);
    expect(scripts["test:slow"]).toMatch(/^node scripts\/ensure-chromium\.mjs && node scripts\/test-run\.mjs --slow$/);
    expect(readFileSync(join(ROOT, ".ci/run"), "utf8")).toMatch(/^npm test\nnpm run test:slow\n/m);
  });

  it("prints each step's output in one block, combines the exit statuses and skips what waits for a failed step", async () => {
    const { out, text } = collect();
    const code = await run(
      [
        node("slow-ok", "for (let i = 0; i < 3; i++) console.log('slow line ' + i); setTimeout(() => console.log('slow end'), 300)"),
        node("fails", "console.log('fail line'); console.error('to stderr'); process.exit(3)"),
        node("needs-fails", "console.log('never')", ["fails"]),
        node("needs-ok", "console.log('after slow')", ["slow-ok"]),
      ],
      { out, progressMs: 60_000 },
    );
    expect(code).toBe(1);
    const t = text();
    expect(t).toMatch(/slow line 0\nslow line 1\nslow line 2\nslow end/);
    expect(t).toContain("━━ fails: FAILED (exit 3)");
    expect(t).toContain("━━ needs-fails: skipped (fails failed) ━━");
    expect(t).not.toContain("never");
    expect(t.indexOf("━━ needs-ok: ok")).toBeGreaterThan(t.indexOf("━━ slow-ok: ok"));
    expect(t).toMatch(/FAILED: fails, needs-fails in/);
    expect(await run([node("a", "process.exit(0)")], { out })).toBe(0);
    // A step that spins for 0.5 s of user CPU (checking its clock rarely: each check is a system call) is charged about that (Linux).
    if (process.platform === "linux") {
      const spin = collect();
      await run([node("spin", "const t = process.cpuUsage(); let x = 0; while (process.cpuUsage(t).user < 500_000) for (let i = 0; i < 1e6; i++) x += i;")], { out: spin.out });
      const cpu = Number(/spin\s+ok\s+[\d.]+ s \(([\d.]+) CPU-s\)/.exec(spin.text())?.[1]);
      expect(cpu).toBeGreaterThanOrEqual(0.4);
      expect(cpu).toBeLessThan(2);
    }
  });

  it("passes a Vitest watchdog line on at once, while the step's other output waits for its block", async () => {
    const { out, text } = collect();
    const seen: string[] = [];
    const spy = {
      write: (t: string) => {
        seen.push(t);
        out.write(t);
      },
    };
    await run([node("w", "console.log('quiet'); console.error('[watchdog] still running after 180 s: core x.test.ts'); setTimeout(() => {}, 400)")], { out: spy });
    const watchdogAt = seen.findIndex((t) => t.includes("[w] [watchdog] still running"));
    const blockAt = seen.findIndex((t) => t.includes("━━ w: ok"));
    expect(watchdogAt).toBeGreaterThan(-1);
    expect(watchdogAt).toBeLessThan(blockAt);
    expect(text()).toContain("quiet");
  });

  it("stops a step that runs past its limit, with the processes it started, and counts it as failed", async () => {
    const { out, text } = collect();
    // The step starts two processes that would outlive it, one in its process group and one in a
    // group of its own (as wrangler dev and Chromium are started), prints their pids, then hangs.
    const start = (detached: boolean) => `require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore', detached: ${detached} }).pid`;
    const code = await run([node("hangs", `console.log('children ' + ${start(false)} + ' ' + ${start(true)}); setInterval(() => {}, 1000)`)], { out, stepTimeoutMs: 1500 });
    expect(code).toBe(1);
    expect(text()).toMatch(/hangs: FAILED \(no result after 2 s: stopped\)/);
    const pids = (/children (\d+) (\d+)/.exec(text()) ?? []).slice(1).map(Number);
    expect(pids).toHaveLength(2);
    expect(text()).toContain(`stopped 1 process(es) the step left running: ${pids[1]} node`);
    await new Promise((r) => setTimeout(r, 300));
    expect(pids.filter(alive)).toEqual([]);
  });

  it("keeps the head and the tail of a very long output", () => {
    const b = new OutputBuffer(20);
    b.write("0123456789");
    b.write("abcdefghij");
    b.write("KLMNOPQRST");
    expect(b.toString()).toBe("0123456789\n… 10 characters left out …\nKLMNOPQRST");
    expect(watchdogLines("[watch", "dog] a\nb\n[watchdog] c")).toEqual({ lines: ["[watchdog] a"], rest: "[watchdog] c" });
    expect(
      summaryLines([
        { name: "lint", status: "ok", seconds: 1.25 },
        { name: "browser", status: "skipped", why: "build failed" },
      ]),
    ).toEqual(["  lint     ok           1.3 s", "  browser  skipped     build failed"]);
  });
});
