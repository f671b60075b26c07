/**
 * The JobRunner's own SQLite storage. A checkpoint and the progress figures it produced are
 * always written in one `transactionSync`, so after a crash the object sees either the old pair
 * or the new one, never a checkpoint ahead of (or behind) its counters.
 */
import type { Progress } from "@core/engine/contract";
import type { JobSpec, JobState } from "./spec";
import type { StopReason } from "./stop-rules";

export interface RunnerStatus {
  state: JobState;
  /** Sums over islands of the figures of their accepted checkpoints. */
  evaluations: number;
  generation: number;
  computeMs: number;
  best: number | null;
  mean: number | null;
  hard: number | null;
  soft: number | null;
  /** DO mode: evaluation budget of the next chunk (adapted to the CPU target). */
  chunkEvaluations: number;
  /** Islands: rounds completed (all islands reported). */
  round: number;
  startedAt: number | null;
  finishedAt: number | null;
  error: string | null;
  /** Why the run ended, for terminal states (e.g. "evaluation budget reached"). */
  reason: string | null;
  /** Why the run ended, as a code (worker/runtime/stop-rules.ts); absent while running. */
  stopReason?: StopReason | null;
  /** Compute ms and evaluations at the last improvement of the best (DO mode; stall rule). */
  improvedAtMs?: number;
  improvedAtEvaluations?: number;
  lastMirrorAt: number;
  /** Finish steps still to do (each is idempotent); null when not finishing. */
  finishPending: string[] | null;
}

export interface IslandRow {
  island: number;
  /** Chunks accepted so far; an in-flight chunk reports `seq + 1`. */
  seq: number;
  bytes: Uint8Array | null;
  r2Key: string | null;
  progress: Progress;
  computeMs: number;
  /** Set while a chunk is in flight: when the watchdog re-enqueues it. */
  deadline: number | null;
  attempts: number;
}

export class RunnerStore {
  constructor(private readonly sql: SqlStorage) {
    this.createTables();
  }

  /** Idempotent; also run after `deleteAll` so a deleted job's object answers "no job", not errors. */
  createTables(): void {
    const sql = this.sql;
    sql.exec(`CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)`);
    sql.exec(`CREATE TABLE IF NOT EXISTS island (
      island INTEGER PRIMARY KEY, seq INTEGER NOT NULL, bytes BLOB, r2_key TEXT, progress TEXT NOT NULL,
      compute_ms INTEGER NOT NULL, deadline INTEGER, attempts INTEGER NOT NULL DEFAULT 0)`);
    sql.exec(`CREATE TABLE IF NOT EXISTS event (seq INTEGER PRIMARY KEY, data TEXT NOT NULL)`);
  }

  getMeta<T>(k: string): T | null {
    const row = this.sql.exec<{ v: string }>(`SELECT v FROM meta WHERE k = ?`, k).toArray()[0];
    return row ? (JSON.parse(row.v) as T) : null;
  }

  setMeta(k: string, v: unknown): void {
    this.sql.exec(`INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v`, k, JSON.stringify(v));
  }

  spec(): JobSpec | null {
    return this.getMeta<JobSpec>("spec");
  }

  status(): RunnerStatus | null {
    return this.getMeta<RunnerStatus>("status");
  }

  setStatus(s: RunnerStatus): void {
    this.setMeta("status", s);
  }

  islands(): IslandRow[] {
    return this.sql.exec(`SELECT * FROM island ORDER BY island`).toArray().map(toIsland);
  }

  island(i: number): IslandRow | null {
    const row = this.sql.exec(`SELECT * FROM island WHERE island = ?`, i).toArray()[0];
    return row ? toIsland(row) : null;
  }

  putIsland(r: IslandRow): void {
    this.sql.exec(
      `INSERT INTO island (island, seq, bytes, r2_key, progress, compute_ms, deadline, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (island) DO UPDATE SET seq = excluded.seq, bytes = excluded.bytes, r2_key = excluded.r2_key,
       progress = excluded.progress, compute_ms = excluded.compute_ms, deadline = excluded.deadline, attempts = excluded.attempts`,
      r.island,
      r.seq,
      r.bytes,
      r.r2Key,
      JSON.stringify(r.progress),
      Math.round(r.computeMs),
      r.deadline,
      r.attempts,
    );
  }

  appendEvent(seq: number, data: string, keep: number): void {
    this.sql.exec(`INSERT OR REPLACE INTO event (seq, data) VALUES (?, ?)`, seq, data);
    this.sql.exec(`DELETE FROM event WHERE seq <= ?`, seq - keep);
  }

  /** Events after `seq`, or null when the ring no longer holds all of them. */
  eventsAfter(seq: number): string[] | null {
    const rows = this.sql.exec<{ seq: number; data: string }>(`SELECT seq, data FROM event WHERE seq > ? ORDER BY seq`, seq).toArray();
    const oldest = this.sql.exec<{ m: number | null }>(`SELECT MIN(seq) AS m FROM event`).one().m;
    if (oldest !== null && oldest > seq + 1) return null;
    return rows.map((r) => r.data);
  }
}

function toIsland(row: Record<string, SqlStorageValue>): IslandRow {
  const bytes = row.bytes as ArrayBuffer | null;
  return {
    island: Number(row.island),
    seq: Number(row.seq),
    bytes: bytes ? new Uint8Array(bytes) : null,
    r2Key: (row.r2_key as string | null) ?? null,
    progress: JSON.parse(String(row.progress)) as Progress,
    computeMs: Number(row.compute_ms),
    deadline: row.deadline === null ? null : Number(row.deadline),
    attempts: Number(row.attempts),
  };
}
