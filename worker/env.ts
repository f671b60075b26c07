/**
 * The Worker's bindings, vars and secrets. wrangler.toml and .dev.vars.example are the source:
 * `npm run types` (scripts/wrangler-types.ts) generates them into worker-configuration.d.ts as
 * `Cloudflare.Env`, and scripts/wrangler-types.test.ts fails when that file is out of date. This
 * file adds what the generator cannot know: the queues' message type, which secrets a feature can
 * do without, and the settings only tests and local development pass. Durable Object namespaces
 * come typed with their classes (worker/index.ts exports them), so RPC calls are checked.
 */
/// <reference path="../worker-configuration.d.ts" />

type Generated = Cloudflare.Env;

/** Secrets (wrangler secret put / .dev.vars) a feature degrades without (503, no demo seed): code checks them. */
type OptionalSecrets = "BETTER_AUTH_SECRET" | "STRIPE_SECRET_KEY" | "STRIPE_WEBHOOK_SECRET" | "STRIPE_PRICE_PRO" | "STRIPE_PRICE_ENTERPRISE" | "OPS_TOKEN" | "DEV_SEED";

export type Env = Omit<Generated, "JOBS_QUEUE" | "DEAD_LETTERS" | OptionalSecrets> & Partial<Pick<Generated, OptionalSecrets>> & EnvExtras;

/** The queues with their message type, and the settings that are not in wrangler.toml. */
export interface EnvExtras {
  JOBS_QUEUE: Queue<QueueMessage>;
  DEAD_LETTERS: Queue<QueueMessage>;

  // Not in wrangler.toml: set by tests (worker/test/vitest-project.ts) or for local development.
  /** Optional: CPU target of one job chunk in ms (default 300); tests use less. */
  JOB_CHUNK_TARGET_MS?: string;
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
  /** Multiplies the tenant-webhook retry delays (worker/webhooks/deliver.ts); "0" in tests. */
  WEBHOOK_RETRY_SCALE?: string;
  /**
   * Tests only: origins (comma-separated) webhooks may be delivered to despite the public-https rule,
   * for a local fake receiver. Read only when ENVIRONMENT is "test" (worker/webhooks/target.ts).
   */
  WEBHOOK_TEST_ALLOWED_TARGETS?: string;
}

/** Every message on the jobs queue names what it is; consumers switch on `type`. */
export type QueueMessage =
  | { type: "health-ping"; at: number }
  /** One island's next chunk of a heavy job (worker/runtime/island-coordinator.ts). */
  | { type: "island-chunk"; jobId: string; tenantId: string; island: number; seq: number }
  | { type: string; [key: string]: unknown };
