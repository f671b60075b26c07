/**
 * The constraint interface (see core/school/README.md, "How to add a constraint type").
 *
 * A constraint TYPE is a `ConstraintDefinition`: FET's element name, a plain-language description
 * and `compile`, which turns one raw element (`FetConstraint`) into zero or more INSTANCES.
 * An instance has one of a few SHAPES; the shape decides how the evaluator keeps it up to date
 * when one activity moves (delta evaluation), so a constraint file never deals with moves:
 *
 *   start     cost of one activity starting at a slot          → precomputed per-activity table
 *   room      cost of one activity being in a room             → precomputed per-activity table
 *   roomSlot  cost of a room being used at a slot              → precomputed per-room table
 *   resource  a teacher's or a subgroup's week, day by day     → re-evaluated per (resource, day) touched
 *   set       a relation between a few activities              → re-evaluated when one of them moves
 *   tally     a resource's week from per-hour tallies (tags, buildings) → per (resource, day) touched
 *   compulsoryTime / compulsorySpace  FET's basic clash rules  → kept as occupancy counters
 *
 * Violations have FET's meaning for each type (documented in each file). Weight 100 = hard
 * (counted in `hard`); below 100 = soft, counted as violations × weight / 100 in `soft`.
 */
import type { FetConstraint } from "../fet/types";
import type { Fields } from "../fet/read";

export interface InstanceBase {
  /** The element it came from (type, path, line): used for reports and errors. */
  source: FetConstraint;
  /** Weight percentage in (0, 100]; 100 = hard. */
  weight: number;
}

/** Violations = Σ over `activities` of `cost(a, start[a])` (start = slot index, see problem.ts). */
export interface StartInstance extends InstanceBase {
  shape: "start";
  activities: Int32Array;
  cost(activity: number, start: number): number;
  /**
   * Optional: the slots a resource (or everyone, for breaks) cannot use. At 100% the compiler marks
   * them blocked for the `resource` shape (FET does not count a break or not-available hour as a gap).
   */
  blocks?: { kind: "teacher" | "subgroup" | "all"; resource: number; slots: Int32Array };
}

/** Violations = Σ over `activities` of `cost(a, room[a])`; room -1 = no room. Activities listed here get a room. */
export interface RoomInstance extends InstanceBase {
  shape: "room";
  activities: Int32Array;
  cost(activity: number, room: number): number;
  /**
   * Optional: FET's home rooms (teacher / students set home room(s)). A home room yields to the
   * activity's other room constraints: a room that a non-home room instance of the same activity
   * accepts (cost 0) is no violation either (problem.ts applies this via constraints/home-rooms.ts).
   */
  home?: boolean;
  /**
   * Optional, for one activity in a virtual room (FET's locked real rooms: `Real_Room` children of
   * ConstraintActivityPreferredRoom): the real rooms it must get; each real room it gets that is
   * not among them is one more violation (../real-rooms.ts counts them when the room is `realOf`).
   */
  realRooms?: Int32Array;
  realOf?: number;
}

/** Violations = Σ over activities placed in `room` of Σ over the slots they occupy of `slotCost[slot]`. */
export interface RoomSlotInstance extends InstanceBase {
  shape: "roomSlot";
  room: number;
  slotCost: Int32Array;
}

/**
 * A teacher's or subgroup's week. `day` reads the resource's occupancy for one day:
 * `occ[base + h]` = number of activities at hour h (0..nHours-1) and `blocked[base + h]` = 1 where
 * the resource cannot be busy (a 100% break or not-available slot; FET does not count those as gaps).
 * It returns a per-day number; `week` turns the per-day numbers into violations.
 * Both must be pure, allocation-free and fast: they run on every move touching that (resource, day).
 */
export interface ResourceInstance extends InstanceBase {
  shape: "resource";
  kind: "teacher" | "subgroup";
  resource: number;
  day(occ: Int32Array, blocked: Uint8Array, base: number, nHours: number, day: number): number;
  week(dayValues: Int32Array, nDays: number): number;
}

/**
 * A teacher's or subgroup's week where each hour holds a TALLY made from the activities there and
 * their rooms, instead of a plain count: hours of activities with a given activity tag, the building
 * of the room. The evaluator keeps `tally[slot]` = Σ of `count(a, room[a])` over the resource's
 * placed activities occupying that slot (slot = day * nHours + hour, so one day is
 * `tally[base .. base + nHours)` with base = day * nHours), and `blocked[base + h]` = 1 where the
 * resource cannot be busy (its own 100% break / not-available slots). `count` must be pure and
 * cheap (it is called on every place and unplace of the resource's activities); `day` and `week`
 * follow the `resource` rules. Re-evaluated for the (resource, day) pairs a move touches, including
 * a room change at the same time.
 */
export interface TallyInstance extends InstanceBase {
  shape: "tally";
  kind: "teacher" | "subgroup";
  resource: number;
  count(activity: number, room: number): number;
  /**
   * Optional: when every instance with this `count` sets the same array here and `count(a, r)` is
   * `roomFreeCount[a]` for every room r, the evaluator (tally.ts) looks the counts up once per
   * activity and skips the resource's tallies an activity never adds to.
   */
  roomFreeCount?: Int32Array;
  day(tally: Int32Array, blocked: Uint8Array, base: number, nHours: number, day: number): number;
  week(dayValues: Int32Array, nDays: number): number;
}

/** Violations = `violations(start, room)` over all activities; re-evaluated when one of `activities` moves. */
export interface SetInstance extends InstanceBase {
  shape: "set";
  activities: Int32Array;
  violations(start: Int32Array, room: Int32Array): number;
  /** Optional hint for the solver: at 100% these activities must start together. */
  sameStart?: boolean;
}

/** FET's basic compulsory constraints: no teacher / subgroup clash (time), no room clash and room capacity (space). */
export interface CompulsoryInstance extends InstanceBase {
  shape: "compulsoryTime" | "compulsorySpace";
}

export type Instance = StartInstance | RoomInstance | RoomSlotInstance | ResourceInstance | SetInstance | CompulsoryInstance | TallyInstance;

/** What a constraint's `compile` can look up. Every lookup throws a ProblemError naming the element and line. */
export interface CompileContext {
  readonly nDays: number;
  readonly nHours: number;
  readonly nSlots: number;
  readonly nActivities: number;
  readonly nTeachers: number;
  readonly nSubgroups: number;
  readonly nRooms: number;
  /** Field helpers over the element (text, int, num, bool, all, error). */
  fields(c: FetConstraint): Fields;
  /** Index of the teacher named by child `field` (or by `name`, one of several such children). */
  teacher(f: Fields, field: string, name?: string): number;
  subject(f: Fields, field: string, name?: string): number;
  activityTag(f: Fields, field: string, name?: string): number;
  room(f: Fields, field: string, name?: string): number;
  /** Subgroups of a students set (year, group or subgroup name), FET's meaning. */
  studentsSet(f: Fields, field: string, name?: string): Int32Array;
  /** Activity index of an `Activity_Id`; -1 when that activity is inactive (constraints on it are ignored like FET does). */
  activity(f: Fields, idField: string, value?: string): number;
  /** Slot index of a <Day>/<Hour> pair inside `node`'s child elements named dayField/hourField. */
  slot(f: Fields, dayField: string, hourField: string): number;
  day(f: Fields, field: string, name?: string): number;
  hour(f: Fields, field: string, name?: string): number;
  /** Activities by resource / attribute (active ones only). */
  activitiesOfTeacher(t: number): Int32Array;
  activitiesOfSubgroup(s: number): Int32Array;
  activitiesOfSubject(s: number): Int32Array;
  activitiesWithTag(t: number): Int32Array;
  /** Per-activity data, indices as in the compiled problem. */
  duration(a: number): number;
  /** Does activity a have teacher t / subgroup s / subject s / tag t? */
  hasTeacher(a: number, t: number): boolean;
  hasSubgroup(a: number, s: number): boolean;
  subjectOf(a: number): number;
  hasTag(a: number, t: number): boolean;
  /** Subgroups of activity a (sorted, FET's expansion of its students sets). */
  subgroupsOf(a: number): Int32Array;
  /** The students set names activity a lists, as written (FET's home rooms match these exactly). */
  studentsNamesOf(a: number): readonly string[];
  /** Building index of room r (Buildings_List order), -1 when the room names none. */
  roomBuilding(r: number): number;
  /**
   * FET's component number of activity a within its split activity: Id − Activity_Group_Id + 1,
   * or 1 when it is not split (Activity_Group_Id 0), as FET's `Activity::representsComponentNumber`.
   */
  componentNumber(a: number): number;
  /**
   * 1 at the slots of 100% `ConstraintBreakTimes` (FET's breakDayHour), complete before any
   * constraint compiles: "consecutive" and "grouped" activities may be separated by break hours.
   */
  readonly breaks: Uint8Array;
}

export interface ConstraintDefinition {
  /** FET's element name, e.g. "ConstraintTeacherMaxGapsPerWeek". */
  type: string;
  list: "time" | "space";
  /** One or two plain sentences: what the school asks for and what counts as one violation. */
  description: string;
  /** Raw element → instances (none when it refers only to inactive activities). */
  compile(c: FetConstraint, ctx: CompileContext): Instance[];
  /**
   * Compile it at weight 0 too (the others are skipped there): for types whose hard side FET's
   * generator applies whatever the weight (MinDaysBetweenActivities with Consecutive_If_Same_Day).
   * Such a `compile` must emit no instance of weight 0.
   */
  compilesAtZeroWeight?: boolean;
}
