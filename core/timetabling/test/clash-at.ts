import type { Board } from "../solver/board";

// The reference for core/timetabling/solver/moves.ts `clashes`: the same question answered from the
// list of conflicting courses, naming the lecture (moves.test.ts checks that both agree everywhere).
/**
 * The lecture in period p that keeps lecture `l` out of it: a lecture of the same course or of a
 * course sharing a curriculum or an instructor with l's. -1 when none does, -2 when several do.
 * Lecture l itself (already in p) does not count.
 */
export function clashAt(b: Board, l: number, p: number): number {
  const pr = b.pr;
  const P = b.P;
  const at = b.courseAt;
  const c = pr.lectureCourse[l];
  let found = at[c * P + p];
  if (found === l) found = -1;
  const conf = pr.courseConflicts[c];
  for (let k = 0; k < conf.length; k++) {
    const y = at[conf[k] * P + p];
    if (y < 0) continue;
    if (found >= 0) return -2;
    found = y;
  }
  return found;
}
