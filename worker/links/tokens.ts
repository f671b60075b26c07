/**
 * Link tokens. Calendar feeds carry a random secret (revocable, no expiry). Share links are
 * signed and expiring: `<linkId>.<expiresAtSeconds>.<HMAC-SHA256>` keyed from BETTER_AUTH_SECRET,
 * so a forged or expired token is refused before any database read; D1 then checks revocation.
 * Only a SHA-256 of each token is stored.
 */

const encoder = new TextEncoder();

function base64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(s: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(s.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", encoder.encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function randomToken(bytes = 24): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/**
 * Signed, expiring tokens: `<id>.<expiresAtSeconds>.<HMAC-SHA256>`, keyed from `secret` under a
 * label of their own (so a signature made for one use means nothing for another). Share links
 * here and contribute join links (worker/contribute/join-link.ts) use them.
 */
async function labelledKey(label: string, secret: string): Promise<CryptoKey> {
  const material = await crypto.subtle.digest("SHA-256", encoder.encode(`${label}:${secret}`));
  return crypto.subtle.importKey("raw", material, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

export async function signExpiringToken(label: string, secret: string, id: string, expiresAt: Date): Promise<string> {
  const payload = `${id}.${Math.floor(expiresAt.getTime() / 1000)}`;
  const mac = await crypto.subtle.sign("HMAC", await labelledKey(label, secret), encoder.encode(payload));
  return `${payload}.${base64url(new Uint8Array(mac))}`;
}

/** The token's id, expiry (ms) and signature part when it is signed under `label` and unexpired; null otherwise. */
export async function verifyExpiringToken(label: string, secret: string, token: string, now = Date.now()): Promise<{ id: string; expiresAt: number; signature: string } | null> {
  const parts = token.split(".");
  if (parts.length !== 3 || !/^\d+$/.test(parts[1])) return null;
  const [id, exp, signature] = parts;
  const expiresAt = Number(exp) * 1000;
  if (expiresAt <= now) return null;
  let mac: Uint8Array<ArrayBuffer>;
  try {
    mac = fromBase64url(signature);
  } catch {
    return null;
  }
  const ok = await crypto.subtle.verify("HMAC", await labelledKey(label, secret), mac, encoder.encode(`${id}.${exp}`));
  return ok ? { id, expiresAt, signature } : null;
}

// A key of its own, derived from the auth secret, so share signatures mean nothing elsewhere.
const SHARE_LABEL = "evolve/share-links/v1";

export function signShareToken(secret: string, linkId: string, expiresAt: Date): Promise<string> {
  return signExpiringToken(SHARE_LABEL, secret, linkId, expiresAt);
}

/** The link id when the signature is valid and the token has not expired; null otherwise. */
export async function verifyShareToken(secret: string, token: string, now = Date.now()): Promise<string | null> {
  return (await verifyExpiringToken(SHARE_LABEL, secret, token, now))?.id ?? null;
}
