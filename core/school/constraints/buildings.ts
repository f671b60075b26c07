/**
 * Shared by the building-change types (FET's "max building changes per day / week" and "min gaps
 * between building changes", for one teacher, all teachers or all subgroups). They use the `tally`
 * shape: each hour of a resource holds 1 per activity there plus BUILDING_UNIT × (building + 1) of
 * its room (0 for an activity without a room or a room without a building), so an hour with exactly
 * one activity tells its building. As in FET (spaceconstraint.cpp, the fitness of these types),
 * hours without a building (free, no room, room without building) are skipped when counting changes,
 * and counted as gaps between changes; an hour with clashing activities (a hard violation of its
 * own) is treated as an hour without a building. FET refuses these types below weight 100, so do we.
 * The room-change types (max room changes per day / week, min gaps between room changes) are the
 * same with the room in place of the building (`roomCount`); below weight 100 (which fet-cl
 * refuses) they are soft.
 */
import type { FetConstraint } from "../fet/types";
import type { CompileContext, Instance } from "./types";

const COUNT_BITS = 12;
const COUNT_MASK = (1 << COUNT_BITS) - 1;
export const BUILDING_UNIT = 1 << COUNT_BITS;

const counts = new WeakMap<CompileContext, (a: number, r: number) => number>();

/**
 * The tally `count` for building constraints (see the file comment), one function per compiled
 * problem: instances of one resource with the same count share one tally in the Board (tally.ts).
 */
export function buildingCount(ctx: CompileContext): (a: number, r: number) => number {
  let count = counts.get(ctx);
  if (!count) {
    const unit = Int32Array.from({ length: ctx.nRooms }, (_, r) => 1 + (ctx.roomBuilding(r) + 1) * BUILDING_UNIT);
    count = (_a, r) => (r >= 0 ? unit[r] : 1);
    counts.set(ctx, count);
  }
  return count;
}

const roomCounts = new WeakMap<CompileContext, (a: number, r: number) => number>();

/**
 * The tally `count` for room-change constraints: the same encoding with the room itself in place
 * of its building (so the helpers below read rooms). Rooms are at most FET_LIMITS.rooms (3000), so
 * a tally stays exact up to 174 activities clashing at one hour of one resource.
 */
export function roomCount(ctx: CompileContext): (a: number, r: number) => number {
  let count = roomCounts.get(ctx);
  if (!count) {
    count = (_a, r) => (r >= 0 ? 1 + (r + 1) * BUILDING_UNIT : 1);
    roomCounts.set(ctx, count);
  }
  return count;
}

/** Building (or room, with roomCount) of the hour at `i` (-1: none, or several activities). */
export function buildingAt(tally: Int32Array, i: number): number {
  const v = tally[i];
  if ((v & COUNT_MASK) !== 1) return -1;
  return Math.floor(v / BUILDING_UNIT) - 1;
}

/** Building changes in one day: consecutive buildings (skipping hours without one) that differ. */
export function buildingChanges(tally: Int32Array, base: number, nHours: number): number {
  let current = -1;
  let changes = 0;
  for (let h = 0; h < nHours; h++) {
    const b = buildingAt(tally, base + h);
    if (b < 0 || b === current) continue;
    if (current >= 0) changes++;
    current = b;
  }
  return changes;
}

/** Building changes in one day with fewer than `minGaps` hours without a building since the previous building hour. */
export function shortBuildingChanges(tally: Int32Array, base: number, nHours: number, minGaps: number): number {
  let current = -1;
  let gaps = 0;
  let short = 0;
  for (let h = 0; h < nHours; h++) {
    const b = buildingAt(tally, base + h);
    if (b < 0) {
      gaps++;
      continue;
    }
    if (current >= 0 && b !== current && gaps < minGaps) short++;
    current = b;
    gaps = 0;
  }
  return short;
}

export const sum = (v: Int32Array, n: number) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += v[i];
  return s;
};

/** One tally instance per resource, all with the building (or room) count. */
export function buildingInstances(
  c: FetConstraint,
  ctx: CompileContext,
  kind: "teacher" | "subgroup",
  resources: number[],
  day: (tally: Int32Array, base: number, nHours: number) => number,
  week: (dayValues: Int32Array, nDays: number) => number,
  place: "building" | "room" = "building",
): Instance[] {
  // FET refuses both families below 100%; building changes are refused here too, room changes
  // below 100% are kept as soft constraints (the README's meaning of weights), since files written
  // by other tools (e.g. our JSON model) may carry such weights.
  if (place === "building" && c.weight < 100)
    throw ctx.fields(c).error(`FET accepts building constraints only with weight 100 (it refuses to generate otherwise), got ${c.weight}`, "Weight_Percentage");
  const count = place === "room" ? roomCount(ctx) : buildingCount(ctx);
  return resources.map((resource) => ({ shape: "tally", source: c, weight: c.weight, kind, resource, count, day: (t, _b, base, nHours) => day(t, base, nHours), week }));
}

export const allTeachers = (ctx: CompileContext) => Array.from({ length: ctx.nTeachers }, (_, t) => t);
export const allSubgroups = (ctx: CompileContext) => Array.from({ length: ctx.nSubgroups }, (_, g) => g);
