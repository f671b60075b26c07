/**
 * Limits of one tenant objective sandbox, and the typed error a breach (or a bad result) raises.
 *
 * Time is counted in interrupt ticks, never in clock time: deployed Workers freeze Date.now()
 * during synchronous code. QuickJS calls the interrupt handler once every ~10,000 backward jumps
 * and function calls, so one tick is a fixed amount of interpreted work (about 1–3 ms of CPU on
 * current hardware, roughly 300 evaluations of a 30-D sphere).
 *
 * Regular expressions are ticked: QuickJS's regexp engine polls the interrupt handler while it
 * backtracks, so `/^(a+)+$/.test('a'.repeat(30) + 'b')` stops at the call's tick limit
 * (worker/sandbox/bounds.test.ts). Known gap: other work inside one built-in call is not ticked. A loop that repeatedly catches out-of-memory errors from large C-level
 * allocations (`new Array(1e5).fill(1)`), or catches stack overflows and recurses again (each
 * overflow builds a backtrace of every frame), can spend seconds to minutes per tick. Memory stays
 * capped; the backstop for such code is the Workers CPU limit of the invocation running the chunk.
 * The small stack below keeps backtraces short for that reason.
 */

export interface SandboxLimits {
  /**
   * Hard cap of the sandbox's WebAssembly memory in bytes (the whole QuickJS heap lives inside it).
   * Enforced by the memory's `maximum`, because QuickJS's own accounting under Emscripten only
   * catches single large allocations. At least 32 MiB (QuickJS needs 16 MiB to start).
   */
  memoryBytes: number;
  /** Largest single QuickJS allocation (`runtime.setMemoryLimit`). */
  heapBytes: number;
  /** Interpreter stack: deep recursion fails with "stack overflow" beyond it. */
  stackBytes: number;
  /** Ticks one fitness call (or the module's top level) may use. */
  callTicks: number;
  /** Ticks all calls between two `startChunk()` calls may use together. */
  chunkTicks: number;
}

// 48 MiB of WebAssembly memory per job: QuickJS takes 16 MiB to start, so the tenant's heap gets
// ~32 MiB, and two custom jobs sharing an isolate stay well inside its 128 MB.
export const DEFAULT_LIMITS: SandboxLimits = {
  memoryBytes: 48 * 1024 * 1024,
  heapBytes: 32 * 1024 * 1024,
  stackBytes: 128 * 1024,
  callTicks: 500,
  chunkTicks: 10_000,
};

/** Limits for validation: one call, tighter, so a bad upload answers quickly. */
export const VALIDATION_LIMITS: SandboxLimits = { ...DEFAULT_LIMITS, callTicks: 300, chunkTicks: 600 };

export function resolveLimits(partial: Partial<SandboxLimits> = {}): SandboxLimits {
  const l = { ...DEFAULT_LIMITS, ...partial };
  const page = 64 * 1024;
  l.memoryBytes = Math.max(32 * 1024 * 1024, Math.ceil(l.memoryBytes / page) * page);
  l.heapBytes = Math.min(l.heapBytes, l.memoryBytes);
  return l;
}

/** Why an objective failed; stable strings, shown to tenants in job.error and validation errors. */
export type ObjectiveFailure =
  | "syntax" // the code does not compile
  | "module" // the module's top level threw
  | "missing-export" // no exported function `fitness`
  | "threw" // a fitness call threw
  | "non-number" // returned something that is not a number (objects are never converted)
  | "non-finite" // returned NaN or ±Infinity
  | "call-time" // one call ran past its time limit
  | "chunk-time" // the calls of one chunk together ran past the chunk's limit
  | "memory" // the sandbox ran out of its memory
  | "stack"; // recursion deeper than the stack limit

/**
 * A tenant objective failed. The job runtime turns it into job.error (`message` is safe to show:
 * it holds only the tenant's own error text and our explanation); validation turns it into a 422.
 */
export class ObjectiveError extends Error {
  override name = "ObjectiveError";
  constructor(
    readonly reason: ObjectiveFailure,
    message: string,
    /** 1-based position in the tenant's code, when the engine reported one. */
    readonly line?: number,
    readonly column?: number,
    /** Index of the point in the batch whose evaluation failed. */
    readonly row?: number,
  ) {
    super(message);
  }
}
