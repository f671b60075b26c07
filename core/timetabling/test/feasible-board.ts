/** A Board built to a complete timetable by the constructive step (construct.ts), for the solver's move tests. */
import { expect } from "vitest";
import { Rng } from "../../engine/random";
import type { TimetablingProblem } from "../problem";
import { Board } from "../solver/board";
import { courseDifficulty, ifsStep } from "../solver/construct";

/** Every lecture placed without a hard violation (the construction's own check), from `seed`. */
export function feasibleBoard(problem: TimetablingProblem, seed: number): Board {
  const b = new Board(problem);
  const rng = Rng.seeded(seed);
  const bumps = new Int32Array(problem.lectureCourse.length);
  const diff = courseDifficulty(b);
  for (let i = 0; i < 20_000 && b.nFree > 0; i++) ifsStep(b, rng, diff, bumps);
  expect(b.nFree).toBe(0);
  return b;
}
