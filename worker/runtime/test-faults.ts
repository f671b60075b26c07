/**
 * Faults a test can inject into a job (honoured only when ENVIRONMENT is "test"): they simulate
 * crashes at the worst moments so the recovery paths run for real inside workerd. They are kept
 * out of the production types: createJob's `testFaults` arms them in the runner's own storage
 * (their own key, not the run's status), and the run and the queue consumer ask this module.
 */
import type { RunnerStore } from "./runner-store";

export interface TestFaults {
  /** Throw from the alarm after the step but before the checkpoint is saved, this many times. */
  throwAfterStep?: number;
  /** Queue consumer throws for this island chunk (island:seq) this many times. */
  consumerThrows?: { island: number; seq: number; times: number };
  /** The consumer runs this island chunk but its report never arrives (once). */
  dropReport?: { island: number; seq: number };
}

/** What the queue consumer does wrong with one island chunk: throw instead of running, or run but never report. */
export type IslandFault = "throw" | "drop";

const KEY = "testFaults";

export class FaultInjector {
  constructor(
    private readonly store: RunnerStore,
    private readonly enabled: boolean,
  ) {}

  /** Store the job's faults (at start; ignored outside tests). */
  arm(faults: TestFaults | null | undefined): void {
    if (this.enabled && faults) this.store.setMeta(KEY, faults);
  }

  private armed(): TestFaults | null {
    return this.enabled ? this.store.getMeta<TestFaults>(KEY) : null;
  }

  /** DO mode: throws (and counts down) while `throwAfterStep` is armed. */
  crashAfterStep(): void {
    const f = this.armed();
    const left = f?.throwAfterStep ?? 0;
    if (!f || left <= 0) return;
    this.store.setMeta(KEY, { ...f, throwAfterStep: left - 1 });
    throw new Error("injected crash after step, before checkpoint save");
  }

  /** Island mode: the fault for this chunk, if one is armed (counted down / used up). */
  islandChunk(island: number, seq: number): IslandFault | null {
    const f = this.armed();
    if (!f) return null;
    if (f.consumerThrows && f.consumerThrows.island === island && f.consumerThrows.seq === seq && f.consumerThrows.times > 0) {
      this.store.setMeta(KEY, { ...f, consumerThrows: { ...f.consumerThrows, times: f.consumerThrows.times - 1 } });
      return "throw";
    }
    if (f.dropReport && f.dropReport.island === island && f.dropReport.seq === seq) {
      this.store.setMeta(KEY, { ...f, dropReport: undefined });
      return "drop";
    }
    return null;
  }
}
