/**
 * Request and response schemas of /v1/jobs (zod, also the OpenAPI document): submission (JSON or
 * upload), list query, fork, exports. The job resource itself is worker/jobs/view.ts.
 */
import { z } from "@hono/zod-openapi";
import { MAX_WEIGHT, WEIGHT_NAMES } from "@core/timetabling/weights";
import { CursorQuery, IdParam } from "../api/schemas";
import { ProblemDocument, UploadFields } from "../problems/schemas";
import { JobSchema } from "./view";
import { JOB_STATES } from "./vocabulary";
import { MAX_EDIT_ITEMS } from "./school-edit";

export const Budget = z
  .object({
    evaluations: z.number().int().min(1).optional(),
    seconds: z.number().positive().max(86_400).optional(),
    stall: z
      .number()
      .min(0)
      .lt(1)
      .optional()
      .openapi({ description: "Stop when the best has not improved for this share of the budget. Default 0.25 for a seconds budget, off (0) for an evaluations budget." }),
    target: z.number().optional().openapi({
      description:
        "Stop when the best reaches this value. A seconds budget also stops at a known optimum: a TSP document's `optimum`, a built-in function's optimum, a timetable with hard 0 and soft 0 (an evaluations budget runs exactly, unless it names a target).",
    }),
  })
  .openapi("Budget", {
    description:
      "At most one of evaluations or seconds of compute; none = the plan's default time budget (free 10 s, pro 30 s, enterprise 60 s). The job stops earlier on convergence and says why (`receipt.stopReason`, the result's `stopReason`); usage counts the compute actually spent. Every finished single-population job records `receipt.evaluationsRun`, and a replay runs exactly those evaluations.",
  });

export const CreateJob = z
  .object({
    problem: ProblemDocument,
    algorithm: z.string().optional().openapi({
      description:
        "An id from GET /v1/algorithms; the kind's default when absent. `\"race\"` (continuous, tsp and permutation problems): every algorithm of the kind on its own island, each with its default parameters, the budget moved to the leaders by successive halving (after each rung the worse half stops; 5 → 3 → 2 → 1 continuous algorithms), the best solution migrated into the survivors at each rung's end. Needs `budget.evaluations`; `parameters` and `islands` are omitted (the islands are the algorithms: the plan's island limit applies). The result's `race` records the evaluations per algorithm and when each stopped. Other kinds answer 422 with the field `algorithm`.",
    }),
    parameters: z.record(z.string(), z.unknown()).optional().openapi({ description: 'Algorithm parameters; defaults fill the rest. Not with `algorithm: "race"`.' }),
    seed: z.number().int().min(0).max(0xffffffff).optional().openapi({ description: "Random when absent; recorded in the receipt." }),
    budget: Budget.optional(),
    islands: z.number().int().min(1).max(64).optional(),
    allowContributions: z.boolean().optional().openapi({
      description:
        "Island jobs (islands ≥ 2): lend island units to contributors (API keys with the `contribute` scope, join links). The organization's contribution setting must allow it (PUT /v1/contribute/settings). Contributed evaluations do not count against the plan's compute.",
    }),
    options: z
      .object({
        islandChunkEvaluations: z.number().int().min(1).max(1e12).optional().openapi({
          description:
            "Island jobs: evaluations per island chunk, fixed. Default: calibrated at start to about 2 s of CPU and recorded in the receipt. Jobs with the same seed and chunk size follow the same trajectory (benchmarks compare them).",
        }),
      })
      .strict()
      .optional(),
    name: z.string().max(200).optional(),
    webhook: z
      .object({ url: z.string().url() })
      .optional()
      .openapi({ description: "Also POST this job's finish event here, signed like endpoint deliveries with the secret from GET /v1/webhooks/job-secret." }),
  })
  .openapi("CreateJob");

export const CreateJobUpload = z
  .object({
    ...UploadFields,
    algorithm: z.string().optional(),
    parameters: z.string().optional().openapi({ description: "JSON object as text" }),
    seed: z.string().optional(),
    budget: z.string().optional().openapi({ description: 'JSON as text, e.g. {"evaluations":50000}' }),
    name: z.string().optional(),
  })
  .openapi("CreateJobUpload");

export const SchoolMoveSchema = z
  .object({
    activity: z.number().int().openapi({ description: "The FET activity id (`Id` in the .fet)." }),
    day: z.string().max(200).optional().openapi({ description: "A day name of the file, e.g. Monday. Day and hour together, or neither (the lesson keeps its start)." }),
    hour: z.string().max(200).optional().openapi({ description: "An hour name of the file: where the lesson now starts." }),
    room: z
      .string()
      .max(200)
      .nullable()
      .optional()
      .openapi({ description: "A room name, null for none; absent keeps the lesson's room. Only lessons a space constraint names take a room (as in FET)." }),
    realRooms: z
      .array(z.string().max(200))
      .max(50)
      .optional()
      .openapi({ description: "For a lesson in a FET virtual room: its real rooms, one of each set of the virtual room, in any order; absent lets them be chosen." }),
  })
  .strict()
  .openapi("SchoolMove", { description: "A lesson moved to another day and hour and/or room (at least one of them)." });

export const SchoolEditSchema = z
  .object({
    moves: z.array(SchoolMoveSchema).max(MAX_EDIT_ITEMS).optional(),
    pins: z.array(z.number().int()).max(MAX_EDIT_ITEMS).optional().openapi({ description: "FET activity ids whose start (after the moves) is locked." }),
    roomPins: z
      .array(z.number().int())
      .max(MAX_EDIT_ITEMS)
      .optional()
      .openapi({ description: "FET activity ids whose room (after the moves, with the real rooms a move names) is locked: a 100% ConstraintActivityPreferredRoom in a re-solve." }),
  })
  .strict()
  .openapi("SchoolEdit", { description: `Lessons of a FET school timetable moved and pinned by hand (at most ${MAX_EDIT_ITEMS} of each).` });

const CheckedConstraintSchema = z.object({
  type: z.string(),
  description: z.string(),
  path: z.string().openapi({ description: "The element in the file, e.g. Time_Constraints_List/ConstraintTeacherNotAvailableTimes[2]." }),
  weight: z.number(),
  hard: z.boolean(),
  violations: z.number().int(),
  before: z.number().int().openapi({ description: "Violations of the same element in the job's result." }),
  penalty: z.number(),
  activities: z.array(z.number().int()),
});

export const SchoolCheckSchema = z
  .object({
    hard: z.number().int(),
    soft: z.number(),
    unplaced: z.number().int(),
    before: z.object({ hard: z.number().int(), soft: z.number(), unplaced: z.number().int() }),
    broken: z.array(CheckedConstraintSchema).openapi({ description: "Constraint elements the edit violates more than the result did, hard first." }),
    fixed: z.array(CheckedConstraintSchema),
    violated: z.array(CheckedConstraintSchema),
    moved: z.array(z.number().int()),
    pins: z.array(z.number().int()),
    roomPins: z.array(z.number().int()),
  })
  .openapi("SchoolCheck");

export const ForkJob = z
  .object({
    parameters: z.record(z.string(), z.unknown()).optional().openapi({ description: "Changed numeric rates and factors (structure-shaping ones cannot change)." }),
    budget: Budget.optional(),
    seed: z.number().int().min(0).max(0xffffffff).optional(),
    name: z.string().max(200).optional(),
    // ITC names (checked by core/timetabling/weights.ts) or FET constraint types (core/school/reweigh.ts): the service checks which applies
    weights: z
      .record(z.string().max(100), z.number())
      .optional()
      .openapi({
        description: `Timetabling only: soft-constraint weights replacing the parent's; the others keep theirs, and the restored timetables are re-scored under them. ITC and JSON-model timetables: ${WEIGHT_NAMES.join(", ")} (cost per unit of violation, 0 to ${MAX_WEIGHT}). FET schools: a constraint type (e.g. TeacherMaxGapsPerWeek) → the new Weight_Percentage of its soft elements, greater than 0 and less than 100.`,
      }),
    edit: SchoolEditSchema.optional().openapi({
      description:
        "FET school jobs only (finished): re-solve from the result edited by hand. The child starts from the edited timetable; each pinned lesson is locked at its (edited) start with a 100% ConstraintActivityPreferredStartingTime and each room-pinned lesson in its (edited) room with a 100% ConstraintActivityPreferredRoom in the child's problem, so the result keeps them. Check an edit first with POST /v1/jobs/{id}/school/check.",
    }),
  })
  .openapi("ForkJob");

export const ListQuery = CursorQuery.extend({
  state: z.enum(JOB_STATES).optional(),
  kind: z.string().optional(),
  createdAfter: z.string().datetime().optional().openapi({ description: "ISO-8601; only jobs created at or after." }),
  createdBefore: z.string().datetime().optional().openapi({ description: "ISO-8601; only jobs created before." }),
});

export const JobList = z.object({ items: z.array(JobSchema), nextCursor: z.string().nullable() }).openapi("JobList");
export const Result = z.record(z.string(), z.unknown()).openapi("JobResult", {
  description:
    'Best solution, figures, per-island figures and the convergence history. Races (`algorithm: "race"`) add `race`: the algorithms by island, a summary (rungs, evaluations and best per algorithm, the rung after which each stopped, the winner) and a per-algorithm curve.',
});
export const Explanation = z.record(z.string(), z.unknown()).openapi("Explanation", { description: "Hard and soft totals and every violation per constraint." });
export const ExportParams = IdParam.extend({
  format: z.string().openapi({
    param: { name: "format", in: "path" },
    example: "xlsx",
    description: "json, csv, xlsx, ics, html, sol, fet, tour, geojson, svg, convergence.csv, convergence.svg or zip (per kind; fet for FET school jobs, sol for .ctt inputs)",
  }),
});
export const ExportQuery = z.object({
  view: z.string().optional().openapi({ description: "ICS only: room:<id>, group:<id> or instructor:<id>; FET school jobs: teacher:<name>, students:<name> or room:<name>" }),
  start: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .openapi({ description: "ICS: first day of the first week (day 0 of the timetable)" }),
  weeks: z.coerce.number().int().min(1).max(60).optional().openapi({ description: "ICS: weekly repetitions (default 12)" }),
  tz: z.string().max(64).optional().openapi({ description: "ICS: IANA time zone of the times (the calendar carries its VTIMEZONE and TZID-qualified times)" }),
});
