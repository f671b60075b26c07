/**
 * A Vitest reporter that names what is still running when a run takes long: every `intervalMs`
 * (default 3 minutes, or VITEST_WATCHDOG_SECONDS) it prints each test file that has been running for longer than that, with the
 * test it is in and for how long. It runs in Vitest's main process, so it still speaks when a test
 * worker is stuck in synchronous code (where the test's own timeout cannot fire), and says so when
 * every file has ended but the run has not (Vitest still closing its workers). Wired in
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
  /** Test files in the run, and how many have ended (for "every file ended, the run did not"). */
  private files = 0;
  private ended = 0;
  private allEndedAt?: number;

  constructor(
    private readonly intervalMs = Number(process.env.VITEST_WATCHDOG_SECONDS ?? 180) * 1000,
    private readonly print: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
    private readonly now: () => number = Date.now,
  ) {}

  onTestRunStart(specifications: ReadonlyArray<unknown> = []): void {
    this.files = specifications.length;
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
    this.ended++;
    if (this.files > 0 && this.ended >= this.files) this.allEndedAt = this.now();
  }

  onTestRunEnd(): void {
    clearInterval(this.timer);
    this.running.clear();
    this.allEndedAt = undefined;
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
    // Every file ended but the run did not: Vitest is still closing its pool (a workerd runtime that
    // never answers its close was seen in the platform step: bench/results/test-suite.md).
    if (this.allEndedAt !== undefined && now - this.allEndedAt >= this.intervalMs) {
      lines.push(`[watchdog] all ${this.files} test files ended ${Math.round((now - this.allEndedAt) / 1000)} s ago, but the run has not: Vitest is still closing its workers`);
    }
    for (const line of lines) this.print(line);
    return lines;
  }
}
