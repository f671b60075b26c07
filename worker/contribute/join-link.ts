/**
 * Join links: short-lived, signed, per job. `<jobId>.<expiresAtSeconds>.<HMAC-SHA256>` keyed from
 * BETTER_AUTH_SECRET with a label of its own (a share-link or webhook signature means nothing
 * here). Anyone holding the link may lend compute to that one job until it expires; the server
 * trusts none of their results (worker/contribute/verify.ts). Nothing is stored: a forged or
 * expired token is refused before any lookup.
 */
import { signExpiringToken, verifyExpiringToken } from "../links/tokens";

/** A join link lives this long unless asked otherwise; at most MAX_JOIN_LINK_SECONDS. */
export const DEFAULT_JOIN_LINK_SECONDS = 2 * 3600;
export const MAX_JOIN_LINK_SECONDS = 24 * 3600;

const JOIN_LABEL = "evolve/contribute-join/v1";

export function signJoinToken(secret: string, jobId: string, expiresAt: Date): Promise<string> {
  return signExpiringToken(JOIN_LABEL, secret, jobId, expiresAt);
}

/** The job id and expiry when the token is genuine, for `jobId`, and unexpired; null otherwise. */
export async function verifyJoinToken(secret: string, token: string, jobId: string, now = Date.now()): Promise<{ jobId: string; expiresAt: number; tag: string } | null> {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== jobId || !/^\d{1,12}$/.test(parts[1])) return null;
  const verified = await verifyExpiringToken(JOIN_LABEL, secret, token, now);
  // `tag`: a short, stable name of this link for contributor ids (never the secret part itself).
  return verified ? { jobId, expiresAt: verified.expiresAt, tag: verified.signature.slice(0, 10) } : null;
}

/** The join URL: a page that lends a browser tab (web/app/routes/contribute.$jobId), also what `npm run contribute` takes. */
export function joinUrl(appUrl: string, jobId: string, token: string): string {
  const u = new URL(`/contribute/${encodeURIComponent(jobId)}`, appUrl);
  u.searchParams.set("join", token);
  return u.toString();
}
