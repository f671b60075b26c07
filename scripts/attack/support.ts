/**
 * What every attack row of scripts/attack.ts shares: the row and context types, the password of the
 * tenants it signs up, response helpers, API keys, and the open-redirect row maker.
 */
export interface Ctx {
  base: string;
  /** The local stack's log file (wrangler + workerd output), when we started it. */
  logPath?: string;
  req(path: string, init?: RequestInit): Promise<Response>;
  /** A fresh tenant: session cookie, admin API key and its id. */
  tenant(): Promise<Tenant>;
}

export interface Tenant {
  email: string;
  cookie: string;
  tenantId: string;
  adminKey: string;
  adminKeyId: string;
}

export interface Attack {
  name: string;
  expected: string;
  /** The test that covers the fix. */
  where: string;
  send(ctx: Ctx): Promise<string>;
}

export const PASSWORD = "attack-test-password-123";

export async function json(res: Response): Promise<any> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return { text };
  }
}

export function cookieOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

export async function createKey(ctx: Ctx, headers: Record<string, string>, scopes: string[]): Promise<{ key: string; id: string }> {
  const res = await ctx.req("/v1/api-keys", { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify({ name: "attack", scopes }) });
  const body = await json(res);
  if (res.status !== 201) throw new Error(`key creation ${res.status}: ${JSON.stringify(body)}`);
  return { key: body.key, id: body.apiKey.id };
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** One tenant for all entry-point-limit rows (sign-ups per IP are limited too; these rows never start a job). */
let limitsTenantPromise: Promise<Tenant> | undefined;
export const limitsTenant = (ctx: Ctx) => (limitsTenantPromise ??= ctx.tenant());

/** Signs in with an off-site `redirectTo`; a safe Worker lands on the app instead. */
export function openRedirect(name: string, redirectTo: string): Attack {
  return {
    name,
    expected: "302 → /app/jobs",
    where: "web/app/components/safe-redirect.test.ts",
    async send(ctx) {
      const t = await ctx.tenant();
      const form = new URLSearchParams({ email: t.email, password: PASSWORD, redirectTo });
      const res = await ctx.req("/sign-in", { method: "POST", body: form, redirect: "manual", headers: { origin: ctx.base } });
      return `${res.status} → ${res.headers.get("location")}`;
    },
  };
}
