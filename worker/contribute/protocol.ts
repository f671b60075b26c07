/**
 * The contributor protocol (docs/decisions/008-contributed-compute.md), shared by the server
 * (worker/contribute/lender.ts), the Node client (scripts/contribute.ts) and the browser's Web
 * Worker (web/app/contribute/). Pure TypeScript: no Cloudflare or Node imports.
 *
 * Text frames are JSON with an `op` field. Units and results carry checkpoint bytes, so they are
 * binary frames: a 4-byte little-endian header length, the header as UTF-8 JSON, then the bytes.
 * The job's progress events (`type: "snapshot" | "progress" | "state"`) reach contributors too;
 * they carry no `op` and a client may show them or ignore them.
 */
import type { Progress } from "@core/engine/contract";

export const PROTOCOL_VERSION = 1;
/** Largest frame either side sends or accepts (Cloudflare's WebSocket message limit is 1 MiB). */
export const MAX_FRAME_BYTES = 1_000_000;
/** Largest header inside a binary frame. */
export const MAX_HEADER_BYTES = 16_384;

/** Server → contributor, text: the job, its problem document and the terms, once per connection. */
export interface WelcomeMessage {
  op: "welcome";
  protocol: number;
  jobId: string;
  contributorId: string;
  kind: string;
  algorithm: string;
  problem: unknown;
  leaseMs: number;
}

/** Server → contributor, text: the outcome of a returned unit. */
export interface VerdictMessage {
  op: "verdict";
  unitId: string;
  accepted: boolean;
  reason?: string;
  /** Evaluations credited to the contributor for this unit (0 when not accepted). */
  evaluations: number;
  strikes: number;
}

/** Server → contributor, text, then the socket closes: three strikes on this job. */
export interface BannedMessage {
  op: "banned";
  reason: string;
}

/** Server → contributor, text: why the connection is refused or ends (then it closes). */
export interface ByeMessage {
  op: "bye";
  reason: string;
}

/** Contributor → server, text: this connection can take one unit now. */
export interface ReadyMessage {
  op: "ready";
}

/** Contributor → server, text: the unit could not be run (it goes back to a server island). */
export interface FailedMessage {
  op: "failed";
  unitId: string;
  error: string;
}

/** Server → contributor, binary: one island chunk to run from the attached checkpoint. */
export interface UnitHeader {
  op: "unit";
  unitId: string;
  island: number;
  seq: number;
  /** Run exactly `step(state, { evaluations })` once from the restored checkpoint. */
  evaluations: number;
  /** Epoch ms after which the server takes the unit back. */
  leaseExpiresAt: number;
}

/** Contributor → server, binary: the unit's outcome, with the new checkpoint attached. */
export interface ResultHeader {
  op: "result";
  unitId: string;
  island: number;
  seq: number;
  progress: Progress;
  computeMs: number;
}

export type ServerText = WelcomeMessage | VerdictMessage | BannedMessage | ByeMessage;
export type ClientText = ReadyMessage | FailedMessage;

export class ProtocolError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = "ProtocolError";
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** One binary frame: header length (u32 LE), JSON header, payload bytes. */
export function encodeFrame(header: UnitHeader | ResultHeader, payload: Uint8Array): Uint8Array {
  const head = encoder.encode(JSON.stringify(header));
  if (head.byteLength > MAX_HEADER_BYTES) throw new ProtocolError("header", `is ${head.byteLength} bytes (at most ${MAX_HEADER_BYTES})`);
  const out = new Uint8Array(4 + head.byteLength + payload.byteLength);
  new DataView(out.buffer).setUint32(0, head.byteLength, true);
  out.set(head, 4);
  out.set(payload, 4 + head.byteLength);
  if (out.byteLength > MAX_FRAME_BYTES) throw new ProtocolError("frame", `is ${out.byteLength} bytes (at most ${MAX_FRAME_BYTES})`);
  return out;
}

/** Splits a binary frame; throws ProtocolError (never crashes) on a short, oversized or garbled frame. */
export function decodeFrame(data: ArrayBuffer | Uint8Array): { header: Record<string, unknown>; payload: Uint8Array } {
  const bytes = ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);
  if (bytes.byteLength > MAX_FRAME_BYTES) throw new ProtocolError("frame", `is ${bytes.byteLength} bytes (at most ${MAX_FRAME_BYTES})`);
  if (bytes.byteLength < 4) throw new ProtocolError("frame", "is shorter than its 4-byte header length");
  const len = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  if (len > MAX_HEADER_BYTES || 4 + len > bytes.byteLength) throw new ProtocolError("frame.headerLength", `${len} does not fit the frame of ${bytes.byteLength} bytes`);
  let header: unknown;
  try {
    header = JSON.parse(decoder.decode(bytes.subarray(4, 4 + len)));
  } catch (e) {
    throw new ProtocolError("frame.header", `is not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (typeof header !== "object" || header === null || Array.isArray(header)) throw new ProtocolError("frame.header", "must be a JSON object");
  return { header: header as Record<string, unknown>, payload: bytes.slice(4 + len) };
}

function isProgress(p: unknown): p is Progress {
  const o = p as Record<string, unknown> | null;
  const num = (v: unknown) => typeof v === "number" || v === null;
  return (
    typeof o === "object" &&
    o !== null &&
    Number.isInteger(o.generation) &&
    Number.isInteger(o.evaluations) &&
    num(o.best) &&
    num(o.mean) &&
    typeof o.done === "boolean" &&
    (o.hard === undefined || num(o.hard)) &&
    (o.soft === undefined || num(o.soft))
  );
}

/** A contributor's result header, checked field by field (the contributor is not trusted). */
export function parseResultHeader(h: Record<string, unknown>): ResultHeader {
  if (h.op !== "result") throw new ProtocolError("op", `expected "result", got ${JSON.stringify(h.op)}`);
  if (typeof h.unitId !== "string" || h.unitId.length > 64) throw new ProtocolError("unitId", "must be the unit's id");
  if (!Number.isInteger(h.island) || (h.island as number) < 0) throw new ProtocolError("island", "must be a non-negative integer");
  if (!Number.isInteger(h.seq) || (h.seq as number) < 1) throw new ProtocolError("seq", "must be a positive integer");
  if (!isProgress(h.progress)) throw new ProtocolError("progress", "must be { generation, evaluations, best, mean, done }");
  if (typeof h.computeMs !== "number" || !(h.computeMs >= 0)) throw new ProtocolError("computeMs", "must be a non-negative number");
  return { op: "result", unitId: h.unitId, island: h.island as number, seq: h.seq as number, progress: h.progress, computeMs: h.computeMs };
}

/** A unit header as the client receives it. */
export function parseUnitHeader(h: Record<string, unknown>): UnitHeader {
  if (h.op !== "unit") throw new ProtocolError("op", `expected "unit", got ${JSON.stringify(h.op)}`);
  if (typeof h.unitId !== "string") throw new ProtocolError("unitId", "must be a string");
  for (const k of ["island", "seq", "evaluations", "leaseExpiresAt"] as const) {
    if (!Number.isInteger(h[k]) || (h[k] as number) < 0) throw new ProtocolError(k, "must be a non-negative integer");
  }
  return h as unknown as UnitHeader;
}

/** A contributor's text message; throws ProtocolError naming the field. */
export function parseClientText(text: string): ClientText {
  if (text.length > MAX_HEADER_BYTES) throw new ProtocolError("message", `is ${text.length} characters (at most ${MAX_HEADER_BYTES})`);
  let m: unknown;
  try {
    m = JSON.parse(text);
  } catch (e) {
    throw new ProtocolError("message", `is not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const o = m as Record<string, unknown> | null;
  if (typeof o !== "object" || o === null) throw new ProtocolError("message", "must be a JSON object");
  if (o.op === "ready") return { op: "ready" };
  if (o.op === "failed") {
    if (typeof o.unitId !== "string") throw new ProtocolError("unitId", "must be the unit's id");
    return { op: "failed", unitId: o.unitId, error: String(o.error ?? "").slice(0, 500) };
  }
  throw new ProtocolError("op", `must be "ready" or "failed", got ${JSON.stringify(o.op)}`);
}

export function unitId(island: number, seq: number): string {
  return `${island}:${seq}`;
}
