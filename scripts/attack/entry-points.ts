/** Attack rows on the entry points: oversized problems and bodies, plan limits, login CSRF, rate limits, objectives that would hang or break replay. */
import { type Attack, bearer, json, limitsTenant } from "./support";

export const ENTRY_POINT_ATTACKS: Attack[] = [
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
