import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineProject } from "vitest/config";
import { importAliases } from "../import-aliases";
import { startStripeFake } from "./test/stripe-fake";

// Worker tests run inside workerd against real local D1 (migrations applied in setup), R2,
// Durable Objects and Queues, configured from the same wrangler.toml that `npm run dev` uses.
const root = new URL("..", import.meta.url).pathname;
const migrations = await readD1Migrations(`${root}migrations`);
// Stripe API calls from billing go to a local fake that records them (worker/test/stripe-fake.ts).
const stripeFake = await startStripeFake();

export default defineProject({
  resolve: { alias: importAliases },
  plugins: [
    cloudflareTest({
      wrangler: { configPath: `${root}wrangler.toml` },
      miniflare: {
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
        },
      },
    }),
  ],
  test: {
    name: "worker",
    root,
    include: ["worker/**/*.test.ts"],
    setupFiles: ["worker/test/apply-migrations.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
