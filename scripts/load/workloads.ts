/**
 * Small job documents of every kind for the load and fault tests, sized so a job finishes in
 * seconds on a laptop while still running several chunks (so restarts and pushes are exercised).
 */

function randomCities(n: number, seed: number): [number, number][] {
  let s = seed >>> 0 || 1;
  const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296) * 1000;
  return Array.from({ length: n }, () => [Math.round(next()), Math.round(next())] as [number, number]);
}

/** A tiny curriculum-based timetabling instance in ITC-2007 .ctt format. */
export const TINY_CTT = `Name: Tiny
Courses: 4
Rooms: 2
Days: 3
Periods_per_day: 3
Curricula: 2
Constraints: 2

COURSES:
c1 t1 3 2 30
c2 t2 2 2 25
c3 t1 2 1 40
c4 t3 3 2 20

ROOMS:
rA 35
rB 45

CURRICULA:
q1 2 c1 c2
q2 2 c3 c4

UNAVAILABILITY_CONSTRAINTS:
c1 0 0
c3 2 2

END.
`;

export type JobKind = "continuous" | "tsp" | "timetabling";

export function jobBody(kind: JobKind, seed: number, evaluations: number) {
  switch (kind) {
    case "continuous":
      return { problem: { kind, function: "rastrigin", dimension: 10 }, algorithm: "de", seed, budget: { evaluations } };
    case "tsp":
      return { problem: { kind, coordinates: randomCities(40, seed) }, algorithm: "memetic", seed, budget: { evaluations } };
    case "timetabling":
      return { problem: { kind, format: "ctt", text: TINY_CTT }, seed, budget: { evaluations } };
  }
}
