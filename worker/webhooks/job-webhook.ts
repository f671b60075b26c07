/**
 * The optional per-job webhook of `POST /v1/jobs` (`"webhook": { "url": "https://…" }`): when the
 * job ends, its URL receives the same signed event the tenant's endpoints get. It is signed with
 * the tenant's job-webhook secret (`GET /v1/webhooks/job-secret`), derived from BETTER_AUTH_SECRET
 * and the tenant id, so nothing secret is stored per job. Attempts are recorded under the
 * pseudo endpoint id `job:<jobId>` and listed at `GET /v1/jobs/{id}/webhook-deliveries`.
 */
import type { Env } from "../env";
import { ApiError } from "../http/problem";

export const JOB_ENDPOINT_PREFIX = "job:";

export const jobEndpointId = (jobId: string) => `${JOB_ENDPOINT_PREFIX}${jobId}`;

/** The tenant's `whsec_…` secret for per-job webhooks (stable; derived, never stored). */
export async function jobWebhookSecret(env: Env, tenantId: string): Promise<string> {
  if (!env.BETTER_AUTH_SECRET) throw new ApiError(503, "not-configured", "Webhooks unavailable", "Per-job webhooks need BETTER_AUTH_SECRET to be set.");
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(env.BETTER_AUTH_SECRET), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`evolve/job-webhooks/v1:${tenantId}`)));
  let s = "";
  for (const b of mac) s += String.fromCharCode(b);
  return `whsec_${btoa(s)}`;
}
