/**
 * Eight standard continuous benchmark functions (sphere, rastrigin, rosenbrock, …), minimisation form.
 *
 * Each function reads one point stored at `x[off .. off+d)` of a row-major population matrix, so
 * algorithms evaluate rows in place without allocating views (the hot loop allocates nothing).
 */

/** f(x) for the point at x[off..off+d). */
export type RowFunction = (x: Float64Array, off: number, d: number) => number;

export interface BenchmarkFunction {
  name: BuiltinName;
  title: string;
  /** Conventional search box per coordinate. */
  domain: readonly [number, number];
  /** Known global minimum f*(d). */
  optimum(d: number): number;
  /** One global minimiser coordinate (the same in every dimension). */
  argmin: number;
  f: RowFunction;
}

export const BUILTIN_NAMES = ["sphere", "rastrigin", "rosenbrock", "ackley", "griewank", "schwefel", "levy", "styblinski-tang"] as const;
export type BuiltinName = (typeof BUILTIN_NAMES)[number];

const TWO_PI = 2 * Math.PI;
/** Schwefel 2.26 depth per dimension, x*·sin(√x*) (FUNCTIONS.md). */
export const SCHWEFEL_DEPTH = 418.9828872724338;
/** Styblinski–Tang minimum per dimension. */
export const STYBLINSKI_DEPTH = -39.16616570377142;

function sphere(x: Float64Array, off: number, d: number): number {
  let s = 0;
  for (let i = off, end = off + d; i < end; i++) s += x[i] * x[i];
  return s;
}

function rastrigin(x: Float64Array, off: number, d: number): number {
  let s = 10 * d;
  for (let i = off, end = off + d; i < end; i++) {
    const v = x[i];
    s += v * v - 10 * Math.cos(TWO_PI * v);
  }
  return s;
}

function rosenbrock(x: Float64Array, off: number, d: number): number {
  let s = 0;
  for (let i = off, end = off + d - 1; i < end; i++) {
    const a = x[i];
    const b = x[i + 1] - a * a;
    const c = 1 - a;
    s += 100 * b * b + c * c;
  }
  return s;
}

function ackley(x: Float64Array, off: number, d: number): number {
  let sq = 0;
  let cs = 0;
  for (let i = off, end = off + d; i < end; i++) {
    const v = x[i];
    sq += v * v;
    cs += Math.cos(TWO_PI * v);
  }
  return -20 * Math.exp(-0.2 * Math.sqrt(sq / d)) - Math.exp(cs / d) + 20 + Math.E;
}

function griewank(x: Float64Array, off: number, d: number): number {
  let s = 0;
  let p = 1;
  for (let i = 0; i < d; i++) {
    const v = x[off + i];
    s += v * v;
    p *= Math.cos(v / Math.sqrt(i + 1)); // 1-based index inside sqrt, as the definition says
  }
  return 1 + s / 4000 - p;
}

function schwefel(x: Float64Array, off: number, d: number): number {
  let s = 0;
  for (let i = off, end = off + d; i < end; i++) {
    const v = x[i];
    s -= v * Math.sin(Math.sqrt(Math.abs(v)));
  }
  return s;
}

function levy(x: Float64Array, off: number, d: number): number {
  const w1 = 1 + (x[off] - 1) / 4;
  const first = Math.sin(Math.PI * w1);
  let s = first * first;
  for (let i = 0; i < d - 1; i++) {
    const w = 1 + (x[off + i] - 1) / 4;
    const t = Math.sin(Math.PI * w + 1);
    s += (w - 1) * (w - 1) * (1 + 10 * t * t);
  }
  const wd = 1 + (x[off + d - 1] - 1) / 4;
  const last = Math.sin(TWO_PI * wd);
  return s + (wd - 1) * (wd - 1) * (1 + last * last);
}

function styblinskiTang(x: Float64Array, off: number, d: number): number {
  let s = 0;
  for (let i = off, end = off + d; i < end; i++) {
    const v = x[i];
    const v2 = v * v;
    s += v2 * v2 - 16 * v2 + 5 * v;
  }
  return s / 2;
}

export const FUNCTIONS: Record<BuiltinName, BenchmarkFunction> = {
  sphere: { name: "sphere", title: "Sphere", domain: [-5.12, 5.12], optimum: () => 0, argmin: 0, f: sphere },
  rastrigin: { name: "rastrigin", title: "Rastrigin", domain: [-5.12, 5.12], optimum: () => 0, argmin: 0, f: rastrigin },
  rosenbrock: { name: "rosenbrock", title: "Rosenbrock", domain: [-5, 10], optimum: () => 0, argmin: 1, f: rosenbrock },
  ackley: { name: "ackley", title: "Ackley", domain: [-32.768, 32.768], optimum: () => 0, argmin: 0, f: ackley },
  griewank: { name: "griewank", title: "Griewank", domain: [-600, 600], optimum: () => 0, argmin: 0, f: griewank },
  schwefel: {
    name: "schwefel",
    title: "Schwefel 2.26",
    domain: [-500, 500],
    optimum: (d) => -SCHWEFEL_DEPTH * d,
    argmin: 420.968746359982,
    f: schwefel,
  },
  levy: { name: "levy", title: "Levy", domain: [-10, 10], optimum: () => 0, argmin: 1, f: levy },
  "styblinski-tang": {
    name: "styblinski-tang",
    title: "Styblinski–Tang",
    domain: [-5, 5],
    optimum: (d) => STYBLINSKI_DEPTH * d,
    argmin: -2.903534027771178,
    f: styblinskiTang,
  },
};

export function isBuiltinName(name: unknown): name is BuiltinName {
  return typeof name === "string" && (BUILTIN_NAMES as readonly string[]).includes(name);
}
