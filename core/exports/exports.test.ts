import { readFileSync } from "node:fs";
import { unzipSync, strFromU8 } from "fflate";
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import * as XLSX from "@e965/xlsx";
import { evaluate, evaluatePlacements } from "../timetabling/evaluate";
import { readCtt } from "../timetabling/itc/ctt";
import { readCttSolution } from "../timetabling/itc/sol";
import { SA_PARAMS } from "../timetabling/solver/params";
import { makeSolver } from "../timetabling/solver/engine";
import { runToEnd } from "../engine/contract";
import { applicableFormats, escapeText, foldLine, lectureUid, parseCsv, renderExport, toCsv, type ExportBundle } from "./index";

const COMP01 = readFileSync(new URL("../../fixtures/itc2007/comp01.ctt", import.meta.url), "utf8");
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

function solvedComp01() {
  const problem = readCtt(COMP01);
  const solver = makeSolver("sa", SA_PARAMS);
  const state = runToEnd(solver, solver.init(problem, solver.parameters({}, problem), 7, { maxEvaluations: 60_000 }));
  const best = solver.best(state);
  return { problem, timetable: best.solution, hard: best.hard!, soft: best.soft! };
}

const solved = solvedComp01();
const history = [
  { generation: 0, evaluations: 0, best: 900, mean: 1200 },
  { generation: 5, evaluations: 30_000, best: 120, mean: 300, hard: 0, soft: 120 },
  { generation: 10, evaluations: 60_000, best: solved.soft, mean: solved.soft + 10, hard: 0, soft: solved.soft },
];
const producedAt = new Date("2026-05-04T10:00:00Z");
const tt: ExportBundle = {
  kind: "timetabling",
  name: "comp01",
  history,
  producedAt,
  ...solved,
  calendar: { rootId: "job_root1", startDate: "2026-09-07", weeks: 12, timezone: "Europe/Rome" },
};

describe("csv", () => {
  it("quotes commas, quotes and newlines and reads back", () => {
    const rows = [
      ["a", 'say "hi"', "x,y"],
      ["line\nbreak", "1", ""],
    ];
    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});

describe("timetabling exports", () => {
  it("ITC solution re-evaluates to the solver's cost", () => {
    const text = decode(renderExport(tt, "sol").body);
    const read = readCttSolution(solved.problem, text);
    expect(read.warnings).toEqual([]);
    const ev = evaluatePlacements(solved.problem, read.placements);
    const direct = evaluate(solved.problem, solved.timetable);
    expect({ hard: ev.hard, soft: ev.soft }).toEqual({ hard: solved.hard, soft: solved.soft });
    expect(ev).toEqual(direct);
  });

  it("CSV lists every lecture once with its room and time", () => {
    const rows = parseCsv(decode(renderExport(tt, "csv").body));
    expect(rows[0]).toEqual(["course", "lecture", "day", "period", "room", "instructor", "curricula"]);
    expect(rows.length - 1).toBe(solved.problem.lectureCourse.length);
    const l0 = rows[1];
    expect(l0[0]).toBe(solved.problem.courseIds[0]);
    expect(solved.problem.roomIds).toContain(l0[4]);
  });

  it("XLSX opens with a reader: flat list plus one sheet per view", () => {
    const wb = XLSX.read(renderExport(tt, "xlsx").body, { type: "array" });
    expect(wb.SheetNames).toEqual(["Lectures", "By room", "By group", "By instructor"]);
    const list = XLSX.utils.sheet_to_json<string[]>(wb.Sheets.Lectures, { header: 1 });
    expect(list.length - 1).toBe(solved.problem.lectureCourse.length);
    const rooms = XLSX.utils.sheet_to_json<string[]>(wb.Sheets["By room"], { header: 1, defval: "" });
    const titles = rooms.filter((r) => String(r[0]).startsWith("room: ")).map((r) => String(r[0]).slice(6));
    expect(titles).toEqual(solved.problem.roomIds);
    // Every scheduled lecture appears in exactly one room cell.
    const cells = rooms.flatMap((r) => r.slice(1).flatMap((v) => String(v).split("\n"))).filter((v) => / #\d+$/.test(v));
    expect(cells.length).toBe([...solved.timetable.period].filter((p) => p >= 0).length);
  });

  it("ICS parses (ical.js), has stable UIDs, weekly rules and real times", () => {
    const room = solved.problem.roomIds[0];
    const text = decode(renderExport(tt, "ics", { view: `room:${room}` }).body);
    expect(text.split("\r\n").every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
    const cal = new ICAL.Component(ICAL.parse(text));
    const events = cal.getAllSubcomponents("vevent");
    const expected = [...solved.timetable.room].filter((r) => solved.problem.roomIds[r] === room).length;
    expect(events.length).toBe(expected);
    expect(cal.getFirstPropertyValue("x-wr-timezone")).toBe("Europe/Rome");
    const ev = new ICAL.Event(events[0]);
    expect(ev.uid).toMatch(/^job_root1-.+-\d+@evolve\.dev$/);
    expect(ev.location).toBe(room);
    expect(ev.startDate.toJSDate().getTime()).toBeLessThan(ev.endDate.toJSDate().getTime());
    expect(String(events[0].getFirstPropertyValue("rrule"))).toContain("COUNT=12");
    // A re-solve (another seed, same root) keeps the UIDs of the same lectures.
    const again = decode(renderExport({ ...tt, producedAt: new Date("2026-05-05T00:00:00Z") }, "ics", { view: `room:${room}` }).body);
    const uids = (s: string) => new ICAL.Component(ICAL.parse(s)).getAllSubcomponents("vevent").map((e) => e.getFirstPropertyValue("uid"));
    expect(uids(again)).toEqual(uids(text));
  });

  it("ICS for a group and an instructor; unknown view is refused", () => {
    const group = solved.problem.curriculumIds[0];
    const g = new ICAL.Component(ICAL.parse(decode(renderExport(tt, "ics", { view: `group:${group}` }).body)));
    expect(g.getAllSubcomponents("vevent").length).toBeGreaterThan(0);
    const teacher = solved.problem.instructorIds[0];
    const t = new ICAL.Component(ICAL.parse(decode(renderExport(tt, "ics", { view: `instructor:${teacher}` }).body)));
    expect(t.getAllSubcomponents("vevent").length).toBeGreaterThan(0);
    expect(() => renderExport(tt, "ics", { view: "room:nope" })).toThrow(/no room:nope/);
    expect(() => renderExport(tt, "ics", { view: "floor:1" })).toThrow(/view must look like/);
    expect(() => renderExport(tt, "ics")).toThrow(/choose a calendar/);
  });

  it("HTML is a printable A4 landscape grid per room, group and instructor", () => {
    const html = decode(renderExport(tt, "html").body);
    expect(html).toContain("size: A4 landscape");
    const sections = html.match(/<section class="grid">/g)!.length;
    const p = solved.problem;
    expect(sections).toBe(p.roomIds.length + p.curriculumIds.length + p.instructorIds.length);
    expect(html).not.toContain("<script");
  });

  it("ZIP holds every format and one calendar per view, and unzips", () => {
    const files = unzipSync(renderExport(tt, "zip").body);
    const names = Object.keys(files);
    for (const n of ["comp01.json", "comp01.csv", "comp01.xlsx", "comp01.html", "comp01.sol", "comp01.convergence.csv", "comp01.convergence.svg"]) expect(names).toContain(n);
    const p = solved.problem;
    expect(names.filter((n) => n.startsWith("calendars/")).length).toBe(p.roomIds.length + p.curriculumIds.length + p.instructorIds.length);
    expect(JSON.parse(strFromU8(files["comp01.json"])).assignments.length).toBe(p.lectureCourse.length);
    expect(XLSX.read(files["comp01.xlsx"], { type: "array" }).SheetNames).toContain("By group");
    // Same job, same bytes: archives are cacheable and comparable.
    expect(renderExport(tt, "zip").body).toEqual(renderExport(tt, "zip").body);
  });

  it("the ITC format is offered for .ctt inputs only", () => {
    expect(applicableFormats(tt)).toContain("sol");
    const model = { ...tt, problem: { ...solved.problem, format: "model" as const } };
    expect(applicableFormats(model)).not.toContain("sol");
    expect(() => renderExport(model, "sol")).toThrow(/only for .ctt/);
    expect(() => renderExport(tt, "tour")).toThrow(/timetabling jobs export/);
  });
});

describe("ics text rules", () => {
  it("folds at 75 octets without splitting a UTF-8 character, and escapes text", () => {
    const long = "SUMMARY:" + "é".repeat(60);
    const folded = foldLine(long);
    for (const l of folded.split("\r\n")) expect(new TextEncoder().encode(l).length).toBeLessThanOrEqual(75);
    expect(
      folded
        .split("\r\n")
        .map((l, i) => (i ? l.slice(1) : l))
        .join(""),
    ).toBe(long);
    expect(escapeText("a,b;c\\d\ne")).toBe("a\\,b\\;c\\\\d\\ne");
    expect(lectureUid("j 1", "Math/1", 0)).toBe("j%201-Math%2F1-1@evolve.dev");
  });
});

describe("tsp exports", () => {
  const coords: [number, number][] = [
    [0, 0],
    [10, 0],
    [10, 10],
    [0, 10],
  ];
  const tsp: ExportBundle = { kind: "tsp", name: "square", history, producedAt, tour: { name: "square", coords, tour: [0, 3, 2, 1], length: 40 } };

  it("CSV, TSPLIB .tour, GeoJSON and SVG", () => {
    expect(
      parseCsv(decode(renderExport(tsp, "csv").body))
        .slice(1)
        .map((r) => r[1]),
    ).toEqual(["1", "4", "3", "2"]);
    const tour = decode(renderExport(tsp, "tour").body).split("\n");
    expect(tour.slice(tour.indexOf("TOUR_SECTION") + 1, tour.indexOf("-1"))).toEqual(["1", "4", "3", "2"]);
    expect(tour).toContain("DIMENSION : 4");
    expect(tour).toContain("EOF");
    const geo = JSON.parse(decode(renderExport(tsp, "geojson").body));
    expect(geo.type).toBe("FeatureCollection");
    const line = geo.features[0].geometry;
    expect(line.type).toBe("LineString");
    expect(line.coordinates[0]).toEqual(line.coordinates[4]);
    expect(geo.features.filter((f: any) => f.geometry.type === "Point")).toHaveLength(4);
    const svg = decode(renderExport(tsp, "svg").body);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.match(/<circle /g)).toHaveLength(4);
    expect(svg.match(/<polygon points="([^"]+)"/)![1].split(" ")).toHaveLength(4);
  });

  it("zip holds tour files and convergence", () => {
    expect(Object.keys(unzipSync(renderExport(tsp, "zip").body)).sort()).toEqual([
      "square.convergence.csv",
      "square.convergence.svg",
      "square.csv",
      "square.geojson",
      "square.json",
      "square.svg",
      "square.tour",
    ]);
  });
});

describe("continuous and convergence exports", () => {
  const cont: ExportBundle = { kind: "continuous", name: "sphere", history, producedAt, point: { name: "sphere", x: [0.5, -1], value: 1.25 } };

  it("JSON and CSV of the best point", () => {
    expect(JSON.parse(decode(renderExport(cont, "json").body))).toMatchObject({ value: 1.25, x: [0.5, -1], variables: { x1: 0.5, x2: -1 } });
    expect(parseCsv(decode(renderExport(cont, "csv").body))).toEqual([
      ["variable", "value"],
      ["x1", "0.5"],
      ["x2", "-1"],
      ["objective", "1.25"],
    ]);
  });

  it("convergence CSV and SVG", () => {
    const rows = parseCsv(decode(renderExport(cont, "convergence.csv").body));
    expect(rows[0]).toEqual(["generation", "evaluations", "best", "mean", "hard", "soft", "elapsed_ms"]);
    expect(rows.slice(1).map((r) => Number(r[2]))).toEqual(history.map((h) => h.best));
    const svg = decode(renderExport(cont, "convergence.svg").body);
    expect(svg.match(/<path d="M[^"]+"/g)).toHaveLength(2);
  });

  it("unknown format is refused naming the ones offered", () => {
    expect(() => renderExport(cont, "xlsx")).toThrow(/continuous jobs export json, csv/);
  });
});
