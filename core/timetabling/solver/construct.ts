/**
 * Constructive phase and repair: iterative forward search (Müller's IFS, which won ITC-2007
 * track 3). Each step takes a hard unassigned lecture and puts it where it bumps the fewest
 * others; the bumped ones go back to the queue. A per-lecture bump counter (a light form of
 * conflict-based statistics) steers away from lectures that keep getting evicted, which stops
 * cycling. Pinned lectures are never bumped.
 */
import type { Rng } from "../../engine/random";
import type { Board } from "./board";

/** Static difficulty of each course: fewer usable periods and more conflicts = harder. */
export function courseDifficulty(b: Board): Float64Array {
  const pr = b.pr;
  const C = pr.courseIds.length;
  const out = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    let free = 0;
    for (let p = 0; p < b.P; p++) if (!pr.courseUnavailable[c * b.P + p]) free++;
    out[c] = free / (1 + pr.courseConflicts[c].length + pr.courseLectures[c]);
  }
  return out;
}

/**
 * One IFS step. `bumps[l]` counts how often lecture l was evicted (kept in the run state so a
 * restored run continues identically). Returns false when there was nothing to assign.
 */
export function ifsStep(b: Board, rng: Rng, difficulty: Float64Array, bumps: Int32Array): boolean {
  if (b.repairable === 0) return false;
  const pr = b.pr;
  const P = b.P;
  const R = b.R;
  // Tournament of 3 on difficulty: mostly hardest-first, with enough randomness to not cycle.
  let l = b.freeList[rng.int(b.nFree)];
  for (let k = 0; k < 2; k++) {
    const m = b.freeList[rng.int(b.nFree)];
    if (difficulty[pr.lectureCourse[m]] < difficulty[pr.lectureCourse[l]]) l = m;
  }
  // A pinned lecture only ever sits at its pin; if that clashes with another pin it stays out.
  if (b.fixed[l]) return true;
  const c = pr.lectureCourse[l];
  const conf = pr.courseConflicts[c];
  const students = pr.courseStudents[c];
  let bestScore = Infinity;
  let bestP = -1;
  let bestR = -1;
  let ties = 0;
  for (let p = 0; p < P; p++) {
    if (pr.courseUnavailable[c * P + p]) continue;
    let score = 0;
    let blocked = false;
    const own = b.courseAt[c * P + p];
    if (own >= 0) score += 1 + bumps[own];
    for (let i = 0; i < conf.length && !blocked; i++) {
      const o = b.courseAt[conf[i] * P + p];
      if (o < 0) continue;
      if (b.fixed[o]) blocked = true;
      score += 1 + bumps[o];
    }
    if (blocked || (own >= 0 && b.fixed[own])) continue;
    score *= 1000;
    // Best room in p: free if possible, then the tightest that seats everyone.
    let roomScore = Infinity;
    let room = -1;
    for (let r = 0; r < R; r++) {
      if (pr.roomUnavailable[r * P + p] || !pr.courseRoomAllowed[c * R + r]) continue;
      const o = b.roomAt[r * P + p];
      let s = 0;
      if (o >= 0) {
        if (b.fixed[o]) continue;
        const oc = pr.lectureCourse[o];
        // An occupant already evicted for a conflict costs nothing extra.
        if (oc !== c && !b.conflict[c * pr.courseIds.length + oc]) s += 1000 * (1 + bumps[o]);
      }
      const cap = pr.roomCapacity[r];
      s += cap >= students ? (cap - students) / (cap + 1) : 10 + (students - cap);
      if (b.roomUse[c * R + r] > 0) s -= 0.5;
      if (s < roomScore) {
        roomScore = s;
        room = r;
      }
    }
    if (room < 0) continue;
    score += roomScore;
    if (score < bestScore) {
      bestScore = score;
      bestP = p;
      bestR = room;
      ties = 1;
    } else if (score === bestScore && rng.int(++ties) === 0) {
      bestP = p;
      bestR = room;
    }
  }
  if (bestP < 0) {
    // Nowhere to go (every period blocked by pinned lectures): leave it unassigned for good.
    bumps[l]++;
    return true;
  }
  const evict = (o: number): void => {
    if (o < 0 || o === l) return;
    b.remove(o);
    bumps[o]++;
  };
  evict(b.courseAt[c * P + bestP]);
  for (let i = 0; i < conf.length; i++) evict(b.courseAt[conf[i] * P + bestP]);
  evict(b.roomAt[bestR * P + bestP]);
  b.place(l, bestP, bestR);
  return true;
}
