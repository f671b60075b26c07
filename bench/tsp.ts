/**
 * TSP benchmark: gap to the TSPLIB optimum at several wall-clock budgets.
 *   npm run bench -- tsp [--seeds 5] [--seconds 2,10] [--instances berlin52,eil51] [--algorithm memetic] [--data DIR] [--cpu]
 * --cpu: budgets are CPU seconds of this process (process.cpuUsage) instead of wall-clock seconds,
 * so figures taken on a loaded machine stay comparable.
 * One run per (instance, seed) lasts the longest budget; the best tour is recorded as each shorter
 * budget passes, which equals a separate run of that length (same seed, same trajectory). The
 * clock starts before the problem is compiled (neighbour lists and matrix count). Single-threaded.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { solverFor } from "../core/index";
import { compileTsp } from "../core/tsp/document";
import { listOption, machineHeader, median, option, publish } from "./report";

const DEFAULT_INSTANCES = ["berlin52", "eil51", "st70", "kroA100", "ch150", "a280"];
/** Targets: median gap at each budget. */
const TARGETS: Record<number, number> = { 2: 3, 10: 1 };

export async function run(args: string[]): Promise<void> {
  const seeds = Number(option(args, "seeds") ?? 5);
  const budgets = listOption(args, "seconds", ["2", "10"])
    .map(Number)
    .sort((a, b) => a - b);
  const instances = listOption(args, "instances", DEFAULT_INSTANCES);
  const algorithm = option(args, "algorithm") ?? "memetic";
  const cpu = args.includes("--cpu");
  const cpuNow = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const clock = cpu ? cpuNow : () => performance.now();
  const data = option(args, "data") ?? process.env.TSPLIB_DATA ?? new URL("../fixtures/tsplib", import.meta.url).pathname;
  const optima = JSON.parse(readFileSync(resolve(data, "optima.json"), "utf8")) as Record<string, { optimum: number }>;
  const { solver } = solverFor("tsp", algorithm);
  const lines = [
    `# TSP benchmark (${algorithm})`,
    "",
    ...machineHeader(`npm run bench -- tsp --seeds ${seeds} --seconds ${budgets.join(",")} --instances ${instances.join(",")} --algorithm ${algorithm}${cpu ? " --cpu" : ""}`),
    ...(cpu ? ["Budgets are CPU seconds of the benchmark process (tours/s per CPU-second).", ""] : []),
    `Gap = (tour length − optimum) / optimum, over seeds 1..${seeds}; median and worst.`,
    "",
    `| instance | n | optimum | ${budgets.map((b) => `median gap @${b}s | worst @${b}s`).join(" | ")} | tours/s |`,
    `|---|---|---|${budgets.map(() => "---|---|").join("")}---|`,
  ];
  const medians: Record<number, number[]> = {};
  for (const name of instances) {
    const text = readFileSync(resolve(data, `${name}.tsp`), "utf8");
    const optimum = optima[name]?.optimum;
    const gaps: Record<number, number[]> = {};
    let n = 0;
    let rate = 0;
    for (let seed = 1; seed <= seeds; seed++) {
      const start = clock();
      const problem = compileTsp({ kind: "tsp", format: "tsplib", text });
      n = problem.n;
      const state = solver.init(problem, solver.parameters({}, problem), seed, { maxEvaluations: Number.POSITIVE_INFINITY });
      for (const b of budgets) {
        if (cpu) while (clock() - start < b * 1000) solver.step(state, { millis: 20 });
        else {
          const left = b * 1000 - (clock() - start);
          if (left > 0) solver.step(state, { millis: left });
        }
        (gaps[b] ??= []).push(((solver.progress(state).best - optimum) / optimum) * 100);
      }
      rate += solver.progress(state).evaluations / ((clock() - start) / 1000) / seeds;
      process.stderr.write(`${name} seed ${seed}: ${budgets.map((b) => `${b}s ${gaps[b].at(-1)!.toFixed(2)}%`).join(", ")}\n`);
    }
    const cells = budgets.map((b) => {
      (medians[b] ??= []).push(median(gaps[b]));
      return `${median(gaps[b]).toFixed(2)}% | ${Math.max(...gaps[b]).toFixed(2)}%`;
    });
    lines.push(`| ${name} | ${n} | ${optimum} | ${cells.join(" | ")} | ${Math.round(rate)} |`);
  }
  lines.push("");
  for (const b of budgets) {
    const target = TARGETS[b];
    const worst = Math.max(...medians[b]);
    lines.push(`- @${b}s: largest median gap ${worst.toFixed(2)}%${target !== undefined ? ` — target ≤ ${target}%: ${worst <= target ? "met" : "NOT met"}` : ""}`);
  }
  publish(option(args, "name") ?? `tsp-${algorithm}`, lines);
}
