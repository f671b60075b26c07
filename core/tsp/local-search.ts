/**
 * 2-opt + Or-opt local search on an array tour, with neighbour lists and don't-look bits
 * (Bentley 1992; Johnson & McGeoch 1997).
 *
 * Only cities in the work queue are examined (a cleared don't-look bit = in the queue); a city
 * leaves the queue when no improving move starts from it, and every move puts the endpoints of
 * the changed edges back. So after a small perturbation only a few cities are re-examined,
 * which is what makes iterated local search fast. Moves only try edges to the k nearest
 * neighbours and stop scanning once the first new edge is already too long (gain pruning).
 * Or-opt moves a segment of 1–3 cities elsewhere (possibly reversed); it is carried out as
 * two or three 2-opt moves so a single reversal routine (shorter side first) serves both.
 * When neither finds anything from a city, sequential 3-opt (or3opt.ts) and then a Lin–Kernighan
 * chain (lk.ts) are tried, both built from the same reversals; all scans use neighbour lists and
 * the position index, so a pass is O(n·k) evaluations plus the reversals (no distance matrix needed).
 */
import { createLkScratch, lkMove, type LkScratch } from "./lk";
import { threeOpt } from "./or3opt";
import type { TspProblem } from "./problem";

export interface LocalSearch {
  n: number;
  tour: Int32Array;
  pos: Int32Array;
  queue: Int32Array;
  inQueue: Uint8Array;
  head: number;
  size: number;
  /** Improvements smaller than this are ignored (0 for integer metrics, tiny for floats). */
  eps: number;
  /** Also try sequential 3-opt moves (or3opt.ts) when 2-opt and Or-opt find nothing. */
  or3: boolean;
  /** Also try Lin–Kernighan chains (lk.ts) when everything else found nothing. */
  lk: boolean;
  lkScratch: LkScratch;
}

export function createLocalSearch(problem: TspProblem): LocalSearch {
  const n = problem.n;
  return {
    n,
    tour: new Int32Array(n),
    pos: new Int32Array(n),
    queue: new Int32Array(n),
    inQueue: new Uint8Array(n),
    head: 0,
    size: 0,
    eps: problem.integral ? 0 : 1e-9,
    or3: true,
    lk: true,
    lkScratch: createLkScratch(),
  };
}

/** Load the tour stored at `tours[offset .. offset+n)` and empty the queue. */
export function loadTour(ls: LocalSearch, tours: ArrayLike<number>, offset = 0): void {
  const { n } = ls;
  for (let i = 0; i < n; i++) {
    const c = tours[offset + i];
    ls.tour[i] = c;
    ls.pos[c] = i;
  }
  ls.inQueue.fill(0);
  ls.head = 0;
  ls.size = 0;
}

export function activate(ls: LocalSearch, c: number): void {
  if (ls.inQueue[c]) return;
  ls.inQueue[c] = 1;
  ls.queue[(ls.head + ls.size) % ls.n] = c;
  ls.size++;
}

export function activateAll(ls: LocalSearch): void {
  for (let i = 0; i < ls.n; i++) activate(ls, ls.tour[i]);
}

export const succ = (ls: LocalSearch, c: number) => ls.tour[ls.pos[c] + 1 === ls.n ? 0 : ls.pos[c] + 1];
export const pred = (ls: LocalSearch, c: number) => ls.tour[ls.pos[c] === 0 ? ls.n - 1 : ls.pos[c] - 1];

/** Reverse the tour path from city `from` forward to city `to` (or, equivalently, its complement, whichever is shorter). */
function reversePath(ls: LocalSearch, from: number, to: number): void {
  const { n, tour, pos } = ls;
  let i = pos[from];
  let j = pos[to];
  let len = j - i;
  if (len < 0) len += n;
  len += 1;
  if (2 * len > n) {
    const ni = j + 1 === n ? 0 : j + 1;
    j = i === 0 ? n - 1 : i - 1;
    i = ni;
    len = n - len;
  }
  for (let s = len >> 1; s > 0; s--) {
    const a = tour[i];
    const b = tour[j];
    tour[i] = b;
    pos[b] = i;
    tour[j] = a;
    pos[a] = j;
    if (++i === n) i = 0;
    if (--j < 0) j = n - 1;
  }
}

/**
 * Replace edges (a,b), (c,d) by (a,c), (b,d). Requires b and d to follow a and c in the same
 * direction (both successors or both predecessors).
 */
export function move2opt(ls: LocalSearch, a: number, b: number, c: number, d: number): void {
  if (succ(ls, a) === b) reversePath(ls, b, c);
  else reversePath(ls, a, d);
}

/** Run the queue until no improving move remains; returns the total gain (length decrease). */
export function improve(ls: LocalSearch, problem: TspProblem): number {
  let total = 0;
  while (ls.size > 0) {
    const a = ls.queue[ls.head];
    ls.head = ls.head + 1 === ls.n ? 0 : ls.head + 1;
    ls.size--;
    ls.inQueue[a] = 0;
    const g = twoOpt(ls, problem, a) || orOpt(ls, problem, a) || (ls.or3 ? threeOpt(ls, problem, a) : 0) || (ls.lk ? lkMove(ls, problem, a, ls.lkScratch) : 0);
    if (g > 0) {
      total += g;
      activate(ls, a);
    }
  }
  return total;
}

/** First improving 2-opt move from city a (both tour directions); returns its gain or 0. */
function twoOpt(ls: LocalSearch, problem: TspProblem, a: number): number {
  const { dist, neighbours, k } = problem;
  const base = a * k;
  for (let dir = 0; dir < 2; dir++) {
    const b = dir === 0 ? succ(ls, a) : pred(ls, a);
    const dab = dist(a, b);
    for (let t = 0; t < k; t++) {
      const c = neighbours[base + t];
      const g1 = dab - dist(a, c);
      if (g1 <= ls.eps) break;
      const d = dir === 0 ? succ(ls, c) : pred(ls, c);
      if (c === b || d === a) continue;
      const gain = g1 + dist(c, d) - dist(b, d);
      if (gain > ls.eps) {
        move2opt(ls, a, b, c, d);
        activate(ls, b);
        activate(ls, c);
        activate(ls, d);
        return gain;
      }
    }
  }
  return 0;
}

/** First improving Or-opt move of a segment of 1–3 cities starting at a; returns its gain or 0. */
function orOpt(ls: LocalSearch, problem: TspProblem, a: number): number {
  const { dist, neighbours, k } = problem;
  const n = ls.n;
  if (n < 8) return 0;
  for (let dir = 0; dir < 2; dir++) {
    const fwd = dir === 0 ? succ : pred;
    const back = dir === 0 ? pred : succ;
    const s1 = a;
    const p = back(ls, s1);
    let e = s1;
    for (let len = 1; len <= 3; len++) {
      if (len > 1) e = fwd(ls, e);
      const nx = fwd(ls, e);
      const removeGain = dist(p, s1) + dist(e, nx) - dist(p, nx);
      if (removeGain <= ls.eps) continue;
      for (let end = 0; end < 2; end++) {
        const x = end === 0 ? s1 : e; // the segment end that gets the new edge to c
        if (end === 1 && len === 1) break;
        for (let t = 0; t < k; t++) {
          const c = neighbours[x * k + t];
          const dxc = dist(x, c);
          if (dxc >= removeGain - ls.eps) break;
          if (c === p || c === nx || inSegment(ls, s1, c, len, dir)) continue;
          for (let side = 0; side < 2; side++) {
            const g = side === 0 ? succ(ls, c) : pred(ls, c);
            if (g === p || g === nx || inSegment(ls, s1, g, len, dir)) continue;
            const y = x === s1 ? e : s1; // the other end connects to g
            const gain = removeGain - (dxc + dist(y, g) - dist(c, g));
            if (gain > ls.eps) {
              applyOrMove(ls, p, s1, e, nx, c, g, x === s1, dir === 0 ? side === 0 : side === 1);
              activate(ls, p);
              activate(ls, nx);
              activate(ls, s1);
              activate(ls, e);
              activate(ls, c);
              activate(ls, g);
              return gain;
            }
          }
        }
      }
    }
  }
  return 0;
}

/** Is city c among the `len` cities starting at s1 in direction dir? */
function inSegment(ls: LocalSearch, s1: number, c: number, len: number, dir: number): boolean {
  let off = dir === 0 ? ls.pos[c] - ls.pos[s1] : ls.pos[s1] - ls.pos[c];
  if (off < 0) off += ls.n;
  return off < len;
}

/**
 * Move segment s1..e (p before it, nx after it, in the segment's own direction) between c and g.
 * `s1ToC`: the new edges are (c,s1),(e,g), else (c,e),(s1,g). `gAfterC`: g follows c in the
 * segment's direction. Written as 2-opt moves (see the module comment).
 */
function applyOrMove(ls: LocalSearch, p: number, s1: number, e: number, nx: number, c: number, g: number, s1ToC: boolean, gAfterC: boolean): void {
  if (gAfterC) {
    // p S nx … c g  →  (c,e),(s1,g) in two moves, (c,s1),(e,g) in three.
    move2opt(ls, p, s1, c, g);
    move2opt(ls, p, c, nx, e);
    if (s1ToC && s1 !== e) move2opt(ls, c, e, s1, g);
  } else {
    // p S nx … g c  →  (c,s1),(e,g) in two moves, (c,e),(s1,g) in three.
    move2opt(ls, nx, e, c, g);
    move2opt(ls, nx, c, p, s1);
    if (!s1ToC && s1 !== e) move2opt(ls, c, s1, e, g);
  }
}
