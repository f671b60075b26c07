/**
 * A key made without choosing scopes (the API's default, and the settings form's pre-ticked boxes
 * from DEFAULT_API_KEY_SCOPES) can do what a newcomer does first: submit a job and read it back.
 */
import { describe, expect, it } from "vitest";
import { bearer, call, json, session, createTenant } from "../test/fixtures";
import { DEFAULT_API_KEY_SCOPES } from "./service";

describe("default API key scopes", () => {
  it("are jobs:read and jobs:write, never admin", () => {
    expect([...DEFAULT_API_KEY_SCOPES].sort()).toEqual(["jobs:read", "jobs:write"]);
  });

  it("a key created without scopes submits a job (202) and reads it, but cannot manage keys", async () => {
    const t = await createTenant();
    const created = await call("/v1/api-keys", json({ name: "first key" }, session(t.cookie)));
    expect(created.status, await created.clone().text()).toBe(201);
    const { key, apiKey } = (await created.json()) as { key: string; apiKey: { scopes: string[] } };
    expect(apiKey.scopes.sort()).toEqual(["jobs:read", "jobs:write"]);
    const job = await call("/v1/jobs", json({ problem: { kind: "continuous", function: "sphere", dimension: 2 }, budget: { evaluations: 200 } }, bearer(key)));
    expect(job.status, await job.clone().text()).toBe(202);
    const { id } = (await job.json()) as { id: string };
    expect((await call(`/v1/jobs/${id}`, { headers: bearer(key) })).status).toBe(200);
    expect((await call("/v1/api-keys", { headers: bearer(key) })).status).toBe(403);
  });
});
