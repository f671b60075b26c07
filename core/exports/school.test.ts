import ICAL from "ical.js";
import * as XLSX from "@e965/xlsx";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { compileFet } from "../school/problem";
import { readFet } from "../school/fet/read";
import { fetText } from "../school/test/fet";
import { TINY_SCHOOL_FET } from "../school/test/tiny-school";
import { readCtt } from "../timetabling/itc/ctt";
import { TINY } from "../timetabling/test/fixtures";
import { writeCalendar, zoneTransitions, vtimezone } from "./ics";
import { renderExport, type ExportBundle } from "./index";
import { assignRealRooms } from "../school/real-rooms";
import { cellClash, hourTimes, roomLabel, schoolCalendar, schoolViews, viewGrid } from "./school";
import { timetableCalendar } from "./timetable";

const problem = compileFet(TINY_SCHOOL_FET);
// FET ids 1..7: Math (Ann, Y1) Tue 9 / Wed 9 / Mon 9 … a clean timetable found by the solver.
const timetable = { start: Int32Array.of(9, 3, 5, 6, 8, 4, 5), room: Int32Array.of(-1, -1, -1, 0, -1, -1, -1) };
const ids = (v: { blocks: { id: number }[] }) => v.blocks.map((b) => b.id);

describe("school views", () => {
  it("by teacher, students set (years, groups, subgroups with FET's meaning), room and subject", () => {
    const teachers = schoolViews(problem, timetable, "teacher");
    expect(teachers.map((v) => [v.id, ids(v).sort()])).toEqual([
      ["Ann", [1, 2, 3, 6]],
      ["Bob", [4, 5, 6, 7]],
    ]);
    const students = schoolViews(problem, timetable, "students");
    expect(students.map((v) => [v.id, v.level, ids(v).sort()])).toEqual([
      ["Y1", "year", [1, 2, 3, 4, 5]],
      ["Y2", "year", [6, 7]],
      ["Y1 G1", "group", [1, 2, 3, 4, 5]],
      ["Y1 G1 a", "subgroup", [1, 2, 3, 4]],
      ["Y1 G1 b", "subgroup", [1, 2, 3, 5]],
    ]);
    expect(schoolViews(problem, timetable, "room").map((v) => [v.id, ids(v)])).toEqual([
      ["Lab", [4]],
      ["Hall", []],
    ]);
    expect(schoolViews(problem, timetable, "subject").map((v) => [v.id, ids(v).sort()])).toEqual([
      ["Math", [1, 2, 3, 7]],
      ["Art", [4, 5]],
      ["Music", [6]],
    ]);
    const bob = teachers[1];
    expect(bob.days).toEqual(["Mon", "Tue", "Wed"]);
    expect(bob.blocks.find((b) => b.id === 4)).toMatchObject({ day: 1, hour: 2, duration: 2, subject: "Art", room: "Lab", students: ["Y1 G1 a"] });
  });

  it("a multi-hour activity is one block spanning its rows; overlapping blocks share a cell", () => {
    const bob = schoolViews(problem, timetable, "teacher")[1];
    const grid = viewGrid(bob);
    expect(grid[2][1]).toMatchObject({ span: 2 });
    expect(grid[2][1]!.blocks.map((b) => b.id)).toEqual([4]);
    expect(grid[3][1]).toBeNull();
    const clash = viewGrid({
      ...bob,
      blocks: [
        { ...bob.blocks[0], id: 90, day: 0, hour: 0, duration: 2 },
        { ...bob.blocks[0], id: 91, day: 0, hour: 1, duration: 2 },
      ],
    });
    expect(clash[0][0]).toMatchObject({ span: 3 });
    expect(clash[0][0]!.blocks.map((b) => b.id)).toEqual([90, 91]);
    expect([clash[1][0], clash[2][0]]).toEqual([null, null]);
  });

  it("hour times come from the file's hour names", () => {
    expect(hourTimes(["08:00", "08:50", "09:40"])).toEqual([
      { start: "08:00", end: "08:50" },
      { start: "08:50", end: "09:40" },
      { start: "09:40", end: "10:30" },
    ]);
    expect(hourTimes(["8.00-8.45", "8.55-9.40"])).toEqual([
      { start: "08:00", end: "08:45" },
      { start: "08:55", end: "09:40" },
    ]);
    expect(hourTimes(["first", "second"])).toEqual([
      { start: "08:00", end: "09:00" },
      { start: "09:00", end: "10:00" },
    ]);
  });
});

describe("school exports", () => {
  const bundle: ExportBundle = {
    kind: "school",
    name: "tiny",
    history: [],
    producedAt: new Date("2026-09-01T10:00:00Z"),
    problem,
    timetable,
    hard: 0,
    soft: 0,
    calendar: { rootId: "job_1", startDate: "2026-09-07", weeks: 10, timezone: "Europe/Rome" },
  };

  it("CSV, XLSX (a sheet per teacher, class and room), HTML (a page per teacher, class and room), the locked .fet, ZIP", () => {
    const csv = strFromU8(renderExport(bundle, "csv").body);
    expect(csv.split("\r\n")[0] ?? csv.split("\n")[0]).toContain("activity,subject,teachers,students");
    const wb = XLSX.read(renderExport(bundle, "xlsx").body, { type: "array" });
    expect(wb.SheetNames).toEqual(["Activities", "T Ann", "T Bob", "S Y1", "S Y2", "S Y1 G1", "S Y1 G1 a", "S Y1 G1 b", "R Lab", "R Hall"]);
    const bob = XLSX.utils.sheet_to_json<string[]>(wb.Sheets["T Bob"], { header: 1, defval: "" });
    expect(bob[3][2]).toContain("Art");
    expect(bob[4][2]).toBe("↓");
    // A room's sheet: headed with its seats, its lessons with teachers and classes; an empty room is an empty grid.
    const lab = XLSX.utils.sheet_to_json<string[]>(wb.Sheets["R Lab"], { header: 1, defval: "" });
    expect(lab[0]).toEqual(["Lab (30 seats)", "Mon", "Tue", "Wed"]);
    expect(lab[3][2]).toBe("Art — Bob · Y1 G1 a");
    expect(lab[4][2]).toBe("↓");
    const hall = XLSX.utils.sheet_to_json<string[]>(wb.Sheets["R Hall"], { header: 1, defval: "" });
    expect(hall[0]).toEqual(["Hall (60 seats)", "Mon", "Tue", "Wed"]);
    expect(hall.slice(1).every((row) => row.slice(1).every((c) => c === ""))).toBe(true);
    const html = strFromU8(renderExport(bundle, "html").body);
    expect(html.match(/<section class="grid">/g)).toHaveLength(2 + 5 + 2);
    expect(html).toContain('rowspan="2"');
    expect(html).toContain("<th>Tue</th>");
    expect(html).toContain('<h2>Room: Hall (60 seats)</h2><p class="meta">No lessons.</p>');
    const fet = readFet(strFromU8(renderExport(bundle, "fet").body));
    expect(fet.timeConstraints.filter((c) => c.type === "ConstraintActivityPreferredStartingTime" && c.weight === 100)).toHaveLength(7);
    const zip = unzipSync(renderExport(bundle, "zip").body);
    expect(Object.keys(zip).sort()).toEqual(
      [
        "tiny.json",
        "tiny.csv",
        "tiny.xlsx",
        "tiny.html",
        "tiny.fet",
        "tiny.convergence.csv",
        "tiny.convergence.svg",
        ...["teacher-Ann", "teacher-Bob", "students-Y1", "students-Y2", "students-Y1_G1", "students-Y1_G1_a", "students-Y1_G1_b", "room-Lab", "room-Hall"].map((n) => `calendars/${n}.ics`),
      ].sort(),
    );
    expect(() => renderExport(bundle, "sol")).toThrow(/school jobs export/);
    expect(() => renderExport(bundle, "ics", { view: "subject:Math" })).toThrow(/teacher:<name>/);
  });

  it("an ICS per teacher / class / room: one event per activity over its hours, a VTIMEZONE and TZID-qualified times", () => {
    const text = schoolCalendar(problem, timetable, { kind: "students", id: "Y1 G1 a" }, { ...bundle.calendar, stamp: bundle.producedAt });
    const cal = new ICAL.Component(ICAL.parse(text));
    const zone = new ICAL.Timezone(cal.getFirstSubcomponent("vtimezone")!);
    expect(zone.tzid).toBe("Europe/Rome");
    const events = cal.getAllSubcomponents("vevent");
    expect(events.map((e) => String(e.getFirstPropertyValue("uid"))).sort()).toEqual(["job_1-a1@evolve.dev", "job_1-a2@evolve.dev", "job_1-a3@evolve.dev", "job_1-a4@evolve.dev"]);
    const art = events.find((e) => String(e.getFirstPropertyValue("uid")) === "job_1-a4@evolve.dev")!;
    const start = art.getFirstPropertyValue("dtstart") as ICAL.Time;
    // Tue 10:00 in Rome in September is 08:00 UTC; the block lasts two hours.
    start.zone = zone;
    expect(start.toJSDate().toISOString()).toBe("2026-09-08T08:00:00.000Z");
    const end = art.getFirstPropertyValue("dtend") as ICAL.Time;
    end.zone = zone;
    expect(end.toJSDate().getTime() - start.toJSDate().getTime()).toBe(2 * 3600_000);
    expect(text).toContain("DTSTART;TZID=Europe/Rome:20260908T100000");
  });
});

describe("ICS time zones (every kind)", () => {
  it("zoneTransitions finds DST changes to the minute; a zone without DST has none", () => {
    expect(zoneTransitions("Europe/Rome", 2026, 2026).map((t) => [new Date(t.atMs).toISOString(), t.fromMinutes, t.toMinutes])).toEqual([
      ["2026-03-29T01:00:00.000Z", 60, 120],
      ["2026-10-25T01:00:00.000Z", 120, 60],
    ]);
    expect(zoneTransitions("Asia/Tokyo", 2026, 2027)).toEqual([]);
    // South of the equator the year starts in summer time.
    expect(vtimezone("Australia/Sydney", 2026, 2026).slice(2, 3)).toEqual(["BEGIN:DAYLIGHT"]);
  });

  it("ITC timetable calendars carry VTIMEZONE and TZID too; without a zone times stay floating", () => {
    const itc = readCtt(TINY);
    const t = { period: new Int16Array(itc.lectureCourse.length).map((_, i) => i), room: new Int16Array(itc.lectureCourse.length) };
    const withZone = timetableCalendar(itc, t, { kind: "room", id: itc.roomIds[0] }, { rootId: "j", startDate: "2026-01-05", weeks: 30, timezone: "America/New_York", stamp: new Date(0) });
    expect(withZone).toContain("BEGIN:VTIMEZONE\r\nTZID:America/New_York");
    expect(withZone).toMatch(/DTSTART;TZID=America\/New_York:2026010\dT\d{6}/);
    // 30 weeks from January cross the March change: the VTIMEZONE holds it.
    expect(withZone).toContain("TZOFFSETTO:-0400");
    const cal = new ICAL.Component(ICAL.parse(withZone));
    expect(cal.getAllSubcomponents("vevent").length).toBeGreaterThan(0);
    const floating = writeCalendar({ name: "x", stamp: new Date(0), events: [{ uid: "u", summary: "s", start: "2026-01-05T08:00", end: "2026-01-05T09:00" }] });
    expect(floating).not.toContain("VTIMEZONE");
    expect(floating).toContain("DTSTART:20260105T080000");
  });

  it("a school file whose hours have no times gets hourly times from 08:00", () => {
    const p = compileFet(fetText({ hours: ["first", "second"], days: ["D1"], activities: [{ id: 1, duration: 2 }] }));
    const text = schoolCalendar(p, { start: Int32Array.of(0), room: Int32Array.of(-1) }, { kind: "teacher", id: "T1" }, { rootId: "r", startDate: "2026-09-07", weeks: 1, stamp: new Date(0) });
    expect(text).toContain("DTSTART:20260907T080000");
    expect(text).toContain("DTEND:20260907T100000");
  });
});

describe("FET virtual rooms in views and exports", () => {
  // Labs is a virtual room: one real room from {Lab 1, Lab 2} and one from {Lab 3, Lab 4}.
  // Mon h1: activities 1 (T1, Y1) and 2 (T2, Y2) both in Labs; Mon h2: activity 3 (T1, Y1) in Lab 1.
  const vp = compileFet(
    fetText({
      subjects: ["Science", "Math"],
      years: [{ name: "Y1" }, { name: "Y2" }],
      rooms: [
        { name: "Lab 1" },
        { name: "Lab 2" },
        { name: "Lab 3" },
        { name: "Lab 4" },
        {
          name: "Labs",
          sets: [
            ["Lab 1", "Lab 2"],
            ["Lab 3", "Lab 4"],
          ],
        },
      ],
      activities: [
        { id: 1, teachers: ["T1"], subject: "Science", students: ["Y1"] },
        { id: 2, teachers: ["T2"], subject: "Science", students: ["Y2"] },
        { id: 3, teachers: ["T1"], subject: "Math", students: ["Y1"] },
      ],
    }),
  );
  const room = (n: string) => vp.rooms.indexOf(n);
  const act = (id: number) => Array.from(vp.actId).indexOf(id);
  /** Real rooms by activity id, each put in the compiled set it belongs to. */
  function withReal(real: Record<number, string[]>) {
    const K = vp.maxRealRooms;
    const out = new Int32Array(vp.nActivities * K).fill(-1);
    const v = room("Labs");
    for (const [id, names] of Object.entries(real)) {
      for (let k = vp.vSetStart[v]; k < vp.vSetStart[v + 1]; k++) {
        const set = Array.from(vp.vReal.subarray(vp.vRealStart[k], vp.vRealStart[k + 1]));
        out[act(Number(id)) * K + (k - vp.vSetStart[v])] = room(names.find((n) => set.includes(room(n)))!);
      }
    }
    const start = new Int32Array(vp.nActivities);
    start[act(3)] = 1;
    const rooms = new Int32Array(vp.nActivities).fill(room("Labs"));
    rooms[act(3)] = room("Lab 1");
    return { start, room: rooms, real: out };
  }
  const t = withReal({ 1: ["Lab 2", "Lab 3"], 2: ["Lab 1", "Lab 4"] });
  const vBundle: ExportBundle = {
    kind: "school",
    name: "labs",
    history: [],
    producedAt: new Date("2026-09-01T10:00:00Z"),
    problem: vp,
    timetable: t,
    hard: 0,
    soft: 0,
    calendar: { rootId: "job_v", startDate: "2026-09-07", weeks: 1, timezone: "Europe/Rome" },
  };

  it("a lesson in a virtual room carries its real rooms, and the by-room view lists it under each of them and under the virtual room", () => {
    const byRoom = Object.fromEntries(schoolViews(vp, t, "room").map((v) => [v.id, ids(v)]));
    expect(byRoom).toEqual({ "Lab 1": [2, 3], "Lab 2": [1], "Lab 3": [1], "Lab 4": [2], Labs: [1, 2] });
    const t1 = schoolViews(vp, t, "teacher")[0];
    expect(t1.blocks.map((b) => [b.id, b.room, b.realRooms, roomLabel(b)])).toEqual([
      [1, "Labs", ["Lab 2", "Lab 3"], "Labs (Lab 2, Lab 3)"],
      [3, "Lab 1", undefined, "Lab 1"],
    ]);
  });

  it("without real rooms in the timetable they are the ones assignRealRooms chooses (as the evaluation and the .fet writer do)", () => {
    const plain = { start: t.start, room: t.room };
    const chosen = assignRealRooms(vp, plain.start, plain.room);
    const K = vp.maxRealRooms;
    const names = (a: number) => Array.from(chosen.subarray(a * K, a * K + K), (r) => vp.rooms[r]).sort();
    const blocks = schoolViews(vp, plain, "teacher").flatMap((v) => v.blocks);
    expect(blocks.find((b) => b.id === 1)!.realRooms).toEqual(names(act(1)));
    expect(blocks.find((b) => b.id === 2)!.realRooms).toEqual(names(act(2)));
    // two lessons at once in Labs take different real rooms
    expect(new Set([...names(act(1)), ...names(act(2))]).size).toBe(4);
  });

  it("CSV, JSON, XLSX, HTML and ICS show the real rooms", () => {
    const csv = strFromU8(renderExport(vBundle, "csv").body);
    expect(csv).toContain('1,Science,T1,Y1,,Mon,h1,1,"Labs (Lab 2, Lab 3)"');
    expect(csv).toContain("3,Math,T1,Y1,,Mon,h2,1,Lab 1");
    const json = JSON.parse(strFromU8(renderExport(vBundle, "json").body)) as { activities: { id: number; room: string; realRooms?: string[] }[] };
    expect(json.activities.map((a) => [a.id, a.room, a.realRooms])).toEqual([
      [1, "Labs", ["Lab 2", "Lab 3"]],
      [2, "Labs", ["Lab 1", "Lab 4"]],
      [3, "Lab 1", undefined],
    ]);
    const wb = XLSX.read(renderExport(vBundle, "xlsx").body, { type: "array" });
    const t1 = XLSX.utils.sheet_to_json<string[]>(wb.Sheets["T T1"], { header: 1, defval: "" });
    expect(t1[1][1]).toBe("Science — Y1 · Labs (Lab 2, Lab 3)");
    const html = strFromU8(renderExport(vBundle, "html").body);
    const section = (name: string) => html.split("<section").find((s) => s.includes(`Room: ${name} (`))!;
    // Lab 1's page: the Labs lesson that took it, then its own lesson
    expect(section("Lab 1")).toContain("Science <small>T2 · Y2 · Labs (Lab 1, Lab 4)</small>");
    expect(section("Lab 1")).toContain("Math <small>T1 · Y1</small>");
    // Labs' page: both lessons at once, each in its own real rooms: not a clash
    expect(section("Labs")).toContain("<small>T1 · Y1 · Lab 2, Lab 3</small>");
    expect(section("Labs")).not.toContain('class="clash"');
    // XLSX: a sheet per room; a real room's sheet lists the lessons that took it through Labs, Labs' sheet both lessons with their real rooms.
    expect(wb.SheetNames.filter((n) => n.startsWith("R "))).toEqual(["R Lab 1", "R Lab 2", "R Lab 3", "R Lab 4", "R Labs"]);
    const sheet = (name: string) => XLSX.utils.sheet_to_json<string[]>(wb.Sheets[name], { header: 1, defval: "" });
    expect(sheet("R Lab 1")[1][1]).toBe("Science — T2 · Y2 · Labs (Lab 1, Lab 4)");
    expect(sheet("R Lab 1")[2][1]).toBe("Math — T1 · Y1");
    expect(sheet("R Lab 3")[1][1]).toBe("Science — T1 · Y1 · Labs (Lab 2, Lab 3)");
    expect(sheet("R Labs")[0][0]).toBe("Labs (30 seats; virtual: one of Lab 1 or Lab 2; Lab 3 or Lab 4)");
    expect(sheet("R Labs")[1][1]).toBe("Science — T1 · Y1 · Lab 2, Lab 3 | Science — T2 · Y2 · Lab 1, Lab 4");
    const ics = new ICAL.Component(ICAL.parse(schoolCalendar(vp, t, { kind: "room", id: "Lab 3" }, { ...vBundle.calendar, stamp: vBundle.producedAt })));
    expect(ics.getAllSubcomponents("vevent").map((e) => [String(e.getFirstPropertyValue("uid")), e.getFirstPropertyValue("location")])).toEqual([["job_v-a1@evolve.dev", "Labs (Lab 2, Lab 3)"]]);
  });

  it("a clash is two lessons in one room, or in a virtual room sharing a real room", () => {
    const labs = { kind: "room" as const, id: "Labs" };
    expect(
      cellClash(labs, [
        { id: 1, room: "Labs", realRooms: ["Lab 1", "Lab 3"] },
        { id: 2, room: "Labs", realRooms: ["Lab 2", "Lab 4"] },
      ]),
    ).toBe(false);
    expect(
      cellClash(labs, [
        { id: 1, room: "Labs", realRooms: ["Lab 1", "Lab 3"] },
        { id: 2, room: "Labs", realRooms: ["Lab 2", "Lab 3"] },
      ]),
    ).toBe(true);
    expect(
      cellClash({ kind: "room", id: "Lab 1" }, [
        { id: 1, room: "Labs", realRooms: ["Lab 1", "Lab 3"] },
        { id: 3, room: "Lab 1" },
      ]),
    ).toBe(true);
    expect(
      cellClash({ kind: "teacher", id: "T1" }, [
        { id: 1, room: "Labs", realRooms: ["Lab 1"] },
        { id: 2, room: "Labs", realRooms: ["Lab 2"] },
      ]),
    ).toBe(true);
    expect(cellClash(labs, [{ id: 1, room: "Labs", realRooms: ["Lab 1", "Lab 3"] }])).toBe(false);
    const shared = withReal({ 1: ["Lab 1", "Lab 3"], 2: ["Lab 2", "Lab 3"] });
    const html = strFromU8(renderExport({ ...vBundle, timetable: shared }, "html").body);
    expect(html.split("<section").find((s) => s.includes("Room: Labs ("))).toContain('class="clash"');
  });

  it("real rooms that do not belong to the virtual room's sets are refused with a RangeError naming the activity", () => {
    const real = t.real.slice();
    real.fill(room("Lab 4"), act(1) * vp.maxRealRooms, (act(1) + 1) * vp.maxRealRooms);
    const bad = { ...t, real };
    expect(() => renderExport({ ...vBundle, timetable: bad }, "csv")).toThrow(RangeError);
    expect(() => renderExport({ ...vBundle, timetable: bad }, "csv")).toThrow(/activity 1 .*not in that set/);
  });
});
