/** The Board's incremental soft cost, checked against the evaluator's full count. */
import { describe, expect, it } from "vitest";
import { Rng } from "../../engine/random";
import { evaluate } from "../evaluate";
import { readCtt } from "../itc/ctt";
import { comp, tiny } from "../test/fixtures";
import { feasibleBoard } from "../test/feasible-board";
import { Board } from "./board";

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
    for (let i = 0; i < 20_000; i++) {
      const l = b.movable[rng.int(b.movable.length)];
      const p = rng.int(b.P);
      const r = rng.int(b.R);
      if (b.period[l] < 0 || !b.feasible(l, p, r, l, -1)) continue;
      b.remove(l);
      b.place(l, p, r);
    }
    const e = evaluate(pr, b.snapshot());
    expect(e.hard).toBe(0);
    expect(b.soft).toBe(e.soft);
  });
});
