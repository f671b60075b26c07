import type { CompileContext, Instance } from "./types";
import type { ConstraintDefinition } from "./types";
import type { FetConstraint } from "../fet/types";

/**
 * One instance of "activity a ends its students' day" (shared with ActivitiesEndStudentsDay):
 * a `set` over a and every activity sharing one of its subgroups, since only those can occupy
 * its subgroups' hours. FET (ConstraintActivityEndsStudentsDay::fitness): broken (1) when a is
 * placed and one of its subgroups is busy at a later hour of that day.
 */
export function endsStudentsDay(c: FetConstraint, ctx: CompileContext, a: number): Instance | null {
  const subs = ctx.subgroupsOf(a);
  if (subs.length === 0) return null;
  const others = new Set<number>();
  for (const s of subs) for (const b of ctx.activitiesOfSubgroup(s)) if (b !== a) others.add(b);
  const other = Int32Array.from(others).sort();
  const otherDur = Int32Array.from(other, (b) => ctx.duration(b));
  const dur = ctx.duration(a);
  const nHours = ctx.nHours;
  return {
    shape: "set",
    source: c,
    weight: c.weight,
    activities: Int32Array.of(a, ...other),
    violations(start) {
      const t = start[a];
      if (t < 0) return 0;
      const day = (t / nHours) | 0;
      const end = t + dur; // first slot after a, same day (a never crosses the day's end)
      for (let i = 0; i < other.length; i++) {
        const tb = start[other[i]];
        if (tb >= 0 && ((tb / nHours) | 0) === day && tb + otherDur[i] > end) return 1;
      }
      return 0;
    },
  };
}

export const activityEndsStudentsDay: ConstraintDefinition = {
  type: "ConstraintActivityEndsStudentsDay",
  list: "time",
  description:
    "The activity is the last one of the day for all its students: none of its subgroups has anything after it that day. One violation when some of them do (FET accepts only 100%; below, we count it as soft).",
  compile(c, ctx) {
    const f = ctx.fields(c);
    const a = ctx.activity(f, "Activity_Id");
    if (a < 0) return [];
    const inst = endsStudentsDay(c, ctx, a);
    return inst ? [inst] : [];
  },
};
