/**
 * What the two fuzz files of the public API share (inputs.fuzz.test.ts: problem documents and
 * uploads; requests.fuzz.test.ts: query strings, export parameters and headers): the probe and its
 * property, valid documents to mutate, and the generators.
 *
 * Property, for every request: an answer comes back within 10 s, it is never a 5xx, and every
 * 4xx is problem+json whose `status` matches the HTTP status.
 *
 * The calls go to the Worker's fetch handler directly (worker/test/fixtures.ts `dispatch`), whose
 * cost per call stays flat over the thousands of requests the two files make.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { expect } from "vitest";
import { waitForEnd } from "../../runtime/test-helpers";
import { bearer, call, createTenant, json, type TestTenant } from "../../test/fixtures";

const CALL_TIMEOUT_MS = 10_000;
export const RUNS = { numRuns: 40 };
/** The machine is shared: each property group gets its own generous limit; the calls themselves are fast. */
export const GROUP_TIMEOUT_MS = 120_000;

/** One request; fails the property on a hang, a 5xx, or a 4xx that is not a matching problem+json. */
export async function probe(path: string, init: RequestInit = {}): Promise<Response> {
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

export const CTT = `Name: Fuzz
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
export const TSP_TEXT = `NAME: fuzz5
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
export const VALID_DOCS: unknown[] = [
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

export const printable = (maxLength: number) => fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength });
const weird = fc.constantFrom<unknown>(undefined, null, true, -1, 0, 1e308, -1e308, 2 ** 53, 0.5, "", "NaN", "x".repeat(5000), [], {}, [[]], { kind: "tsp" });
export const jsonish = fc.oneof(fc.jsonValue({ maxDepth: 3 }), weird);

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

export const mutatedDoc = fc.tuple(fc.constantFrom(...VALID_DOCS), fc.nat(), jsonish, fc.nat(3)).map(([doc, at, value, times]) => {
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
export const mutatedText = fc
  .tuple(fc.constantFrom(CTT, TSP_TEXT), fc.array(textEdit, { minLength: 1, maxLength: 6 }))
  .map(([t, edits]) => ({ base: t === CTT ? "ctt" : "tsp", text: editText(t, edits) }));

export const TINY_BUDGET = { evaluations: 50 };

/**
 * A tenant on enterprise limits, so valid fuzzed jobs are admitted (and run briefly) instead of all
 * being 429s; with `finishedJob`, also one finished timetabling job (for exports and event streams).
 */
export async function fuzzTenant(options: { finishedJob?: boolean } = {}): Promise<{ tenant: TestTenant; finishedId?: string }> {
  const tenant = await createTenant();
  await env.DB.prepare("INSERT INTO subscription (tenant_id, tier, status) VALUES (?, 'enterprise', 'active') ON CONFLICT (tenant_id) DO UPDATE SET tier = 'enterprise', status = 'active'")
    .bind(tenant.tenantId)
    .run();
  if (!options.finishedJob) return { tenant };
  const res = await call("/v1/jobs", json({ problem: VALID_DOCS[3], seed: 1, budget: { evaluations: 2_000 } }, bearer(tenant.apiKey)));
  expect(res.status, await res.clone().text()).toBe(202);
  const finishedId = ((await res.json()) as { id: string }).id;
  await waitForEnd(tenant.tenantId, finishedId, 60_000);
  return { tenant, finishedId };
}
