import type { ConstraintDefinition, Instance } from "./types";
import { activityIds } from "./util";

/**
 * FET: for each pair of the activities on days closer than MinDays, (MinDays − distance)
 * violations. With Consecutive_If_Same_Day, FET's generator only ever puts two of them on the same
 * day back to back, whatever the weight; we count that as a separate hard rule (one violation per
 * pair on the same day and not adjacent), otherwise FET could not open our result. Likewise FET
 * never puts more than two of them on one day: each one beyond two on a day is a hard violation.
 */
export const minDaysBetweenActivities: ConstraintDefinition = {
  type: "ConstraintMinDaysBetweenActivities",
  list: "time",
  description:
    "The activities (usually the lessons of one split activity) are spread over the week: each pair is at least MinDays days apart. Each pair closer than that counts MinDays minus their distance. With Consecutive_If_Same_Day, two of them on the same day must be back to back, and never more than two of them share a day (both always hard, as in FET's generator).",
  compilesAtZeroWeight: true,
  compile(c, ctx) {
    const f = ctx.fields(c);
    const acts = activityIds(ctx, f);
    const minDays = f.int("MinDays", 0, ctx.nDays);
    const consecutive = f.bool("Consecutive_If_Same_Day", false);
    if (acts.length < 2) return [];
    const nHours = ctx.nHours;
    const dur = Int32Array.from(acts, (a) => ctx.duration(a));
    // scratch for startDays (one evaluation at a time)
    const slots = new Int32Array(acts.length);
    const days = new Int32Array(acts.length);
    const durs = new Int32Array(acts.length);
    const out: Instance[] = [];
    // At weight 0 only the two hard rules below remain (FET's generator applies them at any weight).
    if (minDays > 0 && c.weight > 0) {
      out.push({
        shape: "set",
        source: c,
        weight: c.weight,
        activities: acts,
        violations(start) {
          const n = startDays(start, acts, nHours, slots, days);
          let v = 0;
          for (let i = 1; i < n; i++) {
            const d1 = days[i];
            for (let j = 0; j < i; j++) {
              const dist = Math.abs(d1 - days[j]);
              if (dist < minDays) v += minDays - dist;
            }
          }
          return v;
        },
      });
    }
    if (minDays > 0 && acts.length > 2) {
      // FET's generator never puts more than two of them on one day, whatever the weight.
      const perDay = new Int32Array(ctx.nDays);
      out.push({
        shape: "set",
        source: c,
        weight: 100,
        activities: acts,
        violations(start) {
          perDay.fill(0);
          let v = 0;
          for (let i = 0; i < acts.length; i++) {
            const t = start[acts[i]];
            if (t < 0) continue;
            if (++perDay[(t / nHours) | 0] > 2) v++;
          }
          return v;
        },
      });
    }
    if (consecutive && minDays > 0) {
      out.push({
        shape: "set",
        source: c,
        weight: 100,
        activities: acts,
        violations(start) {
          const n = startDays(start, acts, nHours, slots, days, dur, durs);
          let v = 0;
          for (let i = 1; i < n; i++) {
            const t1 = slots[i];
            const d1 = days[i];
            for (let j = 0; j < i; j++) {
              if (days[j] !== d1) continue;
              const t2 = slots[j];
              if (t1 + durs[i] !== t2 && t2 + durs[j] !== t1) v++;
            }
          }
          return v;
        },
      });
    }
    return out;
  },
};

/**
 * The placed ones of `acts`, in their order: their start slots into `slots`, their days into `days`
 * and, with `dur` (per position in `acts`), their durations into `durs`; returns how many. Each
 * start's day is computed once, not once per pair (the pair loops run on every move of one of them).
 */
function startDays(start: Int32Array, acts: Int32Array, nHours: number, slots: Int32Array, days: Int32Array, dur?: Int32Array, durs?: Int32Array): number {
  let n = 0;
  for (let i = 0; i < acts.length; i++) {
    const t = start[acts[i]];
    if (t < 0) continue;
    slots[n] = t;
    days[n] = (t / nHours) | 0;
    if (dur) durs![n] = dur[i];
    n++;
  }
  return n;
}
