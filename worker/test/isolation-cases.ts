/**
 * The tenant-isolation table. worker/tenancy/isolation.test.ts signs up two tenants,
 * A (the caller) and B (the victim), and runs every case below with A's API key and with A's
 * owner session:
 * - "not-found": addressing one of B's things answers 404 (never 403: B's ids are not confirmed),
 *   the answer reveals none of B's other ids, and `unchanged` then checks B's thing is intact;
 * - "excludes": a listing answers 200 and contains none of B's ids or emails.
 * `adminOnly` lists A's own admin actions that a plain member of A must get 403 for.
 *
 * Adding a route? Add its cases here (one line each is typical) — the test picks them up.
 */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { bearer, call } from "./fixtures";
import type { TestTenant } from "./fixtures";

export interface Victim {
  tenant: TestTenant;
  /** A job row of B, inserted directly into D1 (with an R2 object under t/<B>/jobs/<id>/). */
  jobId: string;
  /** A second member of B (role member) and the accepted invitation that brought them in. */
  memberId: string;
  memberEmail: string;
  /** A pending invitation of B. */
  invitationId: string;
  /** A webhook endpoint of B (created through /v1/webhooks). */
  webhookId: string;
  /** A share link of B's job (row inserted directly). */
  linkId: string;
}

export interface IsolationCase {
  name: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: (b: Victim) => string;
  body?: (b: Victim) => unknown;
  expect: "not-found" | "excludes";
  unchanged?: (b: Victim) => Promise<void>;
  /** Session-only routes: an API key gets 403 for any target, so no id is confirmed either way. */
  keyForbidden?: boolean;
}

/** The secret-free identifiers of B that must never appear in A's answers. */
export function victimIds(b: Victim): string[] {
  return [b.tenant.tenantId, b.tenant.apiKeyId, b.jobId, b.memberId, b.invitationId, b.tenant.email, b.memberEmail, b.webhookId, b.linkId];
}

const bStillWorks = async (b: Victim) => expect((await call("/v1/usage", { headers: bearer(b.tenant.apiKey) })).status).toBe(200);
const memberRole = async (b: Victim) => expect((await env.DB.prepare("SELECT role FROM member WHERE id = ?").bind(b.memberId).first<{ role: string }>())?.role).toBe("member");
const invitationPending = async (b: Victim) => expect((await env.DB.prepare("SELECT status FROM invitation WHERE id = ?").bind(b.invitationId).first<{ status: string }>())?.status).toBe("pending");
const webhookIntact = async (b: Victim) =>
  expect(await env.DB.prepare("SELECT url, enabled FROM webhook_endpoint WHERE id = ?").bind(b.webhookId).first()).toEqual({ url: "https://b.example.test/hooks", enabled: 1 });
const linkIntact = async (b: Victim) => expect(await env.DB.prepare("SELECT revoked_at FROM access_link WHERE id = ?").bind(b.linkId).first()).toEqual({ revoked_at: null });
const jobIntact = async (b: Victim) => {
  expect(await env.DB.prepare("SELECT state FROM job WHERE id = ?").bind(b.jobId).first<{ state: string }>()).toEqual({ state: "succeeded" });
  expect((await env.BLOBS.list({ prefix: `t/${b.tenant.tenantId}/jobs/${b.jobId}/` })).objects.length).toBeGreaterThan(0);
};

export const isolationCases: IsolationCase[] = [
  // API keys
  { name: "list API keys", method: "GET", path: () => "/v1/api-keys", expect: "excludes" },
  { name: "revoke B's API key", method: "DELETE", path: (b) => `/v1/api-keys/${b.tenant.apiKeyId}`, expect: "not-found", unchanged: bStillWorks },
  // Members and invitations
  { name: "list members", method: "GET", path: () => "/v1/members", expect: "excludes" },
  { name: "change B's member's role", method: "PATCH", path: (b) => `/v1/members/${b.memberId}`, body: () => ({ role: "admin" }), expect: "not-found", unchanged: memberRole },
  { name: "remove B's member", method: "DELETE", path: (b) => `/v1/members/${b.memberId}`, expect: "not-found", unchanged: memberRole },
  { name: "list invitations", method: "GET", path: () => "/v1/invitations", expect: "excludes" },
  { name: "revoke B's invitation", method: "DELETE", path: (b) => `/v1/invitations/${b.invitationId}`, expect: "not-found", unchanged: invitationPending },
  // Tenants and usage
  { name: "list tenants", method: "GET", path: () => "/v1/tenants", expect: "excludes" },
  { name: "switch to B's tenant", method: "PUT", path: () => "/v1/tenants/active", body: (b) => ({ tenantId: b.tenant.tenantId }), expect: "not-found", keyForbidden: true },
  { name: "usage", method: "GET", path: () => "/v1/usage", expect: "excludes" },
  // Jobs (rows inserted directly for B; the jobs API answers 404 for another tenant's id)
  { name: "get B's job", method: "GET", path: (b) => `/v1/jobs/${b.jobId}`, expect: "not-found", unchanged: jobIntact },
  { name: "get B's job result", method: "GET", path: (b) => `/v1/jobs/${b.jobId}/result`, expect: "not-found" },
  { name: "cancel B's job", method: "POST", path: (b) => `/v1/jobs/${b.jobId}/cancel`, expect: "not-found", unchanged: jobIntact },
  { name: "delete B's job", method: "DELETE", path: (b) => `/v1/jobs/${b.jobId}`, expect: "not-found", unchanged: jobIntact },
  { name: "list jobs", method: "GET", path: () => "/v1/jobs", expect: "excludes" },
  { name: "B's job explanation", method: "GET", path: (b) => `/v1/jobs/${b.jobId}/explanation`, expect: "not-found" },
  { name: "export B's job", method: "GET", path: (b) => `/v1/jobs/${b.jobId}/exports/json`, expect: "not-found" },
  { name: "B's job events (SSE)", method: "GET", path: (b) => `/v1/jobs/${b.jobId}/events`, expect: "not-found" },
  { name: "pause B's job", method: "POST", path: (b) => `/v1/jobs/${b.jobId}/pause`, expect: "not-found", unchanged: jobIntact },
  { name: "resume B's job", method: "POST", path: (b) => `/v1/jobs/${b.jobId}/resume`, expect: "not-found", unchanged: jobIntact },
  { name: "fork B's job", method: "POST", path: (b) => `/v1/jobs/${b.jobId}/fork`, body: () => ({}), expect: "not-found" },
  { name: "replay B's job", method: "POST", path: (b) => `/v1/jobs/${b.jobId}/replay`, body: () => ({}), expect: "not-found" },
  // Calendar feeds and share links of B's job
  { name: "list B's job share links", method: "GET", path: (b) => `/v1/jobs/${b.jobId}/share-links`, expect: "not-found" },
  { name: "create a share link on B's job", method: "POST", path: (b) => `/v1/jobs/${b.jobId}/share-links`, body: () => ({}), expect: "not-found" },
  { name: "revoke B's share link", method: "DELETE", path: (b) => `/v1/jobs/${b.jobId}/share-links/${b.linkId}`, expect: "not-found", unchanged: linkIntact },
  { name: "list B's job calendar feeds", method: "GET", path: (b) => `/v1/jobs/${b.jobId}/calendar-feeds`, expect: "not-found" },
  // Tenant webhooks
  { name: "list webhooks", method: "GET", path: () => "/v1/webhooks", expect: "excludes" },
  { name: "get B's webhook", method: "GET", path: (b) => `/v1/webhooks/${b.webhookId}`, expect: "not-found" },
  { name: "change B's webhook", method: "PATCH", path: (b) => `/v1/webhooks/${b.webhookId}`, body: () => ({ enabled: false }), expect: "not-found", unchanged: webhookIntact },
  { name: "rotate B's webhook secret", method: "POST", path: (b) => `/v1/webhooks/${b.webhookId}/rotate-secret`, expect: "not-found", unchanged: webhookIntact },
  { name: "B's webhook deliveries", method: "GET", path: (b) => `/v1/webhooks/${b.webhookId}/deliveries`, expect: "not-found" },
  { name: "delete B's webhook", method: "DELETE", path: (b) => `/v1/webhooks/${b.webhookId}`, expect: "not-found", unchanged: webhookIntact },
  // Billing
  { name: "billing overview", method: "GET", path: () => "/v1/billing", expect: "excludes" },
];

export interface AdminOnlyCase {
  name: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** `owner` is A's owner member id (a target that exists), `keyId` one of A's API keys. */
  path: (a: { ownerMemberId: string; keyId: string }) => string;
  body?: unknown;
}

/** A's admin actions: a plain member of A gets 403 problem+json for each. */
export const adminOnlyCases: AdminOnlyCase[] = [
  { name: "list API keys", method: "GET", path: () => "/v1/api-keys" },
  { name: "create an API key", method: "POST", path: () => "/v1/api-keys", body: { name: "mine" } },
  { name: "revoke an API key", method: "DELETE", path: (a) => `/v1/api-keys/${a.keyId}` },
  { name: "change a role", method: "PATCH", path: (a) => `/v1/members/${a.ownerMemberId}`, body: { role: "member" } },
  { name: "remove a member", method: "DELETE", path: (a) => `/v1/members/${a.ownerMemberId}` },
  { name: "invite", method: "POST", path: () => "/v1/invitations", body: { email: "someone@example.test" } },
  { name: "list invitations", method: "GET", path: () => "/v1/invitations" },
  { name: "start checkout", method: "POST", path: () => "/v1/billing/checkout", body: { tier: "pro" } },
  { name: "open the billing portal", method: "POST", path: () => "/v1/billing/portal" },
];
