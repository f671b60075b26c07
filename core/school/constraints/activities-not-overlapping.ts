import type { ConstraintDefinition } from "./types";
import { activityIds } from "./util";

/**
 * FET (ConstraintActivitiesNotOverlapping::fitness): for each pair of placed activities on the same
 * day, the number of hours they share.
 */
export const activitiesNotOverlapping: ConstraintDefinition = {
  type: "ConstraintActivitiesNotOverlapping",
  list: "time",
  description: "No two of the activities take place at the same time. Each hour shared by a pair of them counts one violation.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const acts = activityIds(ctx, f);
    if (acts.length < 2) return [];
    const nHours = ctx.nHours;
    const dur = Int32Array.from(acts, (a) => ctx.duration(a));
    // The hours two of them share on their (common) starting day, summed over the pairs, is
    // Σ over (starting day, hour) of C(k, 2), k = how many of them start that day and are there at
    // that hour: counted in one pass over their hours (a move of one of them recounts the set),
    // not pair by pair. Hours past the day's end keep their own cells, as the pairwise overlap did.
    const width = nHours + Math.max(...dur);
    const here = new Int32Array(ctx.nDays * width);
    return [
      {
        shape: "set",
        source: c,
        weight: c.weight,
        activities: acts,
        violations(start) {
          let v = 0;
          for (let i = 0; i < acts.length; i++) {
            const t = start[acts[i]];
            if (t < 0) continue;
            const base = cellOf(t, nHours, width);
            for (let h = 0; h < dur[i]; h++) v += here[base + h]++;
          }
          for (let i = 0; i < acts.length; i++) {
            const t = start[acts[i]];
            if (t < 0) continue;
            const base = cellOf(t, nHours, width);
            for (let h = 0; h < dur[i]; h++) here[base + h] = 0;
          }
          return v;
        },
      },
    ];
  },
};

/** The cell of start slot t in rows of `width` cells per starting day (its day's row, at its hour). */
function cellOf(t: number, nHours: number, width: number): number {
  const day = (t / nHours) | 0;
  return day * width + t - day * nHours;
}
