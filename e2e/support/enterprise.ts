/**
 * Puts the signed-in user's active organization on the enterprise plan (several islands, contributed
 * compute) by writing its subscription row in the e2e stack's own local D1, as scripts/fault.ts
 * does; no Stripe checkout is involved. The stack's state folder is the one holding
 * E2E_WRANGLER_LOG (e2e/global-setup.ts).
 */
import { dirname } from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { runWrangler, writeConfigWithoutBuild } from "../../scripts/local-stack";

/** The active tenant's id after the update. */
export async function makeEnterprise(page: Page): Promise<string> {
  const tenants = (await (await page.request.get("/v1/tenants")).json()) as { data: { id: string; active: boolean }[] };
  const tenantId = tenants.data.find((t) => t.active)!.id;
  const log = process.env.E2E_WRANGLER_LOG;
  expect(log, "the e2e global setup's stack (its state folder holds D1)").toBeTruthy();
  const sql = await runWrangler(
    [
      "d1",
      "execute",
      "DB",
      "--local",
      "--config",
      writeConfigWithoutBuild(),
      "--persist-to",
      dirname(log!),
      "--command",
      `insert into subscription (tenant_id, tier, status) values ('${tenantId}', 'enterprise', 'active') on conflict(tenant_id) do update set tier='enterprise', status='active';`,
    ],
    { timeoutMs: 60_000 },
  );
  expect(sql.status, `wrangler d1 execute: ${sql.why}\n${sql.stderr}`).toBe(0);
  return tenantId;
}
