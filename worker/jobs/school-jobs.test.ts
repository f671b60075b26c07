/**
 * FET school timetables through the API inside workerd: the pre-flight summary of POST
 * /v1/problems/validate, jobs from JSON and from a multipart `.fet` upload run by the school
 * engine to hard 0 (chunked = straight), the explanation, and every export parsed back (the locked
 * .fet re-evaluated by core, XLSX sheets, CSV rows, ICS with VTIMEZONE/TZID through ical.js, the
 * A4 HTML, the ZIP). The tiny school is core/school/test/tiny-school.ts (hand-written, not FET data).
 */
import { env } from "cloudflare:workers";
import { strFromU8, unzipSync } from "fflate";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import * as XLSX from "@e965/xlsx";
import { parseCsv } from "@core/exports/csv";
import { compileFet } from "@core/school/problem";
import { evaluateSchool } from "@core/school/evaluate";
import { readFet } from "@core/school/fet/read";
import { constraint, fetText } from "@core/school/test/fet";
import { TINY_SCHOOL_FET } from "@core/school/test/tiny-school";
import { bearer, call, json, createTenant, type TestTenant } from "../test/fixtures";
import { createJob } from "./create-job";
import { paidTenant, resultOf, straightRun, waitForEnd } from "../runtime/test-helpers";

const FET = { kind: "timetabling", format: "fet", text: TINY_SCHOOL_FET };
const UNSUPPORTED = fetText({ activities: [{ id: 1 }], time: [constraint("ConstraintInventedForThisTest", 100, ""), constraint("ConstraintInventedForThisTest", 100, "")] });

const get = (t: TestTenant, path: string) => call(path, { headers: bearer(t.apiKey) });
const bytes = async (res: Response) => new Uint8Array(await res.arrayBuffer());

async function waitSucceeded(jobId: string, timeoutMs = 45_000): Promise<string> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const row = await env.DB.prepare("select state from job where id = ?").bind(jobId).first<{ state: string }>();
    if (row && ["succeeded", "failed", "cancelled", "expired"].includes(row.state)) return row.state;
    if (Date.now() > end) throw new Error(`job ${jobId} still ${row?.state}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("POST /v1/problems/validate with a .fet", () => {
  it("answers the pre-flight summary before any compute: teachers, students sets, activities, hours, constraints by type, days × hours", async () => {
    const t = await createTenant();
    const res = await call("/v1/problems/validate", json({ problem: FET }, bearer(t.apiKey)));
    const body = (await res.json()) as any;
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ valid: true, kind: "timetabling", size: { activities: 7, hours: 8, teachers: 2, rooms: 2, slots: 12 }, exceeded: [], errors: [] });
    expect(body.limits.maxSize).toMatchObject({ activities: 300, hours: 600 });
    expect(body.school).toMatchObject({
      days: 3,
      hoursPerDay: 4,
      dayNames: ["Mon", "Tue", "Wed"],
      teachers: 2,
      students: { years: 2, groups: 1, subgroups: 2 },
      activities: { active: 7, inactive: 1 },
      hours: 8,
      constraints: { active: 6, inactive: 1, supported: 6, unsupported: 0 },
      unsupported: [],
      refused: false,
    });
    expect(body.school.constraints.byType).toContainEqual({ type: "ConstraintTeacherMaxGapsPerWeek", list: "time", active: 0, inactive: 1, supported: true });
  });

  it("the typed client sees the summary's fields (types from the same zod schemas)", async () => {
    const { createEvolveClient } = await import("../api/client");
    const t = await createTenant();
    const evolve = createEvolveClient(env.APP_URL, t.apiKey, { fetch: ((input: RequestInfo | URL, init?: RequestInit) => call(String(input), init)) as typeof fetch });
    const res = await evolve.problems.validate.$post({ json: { problem: FET } });
    const body = await res.json();
    if (!("valid" in body)) throw new Error("expected a validation");
    // Typed access: a compile error here means the OpenAPI schema lost a field.
    const years: number | undefined = body.school?.students.years;
    const unsupported: { type: string; count: number }[] | undefined = body.school?.unsupported;
    expect({ years, unsupported, hours: body.school?.hours }).toEqual({ years: 2, unsupported: [], hours: 8 });
  });

  it("an unsupported type makes the document invalid with the list, unless ignoreUnsupported; a multipart .fet is read by extension", async () => {
    const t = await createTenant();
    const refused = (await (await call("/v1/problems/validate", json({ problem: { kind: "timetabling", format: "fet", text: UNSUPPORTED } }, bearer(t.apiKey)))).json()) as any;
    expect(refused.valid).toBe(false);
    expect(refused.errors).toEqual([
      expect.objectContaining({ path: "problem.ConstraintInventedForThisTest", message: expect.stringContaining("unsupported: ConstraintInventedForThisTest occurs 2 times") }),
    ]);
    expect(refused.school).toMatchObject({ unsupported: [{ type: "ConstraintInventedForThisTest", count: 2 }], refused: true });
    const ignored = (await (
      await call("/v1/problems/validate", json({ problem: { kind: "timetabling", format: "fet", text: UNSUPPORTED, ignoreUnsupported: true } }, bearer(t.apiKey)))
    ).json()) as any;
    expect(ignored).toMatchObject({ valid: true, school: { refused: false, unsupported: [{ type: "ConstraintInventedForThisTest", count: 2 }] } });

    const form = new FormData();
    form.set("file", new File([TINY_SCHOOL_FET], "tiny school.fet"));
    const uploaded = (await (await call("/v1/problems/validate", { method: "POST", headers: bearer(t.apiKey), body: form })).json()) as any;
    expect(uploaded).toMatchObject({ valid: true, kind: "timetabling", size: { activities: 7 }, school: { teachers: 2 } });

    const broken = (await (await call("/v1/problems/validate", json({ problem: { kind: "timetabling", format: "fet", text: "<fet>\n<Days_List>" } }, bearer(t.apiKey)))).json()) as any;
    expect(broken.valid).toBe(false);
    expect(broken.errors[0].line).toBeGreaterThan(0);
  });
});

describe("plan limits on activities and hours", () => {
  it("a school above the free plan's 300 activities is refused from its measured size, never compiled", async () => {
    const t = await createTenant();
    const big = {
      kind: "timetabling",
      format: "fet",
      text: fetText({ days: ["D1"], hours: Array.from({ length: 60 }, (_, i) => `h${i}`), activities: Array.from({ length: 301 }, (_, i) => ({ id: i + 1 })) }),
    };
    const verdict = (await (await call("/v1/problems/validate", json({ problem: big }, bearer(t.apiKey)))).json()) as any;
    expect(verdict).toMatchObject({ valid: false, size: { activities: 301, hours: 301 }, exceeded: [{ dimension: "activities", value: 301, max: 300 }] });
    const res = await call("/v1/jobs", json({ problem: big, budget: { evaluations: 1000 } }, bearer(t.apiKey)));
    expect(res.status).toBe(402);
    expect(await res.json()).toMatchObject({ limit: "maxSize.activities", max: 300, actual: 301, upgradeTo: "pro" });
  });
});

describe("school jobs", () => {
  it("runs chunked to exactly the straight result with hard 0; ITC algorithms are refused on a .fet", async () => {
    const tenantId = await paidTenant();
    const created = await createJob(env, { tenantId }, { problem: FET, seed: 4, budget: { evaluations: 30_000 }, options: { chunkTargetMs: 5 } });
    expect(created.algorithm).toBe("school");
    const row = await waitForEnd(tenantId, created.id);
    expect(row.state).toBe("succeeded");
    const reference = straightRun(FET, created.algorithm, created.parameters, 4, 30_000);
    const result = await resultOf(tenantId, created.id);
    expect(result.best!.value).toBe(reference.best.value);
    const ref = reference.best.solution as { start: Int32Array; room: Int32Array };
    expect(result.best!.solution).toEqual({ start: Array.from(ref.start), room: Array.from(ref.room) });
    expect(evaluateSchool(compileFet(TINY_SCHOOL_FET), { start: Int32Array.from(ref.start), room: Int32Array.from(ref.room) }).hard).toBe(0);

    await expect(createJob(env, { tenantId }, { problem: FET, algorithm: "memetic", budget: { evaluations: 1000 } })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["algorithm"] })],
    });
  });

  it("forks: new numeric parameters, or new soft weights by FET type (the child's .fet carries them, its best is re-scored under them); bad weights are refused with paths", async () => {
    const t = await createTenant();
    const post = (path: string, body: unknown) => call(path, json(body, bearer(t.apiKey)));
    const res = await post("/v1/jobs", { problem: FET, seed: 3, budget: { evaluations: 20_000 } });
    const parent = (await res.json()) as any;
    expect(res.status, JSON.stringify(parent)).toBe(202);
    expect(await waitSucceeded(parent.id)).toBe("succeeded");

    // soft weights: the 90% preferred starting time of activity 7 becomes 40%
    const fork = await post(`/v1/jobs/${parent.id}/fork`, { weights: { ActivityPreferredStartingTime: 40 }, budget: { evaluations: 5_000 } });
    const child = (await fork.json()) as any;
    expect(fork.status, JSON.stringify(child)).toBe(202);
    expect(await waitSucceeded(child.id)).toBe("succeeded");
    const row = await env.DB.prepare("select input_key as inputKey, parent_job_id as parentJobId from job where id = ?").bind(child.id).first<{ inputKey: string; parentJobId: string }>();
    expect(row!.parentJobId).toBe(parent.id);
    const childDoc = (await (await env.BLOBS.get(row!.inputKey))!.json()) as { text: string };
    const weights = readFet(childDoc.text)
      .timeConstraints.filter((c) => c.type === "ConstraintActivityPreferredStartingTime")
      .map((c) => c.weight);
    expect(weights).toEqual([40]);
    expect(childDoc.text.replace("<Weight_Percentage>40</Weight_Percentage>", "<Weight_Percentage>90</Weight_Percentage>")).toBe(TINY_SCHOOL_FET);
    const result = (await (await get(t, `/v1/jobs/${child.id}/result`)).json()) as any;
    const e = evaluateSchool(compileFet(childDoc.text), { start: Int32Array.from(result.best.solution.start), room: Int32Array.from(result.best.solution.room) });
    expect([result.best.hard, result.best.soft]).toEqual([e.hard, e.soft]);
    expect(e.hard).toBe(0);
    // its replay forks the parent again with the same weights (the receipt keeps them) and gets the same timetable
    const replay = await post(`/v1/jobs/${child.id}/replay`, {});
    const replayJob = (await replay.json()) as any;
    expect(replay.status, JSON.stringify(replayJob)).toBe(202);
    expect(await waitSucceeded(replayJob.id)).toBe("succeeded");
    const replayRow = await env.DB.prepare("select input_key as inputKey from job where id = ?").bind(replayJob.id).first<{ inputKey: string }>();
    expect(((await (await env.BLOBS.get(replayRow!.inputKey))!.json()) as { text: string }).text).toBe(childDoc.text);
    const replayed = (await (await get(t, `/v1/jobs/${replayJob.id}/result`)).json()) as any;
    expect(replayed.best.solution).toEqual(result.best.solution);
    expect(replayed.best.value).toBe(result.best.value);

    // numeric parameters only
    const tuned = await post(`/v1/jobs/${parent.id}/fork`, { parameters: { initialTemperature: 2 }, budget: { evaluations: 5_000 } });
    const tunedJob = (await tuned.json()) as any;
    expect(tuned.status, JSON.stringify(tunedJob)).toBe(202);
    expect(tunedJob.parameters.initialTemperature).toBe(2);
    expect(await waitSucceeded(tunedJob.id)).toBe("succeeded");

    // refusals name the key: a 100%-only type, an ITC name, a weight of 100
    const refused = async (weights: unknown) => {
      const r = await post(`/v1/jobs/${parent.id}/fork`, { weights, budget: { evaluations: 5_000 } });
      expect(r.status).toBe(422);
      return ((await r.json()) as any).errors[0];
    };
    expect(await refused({ ActivityPreferredRoom: 50 })).toMatchObject({ path: "weights.ActivityPreferredRoom", message: expect.stringContaining("no active soft") });
    expect(await refused({ roomStability: 2 })).toMatchObject({ path: "weights.roomStability", message: expect.stringContaining("unknown FET constraint type") });
    expect(await refused({ ActivityPreferredStartingTime: 100 })).toMatchObject({ path: "weights.ActivityPreferredStartingTime", message: expect.stringContaining("less than 100") });
  });

  it("a multipart .fet upload: result hard 0, explanation, locked .fet, CSV, XLSX, ICS with VTIMEZONE, HTML, ZIP", async () => {
    const t = await createTenant();
    const form = new FormData();
    form.set("file", new File([TINY_SCHOOL_FET], "tiny.fet"));
    form.set("budget", JSON.stringify({ evaluations: 30_000 }));
    form.set("seed", "9");
    const res = await call("/v1/jobs", { method: "POST", headers: bearer(t.apiKey), body: form });
    const job = (await res.json()) as any;
    expect(res.status, JSON.stringify(job)).toBe(202);
    expect(job).toMatchObject({ kind: "timetabling", algorithm: "school", size: { activities: 7, hours: 8 } });
    expect(await waitSucceeded(job.id)).toBe("succeeded");
    const result = (await (await get(t, `/v1/jobs/${job.id}/result`)).json()) as any;
    expect(result.best.hard).toBe(0);

    const explanation = (await (await get(t, `/v1/jobs/${job.id}/explanation`)).json()) as any;
    expect(explanation).toMatchObject({ kind: "school", hard: 0, unplaced: 0 });
    expect(explanation.constraints.every((c: any) => !c.hard)).toBe(true);

    // The locked .fet: every activity fixed at 100%, and core's evaluator agrees it is hard 0.
    const fet = await get(t, `/v1/jobs/${job.id}/exports/fet`);
    expect(fet.status).toBe(200);
    const fetText = await fet.text();
    const locked = readFet(fetText);
    expect(locked.timeConstraints.filter((c) => c.type === "ConstraintActivityPreferredStartingTime" && c.weight === 100).length).toBeGreaterThanOrEqual(7);
    const problem = compileFet(TINY_SCHOOL_FET);
    const sol = result.best.solution as { start: number[]; room: number[] };
    expect(evaluateSchool(problem, { start: Int32Array.from(sol.start), room: Int32Array.from(sol.room) }).hard).toBe(0);

    const csv = parseCsv(await (await get(t, `/v1/jobs/${job.id}/exports/csv`)).text());
    expect(csv[0]).toEqual(["activity", "subject", "teachers", "students", "tags", "day", "hour", "duration", "room"]);
    expect(csv.slice(1).map((r) => Number(r[0]))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(csv.find((r) => r[0] === "4")![8]).toBe("Lab");

    const wb = XLSX.read(await bytes(await get(t, `/v1/jobs/${job.id}/exports/xlsx`)), { type: "array" });
    expect(wb.SheetNames).toEqual(["Activities", "T Ann", "T Bob", "S Y1", "S Y2", "S Y1 G1", "S Y1 G1 a", "S Y1 G1 b", "R Lab", "R Hall"]);
    const bob = XLSX.utils.sheet_to_json<string[]>(wb.Sheets["T Bob"], { header: 1 });
    expect(bob[0]).toEqual(["Bob", "Mon", "Tue", "Wed"]);
    expect(bob.slice(1).map((r) => r[0])).toEqual(["08:00", "09:00", "10:00", "11:00"]);

    const ics = await get(t, `/v1/jobs/${job.id}/exports/ics?view=teacher:Bob&start=2026-09-07&weeks=10&tz=Europe/Rome`);
    expect(ics.status).toBe(200);
    const icsText = await ics.text();
    expect(icsText).toContain("BEGIN:VTIMEZONE\r\nTZID:Europe/Rome");
    expect(icsText).toMatch(/DTSTART;TZID=Europe\/Rome:202609\d\dT\d{6}/);
    const cal = new ICAL.Component(ICAL.parse(icsText));
    const zone = new ICAL.Timezone(cal.getFirstSubcomponent("vtimezone")!);
    const events = cal.getAllSubcomponents("vevent");
    expect(events).toHaveLength(4); // Bob teaches activities 4 (2 hours), 5, 6 and 7
    for (const e of events) {
      expect(String(e.getFirstPropertyValue("uid"))).toMatch(new RegExp(`^${job.id}-a[4-7]@evolve\\.dev$`));
      const start = e.getFirstProperty("dtstart")!.getFirstValue() as ICAL.Time;
      expect(start.zone?.tzid).toBe("Europe/Rome");
    }
    // September in Rome is UTC+2: the VTIMEZONE says so.
    const sept = ICAL.Time.fromData({ year: 2026, month: 9, day: 7, hour: 8, minute: 0 }, zone);
    expect(zone.utcOffset(sept)).toBe(7200);
    const double = events.find((e) => String(e.getFirstPropertyValue("uid")).endsWith("-a4@evolve.dev"))!;
    const [s, f] = ["dtstart", "dtend"].map((p) => (double.getFirstPropertyValue(p) as ICAL.Time).toJSDate().getTime());
    expect((f - s) / 3600_000).toBe(2);
    await expect(get(t, `/v1/jobs/${job.id}/exports/ics?view=teacher:Nobody`)).resolves.toMatchObject({ status: 422 });

    // A calendar feed per teacher / students set / room follows the same views.
    const feedRes = await call(`/v1/jobs/${job.id}/calendar-feeds`, json({ view: "students:Y2", weeks: 8, tz: "Europe/Rome" }, bearer(t.apiKey)));
    const feed = (await feedRes.json()) as any;
    expect(feedRes.status, JSON.stringify(feed)).toBe(201);
    const feedText = await (await call(new URL(feed.url).pathname)).text();
    expect(feedText).toContain("TZID:Europe/Rome");
    expect(
      new ICAL.Component(ICAL.parse(feedText))
        .getAllSubcomponents("vevent")
        .map((e) => String(e.getFirstPropertyValue("uid")))
        .sort(),
    ).toEqual([`${job.id}-a6@evolve.dev`, `${job.id}-a7@evolve.dev`]);
    const badFeed = await call(`/v1/jobs/${job.id}/calendar-feeds`, json({ view: "group:q1" }, bearer(t.apiKey)));
    expect(badFeed.status).toBe(422);

    const html = await (await get(t, `/v1/jobs/${job.id}/exports/html`)).text();
    expect(html).toContain("A4 landscape");
    expect(html).toContain('rowspan="2"');
    expect(html.match(/<section class="grid">/g)).toHaveLength(2 + 5 + 2);

    const zip = unzipSync(await bytes(await get(t, `/v1/jobs/${job.id}/exports/zip`)));
    expect(Object.keys(zip).filter((n) => n.startsWith("calendars/"))).toHaveLength(2 + 5 + 2);
    // Files are named after the job (its name, else its id).
    const fetEntries = Object.keys(zip).filter((n) => n.endsWith(".fet"));
    expect(fetEntries).toHaveLength(1);
    expect(strFromU8(zip[fetEntries[0]])).toBe(fetText);
    expect(Object.keys(zip).filter((n) => n.endsWith(".xlsx"))).toHaveLength(1);
  });
});
