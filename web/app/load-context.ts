/** What every loader and action receives: the Worker's bindings and execution context. */
import type { Env } from "@worker/env";

declare module "@remix-run/server-runtime" {
  interface AppLoadContext {
    cloudflare: { env: Env; ctx: ExecutionContext };
  }
  // Single fetch (a v3 future flag) changes what useLoaderData/useActionData infer from data().
  interface Future {
    v3_singleFetch: true;
  }
}
