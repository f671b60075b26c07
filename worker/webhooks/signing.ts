/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): headers `webhook-id`,
 * `webhook-timestamp` (seconds) and `webhook-signature: v1,<base64 HMAC-SHA256>` over
 * `${id}.${timestamp}.${body}`, keyed with the base64 bytes after the `whsec_` prefix.
 * Receivers can verify with any Standard Webhooks library (`standardwebhooks`, `svix`).
 */

const encoder = new TextEncoder();

function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

function fromBase64(s: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(s), (ch) => ch.charCodeAt(0));
}

/** A new endpoint secret: `whsec_` + 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${toBase64(crypto.getRandomValues(new Uint8Array(32)))}`;
}

async function hmacKey(secret: string): Promise<CryptoKey> {
  if (!secret.startsWith("whsec_")) throw new Error("webhook secrets start with whsec_");
  return crypto.subtle.importKey("raw", fromBase64(secret.slice(6)), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

/** The three headers for one delivery; `timestamp` is in seconds. */
export async function signWebhook(secret: string, id: string, timestamp: number, body: string): Promise<Record<string, string>> {
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(`${id}.${timestamp}.${body}`));
  return { "webhook-id": id, "webhook-timestamp": String(timestamp), "webhook-signature": `v1,${toBase64(new Uint8Array(mac))}` };
}

/**
 * Receiver side (used by tests and documented for tenants): checks one of the space-separated
 * `v1,` signatures and that the timestamp is within `toleranceSeconds` of now.
 */
export async function verifyWebhook(secret: string, headers: Headers, body: string, nowSeconds = Math.floor(Date.now() / 1000), toleranceSeconds = 300): Promise<boolean> {
  const id = headers.get("webhook-id");
  const ts = Number(headers.get("webhook-timestamp"));
  const sigs = (headers.get("webhook-signature") ?? "").split(" ");
  if (!id || !Number.isFinite(ts) || Math.abs(nowSeconds - ts) > toleranceSeconds) return false;
  const key = await hmacKey(secret);
  for (const s of sigs) {
    const [version, value] = s.split(",", 2);
    if (version !== "v1" || !value) continue;
    let mac: Uint8Array<ArrayBuffer>;
    try {
      mac = fromBase64(value);
    } catch {
      continue;
    }
    // crypto.subtle.verify compares in constant time.
    if (await crypto.subtle.verify("HMAC", key, mac, encoder.encode(`${id}.${ts}.${body}`))) return true;
  }
  return false;
}
