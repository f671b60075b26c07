/**
 * scripts/deploy.ts: the resources it reads from wrangler.toml, its secret rules, and the
 * production bundle's size against our budget (below Cloudflare's Worker limits: 3 MiB gzip on the
 * free plan, 10 MiB on paid plans). Measured 2026-12-02: 9,150,411 bytes raw (8.7 MiB), 1,841,242 bytes gzip (1.76 MiB).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dryRunBundle, resourcesOf, ROOT, secretProblems } from "./deploy";

/** Our budget for the gzip size of the deployed Worker (index.js + WebAssembly modules). */
const BUNDLE_GZIP_BUDGET_BYTES = 2.5 * 1024 * 1024;

describe("deploy", () => {
  it("reads the D1 database, R2 bucket and every queue (with the dead-letter queue) from wrangler.toml", () => {
    const res = resourcesOf(readFileSync(join(ROOT, "wrangler.toml"), "utf8"));
    expect(res.d1).toBe("evolve");
    expect(res.r2).toBe("evolve-blobs");
    expect(res.queues.sort()).toEqual(["evolve-jobs", "evolve-jobs-dead"]);
  });

  it("lists missing secrets and refuses DEV_SEED in production", () => {
    expect(secretProblems(["BETTER_AUTH_SECRET", "DEV_SEED"])).toEqual({
      missing: ["OPS_TOKEN", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_PRICE_PRO", "STRIPE_PRICE_ENTERPRISE", "RESEND_API_KEY", "MAIL_FROM"],
      forbidden: ["DEV_SEED"],
    });
    expect(secretProblems(["BETTER_AUTH_SECRET", "OPS_TOKEN", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_PRICE_PRO", "STRIPE_PRICE_ENTERPRISE", "RESEND_API_KEY", "MAIL_FROM"])).toEqual({
      missing: [],
      forbidden: [],
    });
  });

  it("the production bundle stays under the size budget", () => {
    const size = dryRunBundle();
    console.log(`bundle: ${size.bytes} bytes raw, ${size.gzipBytes} bytes gzip, ${size.files} files`);
    expect(size.files).toBeGreaterThan(0);
    expect(size.gzipBytes).toBeLessThan(BUNDLE_GZIP_BUDGET_BYTES);
  }, 240_000);
});
