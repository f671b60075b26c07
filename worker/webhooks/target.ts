/**
 * Where tenant webhooks may be sent: public https servers on the default port only. Checked when an
 * endpoint (or a job's own webhook URL) is created or changed, again before every delivery (rows
 * stored before this rule existed), and on every redirect hop (worker/webhooks/deliver.ts).
 *
 * Refused: other schemes, credentials in the URL, ports other than 443, `localhost` and
 * `*.localhost`, single-label and local-only names (`.local`, `.internal`, `.home.arpa`), and IP
 * literals in any notation (the URL parser turns `0x7f.1`, `2130706433`, `0177.0.0.1` into
 * `127.0.0.1`; IPv4-mapped IPv6 is judged as its IPv4) outside public unicast: loopback, private,
 * link-local (169.254.169.254), carrier-grade NAT, unique-local and link-local IPv6, NAT64,
 * 6to4, Teredo, multicast, reserved. Names are not resolved here: a public name that resolves to
 * a private address is a residual risk (docs/threat-model.md).
 *
 * Tests that deliver to a local fake receiver name it in `WEBHOOK_TEST_ALLOWED_TARGETS` (origins,
 * comma-separated); it is read only when `ENVIRONMENT` is "test", so no deployed Worker honours it.
 */
import ipaddr from "ipaddr.js";
import type { Env } from "../env";

export type TargetEnv = Pick<Env, "ENVIRONMENT" | "WEBHOOK_TEST_ALLOWED_TARGETS">;

/** Why a target is refused (a field message), or null when it may be called. */
export type TargetRefusal = { reason: "invalid-url" | "scheme" | "credentials" | "port" | "local-name" | "private-address"; message: string };

const LOCAL_SUFFIXES = [".localhost", ".local", ".internal", ".home.arpa", ".localdomain"];

/** Origins a test explicitly allowed (only in the test environment). */
function testAllowance(env: TargetEnv, url: URL): boolean {
  if (env.ENVIRONMENT !== "test" || !env.WEBHOOK_TEST_ALLOWED_TARGETS) return false;
  return env.WEBHOOK_TEST_ALLOWED_TARGETS.split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .includes(url.origin);
}

/** The IP address a hostname spells, or undefined when it is a name. */
export function ipLiteral(hostname: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (hostname.startsWith("[") && hostname.endsWith("]")) {
    const inner = hostname.slice(1, -1);
    return ipaddr.IPv6.isValid(inner) ? ipaddr.IPv6.parse(inner) : undefined;
  }
  // The WHATWG URL parser already normalised every IPv4 notation to four decimal parts.
  return ipaddr.IPv4.isValidFourPartDecimal(hostname) ? ipaddr.IPv4.parse(hostname) : undefined;
}

/** Whether an address is public unicast (an IPv4-mapped IPv6 address is judged as its IPv4). */
export function isPublicAddress(address: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  if (address.kind() === "ipv6") {
    const v6 = address as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) return isPublicAddress(v6.toIPv4Address());
  }
  return address.range() === "unicast";
}

/** Whether a host name (not an IP) is local-only: localhost, *.localhost, single-label, .local, .internal, … */
export function isLocalName(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.+$/, "");
  if (host === "localhost" || !host.includes(".")) return true;
  return LOCAL_SUFFIXES.some((s) => host.endsWith(s));
}

/** Null when `raw` is a URL webhooks may call, else why not. */
export function webhookTargetRefusal(env: TargetEnv, raw: string): TargetRefusal | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { reason: "invalid-url", message: "must be an absolute URL" };
  }
  if (url.username || url.password) return { reason: "credentials", message: "must not contain credentials" };
  if (testAllowance(env, url)) return null;
  if (url.protocol !== "https:") return { reason: "scheme", message: "must use https" };
  // The parser drops the default port, so any port left is a non-default one.
  if (url.port !== "") return { reason: "port", message: "must use the default https port (443)" };
  const ip = ipLiteral(url.hostname);
  if (ip) return isPublicAddress(ip) ? null : { reason: "private-address", message: "must not point at a private, loopback, link-local or reserved address" };
  if (isLocalName(url.hostname)) return { reason: "local-name", message: "must be a public host name (not localhost or a local-only name)" };
  return null;
}
