/**
 * Race jobs (`algorithm: "race"`, worker/runtime/race.ts) through real Queues inside workerd: a
 * race of the five continuous algorithms runs to completion, records how its budget was spent
 * (evaluations per algorithm, the rung after which each stopped, the winner, the per-algorithm
 * curve), and ends with exactly the result of core's in-process race (core/engine/race-run.ts)
 * with the same island seeds — chunked on the platform = straight in core. Refusals are 422
 * problem+json naming the field.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { continuousKind, tspKind } from "@core/index";
import { raceEntrants, runRace } from "@core/engine/race-run";
import { createJob, type CreateJobInput } from "../jobs";
import { jobRunner } from "../jobs/job-queries";
import { bearer, call, json, signUpTenant } from "../test/fixtures";
import { compileProblem } from "./solvers";
import { islandSeed, RUNTIME_DEFAULTS } from "./spec";
import { paidTenant, rastrigin, resultOf, waitForEnd } from "./test-helpers";

const TOTAL = 24_000;
const SEED = 4321;

function raceJob(extra: Partial<CreateJobInput> = {}): CreateJobInput {
  return {
    problem: rastrigin(5),
    algorithm: "race",
    seed: SEED,
    budget: { evaluations: TOTAL },
    options: { islandChunkEvaluations: 1_500, islandDeadlineMs: 20_000 },
    ...extra,
  };
}

describe("race jobs", () => {
  it("run one island per algorithm to the end, record the budget per algorithm, and equal core's straight race", async () => {
    const tenantId = await paidTenant();
    const job = await createJob(env, { tenantId }, raceJob());
    // The same race in other chunk sizes ends identically (rung ends never depend on chunks).
    const rechunked = await createJob(env, { tenantId }, raceJob({ options: { islandChunkEvaluations: 700, islandDeadlineMs: 20_000 } }));
    expect(job.algorithm).toBe("race");
    expect(job.islands).toBe(5);

    const row = await waitForEnd(tenantId, job.id, 120_000);
    expect(row.state).toBe("succeeded");
    const result = await resultOf(tenantId, job.id);
    const race = result.race!;
    expect(race.algorithms).toEqual(["de", "pso", "ga", "sa", "aco-r"]);
    // Successive halving 5 → 3 → 2 → 1: two stop after rung 0, one after rung 1, one after rung 2.
    const stops = race.summary.algorithms.map((a) => a.droppedAfterRung).filter((r) => r !== null);
    expect(stops.sort()).toEqual([0, 0, 1, 2]);
    expect(race.summary.winner).not.toBeNull();
    expect(race.summary.restart).toBe(true); // continuous solvers take migrants: each rung restarts its survivors
    const spent = race.summary.algorithms.reduce((s, a) => s + a.evaluations, 0);
    expect(spent).toBe(row.evaluations);
    expect(result.islands.map((i) => i.evaluations)).toEqual(race.summary.algorithms.map((a) => a.evaluations));
    // Leaders got more: the winner ran at least every rung's share, a rung-0 drop only rung 0's.
    const winner = race.summary.algorithms.find((a) => a.algorithm === race.summary.winner)!;
    expect(winner.evaluations).toBeGreaterThanOrEqual(race.summary.rungs.at(-1)!.target);
    for (const a of race.summary.algorithms.filter((x) => x.droppedAfterRung === 0)) {
      expect(a.evaluations).toBeLessThan(race.summary.rungs[1].target);
      expect(a.droppedAtRaceEvaluations).toBeGreaterThan(0);
    }
    // One curve per algorithm: [race evaluations, best of each of the 5] per point, x increasing.
    expect(race.curve.length).toBeGreaterThan(5);
    for (const p of race.curve) expect(p).toHaveLength(6);
    expect(race.curve.map((p) => p[0])).toEqual([...race.curve.map((p) => p[0] as number)].sort((x, y) => x - y));
    expect((await jobRunner(env, job.id).status())!.race!.summary).toEqual(race.summary);

    // The platform's chunked race equals core's straight race with the same island seeds.
    const { problem } = compileProblem(rastrigin(5));
    const straight = runRace(
      problem,
      raceEntrants(continuousKind, problem as never, (i) => islandSeed(SEED, i)),
      TOTAL,
      { migrants: RUNTIME_DEFAULTS.migrants },
    );
    expect(race.summary).toEqual(straight.summary);
    expect(result.best!.value).toBe(straight.best.value);
    expect(result.best!.solution).toEqual(Array.from(straight.best.solution as Float64Array));
    expect(row.evaluations).toBe(straight.evaluations);

    expect((await waitForEnd(tenantId, rechunked.id, 120_000)).state).toBe("succeeded");
    const other = await resultOf(tenantId, rechunked.id);
    expect(other.race!.summary).toEqual(race.summary);
    expect(other.best!.solution).toEqual(result.best!.solution);
  }, 150_000);

  it("races tsp without restarts or migration (no hooks) and still equals core's straight race", async () => {
    const tenantId = await paidTenant();
    const doc = { kind: "tsp", coordinates: Array.from({ length: 16 }, (_, i) => [Math.round(50 + 40 * Math.cos(i * 1.3)), Math.round(50 + 40 * Math.sin(i * 2.1))]) };
    const job = await createJob(env, { tenantId }, { problem: doc, algorithm: "race", seed: 9, budget: { evaluations: 6_000 }, options: { islandChunkEvaluations: 900, islandDeadlineMs: 20_000 } });
    expect(job.islands).toBe(3);
    expect((await waitForEnd(tenantId, job.id, 120_000)).state).toBe("succeeded");
    const race = (await resultOf(tenantId, job.id)).race!;
    expect(race.summary.restart).toBe(false);
    expect(race.algorithms[0]).toBe("memetic");
    const { problem } = compileProblem(doc);
    const straight = runRace(
      problem,
      raceEntrants(tspKind, problem as never, (i) => islandSeed(9, i)),
      6_000,
      { migrants: RUNTIME_DEFAULTS.migrants },
    );
    expect(race.summary).toEqual(straight.summary);
  }, 150_000);

  it("races a tenant's own objective (sandboxed) over orderings: restarts and migration in the sandbox", async () => {
    const tenantId = await paidTenant();
    const code = "export function fitness(p) { let s = 0; for (let i = 0; i < p.length; i++) s += Math.abs(p[i] - (p.length - 1 - i)) * (i + 1); return s; }";
    const job = await createJob(
      env,
      { tenantId },
      {
        problem: { kind: "permutation", size: 12, objective: { language: "javascript", code } },
        algorithm: "race",
        seed: 5,
        budget: { evaluations: 4_000 },
        options: { islandChunkEvaluations: 500, islandDeadlineMs: 20_000 },
      },
    );
    expect(job.islands).toBe(2);
    const row = await waitForEnd(tenantId, job.id, 120_000);
    expect(row.state).toBe("succeeded");
    const result = await resultOf(tenantId, job.id);
    expect(result.race!.summary.restart).toBe(true);
    expect(result.race!.summary.winner).not.toBeNull();
    expect(result.race!.summary.algorithms.map((a) => a.droppedAfterRung)).toContain(0);
    expect([...(result.best!.solution as number[])].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    expect(row.evaluations).toBeGreaterThanOrEqual(3_900);
  }, 150_000);

  it("is refused with 422 problem+json naming the field: other kinds, no evaluation budget, parameters, islands", async () => {
    const t = await signUpTenant();
    const submit = async (body: unknown) => {
      const res = await call("/v1/jobs", json(body, bearer(t.apiKey)));
      expect(res.status).toBe(422);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      return ((await res.json()) as { errors: { path: string; message: string }[] }).errors;
    };
    const ctt =
      "Name: T\nCourses: 1\nRooms: 1\nDays: 1\nPeriods_per_day: 2\nCurricula: 1\nConstraints: 0\n\nCOURSES:\nc1 t1 1 1 5\n\nROOMS:\nr1 10\n\nCURRICULA:\nq1 1 c1\n\nUNAVAILABILITY_CONSTRAINTS:\n\nEND.\n";
    let errors = await submit({ problem: { kind: "timetabling", format: "ctt", text: ctt }, algorithm: "race", budget: { evaluations: 10_000 } });
    expect(errors[0].path).toBe("algorithm");
    expect(errors[0].message).toMatch(/continuous, tsp, permutation/);
    errors = await submit({ problem: rastrigin(5), algorithm: "race" }); // the plan's default: a seconds budget
    expect(errors.map((e) => e.path)).toEqual(["budget.evaluations"]);
    errors = await submit({ problem: rastrigin(5), algorithm: "race", budget: { evaluations: 10_000 }, parameters: { popSize: 10 }, islands: 1 });
    expect(errors.map((e) => e.path)).toEqual(["parameters", "islands"]);
    errors = await submit({ problem: rastrigin(5), algorithm: "race", budget: { evaluations: 10_000 }, allowContributions: true });
    expect(errors.map((e) => e.path)).toEqual(["allowContributions"]);
    errors = await submit({ problem: rastrigin(5), algorithm: "race", budget: { evaluations: 12 } });
    expect(errors[0].path).toBe("budget.evaluations");
    expect(errors[0].message).toMatch(/too few/);
  });
});
