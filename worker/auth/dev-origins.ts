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

/**
 * The origin that links in mails and answers (invitations, password resets, share links, calendar
 * feeds, contribution join links, Stripe Checkout and portal return URLs, the plan's upgrade link in
 * a 402/429) are built on. In development it is the request's own origin when that is a trusted one
 * (`npm run dev` answers on localhost and 127.0.0.1, and a link must open where the visitor is signed
 * in); everywhere else, and for any other origin, it is APP_URL. Mail sent without a visitor (job
 * finished, billing events from Stripe's webhook) uses APP_URL.
 */
export function linkOrigin(env: Pick<Env, "APP_URL" | "ENVIRONMENT">, request?: Request | string | null): string {
  if (env.ENVIRONMENT !== "development" || !request) return env.APP_URL;
  let origin: string;
  try {
    origin = new URL(typeof request === "string" ? request : request.url).origin;
  } catch {
    return env.APP_URL;
  }
  return trustedOrigins(env).includes(origin) ? origin : env.APP_URL;
}

/** `url` (absolute) moved onto `origin`, path and query kept: better-auth builds reset links on APP_URL. */
export function onOrigin(url: string, origin: string): string {
  const moved = new URL(url);
  const target = new URL(origin);
  moved.protocol = target.protocol;
  moved.host = target.host;
  return moved.href;
}
