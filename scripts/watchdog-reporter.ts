/**
 * A Vitest reporter that names what is still running when a run takes long: every `intervalMs`
 * (default 3 minutes, or VITEST_WATCHDOG_SECONDS) it prints each test file that has been running for longer than that, with the
 * test it is in and for how long. It runs in Vitest's main process, so it still speaks when a test
 * worker is stuck in synchronous code (where the test's own timeout cannot fire), and says so when
 * every file has ended but the run has not (Vitest still closing its workers). Wired in
 * vitest.config.ts next to the default reporter.
 *
 * A close that never ends: the platform step has hung after its last file, now and then (Vitest's main
 * process and one workerd runtime idle, waiting on each other while the pool closes the runtime;
 * bench/results/test-suite.md). When every file has ended and the run still has not after
 * `closeGraceMs` (default 120 s, or VITEST_CLOSE_GRACE_SECONDS; 0 turns it off), the run ends there on
 * the files' own results: exit status 1 if a file failed or an error was caught outside the tests, else
 * 0, with a line saying so. Every test has reported by then; only the end-of-run summary and report
 * files are missing (scripts/test-run.mjs then stops whatever the step left running).
 */
import type { Reporter, TestCase, TestModule, Vitest } from "vitest/node";

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
  /** Files that ended failed, by name (for the exit status of a run ended after a hung close). */
  private readonly failed: string[] = [];
  private closeTimer?: NodeJS.Timeout;
  private vitest?: Vitest;
  private readonly closeGraceMs: number;
  private readonly exit: (code: number) => void;

  constructor(
    private readonly intervalMs = Number(process.env.VITEST_WATCHDOG_SECONDS ?? 180) * 1000,
    private readonly print: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
    private readonly now: () => number = Date.now,
    options: { closeGraceMs?: number; exit?: (code: number) => void } = {},
  ) {
    this.closeGraceMs = options.closeGraceMs ?? Number(process.env.VITEST_CLOSE_GRACE_SECONDS ?? 120) * 1000;
    this.exit = options.exit ?? ((code) => process.exit(code));
  }

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

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
    if (!module.ok()) this.failed.push(`${module.project.name} ${module.relativeModuleId}`);
    if (this.files > 0 && this.ended >= this.files) {
      this.allEndedAt = this.now();
      if (this.closeGraceMs > 0) {
        this.closeTimer = setTimeout(() => this.endHungClose(), this.closeGraceMs);
        this.closeTimer.unref();
      }
    }
  }

  onTestRunEnd(): void {
    clearInterval(this.timer);
    clearTimeout(this.closeTimer);
    this.running.clear();
    this.allEndedAt = undefined;
  }

  /**
   * Ends a run whose files have all ended but whose close has not, on the files' own results; returns
   * the exit status it ended with, or undefined when the run had ended meanwhile.
   */
  endHungClose(): number | undefined {
    if (this.allEndedAt === undefined) return undefined;
    clearTimeout(this.closeTimer);
    const unhandled = this.vitest?.state.getUnhandledErrors().length ?? 0;
    const code = this.failed.length || unhandled ? 1 : 0;
    const outcome = `${this.files - this.failed.length} passed, ${this.failed.length} failed${this.failed.length ? ` (${this.failed.join(", ")})` : ""}, ${unhandled} error(s) outside the tests`;
    this.print(
      `[watchdog] all ${this.files} test files ended ${Math.round((this.now() - this.allEndedAt) / 1000)} s ago, but Vitest has not finished closing its workers: the run ends here on the files' own results: ${outcome}; exit ${code} (no end-of-run summary or report file)`,
    );
    this.allEndedAt = undefined;
    this.exit(code);
    return code;
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
