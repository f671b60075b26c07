/**
 * The signed-in app at 1280 and 390 px (e2e/support/routes.ts `audit`): the jobs list and new-job
 * pages, a finished job of each kind (university and school timetables, a tour, a continuous
 * function), a fork and its comparison, and every settings page with a pending invitation to a long
 * address (it must not widen a phone's page).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser, type BrowserSession } from "./support/browser";
import { signUp } from "./support/fixtures";
import { api, auditPaths, demoJson, demoText, finished, ROUTE_SWEEP_TIMEOUT_MS, report, submit } from "./support/routes";

describe("the signed-in app at 1280 and 390 px: no overflow, no console errors, no serious axe findings", () => {
  let b: BrowserSession;
  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(() => b?.close());

  it(
    "the signed-in app with a finished job of each kind, and a fork's comparison",
    async () => {
      const { page, baseURL } = b;
      await signUp(page, "routes");
      const jobs = [
        await submit(page, baseURL, "University timetable", { kind: "timetabling", format: "ctt", text: demoText("comp01.ctt") }, 2_000),
        await submit(page, baseURL, "School timetable", { kind: "timetabling", format: "fet", name: "small-school", text: demoText("small-school.fet") }, 2_000),
        await submit(page, baseURL, "Berlin tour", { kind: "tsp", format: "tsplib", text: demoText("berlin52.tsp") }, 3_000),
        await submit(page, baseURL, "Rastrigin", demoJson("rastrigin-10d.json"), 3_000),
      ];
      await api(page, baseURL, "/v1/invitations", { email: `a-rather-long-address-for-an-invitation-${Date.now()}@faculty-of-engineering.example.test`, role: "admin" });
      const fork = await api<{ id: string }>(page, baseURL, `/v1/jobs/${jobs[3]}/fork`, { budget: { evaluations: 2_000 } });
      await finished(page, baseURL, fork.id);
      const findings = await auditPaths(page, [
        "/app",
        "/app/jobs",
        "/app/jobs/new",
        "/app/jobs/new?demo=small-school",
        ...jobs.map((id) => `/app/jobs/${id}`),
        `/app/jobs/${fork.id}`,
        `/app/jobs/${fork.id}/compare`,
        "/app/settings/api-keys",
        "/app/settings/members",
        "/app/settings/webhooks",
        "/app/settings/billing",
        "/app/settings/account",
      ]);
      expect(findings, report(findings)).toEqual([]);
    },
    ROUTE_SWEEP_TIMEOUT_MS,
  );
});
