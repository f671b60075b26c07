/**
 * Every public route at 1280 and 390 px (e2e/support/routes.ts `audit`): the signed-out pages, a share
 * link and an invitation made by an owner in another profile, /v1/docs (Swagger UI with our plugin and
 * colours, web/api-docs/), and the operator console as an operator. The signed-in app is
 * e2e/routes-app.e2e.ts; tenant-written objectives and contributed compute e2e/routes-more.e2e.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, type BrowserSession } from "./support/browser";
import { signIn, signUp } from "./support/fixtures";
import { api, audit, auditPaths, demoText, type Finding, ROUTE_SWEEP_TIMEOUT_MS, report, started, submit } from "./support/routes";

describe("public routes at 1280 and 390 px: no overflow, no console errors, no serious axe findings", () => {
  let b: BrowserSession;
  let publicPrep: Promise<{ shareToken: string; invitationId: string }>;
  beforeAll(async () => {
    b = await openBrowser();
    // A share link and an invitation to visit signed out: made by an owner in another profile, while
    // nothing else waits for them.
    publicPrep = started(async () => {
      const owner = await b.openProfile();
      await signUp(owner.page, "routes-owner");
      const jobId = await submit(owner.page, b.baseURL, "Shared tour", { kind: "tsp", format: "tsplib", text: demoText("berlin52.tsp") }, 3_000);
      const share = await api<{ url: string }>(owner.page, b.baseURL, `/v1/jobs/${jobId}/share-links`, { hours: 24 });
      const invitation = await api<{ id: string }>(owner.page, b.baseURL, "/v1/invitations", { email: `routes-invitee-${Date.now()}@example.test`, role: "member" });
      await owner.context.close();
      return { shareToken: share.url.split("/").pop() ?? "", invitationId: invitation.id };
    });
  });
  afterAll(() => b?.close());

  it(
    "public pages, signed out",
    async () => {
      const { shareToken, invitationId } = await publicPrep;
      const findings: Finding[] = [];
      findings.push(
        ...(await auditPaths(b.page, [
          "/",
          "/pricing",
          "/sign-in",
          "/sign-up",
          "/forgot-password",
          "/reset-password?token=not-a-real-token",
          `/accept-invitation/${invitationId}`,
          `/share/${shareToken}`,
        ])),
      );
      // /v1/docs is Swagger UI (swagger-ui-dist) with our plugin and colours (web/api-docs/): the same checks, axe included.
      findings.push(...(await audit(b.page, "/v1/docs")));
      expect(findings, report(findings)).toEqual([]);
    },
    ROUTE_SWEEP_TIMEOUT_MS,
  );

  it("the operator console, as an operator", async () => {
    const seeded = (await (await fetch(`${b.baseURL}/api/dev/seed`, { method: "POST" })).json()) as { email: string; password: string };
    const op = await b.openProfile();
    await signIn(op.page, seeded);
    const findings: Finding[] = [];
    findings.push(...(await auditPaths(op.page, ["/ops", "/ops/dead-letters", "/ops/metrics"])));
    await op.context.close();
    expect(findings, report(findings)).toEqual([]);
  });
});
