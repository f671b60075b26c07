/**
 * Exports of a FET school timetable (core/school): views by teacher, by students set (years,
 * groups and subgroups), by room and by subject, on the file's own day and hour names, with a
 * multi-hour activity as one block; and the files made from them — CSV (one row per activity),
 * XLSX (an Activities sheet, then one sheet per teacher, per students set and per room), printable HTML
 * (one A4 landscape page per teacher, students set and room), ICS per teacher / students set /
 * room (ics.ts, VTIMEZONE with a time zone) and the locked `.fet` (core/school/fet/write.ts).
 *
 * FET virtual rooms (core/school/real-rooms.ts): a lesson in a virtual room carries the real rooms
 * it occupies (`realRooms`, the timetable's own or chosen by `assignRealRooms`), its room reads
 * "Labs (Lab 1, Lab 3)" (`roomLabel`), and the by-room view lists it under the virtual room and
 * under each of its real rooms.
 */
import * as XLSX from "@e965/xlsx";
import type { SchoolTimetable } from "../school/evaluate";
import { writeFet } from "../school/fet/write";
import type { SchoolProblem } from "../school/problem";
import { assignRealRooms } from "../school/real-rooms";
import { toCsv, type CsvCell } from "./csv";
import { writeCalendar, type CalendarEvent } from "./ics";
import { escapeHtml } from "./timetable-html";
import type { CalendarOptions } from "./timetable";

export type SchoolViewKind = "teacher" | "students" | "room" | "subject";

/** One activity placed in a view: it starts at (day, hour) and lasts `duration` hours. */
export interface SchoolBlock {
  /** FET activity id. */
  id: number;
  day: number;
  hour: number;
  duration: number;
  subject: string;
  teachers: string[];
  students: string[];
  tags: string[];
  /** The room it was placed in (a virtual room's own name), "" when none. */
  room: string;
  /** In a virtual room: the real rooms it occupies (one per set, in the file's room order); absent otherwise. */
  realRooms?: string[];
}

/** A block's room as people read it: "Labs (Lab 1, Lab 3)" for a virtual room, else the room's name ("" when none). */
export const roomLabel = (b: Pick<SchoolBlock, "room" | "realRooms">) => (b.realRooms?.length ? `${b.room} (${b.realRooms.join(", ")})` : b.room);

/** Whether a block uses room `name`: placed in it, or in a virtual room that gave it that real room. */
export const blockInRoom = (b: Pick<SchoolBlock, "room" | "realRooms">, name: string) => b.room === name || (b.realRooms?.includes(name) ?? false);

/**
 * Whether blocks sharing a cell of view v clash: always when they are more than one, except in a
 * virtual room's own view, where lessons may share the virtual room when their real rooms differ.
 */
export function cellClash(v: Pick<SchoolView, "kind" | "id">, blocks: readonly Pick<SchoolBlock, "id" | "room" | "realRooms">[]): boolean {
  if (new Set(blocks.map((b) => b.id)).size < 2) return false;
  if (v.kind !== "room" || !blocks.every((b) => b.room === v.id && b.realRooms?.length)) return true;
  const used = new Set<string>();
  for (const b of blocks) {
    for (const r of b.realRooms!) {
      if (used.has(r)) return true;
      used.add(r);
    }
  }
  return false;
}

export interface SchoolView {
  kind: SchoolViewKind;
  /** The teacher, students set, room or subject name. */
  id: string;
  /** For students sets: "year", "group" or "subgroup". */
  level?: "year" | "group" | "subgroup";
  days: string[];
  hours: string[];
  /** Blocks sorted by day, hour, id. */
  blocks: SchoolBlock[];
}

export interface SchoolViewRef {
  kind: SchoolViewKind;
  id: string;
}

const sortBlocks = (a: SchoolBlock, b: SchoolBlock) => a.day - b.day || a.hour - b.hour || a.id - b.id;

/** Every placed activity as a block (activity index order). */
function blocksOf(p: SchoolProblem, t: SchoolTimetable): (SchoolBlock | null)[] {
  const src = new Map(p.input.activities.map((a) => [a.id, a]));
  const K = p.maxRealRooms;
  const real = K > 0 ? assignRealRooms(p, t.start, t.room, t.real) : null;
  const out: (SchoolBlock | null)[] = [];
  for (let a = 0; a < p.nActivities; a++) {
    const s = t.start[a];
    if (s < 0) {
      out.push(null);
      continue;
    }
    const teachers: string[] = [];
    for (let k = p.actTeacherStart[a]; k < p.actTeacherStart[a + 1]; k++) teachers.push(p.teachers[p.actTeachers[k]]);
    const f = src.get(p.actId[a]);
    const r = t.room[a];
    const realRooms =
      real && r >= 0 && p.roomVirtual[r]
        ? Array.from(real.subarray(a * K, a * K + K))
            .filter((x) => x >= 0)
            .sort((x, y) => x - y)
            .map((x) => p.rooms[x])
        : undefined;
    out.push({
      id: p.actId[a],
      day: Math.floor(s / p.nHours),
      hour: s % p.nHours,
      duration: p.actDuration[a],
      subject: p.subjects[p.actSubject[a]] ?? "",
      teachers,
      students: f ? [...f.students] : [],
      tags: f ? [...f.tags] : [],
      room: r >= 0 ? p.rooms[r] : "",
      ...(realRooms ? { realRooms } : {}),
    });
  }
  return out;
}

/** Students sets with their level and the subgroup indices they stand for (FET's meaning, problem.ts). */
export function studentsSets(p: SchoolProblem): { name: string; level: "year" | "group" | "subgroup"; subgroups: Set<number> }[] {
  const index = new Map(p.subgroups.map((n, i) => [n, i]));
  const seen = new Map<string, { name: string; level: "year" | "group" | "subgroup"; subgroups: Set<number> }>();
  const add = (name: string, level: "year" | "group" | "subgroup", members: string[]) => {
    const e = seen.get(name) ?? { name, level, subgroups: new Set<number>() };
    for (const m of members) if (index.has(m)) e.subgroups.add(index.get(m)!);
    seen.set(name, e);
  };
  for (const y of p.input.years) {
    const yearMembers: string[] = [];
    for (const g of y.groups) {
      const gm = g.subgroups.length ? g.subgroups.map((s) => s.name) : [g.name];
      add(g.name, "group", gm);
      for (const s of g.subgroups) add(s.name, "subgroup", [s.name]);
      yearMembers.push(...gm);
    }
    add(y.name, "year", y.groups.length ? yearMembers : [y.name]);
  }
  const order = { year: 0, group: 1, subgroup: 2 };
  return [...seen.values()].sort((a, b) => order[a.level] - order[b.level]);
}

/** Every view of one kind, each with its blocks (a room's view: lessons in it, and lessons of virtual rooms that gave them it as a real room). */
export function schoolViews(p: SchoolProblem, t: SchoolTimetable, kind: SchoolViewKind): SchoolView[] {
  const blocks = blocksOf(p, t);
  const view = (id: string, list: SchoolBlock[], level?: SchoolView["level"]): SchoolView => ({ kind, id, ...(level ? { level } : {}), days: p.days, hours: p.hours, blocks: list.sort(sortBlocks) });
  const placed = blocks.filter((b): b is SchoolBlock => b !== null);
  switch (kind) {
    case "teacher":
      return p.teachers.map((n) =>
        view(
          n,
          placed.filter((b) => b.teachers.includes(n)),
        ),
      );
    case "room":
      return p.rooms.map((n) =>
        view(
          n,
          placed.filter((b) => blockInRoom(b, n)),
        ),
      );
    case "subject":
      return p.subjects.map((n) =>
        view(
          n,
          placed.filter((b) => b.subject === n),
        ),
      );
    case "students":
      return studentsSets(p).map((set) => {
        const list: SchoolBlock[] = [];
        blocks.forEach((b, a) => {
          if (!b) return;
          for (let k = p.actSubgroupStart[a]; k < p.actSubgroupStart[a + 1]; k++) {
            if (set.subgroups.has(p.actSubgroups[k])) {
              list.push(b);
              return;
            }
          }
        });
        return view(set.name, list, set.level);
      });
  }
}

export function parseSchoolViewRef(s: string): SchoolViewRef | null {
  const m = /^(teacher|students|room|subject):(.+)$/.exec(s);
  return m ? { kind: m[1] as SchoolViewKind, id: m[2] } : null;
}

export const schoolViewRefString = (v: SchoolViewRef) => `${v.kind}:${v.id}`;

/** The calendars offered: one per teacher, students set and room. */
export function schoolCalendarRefs(p: SchoolProblem): SchoolViewRef[] {
  return [
    ...p.teachers.map((id) => ({ kind: "teacher" as const, id })),
    ...studentsSets(p).map((s) => ({ kind: "students" as const, id: s.name })),
    ...p.rooms.map((id) => ({ kind: "room" as const, id })),
  ];
}

export const SCHOOL_CSV_HEADER = ["activity", "subject", "teachers", "students", "tags", "day", "hour", "duration", "room"];

/** One row per active activity in id order; unplaced ones have empty day / hour / room; a virtual room reads "Labs (Lab 1, Lab 3)". */
export function schoolCsv(p: SchoolProblem, t: SchoolTimetable): string {
  return toCsv([SCHOOL_CSV_HEADER, ...activityRows(p, t)]);
}

function activityRows(p: SchoolProblem, t: SchoolTimetable): CsvCell[][] {
  const blocks = blocksOf(p, t);
  const src = new Map(p.input.activities.map((x) => [x.id, x]));
  const rows: CsvCell[][] = [];
  for (let a = 0; a < p.nActivities; a++) {
    const b = blocks[a];
    const f = src.get(p.actId[a]);
    rows.push(
      b
        ? [b.id, b.subject, b.teachers.join("+"), b.students.join("+"), b.tags.join("+"), p.days[b.day], p.hours[b.hour], b.duration, roomLabel(b)]
        : [p.actId[a], p.subjects[p.actSubject[a]] ?? "", f ? f.teachers.join("+") : "", f ? f.students.join("+") : "", f ? f.tags.join("+") : "", "", "", p.actDuration[a], ""],
    );
  }
  return rows.sort((x, y) => Number(x[0]) - Number(y[0]));
}

/**
 * Where a block is, as said inside view v: its room label ("Labs (Lab 1, Lab 3)"), except in a
 * room's view: nothing for the room itself, its real rooms in its virtual room's view, and the
 * virtual room with its real rooms in a real room's view.
 */
export function roomInView(v: Pick<SchoolView, "kind" | "id">, b: Pick<SchoolBlock, "room" | "realRooms">): string {
  if (v.kind !== "room") return roomLabel(b);
  if (b.room === v.id) return b.realRooms?.join(", ") ?? "";
  return roomLabel(b);
}

/** The text of one block inside a view (what the view's own name does not already say). */
function blockText(v: SchoolView, b: SchoolBlock): { main: string; detail: string } {
  const who = v.kind === "teacher" ? b.students.join(", ") : b.teachers.join(", ");
  const room = roomInView(v, b);
  const detail = [v.kind === "students" || v.kind === "subject" ? who : v.kind === "room" ? `${b.teachers.join(", ")} · ${b.students.join(", ")}` : who, room].filter(Boolean).join(" · ");
  return { main: v.kind === "subject" ? b.students.join(", ") || b.subject : b.subject, detail: v.kind === "subject" ? [b.teachers.join(", "), room].filter(Boolean).join(" · ") : detail };
}

/**
 * A view as a grid of cells [hour][day]: a block fills its start cell and the cells it covers
 * below; `span` is how many rows the start cell spans (the longest block starting there), and
 * covered cells are null. Blocks that overlap in a cell (a clash) share it.
 */
export function viewGrid(v: SchoolView): ({ blocks: SchoolBlock[]; span: number } | null)[][] {
  const nH = v.hours.length;
  const grid: ({ blocks: SchoolBlock[]; span: number } | null)[][] = Array.from({ length: nH }, () => v.days.map(() => ({ blocks: [] as SchoolBlock[], span: 1 })));
  for (const b of v.blocks) {
    // A block starting inside a cell another block already covers joins that block's cell.
    let h = b.hour;
    while (h > 0 && grid[h][b.day] === null) h--;
    const cell = grid[h][b.day]!;
    cell.blocks.push(b);
    const end = Math.min(nH, b.hour + b.duration);
    if (end - h > cell.span) {
      for (let k = h + cell.span; k < end; k++) {
        const covered = grid[k][b.day];
        if (covered) cell.blocks.push(...covered.blocks);
        grid[k][b.day] = null;
      }
      cell.span = end - h;
    }
  }
  return grid;
}

/** A room as its sheet and page title say it: "Lab (30 seats)"; a virtual room with its sets of real rooms. */
export function roomTitle(p: SchoolProblem, name: string): string {
  const r = p.rooms.indexOf(name);
  if (r < 0) return name;
  const seats = `${p.roomCapacity[r]} ${p.roomCapacity[r] === 1 ? "seat" : "seats"}`;
  if (!p.roomVirtual[r]) return `${name} (${seats})`;
  const sets = (p.input.rooms[r].sets ?? []).map((set) => set.join(" or ")).join("; ");
  return `${name} (${seats}; virtual: one of ${sets})`;
}

/** Rows of a view as a sheet: the header row of days, then one row per hour (a block's text in its first hour, "↓" below). */
function viewRows(v: SchoolView, title = v.id): string[][] {
  const grid = viewGrid(v);
  const covering = v.days.map(() => 0);
  return [
    [title, ...v.days],
    ...v.hours.map((h, r) => [
      h,
      ...v.days.map((_, d) => {
        const cell = grid[r][d];
        if (cell === null) return covering[d]-- > 0 ? "↓" : "";
        covering[d] = cell.span - 1;
        return cell.blocks
          .map((b) => {
            const x = blockText(v, b);
            return [x.main, x.detail].filter(Boolean).join(" — ");
          })
          .join(" | ");
      }),
    ]),
  ];
}

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ], unique in the book. */
function sheetName(base: string, used: Set<string>): string {
  const clean = base.replace(/[:\\/?*[\]]/g, "_").slice(0, 31) || "Sheet";
  let name = clean;
  for (let i = 2; used.has(name.toLowerCase()); i++) name = `${clean.slice(0, 31 - String(i).length - 1)}~${i}`;
  used.add(name.toLowerCase());
  return name;
}

/**
 * Activities sheet, then one sheet per teacher, per students set (years, groups, subgroups) and per
 * room ("R Lab 1"; headed with its seats; a real room lists the lessons that took it through a
 * virtual room, which says the virtual room and its real rooms).
 */
export function schoolXlsx(p: SchoolProblem, t: SchoolTimetable): Uint8Array {
  const wb = XLSX.utils.book_new();
  const used = new Set<string>();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([SCHOOL_CSV_HEADER, ...activityRows(p, t)]), sheetName("Activities", used));
  for (const v of schoolViews(p, t, "teacher")) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(viewRows(v)), sheetName(`T ${v.id}`, used));
  for (const v of schoolViews(p, t, "students")) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(viewRows(v)), sheetName(`S ${v.id}`, used));
  for (const v of schoolViews(p, t, "room")) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(viewRows(v, roomTitle(p, v.id))), sheetName(`R ${v.id}`, used));
  const out = XLSX.write(wb, { type: "array", bookType: "xlsx", compression: true }) as ArrayBuffer;
  return new Uint8Array(out);
}

const CSS = `
@page { size: A4 landscape; margin: 10mm; }
* { box-sizing: border-box; }
body { font: 10pt/1.3 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111; margin: 0; padding: 12px; }
h1 { font-size: 16pt; margin: 0 0 4px; }
h2 { font-size: 13pt; margin: 0 0 6px; }
.meta { color: #555; margin-bottom: 12px; }
section.grid { break-after: page; page-break-after: always; margin-bottom: 24px; }
section.grid:last-of-type { break-after: auto; page-break-after: auto; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #999; padding: 3px 4px; vertical-align: top; }
th { background: #eee; font-weight: 600; }
th.hour { width: 11%; text-align: left; }
td.block { background: #eef4ff; }
td .activity { display: block; }
td .activity small { color: #555; }
td.clash { background: #fde2e2; }
@media print { body { padding: 0; } .meta { margin-bottom: 6px; } tr { break-inside: avoid; } }
`;

const LABEL: Record<SchoolViewKind, string> = { teacher: "Teacher", students: "Students", room: "Room", subject: "Subject" };

function htmlSection(v: SchoolView, title = v.id): string {
  const grid = viewGrid(v);
  const head = `<tr><th class="hour"></th>${v.days.map((d) => `<th>${escapeHtml(d)}</th>`).join("")}</tr>`;
  const rows = v.hours
    .map((h, r) => {
      const cells = v.days
        .map((_, d) => {
          const cell = grid[r][d];
          if (cell === null) return "";
          if (!cell.blocks.length) return "<td></td>";
          const clash = cellClash(v, cell.blocks);
          const body = cell.blocks.map((b) => {
            const x = blockText(v, b);
            return `<span class="activity">${escapeHtml(x.main)} <small>${escapeHtml(x.detail)}</small></span>`;
          });
          return `<td class="${clash ? "clash" : "block"}"${cell.span > 1 ? ` rowspan="${cell.span}"` : ""}>${body.join("")}</td>`;
        })
        .join("");
      return `<tr><th class="hour">${escapeHtml(h)}</th>${cells}</tr>`;
    })
    .join("\n");
  const level = v.level ? ` (${v.level})` : "";
  const empty = v.blocks.length ? "" : `<p class="meta">No lessons.</p>`;
  return `<section class="grid"><h2>${LABEL[v.kind]}${level}: ${escapeHtml(title)}</h2>${empty}<table><thead>${head}</thead><tbody>${rows}</tbody></table></section>`;
}

/** The printable timetable: one A4 landscape page per teacher, students set and room. */
export function schoolHtml(p: SchoolProblem, t: SchoolTimetable, subtitle = ""): string {
  const sections = (["teacher", "students", "room"] as const).flatMap((k) => schoolViews(p, t, k).map((v) => htmlSection(v, k === "room" ? roomTitle(p, v.id) : v.id)));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(p.name)} — timetable</title>
<style>${CSS}</style></head>
<body><h1>${escapeHtml(p.name)}</h1><div class="meta">${escapeHtml(subtitle)}</div>
${sections.join("\n")}
</body></html>
`;
}

const HHMM = /(\d{1,2})[:.h](\d{2})/g;

/**
 * Start and end of each hour, "HH:MM": from hour names like "08:00-08:45" (start and end), or
 * "08:00" (start; it ends when the next hour starts, the last one after the average length),
 * else hourly from 08:00.
 */
export function hourTimes(hours: string[]): { start: string; end: string }[] {
  const parsed = hours.map((name) => [...name.matchAll(HHMM)].map((m) => Number(m[1]) * 60 + Number(m[2])));
  const fmt = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  if (parsed.every((x) => x.length >= 2 && x[1] > x[0])) return parsed.map((x) => ({ start: fmt(x[0]), end: fmt(x[1]) }));
  const starts = parsed.map((x) => x[0]);
  if (starts.every((s, i) => s !== undefined && s < 24 * 60 && (i === 0 || s > starts[i - 1]))) {
    const avg = starts.length > 1 ? Math.round((starts[starts.length - 1] - starts[0]) / (starts.length - 1)) : 60;
    return starts.map((s, i) => ({ start: fmt(s), end: fmt(Math.min(i + 1 < starts.length ? starts[i + 1] : s + avg, 24 * 60 - 1)) }));
  }
  return hours.map((_, i) => ({ start: fmt(Math.min(8 * 60 + i * 60, 23 * 60)), end: fmt(Math.min(9 * 60 + i * 60, 23 * 60 + 59)) }));
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const uidPart = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);

/** Stable UID of one activity across re-solves of the same root job. */
export const activityUid = (rootId: string, activityId: number) => `${uidPart(rootId)}-a${activityId}@evolve.dev`;

/**
 * The calendar of one teacher, students set or room: each block is one weekly event from the
 * start of its first hour to the end of its last; day d of the timetable falls on startDate + d
 * (a file with more than 7 days keeps its own cycle of days).
 */
export function schoolCalendar(p: SchoolProblem, t: SchoolTimetable, ref: SchoolViewRef, options: CalendarOptions): string {
  const v = schoolViews(p, t, ref.kind).find((x) => x.id === ref.id);
  if (!v) throw new Error(`no ${schoolViewRefString(ref)} in this timetable`);
  const times = hourTimes(p.hours);
  const events: CalendarEvent[] = v.blocks.map((b) => {
    const date = addDays(options.startDate, b.day);
    const last = Math.min(b.hour + b.duration - 1, times.length - 1);
    return {
      uid: activityUid(options.rootId, b.id),
      summary: b.subject,
      location: roomLabel(b) || undefined,
      description: [`Activity ${b.id}`, b.teachers.length ? `Teachers: ${b.teachers.join(", ")}` : "", b.students.length ? `Students: ${b.students.join(", ")}` : ""].filter(Boolean).join("\n"),
      start: `${date}T${times[b.hour].start}`,
      end: `${date}T${times[last].end}`,
      weeklyCount: options.weeks,
      categories: b.students,
      sequence: options.sequence ?? 0,
    };
  });
  return writeCalendar({ name: `${p.name} — ${LABEL[ref.kind].toLowerCase()} ${ref.id}`, timezone: options.timezone, stamp: options.stamp, events });
}

/** The JSON export: every activity with its place (and `realRooms` when in a virtual room), plus the views' names. */
export function schoolJson(p: SchoolProblem, t: SchoolTimetable): Record<string, unknown> {
  const blocks = blocksOf(p, t);
  return {
    days: p.days,
    hours: p.hours,
    activities: Array.from({ length: p.nActivities }, (_, a) => {
      const b = blocks[a];
      return b
        ? {
            id: b.id,
            subject: b.subject,
            teachers: b.teachers,
            students: b.students,
            day: p.days[b.day],
            hour: p.hours[b.hour],
            duration: b.duration,
            room: b.room || null,
            ...(b.realRooms ? { realRooms: b.realRooms } : {}),
          }
        : { id: p.actId[a], day: null, hour: null, duration: p.actDuration[a], room: null };
    }),
  };
}

/** The locked `.fet` (every activity's start, and room where it has one, at 100%). */
export const schoolFet = (p: SchoolProblem, t: SchoolTimetable) => writeFet(p, t);
