/**
 * Open an ITC-2007 `.ctt` problem in the timetabling form editor: the competition text becomes
 * the equivalent rich model document (core/timetabling/model/schema.ts). ITC's defaults are the
 * model's defaults (weights, no room features), so the model solves the same problem.
 */
import { ProblemError } from "@core/engine/errors";
import { readCtt } from "@core/timetabling/itc/ctt";
import type { TimetablingProblem } from "@core/timetabling/problem";
import type { TimetablingModel } from "@core/timetabling/model/schema";

/** The model document of a `{ format: "ctt", text }` document (throws the reader's ProblemError). */
export function modelFromCttDocument(doc: unknown): TimetablingModel & { kind: "timetabling" } {
  const text = (doc as { text?: unknown } | null)?.text;
  if (typeof text !== "string") throw new ProblemError({ path: ["text"], message: "must be the .ctt file's text" });
  return modelFromProblem(readCtt(text));
}

function modelFromProblem(p: TimetablingProblem): TimetablingModel & { kind: "timetabling" } {
  const S = p.slotsPerDay;
  // ITC numbers days and periods from 0; readable ids keep the grid and exports legible.
  const dayIds = p.dayIds.map((id) => `D${Number(id) + 1}`);
  const slotIds = p.slotIds.map((id) => `P${Number(id) + 1}`);
  return {
    kind: "timetabling",
    format: "model",
    name: p.name,
    days: dayIds.map((id) => ({ id })),
    periods: slotIds.map((id) => ({ id })),
    rooms: p.roomIds.map((id, r) => ({ id, capacity: p.roomCapacity[r] })),
    instructors: p.instructorIds.map((id) => ({ id })),
    groups: p.curriculumIds.map((id) => ({ id })),
    courses: p.courseIds.map((id, c) => {
      const unavailable: { day: string; period: string }[] = [];
      for (let t = 0; t < p.periods; t++) if (p.courseUnavailable[c * p.periods + t]) unavailable.push({ day: dayIds[Math.floor(t / S)], period: slotIds[t % S] });
      return {
        id,
        lecturesPerWeek: p.courseLectures[c],
        ...(p.courseInstructor[c] >= 0 ? { instructor: p.instructorIds[p.courseInstructor[c]] } : {}),
        minWorkingDays: p.courseMinDays[c],
        students: p.courseStudents[c],
        groups: [...p.courseCurricula[c]].map((q) => p.curriculumIds[q]),
        ...(unavailable.length ? { unavailable } : {}),
      };
    }),
  };
}
