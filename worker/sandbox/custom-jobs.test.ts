// Custom-objective jobs inside workerd: determinism across a re-created sandbox (checkpoint/resume),
// end to end through the REST API (validate, create, run to succeeded, result), a job that the
// tenant's code fails with its reason, and the next job in the same Worker running normally.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { getJob } from "../jobs";
import { paidTenant, resultOf, waitForEnd } from "../runtime/test-helpers";
import { bearer, call, json, createTenant } from "../test/fixtures";
import { runSandboxed } from "./test-helpers";

const RASTRIGIN = `// Rastrigin, written by a tenant
export function fitness(x) {
  let s = 10 * x.length;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i] - 10 * Math.cos(2 * Math.PI * x[i]);
  return s;
}`;

function customDoc(code: string, dimension = 5, extra: Record<string, unknown> = {}) {
  return { kind: "continuous", dimension, bounds: [-5.12, 5.12], objective: { language: "javascript", code, ...extra } };
}

/** Run `evaluations` of DE on the document: straight, or in chunks with a new sandbox per chunk. */
const runDe = (doc: unknown, seed: number, evaluations: number, chunk?: number) => runSandboxed(doc, "continuous", "de", seed, evaluations, chunk);

describe("custom objectives with the continuous solvers", () => {
  it("N evaluations straight equal the same work chunked with the sandbox re-created each chunk", async () => {
    const doc = customDoc(RASTRIGIN, 6);
    const straight = await runDe(doc, 11, 6_000);
    const chunked = await runDe(doc, 11, 6_000, 700);
    expect(straight.progress.evaluations).toBe(6_000);
    expect(chunked.progress.evaluations).toBe(6_000);
    expect(chunked.best.value).toBe(straight.best.value);
    expect(chunked.best.solution).toEqual(straight.best.solution);
    // And the search did its job on the tenant's function (start ≈ 100 for 6-D rastrigin).
    expect(straight.best.value).toBeLessThan(20);
  });
});

describe("a custom-objective job end to end", () => {
  it("validates, runs through POST /v1/jobs to succeeded, with the chunked result equal to a straight run", async () => {
    const tenant = await createTenant();
    const doc = customDoc(RASTRIGIN, 4, { onError: "fail" });

    const verdict = await call("/v1/problems/validate", json({ problem: doc }, bearer(tenant.apiKey)));
    expect(verdict.status).toBe(200);
    expect(await verdict.json()).toMatchObject({ valid: true, kind: "continuous", size: { dimensions: 4 }, errors: [] });

    const bad = await call("/v1/problems/validate", json({ problem: customDoc("export function fitness(x) {\n  return x[0] +;\n}", 4) }, bearer(tenant.apiKey)));
    const badBody = (await bad.json()) as { valid: boolean; errors: { path: string; line?: number; column?: number; message: string }[] };
    expect(badBody.valid).toBe(false);
    expect(badBody.errors[0]).toMatchObject({ path: "problem.objective.code", line: 2 });
    expect(badBody.errors[0].column).toBeGreaterThan(1);
    expect(badBody.errors[0].message).toMatch(/SyntaxError/);

    const created = await call("/v1/jobs", json({ problem: doc, algorithm: "de", seed: 5, budget: { evaluations: 4_000 } }, bearer(tenant.apiKey)));
    expect(created.status).toBe(202);
    const job = (await created.json()) as { id: string };
    const row = await waitForEnd(tenant.tenantId, job.id, 55_000);
    expect(row.state).toBe("succeeded");
    expect(row.evaluations).toBe(4_000);

    const reference = await runDe(doc, 5, 4_000);
    const result = await resultOf(tenant.tenantId, job.id);
    expect(result.best!.value).toBe(reference.best.value);
    expect(result.best!.solution).toEqual(reference.best.solution);

    const got = await call(`/v1/jobs/${job.id}`, { headers: bearer(tenant.apiKey) });
    expect(got.status).toBe(200);
    expect(await got.json()).toMatchObject({ id: job.id, state: "succeeded" });
  });

  it("a job whose objective fails mid-run fails with that reason; the next job in the Worker succeeds", async () => {
    const tenantId = await paidTenant();
    const { createJob } = await import("../jobs");
    // Fine at the centre (so validation passes), throws far from it.
    const hostile = customDoc("export function fitness(x) {\n  if (x[0] < -4) throw new RangeError('too far left');\n  return x[0] * x[0];\n}", 3);
    const failing = await createJob(env, { tenantId }, { problem: hostile, algorithm: "de", seed: 1, budget: { evaluations: 5_000 }, options: { chunkTargetMs: 10 } });
    const failed = await waitForEnd(tenantId, failing.id);
    expect(failed.state).toBe("failed");
    const view = await getJob(env, tenantId, failing.id);
    expect(JSON.stringify(view)).toMatch(/fitness threw RangeError: too far left at line 2/);

    const penalised = await createJob(
      env,
      { tenantId },
      {
        problem: customDoc("export function fitness(x) {\n  if (x[0] < -4) throw new RangeError('too far left');\n  return x[0] * x[0];\n}", 3, { onError: "penalty", penalty: 1e6 }),
        algorithm: "de",
        seed: 1,
        budget: { evaluations: 3_000 },
        options: { chunkTargetMs: 10 },
      },
    );
    const next = await createJob(env, { tenantId }, { problem: customDoc(RASTRIGIN, 3), algorithm: "pso", seed: 2, budget: { evaluations: 3_000 }, options: { chunkTargetMs: 10 } });
    expect((await waitForEnd(tenantId, penalised.id)).state).toBe("succeeded");
    const ok = await waitForEnd(tenantId, next.id);
    expect(ok.state).toBe("succeeded");
    expect(ok.evaluations).toBe(3_000);
  });
});
