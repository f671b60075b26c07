/** Attack rows on accounts, keys and secrets: open redirects, idempotency replays, password guessing, mail and organization spam, revoked keys, tokens in logs. */
import { readFileSync } from "node:fs";
import { type Attack, bearer, createKey, json, openRedirect } from "./support";

export const ACCOUNT_ATTACKS: Attack[] = [
  openRedirect("open redirect after sign-in: redirectTo=/.//evil.com", "/.//evil.com"),
  openRedirect("open redirect: redirectTo=/%2e//evil.com", "/%2e//evil.com"),
  {
    name: "idempotency replay: jobs:read key replays an admin's rotate-secret key",
    expected: "403",
    where: "worker/api/idempotency.test.ts",
    async send(ctx) {
      const t = await ctx.tenant();
      const ep = await json(
        await ctx.req("/v1/webhooks", {
          method: "POST",
          headers: { ...bearer(t.adminKey), "content-type": "application/json" },
          body: JSON.stringify({ url: "https://hooks.example.com/a", events: ["job.failed"] }),
        }),
      );
      const reader = await createKey(ctx, { cookie: t.cookie, origin: ctx.base }, ["jobs:read"]);
      const key = `attack-${crypto.randomUUID()}`;
      await ctx.req(`/v1/webhooks/${ep.id}/rotate-secret`, { method: "POST", headers: { ...bearer(t.adminKey), "idempotency-key": key } });
      const replay = await ctx.req(`/v1/webhooks/${ep.id}/rotate-secret`, { method: "POST", headers: { ...bearer(reader.key), "idempotency-key": key } });
      const text = await replay.text();
      return `${replay.status}${text.includes("whsec_") ? " (secret leaked)" : ""}`;
    },
  },
  {
    name: "idempotency replay of a secret-bearing answer (same caller)",
    expected: "409 secret-shown-once",
    where: "worker/api/idempotency.test.ts",
    async send(ctx) {
      const t = await ctx.tenant();
      const key = `attack-${crypto.randomUUID()}`;
      const init = () => ({
        method: "POST",
        headers: { ...bearer(t.adminKey), "content-type": "application/json", "idempotency-key": key },
        body: JSON.stringify({ url: "https://hooks.example.com/b", events: ["job.failed"] }),
      });
      await ctx.req("/v1/webhooks", init());
      const replay = await ctx.req("/v1/webhooks", init());
      const body = await json(replay);
      return `${replay.status} ${String(body.type ?? "")
        .split("/")
        .pop()}${JSON.stringify(body).includes("whsec_") ? " (secret leaked)" : ""}`;
    },
  },
  ...["https://169.254.169.254/latest/meta-data/", "https://2130706433/", "https://[::ffff:127.0.0.1]/", "https://[fd00:ec2::254]/", "https://api.localhost/", "https://hooks.example.com:8443/"].map(
    (url): Attack => ({
      name: `webhook to an internal target: ${url}`,
      expected: "422 url",
      where: "worker/webhooks/target.test.ts",
      async send(ctx) {
        const t = await ctx.tenant();
        const res = await ctx.req("/v1/webhooks", { method: "POST", headers: { ...bearer(t.adminKey), "content-type": "application/json" }, body: JSON.stringify({ url, events: ["job.failed"] }) });
        const body = await json(res);
        return `${res.status} ${body.errors?.[0]?.path ?? ""}`.trim();
      },
    }),
  ),
  {
    name: "password guessing: 11 sign-ins on one account in a minute",
    expected: "429",
    where: "worker/auth/abuse-limits.test.ts",
    async send(ctx) {
      const t = await ctx.tenant();
      let last = 0;
      for (let i = 0; i < 11; i++) {
        const res = await ctx.req("/api/auth/sign-in/email", {
          method: "POST",
          headers: { "content-type": "application/json", origin: ctx.base },
          body: JSON.stringify({ email: t.email, password: `guess-${i}-password` }),
        });
        last = res.status;
        await res.body?.cancel();
      }
      return String(last);
    },
  },
  {
    name: "password guessing through the web form (bypassed better-auth's limiter)",
    expected: "429",
    where: "worker/auth/abuse-limits.test.ts",
    async send(ctx) {
      const t = await ctx.tenant();
      let last = 0;
      for (let i = 0; i < 11; i++) {
        const form = new URLSearchParams({ email: t.email, password: `guess-${i}-password`, redirectTo: "" });
        const res = await ctx.req("/sign-in", { method: "POST", body: form, redirect: "manual", headers: { origin: ctx.base } });
        last = res.status;
        await res.body?.cancel();
      }
      return String(last);
    },
  },
  {
    name: "reset-mail bombing: 4 password-reset requests for one address",
    expected: "429",
    where: "worker/auth/abuse-limits.test.ts",
    async send(ctx) {
      const t = await ctx.tenant();
      let last = 0;
      for (let i = 0; i < 4; i++) {
        const res = await ctx.req("/api/auth/request-password-reset", {
          method: "POST",
          headers: { "content-type": "application/json", origin: ctx.base },
          body: JSON.stringify({ email: t.email, redirectTo: "/reset-password" }),
        });
        last = res.status;
        await res.body?.cancel();
      }
      return String(last);
    },
  },
  {
    name: "organization spam: an 11th organization for one account",
    expected: "409 organization-limit",
    where: "worker/auth/abuse-limits.test.ts",
    async send(ctx) {
      const t = await ctx.tenant();
      let res: Response | undefined;
      for (let i = 0; i < 10; i++) {
        res = await ctx.req("/v1/tenants", { method: "POST", headers: { cookie: t.cookie, origin: ctx.base, "content-type": "application/json" }, body: JSON.stringify({ name: `Spam ${i}` }) });
        if (res.status !== 201) break;
        await res.body?.cancel();
      }
      const body = await json(res!);
      return `${res!.status} ${String(body.type ?? "")
        .split("/")
        .pop()}`;
    },
  },
  {
    name: "a key minted by a revoked admin key",
    expected: "401",
    where: "worker/api-keys/lifecycle.test.ts",
    async send(ctx) {
      const t = await ctx.tenant();
      const child = await createKey(ctx, bearer(t.adminKey), ["jobs:read", "jobs:write", "admin"]);
      await ctx.req(`/v1/api-keys/${t.adminKeyId}`, { method: "DELETE", headers: { cookie: t.cookie, origin: ctx.base } });
      const res = await ctx.req("/v1/jobs", { headers: bearer(child.key) });
      return String(res.status);
    },
  },
  {
    name: "a key of a deleted organization",
    expected: "401",
    where: "worker/api-keys/lifecycle.test.ts",
    async send(ctx) {
      const t = await ctx.tenant();
      await ctx.req("/api/auth/organization/delete", {
        method: "POST",
        headers: { cookie: t.cookie, origin: ctx.base, "content-type": "application/json" },
        body: JSON.stringify({ organizationId: t.tenantId }),
      });
      const res = await ctx.req("/v1/jobs", { headers: bearer(t.adminKey) });
      return String(res.status);
    },
  },
  {
    name: "share token in the request log",
    expected: "not in log",
    where: "worker/http/redact.test.ts",
    async send(ctx) {
      if (!ctx.logPath) return "not in log (skipped: no log file with --url)";
      const token = `shr_attack${crypto.randomUUID().replaceAll("-", "")}.sig`;
      await (await ctx.req(`/v1/share/${token}`)).body?.cancel();
      await (await ctx.req(`/share/${token}`)).body?.cancel();
      await new Promise((r) => setTimeout(r, 500));
      // The Worker's own lines (JSON). wrangler dev's access lines ("[wrangler:info] GET …") are the
      // local dev server's, not the Worker's; deployed, the platform's invocation records are off
      // (wrangler.toml [observability.logs] invocation_logs = false).
      const workerLines = readFileSync(ctx.logPath, "utf8")
        .split("\n")
        .filter((l) => !l.startsWith("[wrangler:"));
      return workerLines.some((l) => l.includes(token)) ? "token in log" : "not in log";
    },
  },
];
