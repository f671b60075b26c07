import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineProject } from "vitest/config";

// Worker tests run inside workerd against real local D1 (migrations applied in setup), R2,
// Durable Objects and Queues, configured from the same wrangler.toml that `npm run dev` uses.
const root = new URL("..", import.meta.url).pathname;
const migrations = await readD1Migrations(`${root}migrations`);

export default defineProject({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: `${root}wrangler.toml` },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: migrations,
          ENVIRONMENT: "test",
          BETTER_AUTH_SECRET: "test-secret-test-secret-test-secret-0123456789",
          OPS_TOKEN: "test-ops-token",
          STRIPE_SECRET_KEY: "sk_test_evolve",
          STRIPE_WEBHOOK_SECRET: "whsec_test_evolve",
          STRIPE_PRICE_PRO: "price_pro_test",
          STRIPE_PRICE_ENTERPRISE: "price_enterprise_test",
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
