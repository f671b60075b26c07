// Test-only view of `env` from cloudflare:workers (`Cloudflare.Env`, generated from wrangler.toml into
// worker-configuration.d.ts): plus the settings that are not in wrangler.toml (worker/env.ts) and what
// worker/test/vitest-project.ts adds.
import type { D1Migration } from "cloudflare:test";
import type { EnvExtras } from "../env";

declare global {
  namespace Cloudflare {
    interface Env extends Omit<EnvExtras, "JOBS_QUEUE" | "DEAD_LETTERS"> {
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}
