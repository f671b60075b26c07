import type { ConstraintDefinition } from "./types";
import { activityIds } from "./util";

export const activitiesSameRoomIfConsecutive: ConstraintDefinition = {
  type: "ConstraintActivitiesSameRoomIfConsecutive",
  list: "space",
  description:
    "Any two of the listed activities placed back to back on the same day (one starts at the hour the other ends) are in the same room. One violation per such pair in different rooms (activities without a room are not counted); FET allows it only at weight 100.",
  compile(c, ctx) {
    const f = ctx.fields(c);
    if (c.weight < 100) throw f.error(`FET accepts this constraint only with weight 100 (it refuses to generate otherwise), got ${c.weight}`, "Weight_Percentage");
    if (f.all("Activity_Id").length < 2) throw f.error("must name at least two activities (FET refuses it otherwise)", "Activity_Id");
    const acts = activityIds(ctx, f);
    if (acts.length < 2) return [];
    const dur = Int32Array.from(acts, (a) => ctx.duration(a));
    const nHours = ctx.nHours;
    const n = acts.length;
    /**
     * Violating pairs of index i (at si, ri) with the indexes of OTHER activities, as the arrays
     * have them: both have a room, the rooms differ and one starts where the other ends on the same
     * day (j at i's end while that end is still on i's day, or j ending at si and starting on
     * i's day). Both cannot hold at once (durations are positive).
     */
    const pairsOf = (i: number, si: number, ri: number, start: Int32Array, room: Int32Array): number => {
      if (si < 0 || ri < 0) return 0;
      const a = acts[i];
      const dayStart = ((si / nHours) | 0) * nHours;
      const ei = si + dur[i];
      const endI = ei < dayStart + nHours ? ei : -2;
      let v = 0;
      for (let j = 0; j < n; j++) {
        const b = acts[j];
        if (b === a) continue;
        const sj = start[b];
        if (sj === endI || (sj >= dayStart && sj + dur[j] === si)) {
          const rj = room[b];
          if (rj >= 0 && rj !== ri) v++;
        }
      }
      return v;
    };
    /**
     * The count is a function of the members' starts and rooms only, so the last count is kept
     * with the values it was made from: when only one activity's start or room differs (a board's
     * place / unplace), the count changes by that activity's pairs before and after; otherwise it
     * is counted again, pair by pair. Any caller and any arrays get the same number either way.
     */
    const seenStart = new Int32Array(n).fill(-1);
    const seenRoom = new Int32Array(n).fill(-1);
    let seenCount = 0;
    const countAll = (start: Int32Array, room: Int32Array): number => {
      let v = 0;
      for (let i = 0; i < n; i++) {
        const si = start[acts[i]];
        const ri = room[acts[i]];
        if (si < 0 || ri < 0) continue;
        const dayStart = ((si / nHours) | 0) * nHours;
        const ei = si + dur[i];
        const endI = ei < dayStart + nHours ? ei : -2;
        for (let j = i + 1; j < n; j++) {
          const sj = start[acts[j]];
          if (sj === endI || (sj >= dayStart && sj + dur[j] === si)) {
            const rj = room[acts[j]];
            if (rj >= 0 && rj !== ri) v++;
          }
        }
      }
      return v;
    };
    return [
      {
        shape: "set",
        source: c,
        weight: c.weight,
        activities: acts,
        violations(start, room) {
          let moved = -1; // the one activity whose start or room differs from the kept values
          let first = -1; // its first index
          let several = false;
          for (let k = 0; k < n; k++) {
            const a = acts[k];
            if (start[a] === seenStart[k] && room[a] === seenRoom[k]) continue;
            if (moved < 0) {
              moved = a;
              first = k;
            } else if (a !== moved) {
              several = true;
              break;
            }
          }
          if (moved < 0) return seenCount;
          if (several) seenCount = countAll(start, room);
          else {
            // every index of the moved activity had the same values (the kept ones at `first`)
            let copies = 0;
            for (let k = first; k < n; k++) if (acts[k] === moved) copies++;
            const s = start[moved];
            const r = room[moved];
            seenCount += copies * (pairsOf(first, s, r, start, room) - pairsOf(first, seenStart[first], seenRoom[first], start, room));
            for (let k = first; k < n; k++)
              if (acts[k] === moved) {
                seenStart[k] = s;
                seenRoom[k] = r;
              }
            return seenCount;
          }
          for (let k = 0; k < n; k++) {
            seenStart[k] = start[acts[k]];
            seenRoom[k] = room[acts[k]];
          }
          return seenCount;
        },
      },
    ];
  },
};
