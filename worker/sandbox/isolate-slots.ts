/**
 * How many sandboxes one isolate runs at once. Each sandbox is its own WebAssembly memory of up
 * to `DEFAULT_LIMITS.memoryBytes` (48 MiB, worker/sandbox/limits.ts) and an isolate has 128 MB, so
 * three at once would exceed it. Validation (POST /v1/problems/validate and the check inside
 * POST /v1/jobs) runs inside the request: beyond the bound it answers 503 with Retry-After instead
 * of starting a sandbox. A job's sandbox (JobRunner) is counted too, but never refused: the job
 * already holds a concurrency slot and its chunk must run.
 */
import { ApiError } from "../http/problem";

export const MAX_SANDBOXES_PER_ISOLATE = 2;
/** Seconds a refused validation is told to wait: about one validation's run. */
export const SANDBOX_BUSY_RETRY_SECONDS = 2;

let inUse = 0;

/** Sandboxes alive in this isolate now (validation and jobs). */
export function sandboxesInUse(): number {
  return inUse;
}

/**
 * Takes one of the isolate's sandbox slots; returns its release (idempotent). `refuseWhenFull`
 * (validation): 503 sandbox-busy when all slots are taken. Without it (jobs) the slot is taken anyway.
 */
export function takeSandboxSlot(options: { refuseWhenFull: boolean }): () => void {
  if (options.refuseWhenFull && inUse >= MAX_SANDBOXES_PER_ISOLATE) {
    throw new ApiError(503, "sandbox-busy", "Objective sandboxes busy", `This server is already running ${inUse} objective sandboxes; retry in ${SANDBOX_BUSY_RETRY_SECONDS} s.`, {
      headers: { "Retry-After": String(SANDBOX_BUSY_RETRY_SECONDS) },
    });
  }
  inUse++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    inUse--;
  };
}

/** Runs a validation's sandbox work under a slot (503 when the isolate has none free). */
export async function withValidationSlot<T>(work: () => Promise<T>): Promise<T> {
  const release = takeSandboxSlot({ refuseWhenFull: true });
  try {
    return await work();
  } finally {
    release();
  }
}
