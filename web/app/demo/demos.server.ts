/**
 * Demo problems shipped with the app (copied from the public ITC-2007 and TSPLIB sets, so a clean
 * clone has them): one small instance per kind, a small fictional school written for Evolve as a
 * FET file (small-school.fet, not one of FET's examples), plus tenant-written JavaScript objectives (over a
 * point and over an ordering), offered on the empty jobs list and the new-job page.
 */
import comp01 from "./comp01.ctt?raw";
import berlin52 from "./berlin52.tsp?raw";
import rastrigin from "./rastrigin-10d.json?raw";
import springDesign from "./custom-objective.json?raw";
import weightedTardiness from "./weighted-tardiness.json?raw";
import smallSchool from "./small-school.fet?raw";

export interface DemoProblem {
  id: string;
  kind: "timetabling" | "tsp" | "continuous" | "permutation";
  title: string;
  description: string;
  fileName: string;
  /** The problem document exactly as POST /v1/jobs takes it. */
  document: Record<string, unknown>;
}

export const DEMO_PROBLEMS: DemoProblem[] = [
  {
    id: "comp01",
    kind: "timetabling",
    title: "University timetable (ITC-2007 comp01)",
    description: "30 courses, 160 lectures, 6 rooms, 14 curricula over 5 days × 6 periods.",
    fileName: "comp01.ctt",
    document: { kind: "timetabling", format: "ctt", text: comp01 },
  },
  {
    id: "small-school",
    kind: "timetabling",
    title: "School timetable (FET): Hillside Middle School",
    description:
      "A small fictional school: 5 classes, 11 teachers, 10 subjects, 85 lessons (95 hours) over 5 days × 7 hours, with a lunch break, teachers' unavailable times, home rooms, lab and gym, and two wishes that cannot both be granted.",
    fileName: "small-school.fet",
    document: { kind: "timetabling", format: "fet", name: "small-school", text: smallSchool },
  },
  {
    id: "berlin52",
    kind: "tsp",
    title: "Tour of Berlin (TSPLIB berlin52)",
    description: "52 locations in Berlin; the optimal tour is 7542, and the job stops when it finds it.",
    fileName: "berlin52.tsp",
    document: { kind: "tsp", format: "tsplib", text: berlin52, optimum: 7542 },
  },
  {
    id: "rastrigin",
    kind: "continuous",
    title: "Rastrigin function, 10 dimensions",
    description: "A classic multimodal benchmark; the optimum is 0 at the origin.",
    fileName: "rastrigin-10d.json",
    document: JSON.parse(rastrigin),
  },
  {
    id: "spring-design",
    kind: "continuous",
    title: "Your own objective: spring design (JavaScript)",
    description: "A tenant-written fitness function, run in the sandbox: minimise a spring's weight under four constraints.",
    fileName: "custom-objective.json",
    document: JSON.parse(springDesign),
  },
  {
    id: "weighted-tardiness",
    kind: "permutation",
    title: "Your own objective over an ordering: 20 jobs, weighted tardiness (JavaScript)",
    description: "A tenant-written fitness(p) over a permutation, run in the sandbox: order 20 jobs on one machine to minimise the weighted hours late.",
    fileName: "weighted-tardiness.json",
    document: JSON.parse(weightedTardiness),
  },
];

export function findDemo(id: string | null | undefined): DemoProblem | undefined {
  return DEMO_PROBLEMS.find((d) => d.id === id);
}

/** What pages may show about demos (no document bodies in the HTML). */
export function listDemoSummaries() {
  return DEMO_PROBLEMS.map(({ id, kind, title, description, fileName }) => ({ id, kind, title, description, fileName }));
}
