/**
 * Downloadable exports of a finished (or best-so-far) job, per problem kind. Pure functions of a
 * bundle: the platform loads the job's problem and result into an `ExportBundle`, asks for a
 * format, and stores the bytes. Formats per kind are listed in `EXPORT_FORMATS`.
 *
 *   renderExport(bundle, "xlsx")                      → workbook bytes
 *   renderExport(bundle, "ics", { view: "room:R1" })  → that room's calendar
 *   renderExport(bundle, "zip")                       → everything, calendars included
 */
import { writeCttSolution } from "../timetabling/itc/sol";
import type { TimetablingProblem } from "../timetabling/problem";
import { timetableToJson, type Timetable } from "../timetabling/solution";
import { pointCsv, pointJson, type PointInput } from "./continuous";
import { orderingCsv, orderingJson, type OrderingInput } from "./permutation";
import { convergenceCsv, convergenceSvg, type HistoryPoint } from "./convergence";
import { allViewRefs, parseViewRef, timetableCalendar, timetableCsv, timetableXlsx, viewRefString, type CalendarOptions } from "./timetable";
import { timetableHtml } from "./timetable-html";
import type { SchoolProblem } from "../school/problem";
import type { SchoolTimetable } from "../school/evaluate";
import { parseSchoolViewRef, schoolCalendar, schoolCalendarRefs, schoolCsv, schoolFet, schoolHtml, schoolJson, schoolViewRefString, schoolXlsx } from "./school";
import { tourCsv, tourGeoJson, tourSvg, tourTsplib, type TourInput } from "./tsp";
import { zipFiles } from "./zip";

export { toCsv, parseCsv } from "./csv";
export { writeCalendar, foldLine, escapeText } from "./ics";
export { lectureUid, parseViewRef, viewRefString, allViewRefs, type CalendarOptions, type ViewRef } from "./timetable";
export type { HistoryPoint } from "./convergence";
export {
  schoolViews,
  schoolCalendarRefs,
  parseSchoolViewRef,
  schoolViewRefString,
  studentsSets,
  viewGrid,
  hourTimes,
  type SchoolView,
  type SchoolViewKind,
  type SchoolBlock,
  type SchoolViewRef,
} from "./school";
export { vtimezone, zoneTransitions, zoneOffsetMinutes } from "./ics";
export type { TourInput } from "./tsp";
export type { PointInput } from "./continuous";
export type { OrderingInput } from "./permutation";

interface Common {
  /** File name stem, e.g. the job's name or id. */
  name: string;
  history: readonly HistoryPoint[];
  /** When the result was produced: ZIP timestamps, calendar DTSTAMP. */
  producedAt: Date;
  /** Extra facts written into JSON exports (job id, algorithm, seed, figures). */
  meta?: Record<string, unknown>;
}

export type ExportBundle =
  | (Common & { kind: "timetabling"; problem: TimetablingProblem; timetable: Timetable; hard: number; soft: number; calendar: Omit<CalendarOptions, "stamp"> })
  /** A FET school timetable (a `timetabling` job whose input was a .fet or school model). */
  | (Common & { kind: "school"; problem: SchoolProblem; timetable: SchoolTimetable; hard: number; soft: number; calendar: Omit<CalendarOptions, "stamp"> })
  | (Common & { kind: "tsp"; tour: TourInput })
  | (Common & { kind: "continuous"; point: PointInput })
  | (Common & { kind: "permutation"; ordering: OrderingInput });

export const EXPORT_FORMATS = {
  timetabling: ["json", "csv", "xlsx", "ics", "html", "sol", "convergence.csv", "convergence.svg", "zip"],
  school: ["json", "csv", "xlsx", "ics", "html", "fet", "convergence.csv", "convergence.svg", "zip"],
  tsp: ["json", "csv", "tour", "geojson", "svg", "convergence.csv", "convergence.svg", "zip"],
  continuous: ["json", "csv", "convergence.csv", "convergence.svg", "zip"],
  permutation: ["json", "csv", "convergence.csv", "convergence.svg", "zip"],
} as const;

export type ExportFormat = (typeof EXPORT_FORMATS)[keyof typeof EXPORT_FORMATS][number];

export interface RenderedExport {
  filename: string;
  contentType: string;
  body: Uint8Array;
}

/** Thrown for a format the kind does not offer or an option that does not fit; maps to 404/422. */
export class ExportError extends Error {
  override name = "ExportError";
  constructor(
    readonly reason: "unknown-format" | "not-applicable" | "bad-view",
    message: string,
  ) {
    super(message);
  }
}

const TYPES: Record<string, string> = {
  json: "application/json",
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ics: "text/calendar; charset=utf-8",
  html: "text/html; charset=utf-8",
  sol: "text/plain; charset=utf-8",
  fet: "application/xml; charset=utf-8",
  tour: "text/plain; charset=utf-8",
  geojson: "application/geo+json",
  svg: "image/svg+xml",
  "convergence.csv": "text/csv; charset=utf-8",
  "convergence.svg": "image/svg+xml",
  zip: "application/zip",
};

const encoder = new TextEncoder();
const safeName = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, "_").slice(0, 80) || "export";

export function formatsFor(kind: ExportBundle["kind"]): readonly string[] {
  return EXPORT_FORMATS[kind];
}

/** Whether a format applies to this bundle (the ITC solution only for ITC inputs). */
export function applicableFormats(bundle: ExportBundle): string[] {
  return formatsFor(bundle.kind).filter((f) => !(f === "sol" && bundle.kind === "timetabling" && bundle.problem.format !== "ctt"));
}

function jsonOf(bundle: ExportBundle): unknown {
  const base = { name: bundle.name, kind: bundle.kind, ...bundle.meta };
  switch (bundle.kind) {
    case "timetabling":
      return { ...base, hard: bundle.hard, soft: bundle.soft, ...timetableToJson(bundle.problem, bundle.timetable) };
    case "school":
      return { ...base, hard: bundle.hard, soft: bundle.soft, ...schoolJson(bundle.problem, bundle.timetable) };
    case "tsp":
      return { ...base, length: bundle.tour.length, tour: bundle.tour.tour.map((c) => bundle.tour.cityIds?.[c] ?? c + 1) };
    case "continuous":
      return { ...base, ...pointJson(bundle.point) };
    case "permutation":
      return { ...base, ...orderingJson(bundle.ordering) };
  }
}

function text(bundle: ExportBundle, format: string, options: { view?: string }): string | Uint8Array {
  const calendarFor = (view: string) => {
    if (bundle.kind === "school") {
      const ref = parseSchoolViewRef(view);
      if (!ref || ref.kind === "subject") throw new ExportError("bad-view", `view must look like teacher:<name>, students:<name> or room:<name>, not "${view}"`);
      if (!schoolCalendarRefs(bundle.problem).some((v) => v.kind === ref.kind && v.id === ref.id)) throw new ExportError("bad-view", `this timetable has no ${schoolViewRefString(ref)}`);
      return schoolCalendar(bundle.problem, bundle.timetable, ref, { ...bundle.calendar, stamp: bundle.producedAt });
    }
    if (bundle.kind !== "timetabling") throw new ExportError("not-applicable", "calendars exist for timetables only");
    const ref = parseViewRef(view);
    if (!ref) throw new ExportError("bad-view", `view must look like room:<id>, group:<id> or instructor:<id>, not "${view}"`);
    const known = allViewRefs(bundle.problem).some((v) => v.kind === ref.kind && v.id === ref.id);
    if (!known) throw new ExportError("bad-view", `this timetable has no ${viewRefString(ref)}`);
    return timetableCalendar(bundle.problem, bundle.timetable, ref, { ...bundle.calendar, stamp: bundle.producedAt });
  };
  switch (format) {
    case "json":
      return JSON.stringify(jsonOf(bundle), null, 2);
    case "convergence.csv":
      return convergenceCsv(bundle.history);
    case "convergence.svg":
      return convergenceSvg(bundle.history, `${bundle.name} — convergence`);
    case "ics":
      if (!options.view)
        throw new ExportError(
          "bad-view",
          bundle.kind === "school" ? "choose a calendar with ?view=teacher:<name>, students:<name> or room:<name>" : "choose a calendar with ?view=room:<id>, group:<id> or instructor:<id>",
        );
      return calendarFor(options.view);
  }
  if (bundle.kind === "timetabling") {
    const { problem, timetable } = bundle;
    if (format === "csv") return timetableCsv(problem, timetable);
    if (format === "xlsx") return timetableXlsx(problem, timetable);
    if (format === "html") return timetableHtml(problem, timetable, `hard violations ${bundle.hard} · soft cost ${bundle.soft}`);
    if (format === "sol") {
      if (problem.format !== "ctt") throw new ExportError("not-applicable", "the ITC-2007 solution format exists only for .ctt inputs");
      return writeCttSolution(problem, timetable);
    }
  } else if (bundle.kind === "school") {
    const { problem, timetable } = bundle;
    if (format === "csv") return schoolCsv(problem, timetable);
    if (format === "xlsx") return schoolXlsx(problem, timetable);
    if (format === "html") return schoolHtml(problem, timetable, `hard violations ${bundle.hard} · soft penalty ${bundle.soft}`);
    if (format === "fet") return schoolFet(problem, timetable);
  } else if (bundle.kind === "tsp") {
    if (format === "csv") return tourCsv(bundle.tour);
    if (format === "tour") return tourTsplib(bundle.tour);
    if (format === "geojson") return JSON.stringify(tourGeoJson(bundle.tour));
    if (format === "svg") return tourSvg(bundle.tour);
  } else if (bundle.kind === "permutation") {
    if (format === "csv") return orderingCsv(bundle.ordering);
  } else if (format === "csv") return pointCsv(bundle.point);
  throw new ExportError("unknown-format", `${bundle.kind} jobs export ${formatsFor(bundle.kind).join(", ")}; not "${format}"`);
}

const extension = (format: string) => (format === "convergence.csv" ? "convergence.csv" : format === "convergence.svg" ? "convergence.svg" : format);

/** Render one export. `options.view` selects the calendar for "ics". */
export function renderExport(bundle: ExportBundle, format: string, options: { view?: string } = {}): RenderedExport {
  if (!(formatsFor(bundle.kind) as readonly string[]).includes(format)) {
    throw new ExportError("unknown-format", `${bundle.kind} jobs export ${formatsFor(bundle.kind).join(", ")}; not "${format}"`);
  }
  const stem = safeName(bundle.name);
  if (format === "zip") return { filename: `${stem}.zip`, contentType: TYPES.zip, body: zipAll(bundle, stem) };
  const out = text(bundle, format, options);
  const viewPart = format === "ics" && options.view ? `-${safeName(options.view.replace(":", "-"))}` : "";
  return {
    filename: `${stem}${viewPart}.${extension(format)}`,
    contentType: TYPES[format],
    body: typeof out === "string" ? encoder.encode(out) : out,
  };
}

/** Every applicable export in one archive; timetables add one calendar per room, group and instructor (schools: teacher, students set, room). */
function zipAll(bundle: ExportBundle, stem: string): Uint8Array {
  const files: Record<string, string | Uint8Array> = {};
  for (const f of applicableFormats(bundle)) {
    if (f === "zip" || f === "ics") continue;
    files[`${stem}.${extension(f)}`] = text(bundle, f, {});
  }
  if (bundle.kind === "school") {
    for (const v of schoolCalendarRefs(bundle.problem)) {
      const ref = schoolViewRefString(v);
      files[`calendars/${safeName(ref.replace(":", "-"))}.ics`] = text(bundle, "ics", { view: ref });
    }
  }
  if (bundle.kind === "timetabling") {
    for (const v of allViewRefs(bundle.problem)) {
      const ref = viewRefString(v);
      files[`calendars/${safeName(ref.replace(":", "-"))}.ics`] = text(bundle, "ics", { view: ref });
    }
  }
  return zipFiles(files, bundle.producedAt);
}
