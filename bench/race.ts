/**
 * Race benchmark: a race of every continuous algorithm (core/engine/race.ts, run in-process by
 * core/engine/race-run.ts, the same rules the platform's islands follow) against each algorithm
 * alone at the same total evaluations.
 *   npm run bench -- race [--seeds 3] [--dims 10,30] [--functions rastrigin,sphere] [--growth 1.5] [--no-restart] [--out race]
 * Budget: 10,000 × dimension evaluations (as bench/continuous.ts). `--no-restart` races without
 * restarts (islands run on through the rungs), for comparison. Reports the median best value
 * (f − f*) over seeds, each method's rank per function (ties share the mean rank), the average
 * rank, and whether the race is in the top two on every function. `--growth 1,2,4` races once
 * per growth value (budget growth per rung). Single-threaded, in this process.
 */
import { BUILTIN_NAMES } from "../core/continuous/functions";
import { raceEntrants, runRace } from "../core/engine/race-run";
import { RACE_GROWTH } from "../core/engine/race";
import { compileProblem, continuousKind, solverFor } from "../core/index";
import { islandSeed } from "../worker/runtime/spec";
import { listOption, machineHeader, median, option, publish } from "./report";

function fmt(v: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  return a >= 0.01 && a < 1e5 ? v.toFixed(a >= 100 ? 1 : 3) : v.toExponential(2);
}

/** Ranks (1 = best) of `values`, ties sharing the mean of their positions. */
export function tiedRanks(values: number[]): number[] {
  return values.map((v) => {
    const better = values.filter((w) => w < v).length;
    const equal = values.filter((w) => w === v).length;
    return better + (equal + 1) / 2;
  });
}

export async function run(args: string[]): Promise<void> {
  const seeds = Number(option(args, "seeds") ?? 3);
  const dims = listOption(args, "dims", ["10", "30"]).map(Number);
  const functions = listOption(args, "functions", [...BUILTIN_NAMES]);
  const growths = listOption(args, "growth", [String(RACE_GROWTH)]).map(Number);
  const out = option(args, "out") ?? "race";
  const singles = Object.keys(continuousKind.algorithms);
  const races = growths.map((g) => (growths.length === 1 ? "race" : `race g=${g}`));
  const methods = [...races, ...singles];
  const mainRace = Math.max(0, growths.indexOf(RACE_GROWTH));
  const lines = [
    "# Race benchmark",
    "",
    ...machineHeader(
      `npm run bench -- race --seeds ${seeds} --dims ${dims.join(",")} --functions ${functions.join(",")} --growth ${growths.join(",")}${args.includes("--no-restart") ? " --no-restart" : ""}${out !== "race" ? ` --out ${out}` : ""}`,
    ),
    `Median (over seeds 1..${seeds}) of f − f* after 10,000·d evaluations in total. \`race\` = one island per algorithm (${singles.join(", ")}), successive halving (5 → 3 → 2 → 1 survivors), rung budgets growing ×${growths.join("/×")} per rung, ${args.includes("--no-restart") ? "islands running on through the rungs (no restarts), the best solution migrated into the survivors at each rung's end" : "each rung a fresh run of each survivor warm-started with the best solutions so far by migration"} (core/engine/race.ts). Singles: the algorithm alone with the whole budget, default parameters. Rank per function among six (that race and the five singles; the singles' ranks are with the race at the default growth ×${RACE_GROWTH}${growths.includes(RACE_GROWTH) ? "" : `, here ×${growths[0]}`}): 1 = best, ties share the mean rank.`,
    "",
  ];
  const rankSums: Record<string, number> = Object.fromEntries(methods.map((m) => [m, 0]));
  const topTwoMisses: Record<string, string[]> = Object.fromEntries(races.map((r) => [r, []]));
  const winners: Record<string, Record<string, number>> = {};
  let cases = 0;
  for (const d of dims) {
    const budget = 10_000 * d;
    lines.push(`## ${d}-D, ${budget.toLocaleString("en")} evaluations`, "", `| function | ${methods.join(" | ")} | race winner(s) |`, `|---|${methods.map(() => "---|").join("")}---|`);
    for (const fn of functions) {
      const { problem } = compileProblem({ kind: "continuous", function: fn, dimension: d });
      const optimum = (problem as { optimum?: number }).optimum ?? 0;
      const medians: number[] = [];
      const won: string[] = [];
      for (const g of growths) {
        const values: number[] = [];
        for (let seed = 1; seed <= seeds; seed++) {
          const r = runRace(
            problem,
            raceEntrants(continuousKind, problem, (i) => islandSeed(seed, i)),
            budget,
            { growth: g, ...(args.includes("--no-restart") ? { restart: false } : {}) },
          );
          values.push(r.best.value - optimum);
          const w = r.summary.winner ?? "?";
          (winners[`race g=${g}`] ??= {})[w] = (winners[`race g=${g}`][w] ?? 0) + 1;
          won.push(w);
        }
        medians.push(median(values));
      }
      for (const id of singles) {
        const { solver } = solverFor("continuous", id);
        const values: number[] = [];
        for (let seed = 1; seed <= seeds; seed++) {
          const state = solver.init(problem, solver.parameters({}, problem), seed, { maxEvaluations: budget });
          while (!solver.progress(state).done) solver.step(state, { evaluations: budget });
          values.push(solver.progress(state).best - optimum);
        }
        medians.push(median(values));
      }
      // Each race is ranked against the five singles only (not against the other race variants);
      // the singles' ranks are among themselves and the race with the default growth (or the first).
      const single = medians.slice(races.length);
      const ranks = medians.map((m, i) => (i < races.length ? tiedRanks([m, ...single])[0] : tiedRanks([medians[mainRace], ...single])[1 + i - races.length]));
      methods.forEach((m, i) => (rankSums[m] += ranks[i]));
      races.forEach((r, i) => {
        // Top two: fewer than two singles strictly better (other race variants do not count).
        const better = medians.slice(races.length).filter((v) => v < medians[i]).length;
        if (better >= 2) topTwoMisses[r].push(`${d}-D ${fn}`);
      });
      cases++;
      const counts: Record<string, number> = {};
      for (const w of won) counts[w] = (counts[w] ?? 0) + 1;
      lines.push(
        `| ${fn} | ${medians.map((m, i) => `${fmt(m)} (${ranks[i]})`).join(" | ")} | ${Object.entries(counts)
          .map(([w, c]) => `${w} ×${c}`)
          .join(", ")} |`,
      );
      process.stderr.write(`${d}-D ${fn}: ${methods.map((m, i) => `${m} ${fmt(medians[i])}`).join(", ")}\n`);
    }
    lines.push("");
  }
  lines.push("## Summary", "", `| method | average rank (of 6) over ${cases} functions |`, "|---|---|");
  for (const m of methods) lines.push(`| ${m} | ${(rankSums[m] / cases).toFixed(2)} |`);
  lines.push("");
  for (const r of races) {
    const misses = topTwoMisses[r];
    lines.push(
      `- ${r}: in the top two (at most one single algorithm strictly better) on ${cases - misses.length} of ${cases} functions${misses.length ? `; not on ${misses.join(", ")}` : " — every function"}.`,
    );
  }
  publish(out, lines);
}
