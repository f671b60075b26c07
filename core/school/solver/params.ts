/** Parameters of the school solver, described as data (CLI, API and web forms share them). */
import type { ParamSpec } from "../../engine/params";

export interface SchoolParams {
  [key: string]: number | string | boolean;
  tabuTenure: number;
  walkProbability: number;
  initialTemperature: number;
  finalTemperature: number;
  segmentMoves: number;
  ruinEvery: number;
  ruinSize: number;
  ejectionCost: number;
  violationCost: number;
  freedomWeight: number;
  recentTabu: number;
  ejectTabu: number;
  breakoutCap: number;
  localAfter: number;
  localLength: number;
  kempeLength: number;
  kempeStalled: boolean;
  worseningAccept: number;
  worseningSlack: number;
  localFromCurrent: number;
  roomMoves: boolean;
  ejectDepth: number;
  ejectNodes: number;
  ejectRate: number;
  ejectAtBest: boolean;
  ejectWeeks: boolean;
  ejectShare: number;
}

export const SCHOOL_PARAMS: readonly ParamSpec[] = [
  { name: "tabuTenure", type: "integer", default: 8, min: 0, max: 1000, help: "Iterations during which an activity may not return to a start it just left (hard phase)." },
  { name: "walkProbability", type: "number", default: 0.02, min: 0, max: 1, help: "Probability of a random move instead of the least-conflict move in the hard phase." },
  {
    name: "initialTemperature",
    type: "number",
    default: 1,
    min: 0.001,
    max: 1000,
    help: "Annealing temperature at the start of each soft segment, in weighted violations (one 100%-weight soft violation = 1).",
  },
  { name: "finalTemperature", type: "number", default: 0.01, min: 0.0001, max: 100, help: "Temperature at the end of a soft segment (geometric schedule)." },
  { name: "segmentMoves", type: "integer", default: 200_000, min: 100, max: 1e10, help: "Moves per annealing segment of the soft phase; the temperature restarts after each." },
  { name: "ejectionCost", type: "integer", default: 8, min: 0, max: 1000, help: "Forward search: cost of pushing out one unit (plus how often it was pushed out before, up to 64)." },
  { name: "violationCost", type: "integer", default: 16, min: 0, max: 10000, help: "Forward search: cost of each other hard violation a placement causes (compared with ejectionCost)." },
  {
    name: "freedomWeight",
    type: "number",
    default: 8,
    min: 0,
    max: 1000,
    help: "Forward search: pushing out a unit with f possible starts costs ejectionCost × freedomWeight / f more (units with nowhere else to go stay).",
  },
  { name: "recentTabu", type: "integer", default: 0, min: 0, max: 1000, help: "Forward search: a unit placed fewer than this many iterations ago costs 1000 more to push out (0 = off)." },
  {
    name: "ejectTabu",
    type: "integer",
    default: 3,
    min: 0,
    max: 1000,
    help: "Forward search: a unit pushed out may not return to the start it left for this many iterations (plus a random share up to as many; 0 = off).",
  },
  {
    name: "breakoutCap",
    type: "integer",
    default: 1,
    min: 1,
    max: 10000,
    help: "Forward search: a hard teacher / subgroup rule still broken when a unit in it is taken out weighs one more, up to this many times its violations (1 = no breakout weighting).",
  },
  {
    name: "localAfter",
    type: "integer",
    default: 1000,
    min: 0,
    max: 1e9,
    help: "Hard phase: forward-search iterations without a better best before a min-conflicts tabu search over the complete timetable takes over (0 = never).",
  },
  {
    name: "localLength",
    type: "integer",
    default: 300,
    min: 1,
    max: 1e9,
    help: "Min-conflicts search: iterations without a better hard count before the clashing units go back to the forward search.",
  },
  {
    name: "kempeLength",
    type: "integer",
    default: 24,
    min: 0,
    max: 1000,
    help: "Min-conflicts search: also try Kempe chains of up to this many units (the units in the way move into the hours the moved unit leaves, and so on; core/school/solver/kempe.ts; 0 = off).",
  },
  {
    name: "kempeStalled",
    type: "boolean",
    default: true,
    help: "Min-conflicts search: try Kempe chains only when no move or swap of the chosen unit lowers the hard count (false: always).",
  },
  {
    name: "worseningAccept",
    type: "number",
    default: 0.1,
    min: 0,
    max: 1,
    help: "Min-conflicts search: probability of making the chosen unit's best move when it raises the hard count above the run's best plus worseningSlack (otherwise the unit stays and the step counts as one without a better count; 1 = always move).",
  },
  {
    name: "worseningSlack",
    type: "integer",
    default: 1,
    min: 0,
    max: 1e6,
    help: "Min-conflicts search: a move that raises the hard count to at most the run's best plus this is always made (worseningAccept applies above it).",
  },
  {
    name: "roomMoves",
    type: "boolean",
    default: true,
    help: "Min-conflicts search: when no move lowers the hard count and the file has a hard rule over the rooms of lessons together (e.g. building changes), also try the unit's other rooms at its start.",
  },
  {
    name: "ejectDepth",
    type: "integer",
    default: 3,
    min: 0,
    max: 100,
    help: "Min-conflicts search: when no move, swap or chain lowers the hard count, recursive swapping (core/school/solver/ejection.ts): the unit goes where it breaks least, what is in its way is placed again the same way, down to this many levels (0 = off).",
  },
  {
    name: "ejectNodes",
    type: "integer",
    default: 24,
    min: 1,
    max: 100000,
    help: "Min-conflicts search: at most this many units placed by one recursive swapping (ejectDepth).",
  },
  {
    name: "ejectRate",
    type: "number",
    default: 0,
    min: 0,
    max: 1,
    help: "Min-conflicts search: probability of trying recursive swapping (ejectDepth) at a step where no move, swap or chain lowers the hard count (0 = never, the default: 0.15 solved more of the files FET solves and we did not, but fewer runs of DGS_Pro_Germany and vmg-20180901b-9; bench/results/fet-engine-ab-r8.md).",
  },
  {
    name: "ejectAtBest",
    type: "boolean",
    default: false,
    help: "Min-conflicts search: try recursive swapping (ejectRate) only at steps where the hard count is at the run's best.",
  },
  {
    name: "ejectWeeks",
    type: "boolean",
    default: false,
    help: "Recursive swapping (ejectRate) also takes out what a broken hard teacher or students rule over the week needs moved (one other lesson, or all lessons of one other day: max days per week), as FET's generator does.",
  },
  {
    name: "ejectShare",
    type: "number",
    default: 0,
    min: 0,
    max: 1,
    help: "Min-conflicts search: try recursive swapping (ejectRate) only while the evaluations it has spent are at most this share of all the run's evaluations (0 = no cap).",
  },
  {
    name: "localFromCurrent",
    type: "number",
    default: 0.5,
    min: 0,
    max: 1,
    help: "Min-conflicts search: probability that a new run (not the first) starts from the forward search's current timetable instead of the best so far (0 = always from the best).",
  },
  {
    name: "ruinEvery",
    type: "integer",
    default: 8,
    min: 1,
    max: 1e9,
    help: "Soft phase: one step in this many is a ruin-and-recreate (a unit in a soft violation and a few neighbours taken out and put back by the forward search).",
  },
  { name: "ruinSize", type: "integer", default: 3, min: 0, max: 100, help: "Soft phase: at most this many neighbouring units are taken out with it." },
];
