/**
 * One small week for the activity-tag hour tests (core/school/constraints/*activity-tag*): teacher T1
 * and students Y1 share activities tagged "A" except one untagged; T2 / Y2 have two tagged hours.
 *
 *   T1 / Y1  day 0: A A A x A   (4 tagged hours; runs of 3 and 1)
 *            day 1: A A         (2; a run of 2)
 *            day 2: . . . . . A (1)
 *   T2 / Y2  day 0: A A         (2; a run of 2)
 */
import { constraint } from "./fet";
import type { RoomAt, RoomSpec } from "./rooms";

const t1 = { teachers: ["T1"], students: ["Y1"] };
const t2 = { teachers: ["T2"], students: ["Y2"] };

export function tagWeek(type: string, weight: number, fields: string): RoomSpec {
  return {
    days: 3,
    hours: 6,
    tags: ["A", "B"],
    activities: [
      ...[1, 2, 3].map((id) => ({ id, ...t1, tags: ["A"] })),
      { id: 4, ...t1 },
      ...[5, 6, 7, 8].map((id) => ({ id, ...t1, tags: ["A"] })),
      ...[9, 10].map((id) => ({ id, ...t2, tags: ["A"] })),
    ],
    time: [constraint(type, weight, fields)],
  };
}

export const TAG_WEEK: RoomAt = { 1: [0, 0], 2: [0, 1], 3: [0, 2], 4: [0, 3], 5: [0, 4], 6: [1, 0], 7: [1, 1], 8: [2, 5], 9: [0, 0], 10: [0, 1] };
