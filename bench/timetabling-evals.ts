/**
 * Fixed-evaluation A/B runs for the ITC-2007 timetabling solver, load-independent: every run gets
 * the same number of evaluations (moves tried), so its result depends only on the code, the seed
 * and the parameters, whatever else the machine is doing; CPU time is reported beside it.
 *
 *   npx tsx bench/timetabling-evals.ts --evaluations 60000000 --seeds 1,2,3 \
 *     --instances comp07,comp10 [--params '{"kempeRate":0.05}'] [--data DIR]
 *
 * One line per run (instance, seed, hard, soft, the soft cost per constraint, CPU-s, M moves per
 * CPU-s), then the mean soft cost per instance. Runs one at a time in this process; costs are
 * re-scored by the evaluator. Default data: ../shared/data/itc2007-cbctt beside the repository.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { evaluate, memeticSolver, readCtt, saSolver } from "../core/timetabling/index";
import { parseParams } from "./timetabling";

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
}

const SOFT = ["roomCapacity", "minWorkingDays", "curriculumCompactness", "roomStability"] as const;

export function run(args: string[]): void {
  const here = dirname(fileURLToPath(import.meta.url));
  const dataDir = resolve(option(args, "data", resolve(here, "../../shared/data/itc2007-cbctt")));
  const evaluations = Number(option(args, "evaluations", "60000000"));
  const seeds = option(args, "seeds", "1,2,3").split(",").map(Number);
  const instances = option(args, "instances", "comp07,comp10").split(",");
  const params = parseParams(option(args, "params", "{}"));
  const solver = option(args, "algorithm", "memetic") === "sa" ? saSolver : memeticSolver;
  console.log(`evaluations ${evaluations}, params ${JSON.stringify(params)}, algorithm ${solver.id}`);
  for (const instance of instances) {
    const problem = readCtt(readFileSync(resolve(dataDir, `${instance}.ctt`), "utf8"));
    const softs: number[] = [];
    for (const seed of seeds) {
      const cpu0 = process.cpuUsage();
      const state = solver.init(problem, solver.parameters(params, problem), seed, { maxEvaluations: evaluations });
      while (!solver.progress(state).done) solver.step(state, { evaluations: 1_000_000 });
      const c = process.cpuUsage(cpu0);
      const cpu = (c.user + c.system) / 1e6;
      const e = evaluate(problem, solver.best(state).solution);
      softs.push(e.soft);
      const parts = SOFT.map((k) => `${k} ${e.byConstraint[k]}`).join(", ");
      console.log(`${instance} seed ${seed}: hard ${e.hard} soft ${e.soft} (${parts}) CPU-s ${cpu.toFixed(1)} M moves/CPU-s ${(state.evaluations / cpu / 1e6).toFixed(2)}`);
    }
    console.log(`${instance} mean ${(softs.reduce((s, x) => s + x, 0) / softs.length).toFixed(1)} (${softs.join(", ")})`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) run(process.argv.slice(2));
