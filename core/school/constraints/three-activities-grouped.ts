import type { ConstraintDefinition } from "./types";
import { distinctActivities } from "./util";

/**
 * FET (ConstraintThreeActivitiesGrouped::fitness): with all three placed, broken (1) unless they are
 * on the same day and, taken in order of starting hour, each ends before the next starts with only
 * break hours (100% ConstraintBreakTimes) between them.
 */
export const threeActivitiesGrouped: ConstraintDefinition = {
  type: "ConstraintThreeActivitiesGrouped",
  list: "time",
  description: "The three activities form one block on the same day, one right after the other in any order (break hours in between are allowed). One violation when they do not.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const acts = distinctActivities(ctx, f, ["First_Activity_Id", "Second_Activity_Id", "Third_Activity_Id"]);
    if (!acts) return [];
    const nHours = ctx.nHours;
    const dur = Int32Array.from(acts, (a) => ctx.duration(a));
    const breaks = ctx.breaks;
    // hours strictly between end and next that are not breaks
    const free = (base: number, end: number, next: number) => {
      let n = 0;
      for (let h = end; h < next; h++) if (!breaks[base + h]) n++;
      return n;
    };
    return [
      {
        shape: "set",
        source: c,
        weight: c.weight,
        activities: acts,
        violations(start) {
          const t0 = start[acts[0]];
          const t1 = start[acts[1]];
          const t2 = start[acts[2]];
          if (t0 < 0 || t1 < 0 || t2 < 0) return 0;
          const day = (t0 / nHours) | 0;
          if (((t1 / nHours) | 0) !== day || ((t2 / nHours) | 0) !== day) return 1;
          // the three (start, duration) pairs in order of starting time, without allocating
          let sa = t0,
            da = dur[0],
            sb = t1,
            db = dur[1],
            sc = t2,
            dc = dur[2],
            x = 0;
          if (sb < sa) {
            x = sa;
            sa = sb;
            sb = x;
            x = da;
            da = db;
            db = x;
          }
          if (sc < sb) {
            x = sb;
            sb = sc;
            sc = x;
            x = db;
            db = dc;
            dc = x;
          }
          if (sb < sa) {
            x = sa;
            sa = sb;
            sb = x;
            x = da;
            da = db;
            db = x;
          }
          const base = day * nHours;
          const ha = sa - base;
          const hb = sb - base;
          const hc = sc - base;
          if (ha + da > hb || hb + db > hc) return 1;
          return free(base, ha + da, hb) + free(base, hb + db, hc) === 0 ? 0 : 1;
        },
      },
    ];
  },
};
