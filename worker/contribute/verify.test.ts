/**
 * Each check of worker/contribute/verify.ts on its own, with real core runs (continuous and TSP),
 * and the protocol's frame and message parsing (worker/contribute/protocol.ts) on bad input.
 */
import { describe, expect, it } from "vitest";
import { decodeState, encodeState } from "@core/engine/codec";
import { prepareJob, reevaluateBest, runUnit, storedProgress, contributionSupport, type PreparedJob } from "./compute";
import { decodeFrame, encodeFrame, MAX_FRAME_BYTES, parseClientText, parseResultHeader, ProtocolError } from "./protocol";
import { jobTakesContributions } from "./lender";
import { bestNotWorse, bestReevaluates, evaluationsAdvanced, matchesRerun, progressMatchesCheckpoint, restoresCleanly, verifyUnit } from "./verify";

const rastrigin = { kind: "continuous", function: "rastrigin", dimension: 6 };
const tsp = { kind: "tsp", coordinates: Array.from({ length: 30 }, (_, i) => [Math.round(100 * Math.cos(i)), Math.round(100 * Math.sin(i * 1.7))]) };

function start(job: PreparedJob, seed = 7, evaluations = 20_000) {
  const state = job.solver.init(job.problem, job.solver.parameters({}, job.problem), seed, { maxEvaluations: evaluations });
  const checkpoint = job.solver.checkpoint(state);
  return { checkpoint, progress: storedProgress(job.solver.progress(state)) };
}

describe.each([
  ["continuous (de)", prepareJob("continuous", "de", rastrigin)],
  ["tsp (memetic)", prepareJob("tsp", "memetic", tsp)],
])("verifyUnit on %s", (_name, job) => {
  const before = start(job);
  const honest = runUnit(job, 500, before.checkpoint);

  it("accepts an honest unit, re-run included, and derives the figures from the checkpoint", () => {
    const v = verifyUnit(job, { before, evaluations: 500, returned: honest, rerun: true });
    expect(v).toEqual({ ok: true, progress: honest.progress });
  });

  it("restoresCleanly: refuses a garbled checkpoint", () => {
    expect(restoresCleanly(job, new Uint8Array([1, 2, 3]))).toMatchObject({ reason: expect.stringContaining("does not restore") });
    expect(verifyUnit(job, { before, evaluations: 500, returned: { ...honest, checkpoint: new Uint8Array(10) }, rerun: false })).toMatchObject({ ok: false, check: "restores" });
  });

  it("progressMatchesCheckpoint: refuses figures the checkpoint does not hold", () => {
    expect(progressMatchesCheckpoint(honest.progress, honest.progress)).toBeNull();
    expect(progressMatchesCheckpoint({ ...honest.progress, best: honest.progress.best - 1 }, honest.progress)).toMatch(/reported best/);
    expect(progressMatchesCheckpoint({ ...honest.progress, evaluations: honest.progress.evaluations + 1 }, honest.progress)).toMatch(/reported evaluations/);
  });

  it("evaluationsAdvanced: refuses a unit that did not run its budget", () => {
    expect(evaluationsAdvanced(before.progress, honest.progress, 500)).toBeNull();
    expect(evaluationsAdvanced(before.progress, before.progress, 500)).toMatch(/did not advance/);
    const short = runUnit(job, 100, before.checkpoint);
    expect(evaluationsAdvanced(before.progress, short.progress, 500)).toMatch(/of its 500/);
    expect(evaluationsAdvanced({ ...before.progress, done: true }, honest.progress, 500)).toMatch(/already finished/);
  });

  it("bestNotWorse: the best so far never gets worse", () => {
    expect(bestNotWorse(before.progress, honest.progress, "minimize")).toBeNull();
    expect(bestNotWorse(honest.progress, { ...honest.progress, best: honest.progress.best + 1 }, "minimize")).toMatch(/worse/);
    expect(bestNotWorse(honest.progress, { ...honest.progress, best: honest.progress.best - 1 }, "maximize")).toMatch(/worse/);
  });

  it("bestReevaluates: a forged best value in the checkpoint is caught", () => {
    const state = job.solver.restore(job.problem, honest.checkpoint);
    expect(bestReevaluates(job, state, honest.progress)).toBeNull();
    const b = honest.progress.best;
    const forged = encodeState(replaceNumber(decodeState(honest.checkpoint), b, b / 2));
    const forgedState = job.solver.restore(job.problem, forged);
    expect(bestReevaluates(job, forgedState, storedProgress(job.solver.progress(forgedState)))).toMatch(/evaluates to/);
  });

  it("matchesRerun: other work than asked (same figures shape) differs in bytes", () => {
    expect(matchesRerun(job, before.checkpoint, 500, honest.checkpoint)).toBeNull();
    const other = runUnit(job, 1_000, before.checkpoint);
    expect(matchesRerun(job, before.checkpoint, 500, other.checkpoint)).toMatch(/re-run/);
    // Without the sampled re-run the same unit passes every other check (why probation and sampling exist).
    expect(verifyUnit(job, { before, evaluations: 500, returned: other, rerun: false }).ok).toBe(true);
    expect(verifyUnit(job, { before, evaluations: 500, returned: other, rerun: true })).toMatchObject({ ok: false, check: "rerun" });
  });
});

describe("reevaluateBest", () => {
  it("refuses solutions of the wrong shape or outside the bounds", () => {
    const c = prepareJob("continuous", "de", rastrigin);
    expect(() => reevaluateBest("continuous", c.problem, { value: 0, solution: [0, 0] })).toThrow(/2 coordinates/);
    expect(() => reevaluateBest("continuous", c.problem, { value: 0, solution: [99, 0, 0, 0, 0, 0] })).toThrow(/outside the bounds/);
    expect(reevaluateBest("continuous", c.problem, { value: 0, solution: [0, 0, 0, 0, 0, 0] })).toBe(0);
    const t = prepareJob("tsp", "memetic", tsp);
    expect(() => reevaluateBest("tsp", t.problem, { value: 0, solution: [0, 0, 1] })).toThrow(/permutation/);
  });
});

describe("jobTakesContributions", () => {
  it("lends units only for island jobs submitted with allowContributions, never a race", () => {
    expect(jobTakesContributions({ allowContributions: true, islands: 4, algorithm: "de" })).toBeNull();
    expect(jobTakesContributions({ allowContributions: false, islands: 4, algorithm: "de" })).toMatch(/allowContributions/);
    expect(jobTakesContributions({ allowContributions: true, islands: 1, algorithm: "de" })).toMatch(/islands ≥ 2/);
    expect(jobTakesContributions({ allowContributions: true, islands: 4, algorithm: "race" })).toMatch(/race/);
  });
});

describe("contributionSupport", () => {
  it("offers only kinds the server can re-evaluate exactly, never a tenant's own objective", () => {
    expect(contributionSupport(rastrigin)).toEqual({ ok: true });
    expect(contributionSupport(tsp)).toEqual({ ok: true });
    expect(contributionSupport({ kind: "timetabling", format: "ctt", text: "" })).toMatchObject({ ok: false, reason: expect.stringContaining("timetabling") });
    expect(contributionSupport({ kind: "continuous", dimension: 2, objective: { language: "javascript", code: "" } })).toMatchObject({ ok: false, reason: expect.stringContaining("sandbox") });
    expect(contributionSupport(null)).toMatchObject({ ok: false });
  });
});

describe("protocol frames and messages", () => {
  const header = { op: "result" as const, unitId: "0:1", island: 0, seq: 1, progress: { generation: 1, evaluations: 10, best: 1, mean: 2, done: false }, computeMs: 3 };

  it("round-trips a binary frame", () => {
    const { header: h, payload } = decodeFrame(encodeFrame(header, new Uint8Array([9, 8, 7])));
    expect(parseResultHeader(h)).toEqual(header);
    expect([...payload]).toEqual([9, 8, 7]);
  });

  it("refuses short, oversized and garbled frames with the field named", () => {
    expect(() => decodeFrame(new Uint8Array(2))).toThrow(ProtocolError);
    expect(() => decodeFrame(new Uint8Array(MAX_FRAME_BYTES + 1))).toThrow(/at most/);
    const bad = new Uint8Array(8);
    new DataView(bad.buffer).setUint32(0, 100, true);
    expect(() => decodeFrame(bad)).toThrow(/frame.headerLength/);
    const notJson = new Uint8Array([3, 0, 0, 0, 0x7b, 0x7b, 0x7b]);
    expect(() => decodeFrame(notJson)).toThrow(/frame.header: is not JSON/);
    expect(() => encodeFrame(header, new Uint8Array(MAX_FRAME_BYTES))).toThrow(/frame/);
  });

  it("checks a result header field by field", () => {
    expect(() => parseResultHeader({ ...header, seq: 0 })).toThrow(/^seq/);
    expect(() => parseResultHeader({ ...header, island: -1 })).toThrow(/^island/);
    expect(() => parseResultHeader({ ...header, progress: { best: 1 } })).toThrow(/^progress/);
    expect(() => parseResultHeader({ ...header, computeMs: -1 })).toThrow(/^computeMs/);
    expect(() => parseResultHeader({ ...header, op: "unit" })).toThrow(/^op/);
  });

  it("parses client text messages and names what is wrong", () => {
    expect(parseClientText('{"op":"ready"}')).toEqual({ op: "ready" });
    expect(parseClientText('{"op":"failed","unitId":"1:2","error":"oops"}')).toEqual({ op: "failed", unitId: "1:2", error: "oops" });
    expect(() => parseClientText("nope")).toThrow(/message: is not JSON/);
    expect(() => parseClientText('{"op":"steal"}')).toThrow(/^op/);
    expect(() => parseClientText('{"op":"failed"}')).toThrow(/^unitId/);
    expect(() => parseClientText("x".repeat(20_000))).toThrow(/at most/);
  });
});

function replaceNumber(state: unknown, from: number, to: number): unknown {
  const walk = (v: unknown): unknown =>
    v === from ? to : Array.isArray(v) ? v.map(walk) : v && typeof v === "object" && !ArrayBuffer.isView(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)])) : v;
  return walk(state);
}
