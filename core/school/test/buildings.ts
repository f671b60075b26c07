/**
 * One small week for the building-change tests (core/school/constraints/*building-changes*): teacher
 * T1 and students Y1 share every activity, rooms A1 and A2 are in building B1, room B in B2, room
 * N has no building, and activity 3 has no room at all.
 *
 *   day 0: H0 A1 (B1), H1 B (B2), H2 no room, H3 A2 (B1)   → 2 changes; 0 and 1 hours between them
 *   day 1: H0 B (B2), H4 N (no building), H5 A1 (B1)        → 1 change; 4 hours between
 *
 * Teacher T2 / students Y2 have one activity in B then A1 on day 0 (one change) and are only
 * concerned by the "all teachers" / "all students" types.
 */
import { constraint } from "./fet";
import type { RoomAt, RoomSpec } from "./rooms";

export function buildingWeek(constraints: { type: string; weight: number; fields: string }[]): RoomSpec {
  return {
    days: 2,
    hours: 6,
    buildings: ["B1", "B2"],
    rooms: [{ name: "A1", building: "B1" }, { name: "A2", building: "B1" }, { name: "B", building: "B2" }, { name: "N" }],
    activities: [...[1, 2, 3, 4, 5, 6, 7].map((id) => ({ id, teachers: ["T1"], students: ["Y1"] })), { id: 8, teachers: ["T2"], students: ["Y2"] }, { id: 9, teachers: ["T2"], students: ["Y2"] }],
    space: constraints.map((c) => constraint(c.type, c.weight, c.fields)),
  };
}

export const WEEK: RoomAt = {
  1: [0, 0, "A1"],
  2: [0, 1, "B"],
  3: [0, 2],
  4: [0, 3, "A2"],
  5: [1, 0, "B"],
  6: [1, 4, "N"],
  7: [1, 5, "A1"],
  8: [0, 0, "B"],
  9: [0, 1, "A1"],
};

/** WEEK with T1's day 0 all in building B1 (no change that day). */
export const CALMER: RoomAt = { ...WEEK, 2: [0, 1, "A2"] };
