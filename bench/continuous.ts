/**
 * Continuous benchmark: median best value after a fixed evaluation budget, and evaluations/s.
 *   npm run bench -- continuous [--seeds 5] [--dims 10,30] [--algorithms de,pso] [--functions rastrigin,sphere]
 * Budget: 10,000 × dimension evaluations (300,000 at 30-D), the CEC convention. Single-threaded.
 * Throughput is reported per CPU-second of this process (process.cpuUsage) because the machine is
 * shared: wall-clock rates drop with other jobs' load, CPU time does not; both are printed.
 */
import { BUILTIN_NAMES } from "../core/continuous/functions";
import { algorithmCatalogue, compileProblem, solverFor } from "../core/index";
import { listOption, machineHeader, median, option, publish } from "./report";

function fmt(v: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  return a >= 0.01 && a < 1e5 ? v.toFixed(a >= 100 ? 1 : 3) : v.toExponential(2);
}

export async function run(args: string[]): Promise<void> {
  const seeds = Number(option(args, "seeds") ?? 5);
  const dims = listOption(args, "dims", ["10", "30"]).map(Number);
  const algorithms = listOption(
    args,
    "algorithms",
    algorithmCatalogue()
      .items.filter((i) => i.kind === "continuous")
      .map((i) => i.id),
  );
  const functions = listOption(args, "functions", [...BUILTIN_NAMES]);
  const lines = [
    "# Continuous benchmark",
    "",
    ...machineHeader(`npm run bench -- continuous --seeds ${seeds} --dims ${dims.join(",")} --algorithms ${algorithms.join(",")} --functions ${functions.join(",")}`),
    "Median (over seeds 1..N) of the best value f(x) after 10,000·d evaluations, default parameters, default domains (FUNCTIONS.md); schwefel and styblinski-tang are shown as f − f*.",
    "",
  ];
  const checks: string[] = [];
  for (const d of dims) {
    const budget = 10_000 * d;
    lines.push(`## ${d}-D, ${budget.toLocaleString("en")} evaluations`, "", `| function | ${algorithms.join(" | ")} |`, `|---|${algorithms.map(() => "---|").join("")}`);
    const rates: Record<string, number[]> = {};
    const wallRates: Record<string, number[]> = {};
    const table: Record<string, Record<string, number>> = {};
    for (const fn of functions) {
      const row: string[] = [];
      for (const id of algorithms) {
        const { problem } = compileProblem({ kind: "continuous", function: fn, dimension: d });
        const { solver } = solverFor("continuous", id);
        const values: number[] = [];
        for (let seed = 1; seed <= seeds; seed++) {
          const start = performance.now();
          const cpu = process.cpuUsage();
          const state = solver.init(problem, solver.parameters({}, problem), seed, { maxEvaluations: budget });
          while (!solver.progress(state).done) solver.step(state, { evaluations: budget });
          const secs = (performance.now() - start) / 1000;
          const used = process.cpuUsage(cpu);
          const cpuSecs = (used.user + used.system) / 1e6;
          const optimum = (problem as { optimum?: number }).optimum ?? 0;
          values.push(solver.progress(state).best - optimum);
          if (fn === "rastrigin") {
            (rates[id] ??= []).push(budget / cpuSecs);
            (wallRates[id] ??= []).push(budget / secs);
          }
        }
        const m = median(values);
        (table[fn] ??= {})[id] = m;
        row.push(fmt(m));
        process.stderr.write(`${d}-D ${fn} ${id}: median ${fmt(m)}\n`);
      }
      lines.push(`| ${fn} | ${row.join(" | ")} |`);
    }
    if (rates[algorithms[0]]) {
      lines.push(`| *evaluations per CPU-second (rastrigin)* | ${algorithms.map((id) => Math.round(median(rates[id])).toLocaleString("en")).join(" | ")} |`);
      lines.push(`| *evaluations per wall-second (rastrigin)* | ${algorithms.map((id) => Math.round(median(wallRates[id])).toLocaleString("en")).join(" | ")} |`);
    }
    lines.push("");
    if (d === 30) {
      const bestOf = (fn: string) => (table[fn] ? Math.min(...Object.values(table[fn])) : NaN);
      const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
      if (table.rastrigin) checks.push(`- 30-D rastrigin, best algorithm median ${fmt(bestOf("rastrigin"))} — target < 0.45: ${verdict(bestOf("rastrigin") < 0.45)}`);
      if (table.rosenbrock) checks.push(`- 30-D rosenbrock, best algorithm median ${fmt(bestOf("rosenbrock"))} — target < 5: ${verdict(bestOf("rosenbrock") < 5)}`);
      for (const id of ["de", "pso"]) {
        if (table.sphere?.[id] !== undefined) checks.push(`- 30-D sphere, ${id} median ${fmt(table.sphere[id])} — target < 1e-10: ${verdict(table.sphere[id] < 1e-10)}`);
      }
      for (const id of algorithms) {
        if (rates[id])
          checks.push(
            `- 30-D rastrigin throughput, ${id}: ${Math.round(median(rates[id])).toLocaleString("en")} evaluations per CPU-second (wall: ${Math.round(median(wallRates[id])).toLocaleString("en")}/s) — target ≥ 300,000: ${verdict(median(rates[id]) >= 300_000)}`,
          );
      }
    }
  }
  if (checks.length) lines.push("## Targets", "", ...checks);
  publish("continuous", lines);
}
