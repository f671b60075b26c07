// Test-only view of `env` from cloudflare:workers: the Worker's bindings plus what
// worker/vitest.config.ts adds.
import type { D1Migration } from "cloudflare:test";
import type { Env as WorkerEnv } from "../env";

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}
