// Types of scripts/test-run.mjs (plain JavaScript, run by `npm test` before anything is compiled).
export const ROOT: string;

export interface Step {
  name: string;
  command: string[];
  after: string[];
  nice: number;
  env?: Record<string, string>;
  vitest?: boolean;
}

export interface StepResult {
  name: string;
  status: "ok" | "FAILED" | "skipped";
  seconds?: number;
  /** CPU seconds of the step and the processes it waited for (Linux). */
  cpu?: number;
  start?: number;
  why?: string;
  command?: string;
}

/** `slow`: only the slow projects (npm run test:slow), after the build; otherwise everything else (npm test). */
export function plan(options?: { slow?: boolean; vitestArgs?: string[] }): Step[];

export class OutputBuffer {
  constructor(limit?: number);
  write(text: string): void;
  toString(): string;
}

export function watchdogLines(pending: string, chunk: string): { lines: string[]; rest: string };
export function summaryLines(results: StepResult[]): string[];
export function run(
  steps: Step[],
  options?: { out?: { write(text: string): unknown; isTTY?: boolean }; stepTimeoutMs?: number; progressMs?: number; reportDir?: string; stepsFile?: string },
): Promise<0 | 1>;
export const STEP_MARK: string;
export function killMarked(mark: string): string[];
export function reapedCpuSeconds(): number | undefined;
