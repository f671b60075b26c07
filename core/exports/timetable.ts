/**
 * Timetabling exports: the flat lecture list (JSON, CSV), a workbook with one sheet per view
 * (by room, by group, by instructor) plus the flat list, and one iCalendar per room / group /
 * instructor. Who is where comes only from core/timetabling's views; this file formats.
 */
import * as XLSX from "@e965/xlsx";
import { timetableViews, type GridView, type ViewKind } from "../timetabling/export/views";
import type { TimetablingProblem } from "../timetabling/problem";
import { timetableToJson, type Timetable } from "../timetabling/solution";
import { toCsv, type CsvCell } from "./csv";
import { writeCalendar, type CalendarEvent } from "./ics";

/** How abstract days/periods map onto real dates and times for calendars. */
export interface CalendarOptions {
  /** Stable id shared by a job and its re-solves (the root of a fork chain): part of every UID. */
  rootId: string;
  /** First day of the first teaching week ("YYYY-MM-DD"); day 0 of the timetable falls on it. */
  startDate: string;
  /** Number of teaching weeks (weekly repetitions). */
  weeks: number;
  /** IANA zone shown to calendar clients; times are local (floating). */
  timezone?: string;
  /** Start and end of each period, "HH:MM". Defaults: read from names like "08:30–10:00", else hourly from 08:00. */
  periodTimes?: { start: string; end: string }[];
  /** Revision of this publication (bumps SEQUENCE so clients take the update). */
  sequence?: number;
  /** When the timetable was produced. */
  stamp: Date;
}

export const LIST_HEADER = ["course", "lecture", "day", "period", "room", "instructor", "curricula"];

/** One row per lecture, in lecture order; unscheduled lectures have empty day/period/room. */
export function timetableRows(problem: TimetablingProblem, t: Timetable): CsvCell[][] {
  return timetableToJson(problem, t).assignments.map((a, l) => {
    const c = problem.lectureCourse[l];
    const teacher = problem.courseInstructor[c];
    return [a.course, a.lecture + 1, a.day, a.period, a.room, teacher >= 0 ? problem.instructorIds[teacher] : "", [...problem.courseCurricula[c]].map((q) => problem.curriculumIds[q]).join(" ")];
  });
}

export function timetableCsv(problem: TimetablingProblem, t: Timetable): string {
  return toCsv([LIST_HEADER, ...timetableRows(problem, t)]);
}

export const VIEW_SHEETS: { kind: ViewKind; sheet: string }[] = [
  { kind: "room", sheet: "By room" },
  { kind: "curriculum", sheet: "By group" },
  { kind: "instructor", sheet: "By instructor" },
];

function cellText(entries: GridView["cells"][number][number], kind: ViewKind): string {
  return entries.map((e) => (kind === "room" ? `${e.course} #${e.lecture + 1}` : `${e.course} #${e.lecture + 1} (${e.room})`)).join("\n");
}

/** Grids stacked on one sheet: a title row per owner, then periods down and days across. */
function viewSheetRows(grids: GridView[]): string[][] {
  const rows: string[][] = [];
  for (const g of grids) {
    rows.push([`${g.kind === "curriculum" ? "group" : g.kind}: ${g.id}`]);
    rows.push(["", ...g.days]);
    g.periods.forEach((p, s) => rows.push([p, ...g.days.map((_, d) => cellText(g.cells[d][s], g.kind))]));
    rows.push([]);
  }
  return rows;
}

/** XLSX workbook (SheetJS): "Lectures" (flat list), "By room", "By group", "By instructor". */
export function timetableXlsx(problem: TimetablingProblem, t: Timetable): Uint8Array {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([LIST_HEADER, ...timetableRows(problem, t)]), "Lectures");
  for (const { kind, sheet } of VIEW_SHEETS) {
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(viewSheetRows(timetableViews(problem, t, kind))), sheet);
  }
  const out = XLSX.write(wb, { type: "array", bookType: "xlsx", compression: true }) as ArrayBuffer;
  return new Uint8Array(out);
}

/** A view selector as used in URLs and access links: "room:R1", "group:Q3", "instructor:t07". */
export interface ViewRef {
  kind: ViewKind;
  id: string;
}

export function parseViewRef(s: string): ViewRef | null {
  const m = /^(room|group|curriculum|instructor):(.+)$/.exec(s);
  if (!m) return null;
  return { kind: m[1] === "group" ? "curriculum" : (m[1] as ViewKind), id: m[2] };
}

export function viewRefString(v: ViewRef): string {
  return `${v.kind === "curriculum" ? "group" : v.kind}:${v.id}`;
}

/** Every view of a timetable (for ZIPs and the feed picker). */
export function allViewRefs(problem: TimetablingProblem): ViewRef[] {
  return [
    ...problem.roomIds.map((id) => ({ kind: "room" as const, id })),
    ...problem.curriculumIds.map((id) => ({ kind: "curriculum" as const, id })),
    ...problem.instructorIds.map((id) => ({ kind: "instructor" as const, id })),
  ];
}

const HHMM = /(\d{1,2})[:.h](\d{2})/g;

/** Period start/end times: explicit, else parsed from period names, else hourly from 08:00. */
export function periodTimes(problem: TimetablingProblem, explicit?: { start: string; end: string }[]) {
  if (explicit?.length === problem.slotsPerDay) return explicit;
  const parsed = problem.slotNames.map((name) => [...name.matchAll(HHMM)].map((m) => `${m[1].padStart(2, "0")}:${m[2]}`));
  if (parsed.every((p) => p.length >= 2)) return parsed.map((p) => ({ start: p[0], end: p[1] }));
  return problem.slotNames.map((_, s) => ({
    start: `${String(8 + s).padStart(2, "0")}:00`,
    end: `${String(9 + s).padStart(2, "0")}:00`,
  }));
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** UID part that is safe in any client: ids keep letters, digits and . _ -, the rest is %-encoded. */
function uidPart(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

/** Stable UID of one lecture across re-solves of the same root job. */
export function lectureUid(rootId: string, course: string, lecture: number): string {
  return `${uidPart(rootId)}-${uidPart(course)}-${lecture + 1}@evolve.dev`;
}

/** The iCalendar of one room, group or instructor. Throws when the view does not exist. */
export function timetableCalendar(problem: TimetablingProblem, t: Timetable, view: ViewRef, options: CalendarOptions): string {
  const grid = timetableViews(problem, t, view.kind).find((g) => g.id === view.id);
  if (!grid) throw new Error(`no ${viewRefString(view)} in this timetable`);
  const times = periodTimes(problem, options.periodTimes);
  const events: CalendarEvent[] = [];
  grid.cells.forEach((day, d) =>
    day.forEach((entries, s) => {
      const date = addDays(options.startDate, d);
      for (const e of entries) {
        events.push({
          uid: lectureUid(options.rootId, e.course, e.lecture),
          summary: e.course,
          location: e.room || undefined,
          description: [`Lecture ${e.lecture + 1} of ${e.course}`, e.instructor ? `Instructor: ${e.instructor}` : "", e.curricula.length ? `Groups: ${e.curricula.join(", ")}` : ""]
            .filter(Boolean)
            .join("\n"),
          start: `${date}T${times[s].start}`,
          end: `${date}T${times[s].end}`,
          weeklyCount: options.weeks,
          categories: e.curricula,
          sequence: options.sequence ?? 0,
        });
      }
    }),
  );
  return writeCalendar({
    name: `${problem.name} — ${viewRefString(view).replace(":", " ")}`,
    timezone: options.timezone,
    stamp: options.stamp,
    events,
  });
}
