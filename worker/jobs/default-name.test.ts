/** defaultJobName (worker/jobs/create-job.ts): API jobs without a name get a readable one. */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { createJob, defaultJobName } from "./create-job";
import { paidTenant } from "../runtime/test-helpers";

describe("defaultJobName", () => {
  it("uses the document's name, else kind · algorithm; a fork follows its parent", () => {
    expect(defaultJobName("tsp", "memetic", { kind: "tsp", name: "  Berlin tour " })).toBe("Berlin tour");
    expect(defaultJobName("continuous", "de", { kind: "continuous", function: "sphere" })).toBe("continuous · de");
    expect(defaultJobName("continuous", "de", null)).toBe("continuous · de");
    expect(defaultJobName("tsp", "memetic", {}, { name: "Berlin tour" })).toBe("Berlin tour (fork)");
  });

  it("a job submitted without a name is stored with the default, never null", async () => {
    const tenantId = await paidTenant();
    const row = await createJob(env, { tenantId }, { problem: { kind: "continuous", function: "sphere", dimension: 2 }, budget: { evaluations: 100 } });
    expect(row.name).toBe(`continuous · ${row.algorithm}`);
  });
});
