/**
 * Fuzzing the requests of the public API inside workerd through the real Worker: query strings of
 * the list routes, export parameters, job ids and actions, and headers (Authorization,
 * Idempotency-Key, Content-Type, Last-Event-ID on SSE). The property and the generators:
 * worker/ops/fuzz/support.ts.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { TestTenant } from "../../test/fixtures";
import { bearer, json } from "../../test/fixtures";
import { fuzzTenant, GROUP_TIMEOUT_MS, jsonish, printable, probe, RUNS, TINY_BUDGET, VALID_DOCS } from "./support";

let t: TestTenant;
let finishedId: string;

beforeAll(async () => {
  const made = await fuzzTenant({ finishedJob: true });
  t = made.tenant;
  finishedId = made.finishedId!;
});

describe("fuzzing requests: never a 5xx, never a hang, 4xx always problem+json", () => {
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
