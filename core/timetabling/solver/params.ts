/** Parameters of the timetabling solvers, described as data (CLI, API and web forms share them). */
import type { ParamSpec } from "../../engine/params";

export interface TimetablingParams {
  [key: string]: number | string | boolean;
  populationSize: number;
  initialTemperature: number;
  finalTemperature: number;
  segmentMoves: number;
  segmentGrowth: number;
  kempeRate: number;
  /** Cost of one conflict unit in the relaxed annealing (0: conflicts are never allowed). */
  hardWeight: number;
  /** Room occupancy (lectures / (rooms × periods)) from which Move/Swap targets are made feasible first. */
  feasibleTargetOccupancy: number;
  /** Share of a finite budget spent on the final single-stage anneal of the best (population > 1). */
  finalShare: number;
  /** Longest final anneal in evaluations (default 400 M); a longer final part of the budget is split into equal anneals (0: never). */
  finalAnnealEvaluations: number;
  /** Start temperature of every final anneal, as a share of initialTemperature (× the instance scale). */
  finalStartShare: number;
  /** Extra cost of a missing working day in the acceptance test, in minWorkingDays weights, fading as the segment cools. */
  missingDayWeight: number;
}

const common: ParamSpec[] = [
  {
    name: "finalShare",
    type: "number",
    default: 0.7,
    min: 0,
    max: 1,
    help: "With a finite evaluation budget, the share of it spent at the end annealing the best timetable once, from initialTemperature down to finalTemperature (single-stage annealing); the population search gets the rest. A population of one anneals once over the whole finite budget.",
  },
  {
    name: "finalAnnealEvaluations",
    type: "number",
    default: 400_000_000,
    min: 0,
    max: 1e13,
    help: "Longest final anneal, in evaluations (moves tried). When the final part of a finite budget is longer, it is split into the fewest equal anneals no longer than this, each starting again from the best timetable found, and the best of them is kept: one anneal stops improving after a few hundred million moves on some instances, and restarting it is worth more than cooling it slower (at 600 CPU-s, seed 1, four anneals of about 370 million instead of one were better on 8 of comp02–14, equal on 3, worse on comp08: bench/results/timetabling-600s.md). Budgets whose final part is shorter run one anneal, as with 0: one final anneal, however long.",
  },
  {
    name: "finalStartShare",
    type: "number",
    default: 0.5,
    min: 0.05,
    max: 1,
    help: "With a population (memetic), the start temperature of the final anneal (and of each one, when finalAnnealEvaluations splits the final part), as a share of the segments' start temperature (initialTemperature × the instance's scale). The final anneal starts from the best timetable found; at half the temperature it refines that timetable instead of melting it down first, as the population's later segments already do (at 120 CPU-s, seeds 1–5, same day: comp10 9.6 against 14.2 with 1, comp06 40.4 against 43.4, comp02 38.4 against 40.2, comp07 11.0 against 11.4, comp04 equal; bench/results/timetabling-engine-1.9.0.md). 1: engine 1.8.0's full start temperature.",
  },
  {
    name: "initialTemperature",
    type: "number",
    default: 2.5,
    min: 0.01,
    max: 1000,
    help: "Annealing temperature at the start of each search segment, in soft-cost units (one isolated lecture costs 2).",
  },
  {
    name: "finalTemperature",
    type: "number",
    default: 0.08,
    min: 0.001,
    max: 100,
    help: "Temperature at the end of a segment; the schedule is geometric between the two.",
  },
  {
    name: "segmentMoves",
    type: "integer",
    default: 3_000_000,
    min: 1000,
    max: 1e10,
    help: "Moves in the first annealing segment. Later segments grow by segmentGrowth; with a finite evaluation budget the last segment stretches to use it all.",
  },
  {
    name: "segmentGrowth",
    type: "number",
    default: 1.5,
    min: 1,
    max: 10,
    help: "Factor by which each generation's segments are longer than the previous one's (anytime behaviour for time-limited runs).",
  },
  {
    name: "kempeRate",
    type: "number",
    default: 0.02,
    min: 0,
    max: 1,
    help: "Share of moves that are Kempe-chain moves (swap a conflict chain between two periods); the rest are Move/Swap.",
  },
  {
    name: "feasibleTargetOccupancy",
    type: "number",
    default: 0.81,
    min: 0,
    max: 2,
    help: "On instances whose rooms are at least this full (lectures / (rooms × periods)), Move/Swap targets are made feasible before they are tried: a target period where a lecture of the same course, curriculum or instructor sits is given up at once, and when the target room's occupant cannot take the moving lecture's place, a free room of the target period is taken instead. 0: always; above 1: never.",
  },
  {
    name: "missingDayWeight",
    type: "number",
    default: 0,
    min: 0,
    max: 100,
    help: "Opt-in, for timetables that end with courses a working day short: while a segment is hot, a working day a course loses (or gains) counts this many minimum-working-days weights extra when a move is judged, fading with the temperature (× T / start temperature), so courses keep their days while the timetable forms around them; results are always scored with the real weights. 0 (the default): off. On comp10 2 gave a mean of 10 against 15; on comp02, comp06 and comp07 it cost more compactness than it saved (core/timetabling/README.md).",
  },
  {
    name: "hardWeight",
    type: "number",
    default: 0,
    min: 0,
    max: 1000,
    help: "Relaxed annealing: above 0, Move/Swap may put lectures of one curriculum or instructor in the same period, each such conflict costing hardWeight × the instance's temperature scale × (segment start temperature / current temperature) in soft-cost units, so the weight grows as the search cools; only conflict-free timetables count as results. 0 (the default) keeps every hard constraint at every move.",
  },
];

/** Memetic: a population of timetables, each improved by annealing, recombined course-wise. */
export const MEMETIC_PARAMS: readonly ParamSpec[] = [
  {
    name: "populationSize",
    type: "integer",
    default: 3,
    min: 2,
    max: 32,
    help: "Timetables kept in the population (all of them are in every checkpoint).",
  },
  ...common,
];

/** Plain simulated annealing with reheats: a population of one. */
export const SA_PARAMS: readonly ParamSpec[] = [
  { name: "populationSize", type: "integer", default: 1, min: 1, max: 1, help: "Always 1 for plain annealing." },
  ...common.map((s): ParamSpec => (s.name === "segmentMoves" ? ({ ...s, default: 8_000_000 } as ParamSpec) : s)),
];
