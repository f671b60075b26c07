/**
 * Kempe-chain move (Lü & Hao; Ceschia et al.): take a lecture in period p1 and another period p2,
 * close the set under "conflicts with" across the two periods, and swap the whole chain's periods.
 * Any lecture that would clash after the swap is in the chain by construction, so the move stays
 * feasible where a single move or swap cannot; rooms are kept when free, else the best-fitting free
 * room is taken. Accepted with the same annealing rule as the other moves.
 */
import type { Rng } from "../../engine/random";
import type { Board } from "./board";
import { isolatedLecture, missingDayPeriod, nextToCurriculum } from "./moves";

const MAX_CHAIN = 24;
/** Share of Kempe chains between a period and its neighbour on the same day (among those not aimed). */
const ADJACENT_RATE = 0.5;
/** Share of Kempe chains from a lecture isolated in a curriculum that go next to a curriculum mate. */
const AIMED_RATE = 0.5;
const scratch = new WeakMap<Board, { mark: Int32Array; stamp: number; chain: Int16Array; oldP: Int16Array; oldR: Int16Array }>();

function scratchOf(b: Board) {
  let s = scratch.get(b);
  if (!s) {
    const L = b.period.length;
    s = { mark: new Int32Array(L), stamp: 0, chain: new Int16Array(MAX_CHAIN), oldP: new Int16Array(MAX_CHAIN), oldR: new Int16Array(MAX_CHAIN) };
    scratch.set(b, s);
  }
  return s;
}

/**
 * The period a Kempe chain from lecture `l` (in p1) swaps with. A lecture of a course short of
 * working days that shares its day with another of the course's lectures goes to a day the course
 * lacks (the chain moves whatever conflicts out of the way); AIMED_RATE of the chains from a
 * lecture isolated in one of its curricula go next to a curriculum mate; of the rest, half swap
 * with a neighbouring period of the same day (curriculum blocks side by side) and half with any
 * period.
 */
export function kempeTarget(b: Board, rng: Rng, l: number, p1: number): number {
  const c = b.pr.lectureCourse[l];
  if (b.daysUsed[c] < b.pr.courseMinDays[c]) {
    const md = missingDayPeriod(b, rng, c, (p1 / b.S) | 0);
    if (md >= 0) return md;
  }
  if (rng.float() < AIMED_RATE && isolatedLecture(b, l, p1)) {
    const q = nextToCurriculum(b, rng, c);
    if (q >= 0) return q;
  }
  const s1 = p1 % b.S;
  return rng.float() < ADJACENT_RATE ? (s1 + 1 < b.S && (s1 === 0 || rng.float() < 0.5) ? p1 + 1 : p1 - 1) : rng.int(b.P);
}

/**
 * Try one Kempe-chain move at temperature T; returns true when it was applied and improved. In a
 * relaxed search (anneal.ts) the board may hold conflicts, which the swap can change; each unit
 * costs `hardWeight` in the delta. `dayWeight` is added per working day lost when the move is
 * judged, as in anneal.ts.
 */
export function kempeMove(b: Board, rng: Rng, T: number, hardWeight = 0, dayWeight = 0): boolean {
  const pr = b.pr;
  const P = b.P;
  const R = b.R;
  const l = b.movable[rng.int(b.movable.length)];
  const p1 = b.period[l];
  if (p1 < 0) return false;
  const p2 = kempeTarget(b, rng, l, p1);
  if (p2 === p1 || p2 < 0) return false;
  const s = scratchOf(b);
  const stamp = ++s.stamp;
  const chain = s.chain;
  let n = 0;
  chain[n++] = l;
  s.mark[l] = stamp;
  for (let i = 0; i < n; i++) {
    const x = chain[i];
    const cx = pr.lectureCourse[x];
    const other = b.period[x] === p1 ? p2 : p1;
    if (pr.courseUnavailable[cx * P + other]) return false;
    const conf = pr.courseConflicts[cx];
    for (let k = -1; k < conf.length; k++) {
      const y = b.courseAt[(k < 0 ? cx : conf[k]) * P + other];
      if (y < 0 || s.mark[y] === stamp) continue;
      if (b.fixed[y] || n === MAX_CHAIN) return false;
      s.mark[y] = stamp;
      chain[n++] = y;
    }
  }
  let delta = 0;
  const k0 = b.conflicts;
  const m0 = b.missingDays;
  for (let i = 0; i < n; i++) {
    s.oldP[i] = b.period[chain[i]];
    s.oldR[i] = b.room[chain[i]];
    delta += b.remove(chain[i]);
  }
  let placed = 0;
  for (; placed < n; placed++) {
    const x = chain[placed];
    const c = pr.lectureCourse[x];
    const target = s.oldP[placed] === p1 ? p2 : p1;
    let room = s.oldR[placed];
    if (!roomOk(b, c, room, target)) {
      room = -1;
      let bestFit = Infinity;
      for (let r = 0; r < R; r++) {
        if (!roomOk(b, c, r, target)) continue;
        const slack = pr.roomCapacity[r] - pr.courseStudents[c];
        const fit = slack >= 0 ? slack : 1000 - slack;
        if (fit < bestFit) {
          bestFit = fit;
          room = r;
        }
      }
      if (room < 0) break;
    }
    delta += b.place(x, target, room);
  }
  if (placed === n) delta += hardWeight * (b.conflicts - k0);
  const judged = delta + dayWeight * (b.missingDays - m0);
  if (placed === n && (judged <= 0 || rng.float() < Math.exp(-judged / T))) return delta < 0 || b.conflicts < k0;
  for (let i = 0; i < placed; i++) b.remove(chain[i]);
  for (let i = 0; i < n; i++) b.place(chain[i], s.oldP[i], s.oldR[i]);
  return false;
}

function roomOk(b: Board, c: number, r: number, p: number): boolean {
  const pr = b.pr;
  return b.roomAt[r * b.P + p] < 0 && !pr.roomUnavailable[r * b.P + p] && pr.courseRoomAllowed[c * b.R + r] === 1;
}
