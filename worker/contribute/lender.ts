/**
 * The job's side of contributed compute, inside its JobRunner Durable Object (docs/decisions/
 * 008-contributed-compute.md). Contributors hold hibernatable WebSockets tagged "contributor".
 * When an island round starts, the coordinator (worker/runtime/island-coordinator.ts) lets
 * `lend` take some of the round's chunks: each goes to one idle contributor on a lease instead
 * of to the queue. A unit comes back through `verifyUnit` (worker/contribute/verify.ts) and is
 * then accepted like a queue report, with computeMs 0 (the plan's compute is not charged). A
 * unit that fails a check, whose lease lapses or whose contributor vanishes goes to the queue
 * (`requeue`), so a contributor costs time at worst, never correctness. Leases, strikes and bans
 * live in the runner's SQLite storage, so they survive hibernation and eviction.
 */
import type { Env } from "../env";
import { createLogger } from "../http/request-context";
import type { IslandReport } from "../runtime/island-coordinator";
import { readCheckpoint, type LoadedSolver } from "../runtime/loaded-solver";
import type { RunnerStore } from "../runtime/runner-store";
import { isTerminal, jobLogFields, type JobSpec } from "../runtime/spec";
import { getJson } from "../storage/blobs";
import { releaseContributorSlot } from "./admission";
import { contributionSupport, type PreparedJob } from "./compute";
import { meterUnit } from "./metering";
import { decodeFrame, encodeFrame, MAX_FRAME_BYTES, parseClientText, parseResultHeader, PROTOCOL_VERSION, ProtocolError, unitId, type ResultHeader, type ServerText } from "./protocol";
import { verifyUnit } from "./verify";

/** A contributor's lease on one unit, unless the job sets `contributionLeaseMs`. */
export const DEFAULT_LEASE_MS = 30_000;
/** A new contributor's first units are all re-run by the server. */
export const PROBATION_UNITS = 2;
/** After probation, the share of units the server re-runs, unless the job sets `contributionSampleRate`. */
export const DEFAULT_SAMPLE_RATE = 0.25;
/** Rejected units before a contributor is banned from the job. */
export const MAX_STRIKES = 3;
/** Request headers the Worker route (worker/contribute/routes.ts) sets after authenticating. */
export const CONTRIBUTOR_HEADER = "x-evolve-contributor";
export const LABEL_HEADER = "x-evolve-contributor-label";
export const SLOT_UNTIL_HEADER = "x-evolve-contributor-slot-until";
export const SLOT_HEADER = "x-evolve-contributor-slot";
export const CONTRIBUTOR_TAG = "contributor";

interface SocketInfo {
  contributor: string;
  label: string;
  socket: string;
  /** Idle: may be lent a unit. */
  ready: boolean;
  /** The tenant's contributor slot (worker/contribute/admission.ts) and when it lapses; the socket is closed after it. */
  slot: string;
  slotUntil: number;
}

interface Member {
  strikes: number;
  banned: boolean;
  accepted: number;
}

/** What the lender needs from the run (worker/runtime/job-run.ts implements it). */
export interface LenderHost {
  readonly env: Env;
  readonly store: RunnerStore;
  loaded(spec: JobSpec): Promise<LoadedSolver>;
  /** The coordinator's acceptance of an island report (seq-checked, as for the queue). */
  acceptIsland(report: IslandReport): Promise<{ accepted: boolean; reason?: string }>;
  /** Send an in-flight chunk to the queue after all (lease lapsed, contributor gone, unit rejected). */
  requeueIsland(spec: JobSpec, island: number, seq: number): Promise<void>;
}

export type Terms = { ok: true } | { ok: false; status: 403 | 404 | 409; reason: string };

/** Whether this job takes contributors at all (the route also checks the tenant's setting). */
export function jobTakesContributions(spec: Pick<JobSpec, "allowContributions" | "islands" | "algorithm">): string | null {
  if (!spec.allowContributions) return "this job was not submitted with allowContributions";
  if (spec.islands < 2) return "only island jobs (islands ≥ 2) hand out units";
  // A race's islands run different algorithms with budgets set per rung (worker/runtime/race.ts): server only.
  if (spec.algorithm === "race") return "race jobs run their islands on the server only";
  return null;
}

export class Lender {
  private readonly log = createLogger({ component: "contribute" });

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly host: LenderHost,
  ) {}

  private get sql(): SqlStorage {
    const sql = this.ctx.storage.sql;
    sql.exec(`CREATE TABLE IF NOT EXISTS contrib_lease (island INTEGER PRIMARY KEY, seq INTEGER NOT NULL, contributor TEXT NOT NULL, socket TEXT NOT NULL, deadline INTEGER NOT NULL)`);
    sql.exec(`CREATE TABLE IF NOT EXISTS contrib_member (contributor TEXT PRIMARY KEY, strikes INTEGER NOT NULL, banned INTEGER NOT NULL, accepted INTEGER NOT NULL)`);
    return sql;
  }

  private member(contributor: string): Member {
    const r = this.sql.exec<{ strikes: number; banned: number; accepted: number }>(`SELECT strikes, banned, accepted FROM contrib_member WHERE contributor = ?`, contributor).toArray()[0];
    return r ? { strikes: r.strikes, banned: !!r.banned, accepted: r.accepted } : { strikes: 0, banned: false, accepted: 0 };
  }

  private putMember(contributor: string, m: Member): void {
    this.sql.exec(
      `INSERT INTO contrib_member (contributor, strikes, banned, accepted) VALUES (?, ?, ?, ?)
       ON CONFLICT (contributor) DO UPDATE SET strikes = excluded.strikes, banned = excluded.banned, accepted = excluded.accepted`,
      contributor,
      m.strikes,
      m.banned ? 1 : 0,
      m.accepted,
    );
  }

  /** Whether `contributor` may connect to this job now. */
  terms(tenantId: string, contributor: string): Terms {
    const spec = this.host.store.spec();
    const st = this.host.store.status();
    if (!spec || !st || spec.tenantId !== tenantId) return { ok: false, status: 404, reason: "no such job" };
    const off = jobTakesContributions(spec);
    if (off) return { ok: false, status: 409, reason: off };
    if (isTerminal(st.state)) return { ok: false, status: 409, reason: `the job has already ${st.state}` };
    if (this.member(contributor).banned) return { ok: false, status: 403, reason: `banned from this job after ${MAX_STRIKES} rejected units` };
    return { ok: true };
  }

  /** The WebSocket upgrade, forwarded by the route with the contributor's identity in headers. */
  async connect(request: Request): Promise<Response> {
    const contributor = request.headers.get(CONTRIBUTOR_HEADER) ?? "";
    const spec = this.host.store.spec();
    const terms = spec ? this.terms(spec.tenantId, contributor) : ({ ok: false, status: 404, reason: "no such job" } as const);
    if (!terms.ok || !spec || !contributor) return new Response(terms.ok ? "missing contributor" : terms.reason, { status: terms.ok ? 400 : terms.status });
    const doc = await getJson<unknown>(this.host.env.BLOBS, spec.inputKey);
    const support = contributionSupport(doc);
    if (!support.ok) return new Response(support.reason, { status: 409 });
    await this.reclaimOrphans(spec);
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server, [CONTRIBUTOR_TAG, `c:${contributor}`]);
    const info: SocketInfo = {
      contributor,
      label: (request.headers.get(LABEL_HEADER) ?? contributor).slice(0, 100),
      socket: crypto.randomUUID(),
      ready: false,
      slot: request.headers.get(SLOT_HEADER) ?? "",
      slotUntil: Number(request.headers.get(SLOT_UNTIL_HEADER)) || Number.POSITIVE_INFINITY,
    };
    server.serializeAttachment(info);
    send(server, {
      op: "welcome",
      protocol: PROTOCOL_VERSION,
      jobId: spec.jobId,
      contributorId: contributor,
      kind: spec.kind,
      algorithm: spec.algorithm,
      problem: doc,
      leaseMs: spec.contributionLeaseMs ?? DEFAULT_LEASE_MS,
    });
    this.log.info("contributor connected", { ...jobLogFields(spec), contributor });
    return new Response(null, { status: 101, webSocket: client });
  }

  /**
   * True for a contributor's socket. A socket this object did not accept (the runtime may report the
   * close of one from before a reset) has no tags to read: not a contributor.
   */
  isContributor(ws: WebSocket): boolean {
    try {
      return this.ctx.getTags(ws).includes(CONTRIBUTOR_TAG);
    } catch {
      return false;
    }
  }

  /**
   * Called by the coordinator when a round starts: lends chunks to idle contributors. Returns the
   * islands it took (their rows' deadlines are now the lease's) and the earliest lease deadline.
   */
  lend(spec: JobSpec, chunks: { island: number; seq: number }[], now = Date.now()): { lent: Set<number>; earliest: number | null } {
    const lent = new Set<number>();
    if (jobTakesContributions(spec) || !chunks.length) return { lent, earliest: null };
    const idle = this.ctx.getWebSockets(CONTRIBUTOR_TAG).filter((ws) => {
      const info = ws.deserializeAttachment() as SocketInfo | null;
      return !!info?.ready && info.slotUntil > now;
    });
    const leaseMs = spec.contributionLeaseMs ?? DEFAULT_LEASE_MS;
    const deadline = now + leaseMs;
    for (const chunk of chunks) {
      const ws = idle.shift();
      if (!ws) break;
      const row = this.host.store.island(chunk.island);
      // Checkpoints kept in R2 are above the WebSocket frame limit: those stay on the server.
      if (!row?.bytes || row.bytes.byteLength > MAX_FRAME_BYTES - 20_000) continue;
      const info = ws.deserializeAttachment() as SocketInfo;
      let frame: Uint8Array;
      try {
        frame = encodeFrame(
          { op: "unit", unitId: unitId(chunk.island, chunk.seq), island: chunk.island, seq: chunk.seq, evaluations: spec.islandChunkEvaluations ?? 1, leaseExpiresAt: deadline },
          row.bytes,
        );
        ws.send(frame);
      } catch {
        continue; // the socket is closing: the chunk goes to the queue
      }
      ws.serializeAttachment({ ...info, ready: false } satisfies SocketInfo);
      this.sql.exec(`INSERT OR REPLACE INTO contrib_lease (island, seq, contributor, socket, deadline) VALUES (?, ?, ?, ?, ?)`, chunk.island, chunk.seq, info.contributor, info.socket, deadline);
      this.host.store.putIsland({ ...row, deadline, attempts: 0 });
      lent.add(chunk.island);
    }
    return { lent, earliest: lent.size ? deadline : null };
  }

  /**
   * Leases whose socket no longer exists (the object was reset or its code reloaded: sockets are
   * gone without a close event) go back to the queue now rather than at their deadline. Run when a
   * contributor connects, which is what a dropped contributor does next.
   */
  private async reclaimOrphans(spec: JobSpec): Promise<void> {
    const live = new Set(this.ctx.getWebSockets(CONTRIBUTOR_TAG).map((ws) => (ws.deserializeAttachment() as SocketInfo | null)?.socket));
    const orphans = this.sql
      .exec<{ island: number; seq: number; socket: string }>(`SELECT island, seq, socket FROM contrib_lease`)
      .toArray()
      .filter((l) => !live.has(l.socket));
    for (const l of orphans) {
      this.sql.exec(`DELETE FROM contrib_lease WHERE island = ?`, l.island);
      await this.host.requeueIsland(spec, l.island, l.seq);
    }
  }

  /** The watchdog found this chunk late: when a contributor held it, drop the lease (the chunk goes to the queue, not counted as a resend). */
  reclaim(island: number, seq: number): boolean {
    const held = this.sql.exec(`SELECT 1 FROM contrib_lease WHERE island = ? AND seq = ?`, island, seq).toArray().length > 0;
    if (held) this.sql.exec(`DELETE FROM contrib_lease WHERE island = ?`, island);
    return held;
  }

  async message(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const spec = this.host.store.spec();
    const info = ws.deserializeAttachment() as SocketInfo | null;
    if (!spec || !info) return this.drop(ws, "no such job");
    if (Date.now() > info.slotUntil) return this.drop(ws, "the contributor slot lapsed; reconnect to take a new one", 4001);
    try {
      if (typeof message === "string") {
        const m = parseClientText(message);
        if (m.op === "ready") ws.serializeAttachment({ ...info, ready: true } satisfies SocketInfo);
        else await this.giveBack(spec, info, m.unitId, `the contributor could not run it: ${m.error}`);
        return;
      }
      const { header, payload } = decodeFrame(message);
      await this.result(spec, ws, info, parseResultHeader(header), payload);
    } catch (e) {
      if (e instanceof ProtocolError) return this.drop(ws, `protocol error: ${e.message}`, 4002);
      throw e;
    }
  }

  /** The contributor's socket closed: its units go back to the queue at once. */
  async closed(ws: WebSocket): Promise<void> {
    const info = ws.deserializeAttachment() as SocketInfo | null;
    const spec = this.host.store.spec();
    if (!info || !spec) return;
    if (info.slot) await releaseContributorSlot(this.host.env, spec.tenantId, info.slot).catch(() => undefined);
    const held = this.sql.exec<{ island: number; seq: number }>(`SELECT island, seq FROM contrib_lease WHERE socket = ?`, info.socket).toArray();
    this.sql.exec(`DELETE FROM contrib_lease WHERE socket = ?`, info.socket);
    for (const l of held) await this.host.requeueIsland(spec, l.island, l.seq);
    if (held.length) this.log.warn("contributor left with units; requeued", { ...jobLogFields(spec), contributor: info.contributor, units: held.length });
  }

  private async drop(ws: WebSocket, reason: string, code = 1008): Promise<void> {
    send(ws, { op: "bye", reason });
    await this.closed(ws);
    try {
      ws.close(code, reason.slice(0, 120));
    } catch {
      // already closed
    }
  }

  private async giveBack(spec: JobSpec, info: SocketInfo, id: string, why: string): Promise<void> {
    const lease = this.sql
      .exec<{ island: number; seq: number }>(`SELECT island, seq FROM contrib_lease WHERE socket = ?`, info.socket)
      .toArray()
      .find((l) => unitId(l.island, l.seq) === id);
    if (!lease) return;
    this.sql.exec(`DELETE FROM contrib_lease WHERE island = ?`, lease.island);
    this.log.info("contributed unit given back", { ...jobLogFields(spec), contributor: info.contributor, unit: id, why });
    await this.host.requeueIsland(spec, lease.island, lease.seq);
  }

  private async result(spec: JobSpec, ws: WebSocket, info: SocketInfo, h: ResultHeader, checkpoint: Uint8Array): Promise<void> {
    // A returned unit frees the connection: idle again before the round it may close lends the next one.
    ws.serializeAttachment({ ...info, ready: true } satisfies SocketInfo);
    const lease = this.sql.exec<{ seq: number }>(`SELECT seq FROM contrib_lease WHERE island = ? AND socket = ?`, h.island, info.socket).toArray()[0];
    const row = this.host.store.island(h.island);
    if (!lease || lease.seq !== h.seq || !row || row.seq + 1 !== h.seq || row.deadline === null) {
      // Late (the lease lapsed and the queue ran it) or unknown: nothing to judge, no strike.
      send(ws, { op: "verdict", unitId: h.unitId, accepted: false, reason: "stale: the unit is no longer leased to this connection", evaluations: 0, strikes: this.member(info.contributor).strikes });
      return;
    }
    this.sql.exec(`DELETE FROM contrib_lease WHERE island = ?`, h.island);
    const loaded = await this.host.loaded(spec);
    const job: PreparedJob = { kind: spec.kind, algorithm: spec.algorithm, problem: loaded.problem, solver: loaded.solver as PreparedJob["solver"] };
    const member = this.member(info.contributor);
    const rate = spec.contributionSampleRate ?? DEFAULT_SAMPLE_RATE;
    const rerun = member.accepted < PROBATION_UNITS || Math.random() < rate;
    const before = { checkpoint: await readCheckpoint(this.host.env, row), progress: row.progress };
    const verdict = verifyUnit(job, { before, evaluations: spec.islandChunkEvaluations ?? 1, returned: { checkpoint, progress: h.progress }, rerun });
    if (!verdict.ok) {
      const strikes = member.strikes + 1;
      const banned = strikes >= MAX_STRIKES;
      this.putMember(info.contributor, { ...member, strikes, banned });
      this.log.warn("contributed unit rejected", { ...jobLogFields(spec), contributor: info.contributor, unit: h.unitId, check: verdict.check, reason: verdict.reason, strikes });
      await meterUnit(this.host.env, {
        tenantId: spec.tenantId,
        jobId: spec.jobId,
        contributorId: info.contributor,
        label: info.label,
        accepted: false,
        evaluations: 0,
        rerun,
        computeMs: 0,
        strikes,
        banned,
      });
      send(ws, { op: "verdict", unitId: h.unitId, accepted: false, reason: `${verdict.check}: ${verdict.reason}`, evaluations: 0, strikes });
      await this.host.requeueIsland(spec, h.island, h.seq);
      if (banned) {
        for (const other of this.ctx.getWebSockets(`c:${info.contributor}`)) {
          send(other, { op: "banned", reason: `${MAX_STRIKES} units failed the server's checks` });
          await this.drop(other, "banned", 4003);
        }
      }
      return;
    }
    const evaluations = verdict.progress.evaluations - (row.progress.evaluations ?? 0);
    this.putMember(info.contributor, { ...member, accepted: member.accepted + 1 });
    await meterUnit(this.host.env, {
      tenantId: spec.tenantId,
      jobId: spec.jobId,
      contributorId: info.contributor,
      label: info.label,
      accepted: true,
      evaluations,
      rerun,
      computeMs: h.computeMs,
      strikes: member.strikes,
      banned: false,
    });
    send(ws, { op: "verdict", unitId: h.unitId, accepted: true, evaluations, strikes: member.strikes });
    // computeMs 0: contributed evaluations never count against the plan's compute.
    await this.host.acceptIsland({ tenantId: spec.tenantId, island: h.island, seq: h.seq, checkpoint, r2Key: null, progress: verdict.progress, computeMs: 0 });
  }
}

function send(ws: WebSocket, m: ServerText): void {
  try {
    ws.send(JSON.stringify(m));
  } catch {
    // closing under us; the close handler requeues its units
  }
}
