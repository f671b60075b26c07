/**
 * Child process of allocation.test.ts: measures the heap growth per evaluation of one algorithm
 * on one problem and prints it as JSON. It runs under `node --predictable` (no concurrent
 * compiler or GC threads), so optimised code is installed during the warm-up, not inside a
 * measured window — in the test runner's own process, on a loaded machine, late optimisation
 * made the same measurement swing from 0.2 to 30 bytes per evaluation.
 *
 *   node --predictable --import tsx core/continuous/allocation-probe.ts <algorithm> <problem> '<params json>' [warm-up evaluations]
 *
 * <problem> is `rastrigin` or `sphere` (the probe's own closures, so only the algorithm is
 * measured) or `builtin:<name>`: the built-in function compiled from a continuous document,
 * after other built-ins have been evaluated in the same process (the shared row objective's call
 * site is then polymorphic, as in a worker that has run several problems).
 */
import { compileContinuous } from "./document";
import { continuousKind } from "./index";
import { defineContinuousProblem, evaluateCosts, type ContinuousProblem } from "./problem";

const dim = 30;
const box = { lower: new Array(dim).fill(-5.12), upper: new Array(dim).fill(5.12) };
const rastrigin = defineContinuousProblem({
  name: "rastrigin",
  ...box,
  objective: {
    evaluateBatch(xs, count, d, out) {
      for (let i = 0; i < count; i++) {
        let s = 10 * d;
        for (let j = i * d; j < (i + 1) * d; j++) s += xs[j] * xs[j] - 10 * Math.cos(2 * Math.PI * xs[j]);
        out[i] = s;
      }
    },
  },
});
// Sphere keeps improving, so ACO-R's archive changes often (widths recomputed, rows shifted).
const sphere = defineContinuousProblem({
  name: "sphere",
  ...box,
  objective: {
    evaluateBatch(xs, count, d, out) {
      for (let i = 0; i < count; i++) {
        let s = 0;
        for (let j = i * d; j < (i + 1) * d; j++) s += xs[j] * xs[j];
        out[i] = s;
      }
    },
  },
});

/** Compile `name` from a document, after evaluating three other built-ins many times. */
function builtinAfterOthers(name: string): ContinuousProblem {
  for (const other of ["sphere", "ackley", "rosenbrock", "griewank"].filter((f) => f !== name).slice(0, 3)) {
    const p = compileContinuous({ kind: "continuous", function: other, dimension: dim });
    const xs = new Float64Array(100 * dim).fill(0.5);
    const out = new Float64Array(100);
    for (let k = 0; k < 200; k++) evaluateCosts(p, xs, 100, out);
  }
  return compileContinuous({ kind: "continuous", function: name, dimension: dim });
}

function bytesPerEvaluation(problem: ContinuousProblem, id: string, params: Record<string, unknown>, warmUp: number): number {
  const solver = continuousKind.algorithms[id].solver;
  const run = solver.init(problem, solver.parameters(params, problem), 1, { maxEvaluations: Number.POSITIVE_INFINITY });
  solver.step(run, { evaluations: warmUp }); // warm-up: optimised code, steady state
  const window = 10_000;
  const growth: number[] = [];
  for (let w = 0; w < 9; w++) {
    const before = process.memoryUsage().heapUsed;
    solver.step(run, { evaluations: window });
    growth.push(process.memoryUsage().heapUsed - before);
  }
  growth.sort((a, b) => a - b);
  return growth[4] / window;
}

const [id, problemName, params, warmUp] = process.argv.slice(2);
const problem = problemName.startsWith("builtin:") ? builtinAfterOthers(problemName.slice(8)) : problemName === "sphere" ? sphere : rastrigin;
console.log(JSON.stringify({ bytesPerEvaluation: bytesPerEvaluation(problem, id, JSON.parse(params ?? "{}"), Number(warmUp ?? 120_000)) }));
