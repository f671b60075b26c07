/**
 * Origins sign-in and sign-up trust (better-auth `trustedOrigins`, worker/auth/auth.ts): APP_URL,
 * and in development only its loopback twin — `wrangler dev` prints http://127.0.0.1:8787 while
 * .dev.vars says http://localhost:8787, and both are the same server on this machine.
 */
import type { Env } from "../env";

const LOOPBACK = ["localhost", "127.0.0.1"];

export function trustedOrigins(env: Pick<Env, "APP_URL" | "ENVIRONMENT">): string[] {
  const origins = [env.APP_URL];
  if (env.ENVIRONMENT !== "development") return origins;
  let url: URL;
  try {
    url = new URL(env.APP_URL);
  } catch {
    return origins;
  }
  if (url.protocol !== "http:" || !LOOPBACK.includes(url.hostname)) return origins;
  for (const host of LOOPBACK) {
    if (host === url.hostname) continue;
    const twin = new URL(url.origin);
    twin.hostname = host;
    origins.push(twin.origin);
  }
  return origins;
}
