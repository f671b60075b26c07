// Identity and API keys, end to end inside workerd: sign-up → tenant → API key → /v1 call.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { bearer, call, cookieFrom, json, ORIGIN, session, signIn, signUpTenant, TEST_PASSWORD, uniqueEmail } from "../test/fixtures";

describe("sign-up creates a tenant", () => {
  it("sign-up → tenant (owner, active) → API key → authenticated /v1 call", async () => {
    const t = await signUpTenant({ tenantName: "Acme College" });
    const tenants = await (await call("/v1/tenants", { headers: session(t.cookie) })).json<any>();
    expect(tenants.data).toEqual([expect.objectContaining({ id: t.tenantId, name: "Acme College", role: "owner", active: true })]);
    const res = await call("/v1/usage", { headers: bearer(t.apiKey) });
    expect(res.status).toBe(200);
    const usage = await res.json<any>();
    expect(usage.tier).toBe("free");
    expect(res.headers.get("RateLimit-Limit")).toBe("60");
  });
});
