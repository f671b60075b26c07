/**
 * Recombination for the memetic search. Whole courses are inherited: the child starts as parent A
 * and, for a random half of the courses, tries to take parent B's (period, room) for every lecture
 * of the course. Inheriting courses whole keeps what the soft constraints reward per course (room
 * stability, spread over days) and keeps B's curriculum blocks where they fit; lectures that do
 * not fit stay unassigned and the IFS repair places them.
 */
import type { Rng } from "../../engine/random";
import type { Board } from "./board";

export function crossover(b: Board, rng: Rng, A: { period: Int16Array; room: Int16Array }, B: { period: Int16Array; room: Int16Array }): void {
  const pr = b.pr;
  // Start from an empty board filled with A, then move the chosen courses to B's places.
  for (let l = 0; l < b.period.length; l++) if (b.period[l] >= 0 && !b.fixed[l]) b.remove(l);
  b.load(A);
  const C = pr.courseIds.length;
  const take = new Uint8Array(C);
  for (let c = 0; c < C; c++) take[c] = rng.int(2);
  for (let l = 0; l < b.period.length; l++) {
    if (take[pr.lectureCourse[l]] && !b.fixed[l] && b.period[l] >= 0) b.remove(l);
  }
  for (let l = 0; l < b.period.length; l++) {
    if (!take[pr.lectureCourse[l]] || b.fixed[l]) continue;
    const p = B.period[l];
    const r = B.room[l];
    if (p >= 0 && r >= 0 && b.feasible(l, p, r, -1, -1)) b.place(l, p, r);
  }
}
