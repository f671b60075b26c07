/** The Board's incremental soft cost, checked against the evaluator's full count. */
import { describe, expect, it } from "vitest";
import { Rng } from "../../engine/random";
import { evaluate } from "../evaluate";
import { readCtt } from "../itc/ctt";
import { comp, tiny } from "../test/fixtures";
import { feasibleBoard } from "../test/feasible-board";
import { Board } from "./board";

/** One random Move (a movable lecture to a uniform period and room) when it keeps the board feasible; true if made. */
function randomMove(b: Board, rng: Rng): boolean {
  const l = b.movable[rng.int(b.movable.length)];
  const p = rng.int(b.P);
  const r = rng.int(b.R);
  if (b.period[l] < 0 || !b.feasible(l, p, r, l, -1)) return false;
  b.remove(l);
  b.place(l, p, r);
  return true;
}

describe("board: isolated lectures (curriculum compactness) counted incrementally", () => {
  it("gives the evaluator's cost as lectures of one curriculum come and go next to each other", () => {
    // TINY: A (lectures 0, 1) and B (2, 3) are in curriculum q1; 3 slots a day.
    const pr = tiny();
    const b = new Board(pr);
    const check = () => expect(b.soft).toBe(evaluate(pr, b.snapshot()).soft);
    b.place(0, 0, 0); // A alone on day 0: isolated
    check();
    b.place(2, 2, 1); // B two slots away: both isolated
    check();
    b.remove(2);
    b.place(2, 1, 1); // B next to A: neither isolated
    check();
    b.place(3, 2, 0); // B again at slot 2: a row of three
    check();
    b.remove(2); // the middle goes: both ends isolated
    check();
  });

  it("equals the evaluator after thousands of random moves on comp01", () => {
    const pr = readCtt(comp("comp01"));
    const b = feasibleBoard(pr, 11);
    const rng = Rng.seeded(12);
    for (let i = 0; i < 20_000; i++) randomMove(b, rng);
    const e = evaluate(pr, b.snapshot());
    expect(e.hard).toBe(0);
    expect(b.soft).toBe(e.soft);
  });
});

describe("board: missing working days counted incrementally", () => {
  /** Σ max(0, minimum days − days used), from scratch. */
  const fromScratch = (b: Board) => {
    const pr = b.pr;
    const days = pr.courseIds.map(() => new Set<number>());
    for (let l = 0; l < b.period.length; l++) if (b.period[l] >= 0) days[pr.lectureCourse[l]].add(Math.floor(b.period[l] / pr.slotsPerDay));
    return days.reduce((sum, d, c) => sum + Math.max(0, pr.courseMinDays[c] - d.size), 0);
  };

  it("counts every missing day of an empty board and none once each course has its days", () => {
    // TINY: course A has 2 lectures and wants 2 days.
    const pr = tiny();
    const b = new Board(pr);
    const wanted = pr.courseMinDays.reduce((s, x) => s + x, 0);
    expect(b.missingDays).toBe(wanted);
    b.place(0, 0, 0);
    b.place(1, 1, 0);
    expect(b.missingDays).toBe(wanted - 1);
    b.remove(1);
    b.place(1, pr.slotsPerDay, 0);
    expect(b.missingDays).toBe(wanted - 2);
  });

  it("equals the count from scratch, and the evaluator's cost over its weight, after random moves on comp10", () => {
    const pr = readCtt(comp("comp10"));
    const b = feasibleBoard(pr, 13);
    const rng = Rng.seeded(14);
    const check = () => {
      expect(b.missingDays).toBe(fromScratch(b));
      expect(b.missingDays * pr.weights.minWorkingDays).toBe(evaluate(pr, b.snapshot()).byConstraint.minWorkingDays);
    };
    check();
    let short = 0;
    for (let i = 0; i < 20_000; i++) {
      if (!randomMove(b, rng)) continue;
      if (b.missingDays > 0) short++;
      if (i % 1000 === 0) check();
    }
    check();
    // The random walk leaves courses short of days, so the count was exercised above zero.
    expect(short).toBeGreaterThan(200);
  });
});
