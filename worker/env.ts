/**
 * Bindings and secrets the Worker reads (wrangler.toml + Worker secrets / .dev.vars).
 * Durable Object namespaces are typed with their classes so RPC calls are checked.
 */
import type { JobRunner } from "./runtime/job-runner";
import type { TenantGate } from "./tenancy/tenant-gate";
import type { OpsMetrics } from "./ops/ops-metrics";

export interface Env {
  DB: D1Database;
  BLOBS: R2Bucket;
  ASSETS: Fetcher;
  JOB_RUNNER: DurableObjectNamespace<JobRunner>;
  TENANT_GATE: DurableObjectNamespace<TenantGate>;
  OPS_METRICS: DurableObjectNamespace<OpsMetrics>;
  JOBS_QUEUE: Queue<QueueMessage>;
  DEAD_LETTERS: Queue<QueueMessage>;

  ENVIRONMENT: string;
  APP_URL: string;
  MAX_BODY_BYTES: string;
  /** Optional: CPU target of one job chunk in ms (default 300); tests use less. */
  JOB_CHUNK_TARGET_MS?: string;

  /** Secrets (wrangler secret put / .dev.vars). Optional where a feature degrades without them. */
  BETTER_AUTH_SECRET?: string;
  STRIPE_SECRET_KEY?: string;
  STRIPE_WEBHOOK_SECRET?: string;
  STRIPE_PRICE_PRO?: string;
  STRIPE_PRICE_ENTERPRISE?: string;
  /** Only for tests and local development: where the Stripe client sends API calls. */
  STRIPE_API_HOST?: string;
  STRIPE_API_PORT?: string;
  STRIPE_API_PROTOCOL?: string;
  /** Resend API key (worker/mail/resend-mailer.ts): without it mail is captured (development) or logged. */
  RESEND_API_KEY?: string;
  /** Sender of every mail, e.g. `Evolve <mail@your-domain>` (a domain verified in Resend). */
  MAIL_FROM?: string;
  /** Only for tests and local development: where the Resend client sends API calls. */
  RESEND_BASE_URL?: string;
  /** Bearer token for the operator endpoints (/api/ops/*: metrics, console API). */
  OPS_TOKEN?: string;
  /** Multiplies the tenant-webhook retry delays (worker/webhooks/deliver.ts); "0" in tests. */
  WEBHOOK_RETRY_SCALE?: string;
  /**
   * Tests only: origins (comma-separated) webhooks may be delivered to despite the public-https rule,
   * for a local fake receiver. Read only when ENVIRONMENT is "test" (worker/webhooks/target.ts).
   */
  WEBHOOK_TEST_ALLOWED_TARGETS?: string;
  /** "true" in .dev.vars: enables the demo seed endpoint used by `npm run dev`. */
  DEV_SEED?: string;
}

/** Every message on the jobs queue names what it is; consumers switch on `type`. */
export type QueueMessage =
  | { type: "health-ping"; at: number }
  /** One island's next chunk of a heavy job (worker/runtime/island-coordinator.ts). */
  | { type: "island-chunk"; jobId: string; tenantId: string; island: number; seq: number }
  | { type: string; [key: string]: unknown };
