// POST /api/dev/plan: local development only, owners only, and the tier the API then reports.
import type { Env } from "../env";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../app";
import { addMember, call, createTenant, json, ORIGIN, session } from "../test/fixtures";

const devEnv = () => ({ ...env, DEV_SEED: "true" });
const post = (body: unknown, headers: Record<string, string>, e: Env = devEnv()) => app.fetch(new Request(`${ORIGIN}/api/dev/plan`, { method: "POST", ...json(body, headers) }), e);

describe("dev plan", () => {
  it("answers 404 unless DEV_SEED is true", async () => {
    const t = await createTenant();
    expect(env.DEV_SEED).not.toBe("true");
    expect((await call("/api/dev/plan", { method: "POST", ...json({ tier: "enterprise" }, session(t.cookie)) })).status).toBe(404);
  });

  it("puts the owner's active tenant on the plan, as the billing overview then reports", async () => {
    const t = await createTenant();
    const res = await post({ tier: "enterprise" }, session(t.cookie));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ tenantId: t.tenantId, tier: "enterprise" });
    const overview = await (await call("/v1/billing", { headers: session(t.cookie) })).json<{ plan: { tier: string } }>();
    expect(overview.plan.tier).toBe("enterprise");
    expect((await post({ tier: "free" }, session(t.cookie))).status).toBe(200);
    expect((await (await call("/v1/billing", { headers: session(t.cookie) })).json<{ plan: { tier: string } }>()).plan.tier).toBe("free");
  });

  it("refuses the signed-out (401), a member (403) and an unknown tier (422 naming the field)", async () => {
    const t = await createTenant();
    expect((await post({ tier: "enterprise" }, {})).status).toBe(401);
    const member = await addMember(t, "member");
    expect((await post({ tier: "enterprise" }, session(member.cookie))).status).toBe(403);
    const bad = await post({ tier: "platinum" }, session(t.cookie));
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ errors: [{ path: "tier" }] });
  });
});
