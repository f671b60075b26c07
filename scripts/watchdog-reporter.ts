/**
 * A Vitest reporter that names what is still running when a run takes long: every `intervalMs`
 * (default 3 minutes, or VITEST_WATCHDOG_SECONDS) it prints each test file that has been running for longer than that, with the
 * test it is in and for how long. It runs in Vitest's main process, so it still speaks when a test
 * worker is stuck in synchronous code (where the test's own timeout cannot fire). Wired in
 * vitest.config.ts next to the default reporter.
 */
import type { Reporter, TestCase, TestModule } from "vitest/node";

interface Running {
  name: string;
  since: number;
  test?: { name: string; since: number };
}

export default class WatchdogReporter implements Reporter {
  private readonly running = new Map<string, Running>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly intervalMs = Number(process.env.VITEST_WATCHDOG_SECONDS ?? 180) * 1000,
    private readonly print: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
    private readonly now: () => number = Date.now,
  ) {}

  onTestRunStart(): void {
    this.timer = setInterval(() => this.report(), this.intervalMs);
    this.timer.unref();
  }

  onTestModuleStart(module: TestModule): void {
    this.running.set(module.id, { name: `${module.project.name} ${module.relativeModuleId}`, since: this.now() });
  }

  onTestCaseReady(test: TestCase): void {
    const entry = this.running.get(test.module.id);
    if (entry) entry.test = { name: test.fullName, since: this.now() };
  }

  onTestModuleEnd(module: TestModule): void {
    this.running.delete(module.id);
  }

  onTestRunEnd(): void {
    clearInterval(this.timer);
    this.running.clear();
  }

  /** The lines printed now: one per file running for longer than the interval. */
  report(): string[] {
    const now = this.now();
    const lines: string[] = [];
    for (const r of this.running.values()) {
      if (now - r.since < this.intervalMs) continue;
      const inTest = r.test ? `, in "${r.test.name}" for ${Math.round((now - r.test.since) / 1000)} s` : "";
      lines.push(`[watchdog] still running after ${Math.round((now - r.since) / 1000)} s: ${r.name}${inTest}`);
    }
    for (const line of lines) this.print(line);
    return lines;
  }
}
