/**
 * Fuzzing the inputs of the public API inside workerd through the real Worker: problem documents
 * (random JSON, mutations of valid continuous / TSP / timetabling documents, bodies that are not
 * JSON), mutated .ctt and .tsp text inline and as multipart uploads with random names and bytes.
 * The property and the generators: worker/ops/fuzz/support.ts.
 */
import fc from "fast-check";
import { beforeAll, describe, it } from "vitest";
import type { TestTenant } from "../../test/fixtures";
import { bearer, json } from "../../test/fixtures";
import { fuzzTenant, GROUP_TIMEOUT_MS, jsonish, mutatedDoc, mutatedText, printable, probe, RUNS, TINY_BUDGET } from "./support";

let t: TestTenant;

beforeAll(async () => {
  ({ tenant: t } = await fuzzTenant());
});

describe("fuzzing problem inputs: never a 5xx, never a hang, 4xx always problem+json", () => {
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
      const fileName = fc
        .tuple(printable(30), fc.constantFrom(".ctt", ".tsp", ".json", ".csv", ".xlsx", ".exe", "", ".CTT", ".tar.gz"))
        .map(([n, e]) => n + e)
        // A multipart file name ending in a backslash cannot be sent at all (the client's FormData refuses it).
        .filter((n) => !n.endsWith("\\"));
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
});
