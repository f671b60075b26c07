/**
 * API keys: `evk_live_` + 32 random bytes (base64url). Shown once at creation; D1 keeps only the
 * SHA-256 of the whole key (enough for a 256-bit random secret — no need for a slow KDF) plus a
 * short display start (`evk_live_AbCd`). Keys belong to a tenant (`apikey.reference_id` = the
 * organization id), carry scopes, may expire, record when they were last used and are revoked by
 * disabling (the row stays for audit). Verification never says which part was wrong.
 *
 * The table is better-auth's `apikey` (from @better-auth/api-key's schema); we manage it here
 * rather than through the plugin so that scopes, tenant ownership and error answers are ours.
 *
 * A key never outlives what it was made under. Its creator (`metadata.createdBy`) is a user, or
 * the admin key that minted it. On every verification the chain up to the user must still hold:
 * each minting key enabled and unexpired, the user still an owner or admin of the tenant (only they
 * may create keys), and the organization still there. So removing or demoting the creator (by our
 * API or better-auth's own endpoints), revoking a minting key, or deleting the organization stops
 * the key at once. `revokeKeysCreatedBy` also marks those keys revoked, so the list shows it.
 */
import { and, desc, eq, inArray, lt } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import type { Env } from "../env";
import { apikey, member, organization } from "../db/schema";
import { ApiError } from "../http/problem";

export const KEY_PREFIX = "evk_live_";
/** `contribute`: lend this machine's compute to the tenant's jobs that allow it (worker/contribute/), nothing else. */
export const API_KEY_SCOPES = ["jobs:read", "jobs:write", "admin", "contribute"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
/**
 * Scopes of a new key unless chosen otherwise (API and the settings form): what a newcomer needs
 * to submit, watch and download jobs. `admin` is always an explicit choice.
 */
export const DEFAULT_API_KEY_SCOPES: readonly ApiKeyScope[] = ["jobs:read", "jobs:write"];

const KEY_PATTERN = /^evk_live_[A-Za-z0-9_-]{43}$/;
/** Characters of the key kept in clear for display: the prefix and 4 random characters. */
const DISPLAY_LENGTH = KEY_PREFIX.length + 4;
/** last-used time is written at most once per minute per key (saves a D1 write per request). */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiKeyView {
  id: string;
  name: string;
  start: string;
  scopes: ApiKeyScope[];
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdBy: string | null;
}

function base64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export async function hashApiKey(key: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

type Row = typeof apikey.$inferSelect;

function parseMeta(row: Row): { createdBy?: string; revokedAt?: number } {
  try {
    return row.metadata ? JSON.parse(row.metadata) : {};
  } catch {
    return {};
  }
}

function parseScopes(row: Row): ApiKeyScope[] {
  try {
    const scopes = JSON.parse(row.permissions ?? "[]");
    return Array.isArray(scopes) ? scopes.filter((s): s is ApiKeyScope => (API_KEY_SCOPES as readonly string[]).includes(s)) : [];
  } catch {
    return [];
  }
}

function toView(row: Row): ApiKeyView {
  const meta = parseMeta(row);
  return {
    id: row.id,
    name: row.name ?? "",
    start: row.start ?? KEY_PREFIX,
    scopes: parseScopes(row),
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt ? row.expiresAt.toISOString() : null,
    lastUsedAt: row.lastRequest ? row.lastRequest.toISOString() : null,
    revokedAt: meta.revokedAt ? new Date(meta.revokedAt).toISOString() : null,
    createdBy: meta.createdBy ?? null,
  };
}

/** Creates a key for the tenant and returns it in clear exactly once, with its stored view. */
export async function createApiKey(
  env: Env,
  tenantId: string,
  input: { name: string; scopes: ApiKeyScope[]; expiresAt?: Date | null; createdBy?: string },
): Promise<{ key: string; apiKey: ApiKeyView }> {
  const key = KEY_PREFIX + base64url(crypto.getRandomValues(new Uint8Array(32)));
  const now = new Date();
  const row = {
    id: `key_${crypto.randomUUID().replaceAll("-", "")}`,
    name: input.name,
    start: key.slice(0, DISPLAY_LENGTH),
    prefix: KEY_PREFIX,
    key: await hashApiKey(key),
    referenceId: tenantId,
    enabled: true,
    rateLimitEnabled: false,
    expiresAt: input.expiresAt ?? null,
    createdAt: now,
    updatedAt: now,
    permissions: JSON.stringify([...new Set(input.scopes)]),
    metadata: JSON.stringify({ createdBy: input.createdBy }),
  };
  await drizzle(env.DB).insert(apikey).values(row);
  return {
    key,
    apiKey: toView({
      ...row,
      configId: "default",
      refillInterval: null,
      refillAmount: null,
      lastRefillAt: null,
      rateLimitTimeWindow: null,
      rateLimitMax: null,
      requestCount: 0,
      remaining: null,
      lastRequest: null,
    } as Row),
  };
}

/** The tenant's keys, newest first (never the secret, only its start). */
export async function listApiKeys(env: Env, tenantId: string): Promise<ApiKeyView[]> {
  const rows = await drizzle(env.DB).select().from(apikey).where(eq(apikey.referenceId, tenantId)).orderBy(desc(apikey.createdAt)).all();
  return rows.map(toView);
}

/** Revokes one of the tenant's keys and every key it minted; another tenant's key id answers 404. Idempotent. */
export async function revokeApiKey(env: Env, tenantId: string, id: string): Promise<ApiKeyView> {
  const db = drizzle(env.DB);
  const row = await db
    .select()
    .from(apikey)
    .where(and(eq(apikey.id, id), eq(apikey.referenceId, tenantId)))
    .get();
  if (!row) throw new ApiError(404, "not-found", "API key not found", `No API key ${id} in this tenant.`);
  await revokeKeysCreatedBy(env, tenantId, id);
  if (row.enabled === false) return toView(row);
  const updated = await revokeRow(env, row);
  return toView({ ...row, ...updated });
}

async function revokeRow(env: Env, row: Row) {
  const updated = { enabled: false, updatedAt: new Date(), metadata: JSON.stringify({ ...parseMeta(row), revokedAt: Date.now() }) };
  await drizzle(env.DB)
    .update(apikey)
    .set(updated)
    .where(and(eq(apikey.id, row.id), eq(apikey.referenceId, row.referenceId)));
  return updated;
}

/**
 * Revokes the tenant's keys created by `creator` (a user id or a key id), and the keys those
 * minted, transitively. Called when a member is removed or demoted and when a key is revoked.
 * Returns the ids revoked.
 */
export async function revokeKeysCreatedBy(env: Env, tenantId: string, creator: string): Promise<string[]> {
  const rows = await drizzle(env.DB).select().from(apikey).where(eq(apikey.referenceId, tenantId)).all();
  const byCreator = new Map<string, Row[]>();
  for (const row of rows) {
    const by = parseMeta(row).createdBy;
    if (by) byCreator.set(by, [...(byCreator.get(by) ?? []), row]);
  }
  const revoked: string[] = [];
  const seen = new Set<string>([creator]);
  const queue = [creator];
  while (queue.length) {
    for (const row of byCreator.get(queue.shift()!) ?? []) {
      if (seen.has(row.id)) continue;
      seen.add(row.id);
      queue.push(row.id);
      if (row.enabled !== false) {
        await revokeRow(env, row);
        revoked.push(row.id);
      }
    }
  }
  return revoked;
}

/** Revokes every key of a tenant (its organization was deleted). */
export async function revokeTenantKeys(env: Env, tenantId: string): Promise<void> {
  const rows = await drizzle(env.DB)
    .select()
    .from(apikey)
    .where(and(eq(apikey.referenceId, tenantId), eq(apikey.enabled, true)))
    .all();
  for (const row of rows) await revokeRow(env, row);
}

/** Minting chains longer than this are refused (keys minting keys minting keys …). */
const MAX_CHAIN = 8;
/** Roles that may create keys: a key lives only while its creator still holds one. */
const KEY_ADMIN_ROLES = ["owner", "admin"];

/**
 * Whether the key's creator chain still stands: minting keys enabled and unexpired, in the same
 * tenant; the user at the top still an owner or admin of an organization that still exists.
 */
async function creatorChainHolds(env: Env, row: Row, now: number): Promise<boolean> {
  const db = drizzle(env.DB);
  let current = row;
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    const createdBy = parseMeta(current).createdBy;
    if (!createdBy) return false;
    if (createdBy.startsWith("key_")) {
      const parent = await db
        .select()
        .from(apikey)
        .where(and(eq(apikey.id, createdBy), eq(apikey.referenceId, row.referenceId)))
        .get();
      if (!parent || parent.enabled === false || (parent.expiresAt && parent.expiresAt.getTime() <= now)) return false;
      current = parent;
      continue;
    }
    const holder = await db
      .select({ role: member.role })
      .from(member)
      .innerJoin(organization, eq(organization.id, member.organizationId))
      .where(and(eq(member.organizationId, row.referenceId), eq(member.userId, createdBy), inArray(member.role, KEY_ADMIN_ROLES)))
      .get();
    return !!holder;
  }
  return false;
}

export interface VerifiedKey {
  id: string;
  tenantId: string;
  scopes: ApiKeyScope[];
}

/** Constant-time equality of two equal-length hex digests. */
function digestsEqual(a: string, b: string): boolean {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  if (x.byteLength !== y.byteLength) return false;
  return crypto.subtle.timingSafeEqual(x, y);
}

/**
 * Checks a presented key; undefined for malformed, unknown, revoked or expired keys alike (the
 * caller answers one indistinguishable 401). `touch` schedules the last-used update.
 */
export async function verifyApiKey(env: Env, presented: string, touch?: (p: Promise<unknown>) => void): Promise<VerifiedKey | undefined> {
  // Hash even malformed input so every failure costs the same work.
  const digest = await hashApiKey(presented);
  if (!KEY_PATTERN.test(presented)) return undefined;
  const db = drizzle(env.DB);
  const row = await db.select().from(apikey).where(eq(apikey.key, digest)).get();
  if (!row || !digestsEqual(row.key, digest)) return undefined;
  if (row.enabled === false) return undefined;
  const now = Date.now();
  if (row.expiresAt && row.expiresAt.getTime() <= now) return undefined;
  if (!(await creatorChainHolds(env, row, now))) return undefined;
  if (!row.lastRequest || now - row.lastRequest.getTime() > LAST_USED_RESOLUTION_MS) {
    const write = db
      .update(apikey)
      .set({ lastRequest: new Date(now) })
      .where(and(eq(apikey.id, row.id), row.lastRequest ? lt(apikey.lastRequest, new Date(now - LAST_USED_RESOLUTION_MS)) : eq(apikey.id, row.id)))
      .run();
    if (touch) touch(write);
    else await write;
  }
  return { id: row.id, tenantId: row.referenceId, scopes: parseScopes(row) };
}
