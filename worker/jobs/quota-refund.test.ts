// A job whose objective throws while the runner starts (island calibration runs the solver inside
// `start`) has spent CPU: its quota unit is not refunded, so the failure cannot be repeated for
// free. A storage outage while starting still refunds it (worker/ops/faults.test.ts).
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { paidTenant } from "../runtime/test-helpers";
import { gateFor } from "../tenancy/admission";
import { createJob } from "./create-job";

describe("quota after a failed start", () => {
  it("a fitness that passes validation but throws while the runner starts keeps the day's quota unit used", async () => {
    const tenantId = await paidTenant("pro");
    // Validation evaluates the centre of the bounds only; the solver scores random points, which throw.
    const code = "export function fitness(x) { if (x[0] !== 0) throw new RangeError('only the centre'); return 0; }";
    const doc = { kind: "continuous", dimension: 2, bounds: [-1, 1], objective: { language: "javascript", code } };
    let failed: unknown = null;
    await createJob(env, { tenantId }, { problem: doc, algorithm: "ga", islands: 2, budget: { evaluations: 5_000 } }).catch((e) => (failed = e));
    expect(failed).not.toBeNull();
    const status = await gateFor(env, tenantId).status();
    expect(status.usedToday).toBe(1);
    expect(status.leases).toHaveLength(0);
  });
});
