/** race-view.ts: a race's record as the job page's table rows, series and scale. */
import { describe, expect, it } from "vitest";
import type { RaceResult } from "@worker/jobs/vocabulary";
import { raceLogScale, raceRows, raceSeries } from "./race-view";

const race: RaceResult = {
  algorithms: ["de", "pso", "sa"],
  summary: {
    growth: 2,
    restart: true,
    total: 7000,
    rungs: [
      { survivors: 3, perSurvivor: 333, target: 333 },
      { survivors: 2, perSurvivor: 1000, target: 1333 },
      { survivors: 1, perSurvivor: 4000, target: 5333 },
    ],
    winner: "de",
    algorithms: [
      { algorithm: "de", island: 0, evaluations: 5400, best: 0.5, droppedAfterRung: null, droppedAtRaceEvaluations: null },
      { algorithm: "pso", island: 1, evaluations: 1340, best: 0.9, droppedAfterRung: 1, droppedAtRaceEvaluations: 3010 },
      { algorithm: "sa", island: 2, evaluations: 340, best: 4, droppedAfterRung: 0, droppedAtRaceEvaluations: 1010 },
    ],
  },
  curve: [
    [1010, 3, 2, 4],
    [3010, 0.7, 0.9, null],
    [7080, 0.5, null, null],
  ],
};
const titles = { de: "Differential evolution (L-SHADE)", pso: "Particle swarm optimisation", sa: "Simulated annealing" };

describe("race view", () => {
  it("names each algorithm, its share of the budget and when it stopped", () => {
    const rows = raceRows(race, titles);
    expect(rows.map((r) => r.title)).toEqual([titles.de, titles.pso, titles.sa]);
    expect(rows[0]).toMatchObject({ winner: true, outcome: "Winner: ran every rung", evaluations: 5400 });
    expect(rows[0].share).toBeCloseTo(5400 / 7080);
    expect(rows[1].outcome).toBe("Stopped after rung 2 of 3 (at 3,010 evaluations of the race)");
    expect(rows[2].outcome).toBe("Stopped after rung 1 of 3 (at 1,010 evaluations of the race)");
    expect(rows.reduce((s, r) => s + r.share, 0)).toBeCloseTo(1);
  });

  it("shows a running race's survivors as running, and unknown ids as they are", () => {
    const running: RaceResult = { ...race, summary: { ...race.summary, winner: null, algorithms: race.summary.algorithms.map((a) => (a.algorithm === "de" ? a : { ...a })) } };
    expect(raceRows(running, {}).map((r) => [r.title, r.outcome.split(" ")[0]])).toEqual([
      ["de", "Running"],
      ["pso", "Stopped"],
      ["sa", "Stopped"],
    ]);
    // A job that ended before its race did (its target reached, cancelled): not "Running".
    expect(raceRows(running, {}, false)[0].outcome).toBe("Running when the job stopped");
  });

  it("gives one coloured series per algorithm and a log scale only for positive values", () => {
    expect(raceSeries(race, titles).map((s) => s.label)).toEqual([titles.de, titles.pso, titles.sa]);
    expect(new Set(raceSeries(race, titles).map((s) => s.color)).size).toBe(3);
    expect(raceLogScale(race)).toBe(true);
    expect(raceLogScale({ ...race, curve: [[10, -3, 1, 2]] })).toBe(false);
    expect(raceLogScale({ ...race, curve: [[10, null, null, null]] })).toBe(false);
  });
});
