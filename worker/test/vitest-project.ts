/**
 * The Vitest project for Worker tests, inside workerd through @cloudflare/vitest-pool-workers,
 * against real local D1 (migrations applied in apply-migrations.ts), R2, Durable Objects and
 * Queues, configured from the same wrangler.toml that `npm run dev` uses: the `worker` project
 * (worker/vitest.config.ts) and the fuzz tests' `slow-worker` (worker/vitest.slow.config.ts). Runs
 * in Node (the Vitest config), not in workerd.
 *
 * The files share their runtime (`isolate: false`): each Vitest worker starts workerd and loads the
 * Worker once, not once per file (~25 CPU-s each on this 2-core machine). They share its D1, R2 and
 * Durable Objects too, so a test must not expect platform-wide figures from a fresh start (compare
 * with D1's own count instead, as worker/ops/ops.test.ts does), and per-client rate limits get a new
 * client address per file (file-setup.ts).
 */
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { configDefaults, defineProject } from "vitest/config";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { importAliases } from "../../import-aliases";
import { startStripeFake } from "./stripe-fake";
import { startResendFake } from "./resend-fake";

const root = new URL("../..", import.meta.url).pathname;
const wranglerConfig = `${root}wrangler.toml`;

/**
 * wrangler.toml's queue consumers with `max_batch_timeout` 0: tests get each message delivered at
 * once instead of after the production batching wait (1 s per island round).
 */
export function queueConsumersWithoutBatchWait(configPath = wranglerConfig) {
  const consumers = unstable_getMiniflareWorkerOptions(configPath).workerOptions.queueConsumers ?? {};
  const entries: [string, object][] = Array.isArray(consumers) ? consumers.map((queue) => [queue, {}]) : Object.entries(consumers);
  return Object.fromEntries(entries.map(([queue, options]) => [queue, { ...options, maxBatchTimeout: 0 }]));
}

export async function workerProject(name: string, include: string[], exclude: string[] = [], options: { isolate?: boolean } = {}) {
  const migrations = await readD1Migrations(`${root}migrations`);
  // Stripe API calls from billing go to a local fake that records them (stripe-fake.ts).
  const stripeFake = await startStripeFake();
  // Mail tests send through the real `resend` client to a local fake of its API (resend-fake.ts);
  // only the base URL is global: tests that mail pass RESEND_API_KEY and MAIL_FROM in their env.
  const resendFake = await startResendFake();
  return defineProject({
    resolve: { alias: importAliases },
    plugins: [
      cloudflareTest({
        wrangler: { configPath: wranglerConfig },
        miniflare: {
          queueConsumers: queueConsumersWithoutBatchWait(),
          bindings: {
            TEST_MIGRATIONS: migrations,
            ENVIRONMENT: "test",
            // Webhook retries without the production backoff (worker/webhooks/deliver.ts).
            WEBHOOK_RETRY_SCALE: "0",
            BETTER_AUTH_SECRET: "test-secret-test-secret-test-secret-0123456789",
            OPS_TOKEN: "test-ops-token",
            STRIPE_SECRET_KEY: "sk_test_evolve",
            STRIPE_WEBHOOK_SECRET: "whsec_test_evolve",
            STRIPE_PRICE_PRO: "price_pro_test",
            STRIPE_PRICE_ENTERPRISE: "price_enterprise_test",
            STRIPE_API_HOST: "127.0.0.1",
            STRIPE_API_PORT: String(stripeFake.port),
            STRIPE_API_PROTOCOL: "http",
            RESEND_BASE_URL: resendFake.baseUrl,
          },
        },
      }),
    ],
    test: {
      name,
      root,
      include,
      exclude: [...configDefaults.exclude, ...exclude],
      setupFiles: ["worker/test/apply-migrations.ts", "worker/test/file-setup.ts"],
      isolate: options.isolate ?? true,
      // console writes straight to workerd's output instead of a message to Vitest per line. Durable
      // Objects, queues and alarms a file started keep logging after it ends; a line that was on its way
      // to Vitest when the file's channel closed came back as an error that the runner then tried to
      // send from inside one of our Durable Objects ("Cannot perform I/O on behalf of a different Durable
      // Object"), was lost, and left Vitest waiting on it for good: the platform step's occasional hang
      // after its last file (bench/results/test-suite.md). Info lines are left out at the source
      // (file-setup.ts), as the root config's onConsoleLog does for the other projects.
      disableConsoleIntercept: true,
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  });
}
