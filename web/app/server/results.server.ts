/**
 * What the results section draws, built from the job's stored input and result document with
 * core's own view models (the same ones the exporters format): timetable grids by room / group /
 * instructor with each lecture's violations, the explanation, a TSP tour's coordinates, or the best
 * ordering of a permutation job.
 */
import { compileProblem } from "@core/index";
import { EXPORT_FORMATS } from "@core/exports/index";
import { explain, timetableViews, type GridView, type TimetablingProblem } from "@core/timetabling/index";
import type { TspProblem } from "@core/tsp/index";
import type { Env } from "@worker/env";
import type { JobResultDocument, SolutionDocument } from "@worker/jobs/vocabulary";
import { getJson, jobKeys, putJson } from "@worker/storage/blobs";
import { recordUsage } from "@worker/tenancy/usage";
import { isSchoolDocument } from "@core/school/index";
import { numberedLabel } from "../components/labels";
import { buildSchoolResult, type SchoolResult } from "./school-results.server";

export interface TimetableResult {
  type: "timetabling";
  views: Record<"room" | "curriculum" | "instructor", GridView[]>;
  /** "course@periodIndex" → readable violations touching that lecture. */
  lectureViolations: Record<string, string[]>;
  explanation: { constraint: string; hard: boolean; weight: number; total: number; items: { label: string; cost: number }[] }[];
  hard: number;
  soft: number;
}

export interface TourResult {
  type: "tsp";
  points: [number, number][];
  order: number[];
  length: number | null;
}

/** A permutation job's best ordering: item indices, position by position. */
export interface OrderingResult {
  type: "permutation";
  order: number[];
  value: number | null;
}

export type ResultView = TimetableResult | SchoolResult | TourResult | OrderingResult | { type: "none" };
export type { SchoolResult } from "./school-results.server";

/** The problem document a job was submitted with (null once deleted); read once per page. */
export function readJobInput(env: Env, tenantId: string, jobId: string): Promise<Record<string, unknown> | null> {
  return getJson<Record<string, unknown>>(env.BLOBS, jobKeys.input(tenantId, jobId));
}

/**
 * The version in the key of a stored school result (`views/school-result-v<N>.json`): raise it when
 * what buildSchoolResult returns changes, so no page reads a result built by older code.
 */
export const SCHOOL_RESULT_VERSION = 1;

/**
 * `buildResultView` of a finished job, with a FET school's result (every grid of every view and the
 * explanation, a few seconds of CPU for a school of thousands of lessons) built on the first page and
 * kept in R2 under the job's prefix, so the next page of the same job (another teacher's or class's
 * timetable, school-page.ts) reads it back instead. A finished job's input and result never change;
 * deleting the job deletes the copy with it, and its bytes count in the tenant's storage like an export's.
 */
export async function resultViewOfJob(env: Env, tenantId: string, jobId: string, stored: Record<string, unknown> | null, result: JobResultDocument): Promise<ResultView> {
  if (!result.best || !stored || !isSchoolInput(problemOf(stored))) return buildResultView(stored, result);
  const key = jobKeys.view(tenantId, jobId, `school-result-v${SCHOOL_RESULT_VERSION}.json`);
  const kept = await getJson<SchoolResult>(env.BLOBS, key);
  if (kept) return kept;
  const built = buildResultView(stored, result);
  if (built.type === "school") await recordUsage(env, tenantId, { storageBytes: await putJson(env.BLOBS, key, built) });
  return built;
}

/** The problem document of a stored job input (readJobInput): its `problem`, or the input itself. */
function problemOf(stored: Record<string, unknown>): unknown {
  return (stored.problem as unknown) ?? stored;
}

/** A FET school (format "fet" or "school"), drawn by school-results.server.ts. */
function isSchoolInput(doc: unknown): boolean {
  return (doc as { kind?: unknown }).kind === "timetabling" && isSchoolDocument(doc);
}

/** `stored`: the job's input (readJobInput). */
export function buildResultView(stored: Record<string, unknown> | null, result: JobResultDocument): ResultView {
  if (!result.best || !stored) return { type: "none" };
  const doc = problemOf(stored);
  const kind = (doc as { kind?: unknown }).kind;
  if (kind === "permutation") return { type: "permutation", order: result.best.solution as number[], value: result.best.value };
  // Only timetables and tours are drawn; other kinds may carry tenant code, which core does not compile.
  if (kind !== "timetabling" && kind !== "tsp") return { type: "none" };
  // FET schools (school-results.server.ts): their own views on the file's day and hour names.
  if (isSchoolInput(doc)) return buildSchoolResult(doc, result.best.solution) ?? { type: "none" };
  const { problem } = compileProblem(doc);
  const solution = result.best.solution;
  if (kind === "timetabling") return buildTimetable(problem as TimetablingProblem, solution);
  if (kind === "tsp") return buildTour(problem as TspProblem, solution, result.best.value);
  return { type: "none" };
}

function buildTimetable(problem: TimetablingProblem, solution: SolutionDocument): TimetableResult {
  const sol = solution as { period: number[]; room: number[] };
  const t = { period: Int16Array.from(sol.period), room: Int16Array.from(sol.room) };
  const explanation = explain(problem, t);
  // ITC-2007 numbers days and periods from 0: the grid says "Day 1", "Period 1".
  const numbered = (g: GridView): GridView => (problem.format === "ctt" ? { ...g, days: g.days.map((d) => numberedLabel(d, "Day")), periods: g.periods.map((p) => numberedLabel(p, "Period")) } : g);
  const lectureViolations: Record<string, string[]> = {};
  for (const group of explanation.constraints) {
    for (const item of group.items) {
      for (const course of item.courses) {
        for (const p of item.periods) (lectureViolations[`${course}@${p.index}`] ??= []).push(item.label);
      }
    }
  }
  return {
    type: "timetabling",
    views: {
      room: timetableViews(problem, t, "room").map(numbered),
      curriculum: timetableViews(problem, t, "curriculum").map(numbered),
      instructor: timetableViews(problem, t, "instructor").map(numbered),
    },
    lectureViolations,
    explanation: explanation.constraints.map((g) => ({
      constraint: g.constraint,
      hard: g.hard,
      weight: g.weight,
      total: g.total,
      items: g.items.slice(0, 50).map((i) => ({ label: i.label, cost: i.cost })),
    })),
    hard: explanation.hard,
    soft: explanation.soft,
  };
}

function buildTour(problem: TspProblem, solution: SolutionDocument, length: number | null): TourResult {
  const coords = problem.coords ? Array.from(problem.coords) : [];
  const points: [number, number][] = [];
  for (let i = 0; i + 1 < coords.length; i += 2) points.push([coords[i], coords[i + 1]]);
  const order = solution as number[];
  return { type: "tsp", points, order, length };
}

/**
 * Export formats of the kind (ICS separately: one calendar per room, group or instructor; for a
 * FET school per teacher, class and room, with its locked .fet among the formats).
 */
export function exportChoices(kind: string, view: ResultView | null): { formats: string[]; calendars: string[] } {
  const exportKind = view?.type === "school" ? "school" : kind;
  const formats = [...((EXPORT_FORMATS as Record<string, readonly string[]>)[exportKind] ?? [])].filter((f) => f !== "ics");
  const calendars =
    view?.type === "timetabling"
      ? [...view.views.room.map((g) => `room:${g.id}`), ...view.views.curriculum.map((g) => `group:${g.id}`), ...view.views.instructor.map((g) => `instructor:${g.id}`)]
      : view?.type === "school"
        ? [...view.views.teacher.map((g) => `teacher:${g.id}`), ...view.views.students.map((g) => `students:${g.id}`), ...view.views.room.map((g) => `room:${g.id}`)]
        : [];
  return { formats, calendars };
}
