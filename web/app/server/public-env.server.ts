/**
 * The only environment values the browser may see. Secrets never appear here: anything added must
 * be safe to publish in every page's HTML.
 */
import type { Env } from "@worker/env";

export interface PublicEnv {
  APP_URL: string;
  ENVIRONMENT: string;
}

export function getPublicEnv(env: Env): PublicEnv {
  return { APP_URL: env.APP_URL, ENVIRONMENT: env.ENVIRONMENT };
}
