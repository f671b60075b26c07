/**
 * Shared by the activity-tag hour types (FET's teacher(s) / students (set) "activity tag max hours
 * daily / continuously" and students "min gaps between an ordered pair of activity tags"). They use
 * the `tally` shape: each hour of a resource holds how many activities with the tag are there
 * (a second tag counts in units of SECOND_TAG), so only hours of tagged activities are seen.
 * Meanings checked with fet-cl's soft conflicts (the tests): max hours daily is one violation per
 * day over the maximum, max hours continuously one per run of consecutive tagged hours longer than
 * the maximum (an hour of an untagged activity, a free hour or a break ends a run).
 */
import type { FetConstraint } from "../fet/types";
import type { CompileContext, Instance, TallyInstance } from "./types";

export const SECOND_TAG = 1 << 16;
const FIRST_MASK = SECOND_TAG - 1;

/** Hours of the day with a tagged activity. */
export function taggedHours(tally: Int32Array, base: number, nHours: number): number {
  let n = 0;
  for (let h = 0; h < nHours; h++) if (tally[base + h] > 0) n++;
  return n;
}

/** Runs of consecutive tagged hours longer than `max`. */
export function longTaggedRuns(tally: Int32Array, base: number, nHours: number, max: number): number {
  let runs = 0;
  let len = 0;
  for (let h = 0; h <= nHours; h++) {
    if (h < nHours && tally[base + h] > 0) {
      len++;
      continue;
    }
    if (len > max) runs++;
    len = 0;
  }
  return runs;
}

/**
 * Hours of second-tag activities that come at most `minGaps` hours after an hour of a first-tag
 * activity on the same day (the same hour included: an activity with both tags pairs with itself,
 * as fet-cl refuses it), i.e. the second starts fewer than `minGaps` hours after the first ends.
 */
export function closeOrderedPairs(tally: Int32Array, base: number, nHours: number, minGaps: number): number {
  let lastFirst = -1;
  let v = 0;
  for (let h = 0; h < nHours; h++) {
    const t = tally[base + h];
    if ((t & FIRST_MASK) > 0) lastFirst = h;
    if (t >= SECOND_TAG && lastFirst >= 0 && h - lastFirst <= minGaps) v++;
  }
  return v;
}

export const sum = (v: Int32Array, n: number) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += v[i];
  return s;
};

const counts = new WeakMap<CompileContext, Map<string, { weightOf: Int32Array; count: (a: number) => number }>>();

/** The tally `count` of a tag (pair), one per compiled problem, so instances of one resource with it share one tally (tally.ts). */
function tagCount(ctx: CompileContext, tag: number, second: number): { weightOf: Int32Array; count: (a: number) => number } {
  let m = counts.get(ctx);
  if (!m) counts.set(ctx, (m = new Map()));
  const key = `${tag}/${second}`;
  let c = m.get(key);
  if (!c) {
    const weightOf = Int32Array.from({ length: ctx.nActivities }, (_, a) => (ctx.hasTag(a, tag) ? 1 : 0) + (second >= 0 && ctx.hasTag(a, second) ? SECOND_TAG : 0));
    c = { weightOf, count: (a: number) => weightOf[a] };
    m.set(key, c);
  }
  return c;
}

/**
 * One tally instance per resource that has an activity with one of the tags (the others can never
 * break it), counting 1 per activity with `tag` and SECOND_TAG per activity with `second`.
 */
export function tagInstances(
  c: FetConstraint,
  ctx: CompileContext,
  kind: "teacher" | "subgroup",
  resources: ArrayLike<number>,
  tag: number,
  day: (tally: Int32Array, base: number, nHours: number) => number,
  second = -1,
): Instance[] {
  const { weightOf, count } = tagCount(ctx, tag, second);
  const out: Instance[] = [];
  // one day function for all the resources: tally.ts runs it once for resources with the same tally
  const dayOf: TallyInstance["day"] = (t, _b, base, nHours) => day(t, base, nHours);
  for (const resource of Array.from(resources)) {
    const acts = kind === "teacher" ? ctx.activitiesOfTeacher(resource) : ctx.activitiesOfSubgroup(resource);
    if (!acts.some((a) => weightOf[a] !== 0)) continue;
    out.push({ shape: "tally", source: c, weight: c.weight, kind, resource, count, roomFreeCount: weightOf, day: dayOf, week: sum });
  }
  return out;
}

export const allTeachers = (ctx: CompileContext) => Array.from({ length: ctx.nTeachers }, (_, t) => t);
export const allSubgroups = (ctx: CompileContext) => Array.from({ length: ctx.nSubgroups }, (_, g) => g);

/** FET's "min gaps between an ordered pair of activity tags" for the given resources (100% only, as FET). */
export function orderedPairInstances(c: FetConstraint, ctx: CompileContext, kind: "teacher" | "subgroup", resources: ArrayLike<number>): Instance[] {
  const f = ctx.fields(c);
  if (c.weight < 100) throw f.error(`FET accepts this constraint only with weight 100 (it refuses to generate otherwise), got ${c.weight}`, "Weight_Percentage");
  const first = ctx.activityTag(f, "First_Activity_Tag");
  const second = ctx.activityTag(f, "Second_Activity_Tag");
  const min = f.int("MinGaps", 0, ctx.nHours);
  return tagInstances(c, ctx, kind, resources, first, (t, base, nHours) => closeOrderedPairs(t, base, nHours, min), second);
}
