/**
 * Puts the signed-in user's active organization on the enterprise plan (several islands, contributed
 * compute) through the stack's development-only POST /api/dev/plan (worker/dev/plan.ts), with the
 * page's session; no Stripe checkout is involved, and no second process writes the stack's D1.
 */
import type { Page } from "playwright-core";
import { expect, inject } from "vitest";

/** The active tenant's id after the update. */
export async function makeEnterprise(page: Page): Promise<string> {
  const res = await page.request.post("/api/dev/plan", { data: { tier: "enterprise" }, headers: { origin: new URL(inject("baseURL")).origin } });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { tenantId: string }).tenantId;
}
