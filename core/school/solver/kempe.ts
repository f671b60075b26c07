/**
 * Kempe-chain moves for the min-conflicts search (min-conflicts.ts): unit u moves from `cur` by
 * delta = s − cur; every unit whose teacher or subgroup hours it would then overlap moves by −delta
 * (into the hours u and the chain leave), and so on, alternating, until nothing new is in the way.
 * In a class whose week is full, or a teacher teaching nearly every hour, a lone move or a one-level
 * swap always clashes; a chain that closes swaps two groups of lessons between the same hours
 * (for one-hour lessons: the connected part of the clash graph of two slots) and creates no clash
 * among its own members. A chain is abandoned when a member may not start where it would go
 * (units.ts allowedMask) or it grows beyond params.ts `kempeLength` units.
 *
 * The chain is built from the Board as it is and uses no randomness, so building it again gives the
 * same chain (min-conflicts.ts builds it once to score and once to apply).
 */
import { bestRoom, clashingUnits, type SchoolState } from "./state";

interface Chain {
  /** Chain units (first `size` entries) and the start each one goes to. */
  unit: Int32Array;
  to: Int32Array;
  size: number;
  /** Per unit: the chain build that last took it (a stamp, so no clearing between builds). */
  mark: Int32Array;
  stamp: number;
  /** Old start and room of each member activity while a chain is tried. */
  acts: Int32Array;
  oldStart: Int32Array;
  oldRoom: Int32Array;
}

const chains = new WeakMap<SchoolState, Chain>();

function chainOf(st: SchoolState): Chain {
  let c = chains.get(st);
  // rebuilt when a fork changed kempeLength (retune.ts), so the chains match a fresh state's
  if (!c || c.unit.length !== st.params.kempeLength) {
    const max = st.params.kempeLength;
    const cap = max * st.units.maxMembers;
    c = {
      unit: new Int32Array(max),
      to: new Int32Array(max),
      size: 0,
      mark: new Int32Array(st.units.count),
      stamp: 0,
      acts: new Int32Array(cap),
      oldStart: new Int32Array(cap),
      oldRoom: new Int32Array(cap),
    };
    chains.set(st, c);
  }
  return c;
}

/**
 * Build the chain of unit u moving to s. Returns the number of units in it (u
 * included), or 0 when the chain does not apply (nothing in the way, a member not allowed where it
 * would go, or too long). The chain is read with `chainUnit` / `chainTo`.
 */
export function buildChain(st: SchoolState, u: number, s: number): number {
  const { units, board: b, problem: p } = st;
  const c = chainOf(st);
  const nSlots = p.nSlots;
  if (c.unit.length < 2) return 0;
  const stamp = ++c.stamp;
  c.unit[0] = u;
  c.to[0] = s;
  c.mark[u] = stamp;
  let size = 1;
  for (let i = 0; i < size; i++) {
    const v = c.unit[i];
    const vFrom = b.start[units.members[units.memberStart[v]]];
    // the units in v's way move the other way
    const back = vFrom - c.to[i];
    const ne = clashingUnits(st, v, c.to[i]);
    for (let e = 0; e < ne; e++) {
      const w = st.ejected[e];
      if (c.mark[w] === stamp) continue;
      const wFrom = b.start[units.members[units.memberStart[w]]];
      const wTo = wFrom + back;
      if (wFrom < 0 || wTo < 0 || wTo >= nSlots || !units.allowedMask[w * nSlots + wTo]) return 0;
      if (size >= c.unit.length) return 0;
      c.mark[w] = stamp;
      c.unit[size] = w;
      c.to[size++] = wTo;
    }
  }
  c.size = size;
  return size > 1 ? size : 0;
}

export function chainUnit(st: SchoolState, i: number): number {
  return chainOf(st).unit[i];
}

export function chainTo(st: SchoolState, i: number): number {
  return chainOf(st).to[i];
}

/** Move every unit of the last built chain to its new start (rooms chosen greedily); `undoChain` puts them back. */
export function applyChain(st: SchoolState): void {
  const { units, board: b } = st;
  const c = chainOf(st);
  let n = 0;
  for (let i = 0; i < c.size; i++) {
    const v = c.unit[i];
    for (let k = units.memberStart[v]; k < units.memberStart[v + 1]; k++) {
      const a = units.members[k];
      c.acts[n] = a;
      c.oldStart[n] = b.start[a];
      c.oldRoom[n++] = b.room[a];
      b.unplace(a);
    }
  }
  n = 0;
  for (let i = 0; i < c.size; i++) {
    const v = c.unit[i];
    for (let k = units.memberStart[v]; k < units.memberStart[v + 1]; k++, n++) b.place(c.acts[n], c.to[i], bestRoom(st, c.acts[n], c.to[i]));
  }
}

/**
 * Put the units of the last applied chain back where they were, last change first, so that the Board's
 * undo frames replay every step (core/school/undo-frames.ts).
 */
export function undoChain(st: SchoolState): void {
  const { units, board: b } = st;
  const c = chainOf(st);
  let n = 0;
  for (let i = 0; i < c.size; i++) n += units.memberStart[c.unit[i] + 1] - units.memberStart[c.unit[i]];
  for (let j = n - 1; j >= 0; j--) b.unplace(c.acts[j]);
  for (let j = n - 1; j >= 0; j--) if (c.oldStart[j] >= 0) b.place(c.acts[j], c.oldStart[j], c.oldRoom[j]);
}
