/**
 * Join links: short-lived, signed, per job. `<jobId>.<expiresAtSeconds>.<HMAC-SHA256>` keyed from
 * BETTER_AUTH_SECRET with a label of its own (a share-link or webhook signature means nothing
 * here). Anyone holding the link may lend compute to that one job until it expires; the server
 * trusts none of their results (worker/contribute/verify.ts). Nothing is stored: a forged or
 * expired token is refused before any lookup.
 */
const encoder = new TextEncoder();

/** A join link lives this long unless asked otherwise; at most MAX_JOIN_LINK_SECONDS. */
export const DEFAULT_JOIN_LINK_SECONDS = 2 * 3600;
export const MAX_JOIN_LINK_SECONDS = 24 * 3600;

function base64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(s: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
}

async function joinKey(secret: string): Promise<CryptoKey> {
  const material = await crypto.subtle.digest("SHA-256", encoder.encode(`evolve/contribute-join/v1:${secret}`));
  return crypto.subtle.importKey("raw", material, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

export async function signJoinToken(secret: string, jobId: string, expiresAt: Date): Promise<string> {
  const payload = `${jobId}.${Math.floor(expiresAt.getTime() / 1000)}`;
  const mac = await crypto.subtle.sign("HMAC", await joinKey(secret), encoder.encode(payload));
  return `${payload}.${base64url(new Uint8Array(mac))}`;
}

/** The job id and expiry when the token is genuine, for `jobId`, and unexpired; null otherwise. */
export async function verifyJoinToken(secret: string, token: string, jobId: string, now = Date.now()): Promise<{ jobId: string; expiresAt: number; tag: string } | null> {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== jobId || !/^\d{1,12}$/.test(parts[1])) return null;
  const expiresAt = Number(parts[1]) * 1000;
  if (expiresAt <= now) return null;
  let mac: Uint8Array<ArrayBuffer>;
  try {
    mac = fromBase64url(parts[2]);
  } catch {
    return null;
  }
  const ok = await crypto.subtle.verify("HMAC", await joinKey(secret), mac, encoder.encode(`${parts[0]}.${parts[1]}`));
  // `tag`: a short, stable name of this link for contributor ids (never the secret part itself).
  return ok ? { jobId, expiresAt, tag: parts[2].slice(0, 10) } : null;
}

/** The join URL: a page that lends a browser tab (web/app/routes/contribute.$jobId), also what `npm run contribute` takes. */
export function joinUrl(appUrl: string, jobId: string, token: string): string {
  const u = new URL(`/contribute/${encodeURIComponent(jobId)}`, appUrl);
  u.searchParams.set("join", token);
  return u.toString();
}
