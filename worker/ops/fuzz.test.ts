/**
 * Fuzzing every public input with fast-check, inside workerd through the real Worker:
 * problem documents (random JSON, mutations of valid continuous / TSP / timetabling documents,
 * mutated .ctt and .tsp text), multipart uploads (random names and bytes), query strings of the
 * list routes, export parameters, and headers (Authorization, Idempotency-Key, Content-Type,
 * Last-Event-ID on SSE).
 *
 * Property, for every request: an answer comes back within 10 s, it is never a 5xx, and every
 * 4xx is problem+json whose `status` matches the HTTP status. Runs are bounded (numRuns 40–80)
 * so the file stays within about a minute.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { waitForEnd } from "../runtime/test-helpers";
import { bearer, call, json, createTenant, type TestTenant } from "../test/fixtures";

const CALL_TIMEOUT_MS = 10_000;
const RUNS = { numRuns: 40 };
/** The machine is shared: each property group gets its own generous limit; the calls themselves are fast. */
const GROUP_TIMEOUT_MS = 120_000;

/** One request; fails the property on a hang, a 5xx, or a 4xx that is not a matching problem+json. */
async function probe(path: string, init: RequestInit = {}): Promise<Response> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CALL_TIMEOUT_MS} ms: ${init.method ?? "GET"} ${path}`)), CALL_TIMEOUT_MS);
  });
  const res = await Promise.race([call(path, init), hang]).finally(() => clearTimeout(timer));
  if (res.status >= 500) throw new Error(`${init.method ?? "GET"} ${path} → ${res.status}: ${(await res.text()).slice(0, 500)}`);
  if (res.status >= 400) {
    const type = res.headers.get("content-type") ?? "";
    const text = await res.clone().text();
    if (!type.includes("application/problem+json")) throw new Error(`${path} → ${res.status} is ${type}: ${text.slice(0, 300)}`);
    const body = JSON.parse(text) as { status?: number; type?: string };
    if (body.status !== res.status || typeof body.type !== "string") throw new Error(`${path} → ${res.status} with problem ${text.slice(0, 300)}`);
  }
  // Streams (SSE, downloads) are not read to the end.
  if (res.status < 400) await res.body?.cancel();
  return res;
}

const CTT = `Name: Fuzz
Courses: 2
Rooms: 1
Days: 2
Periods_per_day: 2
Curricula: 1
Constraints: 1

COURSES:
c1 t1 2 1 10
c2 t2 1 1 20

ROOMS:
r1 30

CURRICULA:
q1 2 c1 c2

UNAVAILABILITY_CONSTRAINTS:
c1 0 0

END.
`;
const TSP_TEXT = `NAME: fuzz5
TYPE: TSP
DIMENSION: 5
EDGE_WEIGHT_TYPE: EUC_2D
NODE_COORD_SECTION
1 0 0
2 10 0
3 10 10
4 0 10
5 5 5
EOF
`;
const VALID_DOCS: unknown[] = [
  { kind: "continuous", function: "sphere", dimension: 3 },
  { kind: "continuous", function: "rastrigin", dimension: 5, bounds: [-5.12, 5.12] },
  {
    kind: "tsp",
    name: "ring",
    coordinates: [
      [0, 0],
      [10, 0],
      [10, 10],
      [0, 10],
      [5, 5],
    ],
  },
  { kind: "timetabling", format: "ctt", text: CTT },
];

const printable = (maxLength: number) => fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength });
const weird = fc.constantFrom<unknown>(undefined, null, true, -1, 0, 1e308, -1e308, 2 ** 53, 0.5, "", "NaN", "x".repeat(5000), [], {}, [[]], { kind: "tsp" });
const jsonish = fc.oneof(fc.jsonValue({ maxDepth: 3 }), weird);

/** Every path (arrays and objects) inside a JSON value. */
function paths(v: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (v && typeof v === "object") for (const [k, child] of Object.entries(v)) paths(child, [...prefix, Array.isArray(v) ? Number(k) : k], out);
  return out;
}

/** Replaces (or deletes, for `undefined`) the value at one of the document's paths. */
function mutate(doc: unknown, at: number, value: unknown): unknown {
  const copy = structuredClone(doc) as Record<string, unknown>;
  const all = paths(copy).slice(1);
  if (!all.length) return value;
  const path = all[at % all.length];
  let parent = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (value === undefined && !Array.isArray(parent)) delete parent[last];
  else parent[last] = value;
  return copy;
}

const mutatedDoc = fc.tuple(fc.constantFrom(...VALID_DOCS), fc.nat(), jsonish, fc.nat(3)).map(([doc, at, value, times]) => {
  let d = mutate(doc, at, value);
  for (let i = 0; i < times; i++) d = mutate(d, at * (i + 7), value);
  return d;
});

/** Text edits: delete a span and insert something nasty at a position (repeated). */
const textEdit = fc.record({
  at: fc.nat(),
  del: fc.nat(20),
  insert: fc.oneof(printable(12), fc.constantFrom("\n", "\r\n", "-1", "999999999", "1e999", "END.", ":", "\t", "\u0000", "ü", "COURSES:\n")),
});
function editText(text: string, edits: { at: number; del: number; insert: string }[]): string {
  let t = text;
  for (const e of edits) {
    const at = e.at % (t.length + 1);
    t = t.slice(0, at) + e.insert + t.slice(at + e.del);
  }
  return t;
}
const mutatedText = fc.tuple(fc.constantFrom(CTT, TSP_TEXT), fc.array(textEdit, { minLength: 1, maxLength: 6 })).map(([t, edits]) => ({ base: t === CTT ? "ctt" : "tsp", text: editText(t, edits) }));

let t: TestTenant;
let finishedId: string;

beforeAll(async () => {
  t = await createTenant();
  // Enterprise limits, so valid fuzzed jobs are admitted (and run briefly) instead of all being 429s.
  await env.DB.prepare("INSERT INTO subscription (tenant_id, tier, status) VALUES (?, 'enterprise', 'active') ON CONFLICT (tenant_id) DO UPDATE SET tier = 'enterprise', status = 'active'")
    .bind(t.tenantId)
    .run();
  const res = await call("/v1/jobs", json({ problem: VALID_DOCS[3], seed: 1, budget: { evaluations: 2_000 } }, bearer(t.apiKey)));
  expect(res.status, await res.clone().text()).toBe(202);
  finishedId = ((await res.json()) as { id: string }).id;
  await waitForEnd(t.tenantId, finishedId, 60_000);
});

const TINY_BUDGET = { evaluations: 50 };

describe("fuzzing public inputs: never a 5xx, never a hang, 4xx always problem+json", () => {
  it(
    "problem documents: random JSON and mutations of valid ones through validate and POST /v1/jobs",
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(mutatedDoc, jsonish), fc.boolean(), async (doc, submit) => {
          await probe("/v1/problems/validate", json({ problem: doc }, bearer(t.apiKey)));
          if (submit) await probe("/v1/jobs", json({ problem: doc, budget: TINY_BUDGET }, bearer(t.apiKey)));
        }),
        RUNS,
      );
      // Whole bodies of any shape, and bodies that are not JSON at all.
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            jsonish.map((v) => JSON.stringify(v) ?? ""),
            printable(200),
          ),
          fc.constantFrom("/v1/problems/validate", "/v1/jobs"),
          async (body, path) => {
            await probe(path, { method: "POST", headers: { ...bearer(t.apiKey), "content-type": "application/json" }, body });
          },
        ),
        { numRuns: 50 },
      );
    },
    GROUP_TIMEOUT_MS,
  );

  it(
    "problem text: mutated .ctt and .tsp, inline and as multipart uploads with random names and bytes",
    async () => {
      await fc.assert(
        fc.asyncProperty(mutatedText, async ({ base, text }) => {
          const doc = base === "ctt" ? { kind: "timetabling", format: "ctt", text } : { kind: "tsp", format: "tsplib", text };
          await probe("/v1/problems/validate", json({ problem: doc }, bearer(t.apiKey)));
          const form = new FormData();
          form.set("file", new File([text], `fuzz.${base}`));
          await probe("/v1/problems/validate", { method: "POST", headers: bearer(t.apiKey), body: form });
        }),
        RUNS,
      );
      const fileName = fc.tuple(printable(30), fc.constantFrom(".ctt", ".tsp", ".json", ".csv", ".xlsx", ".exe", "", ".CTT", ".tar.gz")).map(([n, e]) => n + e);
      const bytes = fc.oneof(
        fc.uint8Array({ maxLength: 3_000 }),
        mutatedText.map((m) => new TextEncoder().encode(m.text)),
      );
      const extra = fc.dictionary(fc.constantFrom("kind", "algorithm", "parameters", "seed", "budget", "islands", "name", "x"), printable(40), { maxKeys: 4 });
      await fc.assert(
        fc.asyncProperty(fileName, bytes, extra, fc.constantFrom("/v1/problems/validate", "/v1/jobs"), fc.boolean(), async (name, content, fields, path, withFile) => {
          const form = new FormData();
          if (withFile) form.set("file", new File([content], name));
          for (const [k, v] of Object.entries(fields)) form.set(k, v);
          if (path === "/v1/jobs" && !("budget" in fields)) form.set("budget", JSON.stringify(TINY_BUDGET));
          await probe(path, { method: "POST", headers: bearer(t.apiKey), body: form });
        }),
        RUNS,
      );
    },
    GROUP_TIMEOUT_MS,
  );

  it(
    "query strings of list routes and export parameters",
    async () => {
      const cursor = fc.oneof(
        printable(60),
        jsonish.map((v) => btoa(JSON.stringify(v ?? null))),
        fc.constant(btoa(JSON.stringify({ t: 1e20, id: 5 }))),
      );
      const date = fc.oneof(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        printable(30),
        fc.constantFrom("2026-13-45T99:99:99Z", "0000-00-00", "-1"),
      );
      const query = fc.record(
        {
          cursor,
          limit: fc.oneof(fc.integer({ min: -10, max: 1_000 }).map(String), printable(8)),
          state: fc.oneof(fc.constantFrom("queued", "running", "succeeded", "failed"), printable(10)),
          kind: fc.oneof(fc.constantFrom("tsp", "timetabling", "continuous"), printable(10)),
          createdAfter: date,
          createdBefore: date,
          from: date,
          to: date,
          status: printable(10),
        },
        { requiredKeys: [] },
      );
      const listRoutes = fc.constantFrom("/v1/jobs", "/v1/webhooks", "/v1/api-keys", "/v1/usage", "/v1/algorithms", "/v1/members", "/v1/tenants", "/v1/billing", "/v1/invitations");
      await fc.assert(
        fc.asyncProperty(listRoutes, query, async (route, q) => {
          const qs = new URLSearchParams(q as Record<string, string>).toString();
          await probe(`${route}?${qs}`, { headers: bearer(t.apiKey) });
        }),
        { numRuns: 50 },
      );
      const exportQuery = fc.record(
        {
          view: fc.oneof(fc.constantFrom("room:r1", "group:q1", "instructor:t1", "room:nope", "room:", ":"), printable(20)),
          start: fc.oneof(fc.constantFrom("2026-02-30", "9999-12-31", "0000-01-01", "2026-01-05"), printable(12)),
          weeks: fc.oneof(fc.integer({ min: -5, max: 100 }).map(String), printable(5)),
          tz: fc.oneof(fc.constantFrom("Europe/Paris", "Mars/Olympus", "UTC", "+05:00", "Etc/GMT+14", ""), printable(20)),
        },
        { requiredKeys: [] },
      );
      const format = fc.oneof(fc.constantFrom("json", "csv", "xlsx", "ics", "html", "sol", "zip", "convergence.csv", "convergence.svg", "svg"), printable(15).map(encodeURIComponent));
      await fc.assert(
        fc.asyncProperty(format, exportQuery, fc.boolean(), async (f, q, realId) => {
          const id = realId ? finishedId : "job_" + "0".repeat(32);
          await probe(`/v1/jobs/${id}/exports/${f}?${new URLSearchParams(q as Record<string, string>)}`, { headers: bearer(t.apiKey) });
        }),
        RUNS,
      );
      await fc.assert(
        fc.asyncProperty(printable(80), fc.constantFrom("", "/result", "/explanation", "/events", "/pause", "/fork"), async (id, tail) => {
          const method = tail === "/pause" || tail === "/fork" ? "POST" : "GET";
          await probe(`/v1/jobs/${encodeURIComponent(id)}${tail}`, { method, headers: bearer(t.apiKey) });
        }),
        { numRuns: 40 },
      );
    },
    GROUP_TIMEOUT_MS,
  );

  it(
    "headers: Authorization, Idempotency-Key, Content-Type and Last-Event-ID garbage",
    async () => {
      const auth = fc.oneof(
        printable(100),
        printable(60).map((s) => `Bearer ${s}`),
        printable(60).map((s) => `Basic ${s}`),
        fc.constant("Bearer " + "evk_live_" + "A".repeat(43)),
        fc.constant("Bearer"),
      );
      await fc.assert(
        fc.asyncProperty(auth, fc.constantFrom("/v1/jobs", "/v1/usage", "/v1/problems/validate"), async (authorization, path) => {
          const init = path === "/v1/problems/validate" ? json({ problem: VALID_DOCS[0] }, { authorization }) : { headers: { authorization } };
          const res = await probe(path, init);
          // 429: failed API-key attempts from one client are rate limited (also problem+json).
          expect([401, 429]).toContain(res.status);
        }),
        RUNS,
      );
      const key = fc.oneof(printable(300), fc.constant(""), fc.constant("k".repeat(10_000)), fc.constant("   "));
      await fc.assert(
        fc.asyncProperty(key, fc.boolean(), async (k, twice) => {
          const init = () => json({ problem: VALID_DOCS[0], budget: TINY_BUDGET }, { ...bearer(t.apiKey), "idempotency-key": k });
          await probe("/v1/jobs", init());
          if (twice) await probe("/v1/jobs", init());
        }),
        { numRuns: 40 },
      );
      const contentType = fc.oneof(
        fc.constantFrom(
          "application/json",
          "application/json; charset=utf-16",
          "text/plain",
          "multipart/form-data",
          "multipart/form-data; boundary=x",
          "application/x-www-form-urlencoded",
          "application/problem+json",
          "APPLICATION/JSON",
          "",
          "*/*",
        ),
        printable(60),
      );
      await fc.assert(
        fc.asyncProperty(contentType, fc.constantFrom("/v1/jobs", "/v1/problems/validate", "/v1/webhooks", `/v1/jobs/${"job_" + "1".repeat(32)}/fork`), async (ct, path) => {
          await probe(path, { method: "POST", headers: { ...bearer(t.apiKey), "content-type": ct }, body: JSON.stringify({ problem: VALID_DOCS[0], budget: TINY_BUDGET }) });
        }),
        RUNS,
      );
      await fc.assert(
        fc.asyncProperty(fc.oneof(printable(40), fc.integer().map(String), fc.constantFrom("-1", "1e999", "99999999999999999999", "0x10", " 3")), async (last) => {
          await probe(`/v1/jobs/${finishedId}/events`, { headers: { ...bearer(t.apiKey), "last-event-id": last } });
          await probe(`/v1/jobs/${finishedId}/events?lastEventId=${encodeURIComponent(last)}`, { headers: bearer(t.apiKey) });
        }),
        { numRuns: 40 },
      );
    },
    GROUP_TIMEOUT_MS,
  );
});
