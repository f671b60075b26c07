/**
 * `npm run attack` — known attacks against the local stack (started like `npm run dev` by
 * scripts/local-stack.ts), each with the answer a safe Worker gives. Prints a markdown table:
 * attack, expected answer, actual answer, time, worker memory (RSS of the stack's workerd
 * processes after the attack). Exits 1 when any answer differs from the expected one.
 *
 *   npm run attack                 # start a fresh local stack, attack it, stop it
 *   npm run attack -- --url http://127.0.0.1:8787   # attack a running `npm run dev` instead
 *   npm run attack -- --keep       # keep the stack's state folder (and its log) afterwards
 *
 * Each attack is a row of ATTACKS: `{ name, expected, send(ctx) }`, where `send` returns the
 * actual answer as a short string compared with `expected`. Add rows here; `ctx` holds a signed-up
 * tenant (session cookie and an admin key) and helpers. The fix behind each row has a test next
 * to its code (named in `where`).
 */
import { readdirSync, readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { removeState, startLocalStack, type LocalStack } from "./local-stack";

const { values: args } = parseArgs({ options: { url: { type: "string" }, keep: { type: "boolean", default: false } } });

interface Ctx {
  base: string;
  /** The local stack's log file (wrangler + workerd output), when we started it. */
  logPath?: string;
  req(path: string, init?: RequestInit): Promise<Response>;
  /** A fresh tenant: session cookie, admin API key and its id. */
  tenant(): Promise<Tenant>;
}

interface Tenant {
  email: string;
  cookie: string;
  tenantId: string;
  adminKey: string;
  adminKeyId: string;
}

interface Attack {
  name: string;
  expected: string;
  /** The test that covers the fix. */
  where: string;
  send(ctx: Ctx): Promise<string>;
}

const PASSWORD = "attack-test-password-123";

async function json(res: Response): Promise<any> {
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return { text };
  }
}

function cookieOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

async function createKey(ctx: Ctx, headers: Record<string, string>, scopes: string[]): Promise<{ key: string; id: string }> {
  const res = await ctx.req("/v1/api-keys", { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify({ name: "attack", scopes }) });
  const body = await json(res);
  if (res.status !== 201) throw new Error(`key creation ${res.status}: ${JSON.stringify(body)}`);
  return { key: body.key, id: body.apiKey.id };
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

/** One tenant for all entry-point-limit rows (sign-ups per IP are limited too; these rows never start a job). */
let limitsTenantPromise: Promise<Tenant> | undefined;
const limitsTenant = (ctx: Ctx) => (limitsTenantPromise ??= ctx.tenant());

/** Signs in with an off-site `redirectTo`; a safe Worker lands on the app instead. */
function openRedirect(name: string, redirectTo: string): Attack {
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

const ATTACKS: Attack[] = [
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
  // ---- entry-point limits (docs/decisions/007-entry-point-limits.md) ----
  {
    name: "150-byte .ctt declaring Days: 50000000 (POST /v1/jobs)",
    expected: "422 MAX_DAYS line 4",
    where: "worker/problems/measure.test.ts",
    async send(ctx) {
      const t = await limitsTenant(ctx);
      const text = "Name: x\nCourses: 1\nRooms: 1\nDays: 50000000\nPeriods_per_day: 6\nCurricula: 1\nConstraints: 0\n";
      const res = await ctx.req("/v1/jobs", {
        method: "POST",
        headers: { ...bearer(t.adminKey), "content-type": "application/json" },
        body: JSON.stringify({ problem: { kind: "timetabling", format: "ctt", text }, budget: { evaluations: 1000 } }),
      });
      const b = await json(res);
      return `${res.status} ${b.limit?.name} line ${b.errors?.[0]?.line}`;
    },
  },
  {
    name: "curriculum declaring 20,000 courses (POST /v1/problems/validate)",
    expected: "422 MAX_COURSES",
    where: "worker/problems/measure.test.ts",
    async send(ctx) {
      const t = await limitsTenant(ctx);
      const text = "Name: x\nCourses: 20000\nRooms: 1\nDays: 5\nPeriods_per_day: 6\nCurricula: 1\nConstraints: 0\n";
      const res = await ctx.req("/v1/problems/validate", {
        method: "POST",
        headers: { ...bearer(t.adminKey), "content-type": "application/json" },
        body: JSON.stringify({ problem: { kind: "timetabling", format: "ctt", text } }),
      });
      return `${res.status} ${(await json(res)).limit?.name}`;
    },
  },
  {
    name: "TSPLIB header DIMENSION: 3000 + EDGE_WEIGHT_TYPE: EXPLICIT on the free plan (upload)",
    expected: "402 maxSize.cities",
    where: "worker/problems/measure.test.ts",
    async send(ctx) {
      const t = await limitsTenant(ctx);
      const form = new FormData();
      form.set("file", new File(["NAME: x\nTYPE: TSP\nDIMENSION: 3000\nEDGE_WEIGHT_TYPE: EXPLICIT\nEDGE_WEIGHT_FORMAT: FULL_MATRIX\nEDGE_WEIGHT_SECTION\n1 2 3\nEOF\n"], "big.tsp"));
      form.set("budget", JSON.stringify({ evaluations: 1000 }));
      const res = await ctx.req("/v1/jobs", { method: "POST", headers: bearer(t.adminKey), body: form });
      return `${res.status} ${(await json(res)).limit}`;
    },
  },
  {
    name: "XLSX of a few KB whose used range is A1:XFD1048576 (upload)",
    expected: "422 MAX_SHEET_CELLS",
    where: "worker/problems/measure.test.ts",
    async send(ctx) {
      const t = await limitsTenant(ctx);
      const XLSX = await import("@e965/xlsx");
      const { strFromU8, strToU8, unzipSync, zipSync } = await import("fflate");
      const wb = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(
        wb,
        XLSX.utils.aoa_to_sheet([
          ["id", "name"],
          ["c1", "Maths"],
        ]),
        "Courses",
      );
      const files = unzipSync(new Uint8Array(XLSX.write(wb, { type: "array", bookType: "xlsx" }) as ArrayBuffer));
      for (const f of Object.keys(files)) if (f.startsWith("xl/worksheets/")) files[f] = strToU8(strFromU8(files[f]).replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>'));
      const form = new FormData();
      form.set("file", new File([zipSync(files)], "school.xlsx"));
      form.set("budget", JSON.stringify({ evaluations: 1000 }));
      const res = await ctx.req("/v1/jobs", { method: "POST", headers: bearer(t.adminKey), body: form });
      return `${res.status} ${(await json(res)).limit?.name}`;
    },
  },
  {
    name: "population 1000 on the free plan (limit 100)",
    expected: "402 maxSize.population",
    where: "worker/problems/measure.test.ts",
    async send(ctx) {
      const t = await limitsTenant(ctx);
      const res = await ctx.req("/v1/jobs", {
        method: "POST",
        headers: { ...bearer(t.adminKey), "content-type": "application/json" },
        body: JSON.stringify({ problem: { kind: "continuous", function: "sphere", dimension: 5 }, algorithm: "ga", parameters: { popSize: 1000 }, budget: { evaluations: 2000 } }),
      });
      return `${res.status} ${(await json(res)).limit}`;
    },
  },
  {
    name: "9 MiB body to a Remix action (/sign-in, no session)",
    expected: "413",
    where: "worker/http/entry-points.test.ts",
    async send(ctx) {
      const res = await ctx.req("/sign-in", { method: "POST", headers: { origin: ctx.base, "content-type": "application/x-www-form-urlencoded" }, body: "x".repeat(9 * 1024 * 1024) });
      await res.body?.cancel();
      return String(res.status);
    },
  },
  {
    name: "2 MiB body to the Stripe webhook",
    expected: "413 body-too-large",
    where: "worker/http/entry-points.test.ts",
    async send(ctx) {
      const res = await ctx.req("/api/billing/webhook", { method: "POST", headers: { "content-type": "application/json", "stripe-signature": "t=1,v1=x" }, body: "x".repeat(2 * 1024 * 1024) });
      const b = await json(res);
      return `${res.status} ${String(b.type ?? "")
        .split("/")
        .pop()}`;
    },
  },
  {
    name: "login CSRF: cross-site POST /sign-in (Origin: https://evil.example)",
    expected: "403",
    where: "worker/http/entry-points.test.ts",
    async send(ctx) {
      const res = await ctx.req("/sign-in", {
        method: "POST",
        redirect: "manual",
        headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
        body: "email=a%40b.test&password=x",
      });
      await res.body?.cancel();
      return String(res.status);
    },
  },
  {
    name: "31 share-link export downloads from one IP in a minute",
    expected: "429",
    where: "worker/http/entry-points.test.ts",
    async send(ctx) {
      let status = 0;
      for (let i = 0; i < 31; i++) {
        const res = await ctx.req(`/v1/share/shr_attack_${i}.x/exports/csv?i=${i}`);
        await res.body?.cancel();
        status = res.status;
      }
      return String(status);
    },
  },
  {
    name: "anonymous GET /v1/health (no R2 write, no queue message, no internals)",
    expected: '200 {"status":"ok"}',
    where: "worker/http/entry-points.test.ts",
    async send(ctx) {
      const res = await ctx.req("/v1/health");
      return `${res.status} ${await res.text()}`;
    },
  },
  {
    name: "catastrophic regex in an objective: /^(a+)+$/.test('a'.repeat(30)+'b')",
    expected: "200 valid:false [call-time]",
    where: "worker/sandbox/bounds.test.ts",
    async send(ctx) {
      const t = await limitsTenant(ctx);
      const code = "export function fitness(x) { return /^(a+)+$/.test('a'.repeat(30) + 'b') ? 1 : 0; }";
      const res = await ctx.req("/v1/problems/validate", {
        method: "POST",
        headers: { ...bearer(t.adminKey), "content-type": "application/json" },
        body: JSON.stringify({ problem: { kind: "continuous", dimension: 2, bounds: [-1, 1], objective: { language: "javascript", code } } }),
      });
      const b = await json(res);
      return `${res.status} valid:${b.valid} ${/\[[a-z-]+\]/.exec(b.errors?.[0]?.message ?? "")?.[0] ?? JSON.stringify(b).slice(0, 80)}`;
    },
  },
  {
    name: "new Date() in an objective (would break replay)",
    expected: "200 valid:false [threw]",
    where: "worker/sandbox/bounds.test.ts",
    async send(ctx) {
      const t = await limitsTenant(ctx);
      const code = "export function fitness(x) { return new Date().getTime() % 7; }";
      const res = await ctx.req("/v1/problems/validate", {
        method: "POST",
        headers: { ...bearer(t.adminKey), "content-type": "application/json" },
        body: JSON.stringify({ problem: { kind: "continuous", dimension: 2, bounds: [-1, 1], objective: { language: "javascript", code } } }),
      });
      const b = await json(res);
      return `${res.status} valid:${b.valid} ${/\[[a-z-]+\]/.exec(b.errors?.[0]?.message ?? "")?.[0] ?? JSON.stringify(b).slice(0, 80)}`;
    },
  },
  // Last on purpose: answered 413 before its chunked body was read, it leaves wrangler dev's local
  // proxy connection unusable, and the next request on it got a 503 (a local artifact, not the Worker's).
  {
    name: "256 KiB streamed without Content-Length to /api/auth/sign-in/email (cap 64 KiB)",
    expected: "413",
    where: "worker/http/entry-points.test.ts",
    async send(ctx) {
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(c) {
          // Small enough to be written before the 413 arrives (a larger upload races the answer: the
          // Worker stops reading at the cap and the client may see the connection reset instead).
          if (sent >= 256 * 1024) return c.close();
          sent += 65_536;
          c.enqueue(new Uint8Array(65_536).fill(97));
        },
      });
      const res = await ctx.req("/api/auth/sign-in/email", { method: "POST", headers: { origin: ctx.base, "content-type": "application/json" }, body, duplex: "half" } as RequestInit);
      const text = await res.text();
      // A non-413 shows where it came from (the Worker's problem type, or the local proxy's text).
      return res.status === 413 ? "413" : `${res.status} ${text.slice(0, 80).replace(/\s+/g, " ")}`;
    },
  },
];

/** Resident memory (MiB) of the workerd processes under the wrangler started for `stateDir`. */
function workerMemoryMiB(stateDir: string | undefined): string {
  if (!stateDir) return "n/a";
  try {
    const procs = readdirSync("/proc").filter((p) => /^\d+$/.test(p));
    const parentOf = new Map<string, string>();
    const cmd = new Map<string, string>();
    for (const p of procs) {
      try {
        const stat = readFileSync(`/proc/${p}/stat`, "utf8");
        parentOf.set(p, stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        cmd.set(p, readFileSync(`/proc/${p}/cmdline`, "utf8").replaceAll("\0", " "));
      } catch {
        // the process ended meanwhile
      }
    }
    const roots = new Set([...cmd].filter(([, c]) => c.includes("wrangler") && c.includes(stateDir)).map(([p]) => p));
    const under = (p: string): boolean => {
      for (let q = parentOf.get(p), i = 0; q && q !== "0" && i < 20; q = parentOf.get(q), i++) if (roots.has(q)) return true;
      return false;
    };
    let kb = 0;
    for (const [p, c] of cmd) {
      if (!c.includes("workerd") || !under(p)) continue;
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"));
      kb += m ? Number(m[1]) : 0;
    }
    return kb ? `${(kb / 1024).toFixed(0)} MiB` : "n/a";
  } catch {
    return "n/a";
  }
}

async function main() {
  let stack: LocalStack | undefined;
  const base = args.url ?? (stack = await startLocalStack()).baseURL;
  const req = (path: string, init?: RequestInit) => fetch(base + path, init);
  let n = 0;
  const ctx: Ctx = {
    base,
    logPath: stack?.logPath,
    req,
    async tenant() {
      n += 1;
      const email = `attack-${n}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@attack.test`;
      const res = await req("/api/auth/sign-up/email", {
        method: "POST",
        headers: { "content-type": "application/json", origin: base },
        body: JSON.stringify({ name: "Attacker", email, password: PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`sign-up ${res.status}: ${await res.text()}`);
      const cookie = cookieOf(res);
      const tenants = await json(await req("/v1/tenants", { headers: { cookie, origin: base } }));
      const tenantId = tenants.data.find((x: { active: boolean }) => x.active).id;
      const admin = await createKey(ctx, { cookie, origin: base }, ["jobs:read", "jobs:write", "admin"]);
      return { email, cookie, tenantId, adminKey: admin.key, adminKeyId: admin.id };
    },
  };
  const rows: string[] = [];
  let failed = 0;
  try {
    for (const attack of ATTACKS) {
      const started = performance.now();
      let actual: string;
      try {
        actual = await attack.send(ctx);
      } catch (e) {
        actual = `error: ${(e as Error).message.slice(0, 120)}`;
      }
      const ms = performance.now() - started;
      const ok = actual.startsWith(attack.expected);
      if (!ok) failed += 1;
      rows.push(`| ${attack.name} | ${attack.expected} | ${ok ? "" : "**"}${actual}${ok ? "" : "**"} | ${ms.toFixed(0)} ms | ${workerMemoryMiB(stack?.stateDir)} | \`${attack.where}\` |`);
    }
  } finally {
    await stack?.stop();
    if (stack && !args.keep) removeState(stack.stateDir);
    else if (stack) console.error(`state and log kept in ${stack.stateDir}`);
  }
  console.log(["| attack | expected | actual | time | worker memory | test |", "|---|---|---|---|---|---|", ...rows].join("\n"));
  console.log(`\n${ATTACKS.length - failed} of ${ATTACKS.length} attacks answered as expected.`);
  if (failed) process.exitCode = 1;
}

await main();
