// Sizes are read and checked against the plan BEFORE anything is compiled (worker/problems/measure.ts):
// tiny inputs that declare huge sizes are refused at once with 413/422 problem+json (field path,
// line, column, the limit) on POST /v1/jobs (JSON and multipart) and POST /v1/problems/validate.
import * as XLSX from "@e965/xlsx";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { bearer, call, json, createTenant, type TestTenant } from "../test/fixtures";
import { populationOf } from "./measure";

const HUGE_DAYS_CTT = "Name: x\nCourses: 1\nRooms: 1\nDays: 50000000\nPeriods_per_day: 6\nCurricula: 1\nConstraints: 0\n";
const MANY_COURSES_CTT = "Name: x\nCourses: 20000\nRooms: 1\nDays: 5\nPeriods_per_day: 6\nCurricula: 1\nConstraints: 0\n";
// A 3,000-city explicit matrix header whose data is broken: compiling would report the data; the
// size check must refuse it first (the free plan allows 200 cities), so nothing is compiled.
const EXPLICIT_3000 = "NAME: x\nTYPE: TSP\nDIMENSION: 3000\nEDGE_WEIGHT_TYPE: EXPLICIT\nEDGE_WEIGHT_FORMAT: FULL_MATRIX\nEDGE_WEIGHT_SECTION\n1 2 x\nEOF\n";

/** An XLSX of a few bytes whose used range claims every cell of a sheet (A1:XFD1048576). */
function hugeRangeXlsx(): Uint8Array {
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
  for (const name of Object.keys(files)) {
    if (name.startsWith("xl/worksheets/")) files[name] = strToU8(strFromU8(files[name]).replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>'));
  }
  return zipSync(files);
}

function upload(path: string, name: string, content: string | Uint8Array, key: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  form.set("file", new File([content], name));
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return call(path, { method: "POST", headers: bearer(key), body: form });
}

async function timed(p: () => Promise<Response>): Promise<{ res: Response; body: any; ms: number }> {
  const started = performance.now();
  const res = await p();
  const body = await res.json();
  return { res, body, ms: performance.now() - started };
}

let t: TestTenant;
beforeAll(async () => {
  t = await createTenant();
});

describe("sizes before compile", () => {
  const ctt = (text: string) => ({ kind: "timetabling", format: "ctt", text });
  const budget = { evaluations: 1000 };

  it("a 90-byte .ctt declaring 50,000,000 days is a 422 with path, line, column and the limit", async () => {
    for (const send of [
      () => call("/v1/jobs", json({ problem: ctt(HUGE_DAYS_CTT), budget }, bearer(t.apiKey))),
      () => call("/v1/problems/validate", json({ problem: ctt(HUGE_DAYS_CTT) }, bearer(t.apiKey))),
      () => upload("/v1/jobs", "huge.ctt", HUGE_DAYS_CTT, t.apiKey, { budget: JSON.stringify(budget) }),
      () => upload("/v1/problems/validate", "huge.ctt", HUGE_DAYS_CTT, t.apiKey),
    ]) {
      const { res, body, ms } = await timed(send);
      expect(res.status).toBe(422);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(body.limit).toMatchObject({ name: "MAX_DAYS", maximum: 14, actual: 50_000_000 });
      expect(body.errors[0]).toMatchObject({ line: 4, column: 7 });
      expect(body.errors[0].path).toMatch(/^(problem|file)\.text$|^file$/);
      expect(ms).toBeLessThan(1000);
    }
  });

  it("a curriculum declaring 20,000 courses is a 422 naming MAX_COURSES", async () => {
    const { res, body } = await timed(() => call("/v1/jobs", json({ problem: ctt(MANY_COURSES_CTT), budget }, bearer(t.apiKey))));
    expect(res.status).toBe(422);
    expect(body.limit.name).toBe("MAX_COURSES");
    expect(body.errors[0]).toMatchObject({ path: "problem.text", line: 2 });
  });

  it("a TSPLIB header over the plan's cities is refused by the plan before its (broken) data is compiled", async () => {
    const doc = { kind: "tsp", format: "tsplib", text: EXPLICIT_3000 };
    const { res, body, ms } = await timed(() => call("/v1/jobs", json({ problem: doc, budget }, bearer(t.apiKey))));
    expect(res.status).toBe(402);
    expect(body).toMatchObject({ limit: "maxSize.cities", actual: 3000, max: 200 });
    expect(ms).toBeLessThan(1000);
    const verdict = await timed(() => call("/v1/problems/validate", json({ problem: doc }, bearer(t.apiKey))));
    expect(verdict.res.status).toBe(200);
    expect(verdict.body).toMatchObject({ valid: false, size: { cities: 3000 }, exceeded: [{ dimension: "cities", value: 3000, max: 200 }] });
    expect(verdict.body.errors[0].message).toMatch(/not compiled/);
  });

  it("an XLSX whose used range claims 17 billion cells is a 422 naming the sheet, for jobs and validation", async () => {
    const bytes = hugeRangeXlsx();
    expect(bytes.length).toBeLessThan(10_000);
    for (const path of ["/v1/jobs", "/v1/problems/validate"]) {
      const { res, body, ms } = await timed(() => upload(path, "school.xlsx", bytes, t.apiKey, { budget: JSON.stringify(budget) }));
      expect(res.status).toBe(422);
      expect(body.limit.name).toBe("MAX_SHEET_CELLS");
      expect(body.errors[0]).toMatchObject({ sheet: "Courses" });
      expect(body.errors[0].path).toMatch(/^file/);
      expect(ms).toBeLessThan(1000);
    }
  });
});

describe("the population limit", () => {
  it("reads the population from any population-size parameter (0 = automatic, not bounded)", () => {
    expect(populationOf({ popSize: 120 })).toBe(120);
    expect(populationOf({ swarmSize: 40, ants: 3 })).toBe(40);
    expect(populationOf({ popSize: 0 })).toBeNull();
    expect(populationOf({ mutationRate: 0.1 })).toBeNull();
  });

  it("refuses a population above the plan (free: 100) with 402 before admission", async () => {
    const sphere = { kind: "continuous", function: "sphere", dimension: 5 };
    const res = await call("/v1/jobs", json({ problem: sphere, algorithm: "ga", parameters: { popSize: 1000 }, budget: { evaluations: 2000 } }, bearer(t.apiKey)));
    expect(res.status).toBe(402);
    expect(await res.json()).toMatchObject({ limit: "maxSize.population", max: 100, actual: 1000, upgradeTo: "enterprise" });
  });
});
