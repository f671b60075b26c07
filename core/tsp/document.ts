/**
 * The TSP problem document, shared by CLI, API and web app:
 *   {"kind":"tsp","coordinates":[[x,y],...], "distance"?: "euclidean"|"EUC_2D"|"CEIL_2D"|"ATT"|"GEO"}
 *   {"kind":"tsp","format":"tsplib","text":"NAME: ...\nNODE_COORD_SECTION\n..."}
 * JSON coordinates use the plain (unrounded) Euclidean distance unless `distance` names a TSPLIB metric.
 */
import { checkLimit, ProblemError, type InputIssue } from "../engine/errors";
import type { Metric } from "./distance";
import { tspFromCoordinates, tspFromTsplib, type TspProblem } from "./problem";
import { COORD_TYPES, MAX_CITIES, measureTsplib, parseTsplib } from "./tsplib";

export type TspDocument =
  | { kind: "tsp"; name?: string; optimum?: number; coordinates: [number, number][]; distance?: string }
  | { kind: "tsp"; name?: string; optimum?: number; format: "tsplib"; text: string };

/** The optional known optimal tour length: a job stops when it reaches it (worker/runtime/stop-rules.ts). */
const OPTIMUM = { type: "number", minimum: 0, description: "Known optimal tour length, if any: the job stops as soon as it finds a tour this short." } as const;

const DISTANCES = ["euclidean", ...COORD_TYPES] as const;

export const tspSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://evolve.dev/schemas/problem/tsp.json",
  title: "Travelling salesman problem",
  oneOf: [
    {
      type: "object",
      required: ["kind", "coordinates"],
      additionalProperties: false,
      properties: {
        kind: { const: "tsp" },
        name: { type: "string", maxLength: 200 },
        optimum: OPTIMUM,
        coordinates: {
          type: "array",
          minItems: 3,
          maxItems: MAX_CITIES,
          items: { type: "array", items: { type: "number" }, minItems: 2, maxItems: 2 },
          description: "City positions [x, y]; the tour visits each once.",
        },
        distance: { enum: [...DISTANCES], default: "euclidean", description: "euclidean (unrounded) or a TSPLIB metric (integer distances)." },
      },
    },
    {
      type: "object",
      required: ["kind", "format", "text"],
      additionalProperties: false,
      properties: {
        kind: { const: "tsp" },
        name: { type: "string", maxLength: 200 },
        optimum: OPTIMUM,
        format: { const: "tsplib" },
        text: { type: "string", description: "Contents of a TSPLIB .tsp file (EUC_2D, CEIL_2D, ATT, GEO or EXPLICIT)." },
      },
    },
  ],
} as const;

/**
 * The kind's size figures ({ cities }) without compiling: the length of `coordinates`, or the
 * DIMENSION header of a TSPLIB text. Refuses beyond MAX_CITIES (422) / MAX_TSPLIB_BYTES (413).
 */
export function measureTsp(doc: unknown): { cities: number } {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw new ProblemError({ path: [], message: "problem must be a JSON object" });
  }
  const o = doc as Record<string, unknown>;
  if (o.format !== undefined) {
    if (typeof o.text !== "string") throw new ProblemError({ path: ["text"], message: "must be the text of a .tsp file" });
    return measureTsplib(o.text);
  }
  if (!Array.isArray(o.coordinates)) throw new ProblemError({ path: ["coordinates"], message: 'must be a list of [x, y] (or give "format":"tsplib" with "text")' });
  return { cities: checkLimit("MAX_CITIES", MAX_CITIES, o.coordinates.length, "cities", { path: ["coordinates"] }) };
}

export function compileTsp(doc: unknown): TspProblem {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    throw new ProblemError({ path: [], message: "problem must be a JSON object" });
  }
  const o = doc as Record<string, unknown>;
  const issues: InputIssue[] = [];
  if (o.kind !== "tsp") issues.push({ path: ["kind"], message: 'must be "tsp"' });
  if (o.name !== undefined && typeof o.name !== "string") issues.push({ path: ["name"], message: "must be a string" });
  if (o.optimum !== undefined && !(typeof o.optimum === "number" && Number.isFinite(o.optimum) && o.optimum >= 0)) {
    issues.push({ path: ["optimum"], message: "must be a tour length, a finite number ≥ 0" });
  }
  const allowed = o.format !== undefined ? ["kind", "name", "optimum", "format", "text"] : ["kind", "name", "optimum", "coordinates", "distance"];
  for (const key of Object.keys(o)) if (!allowed.includes(key)) issues.push({ path: [key], message: "unknown field" });
  const name = typeof o.name === "string" ? o.name : undefined;
  if (o.format !== undefined) {
    if (o.format !== "tsplib") issues.push({ path: ["format"], message: 'must be "tsplib"' });
    if (typeof o.text !== "string") issues.push({ path: ["text"], message: "must be the text of a .tsp file" });
    if (issues.length) throw new ProblemError(issues);
    return tspFromTsplib(parseTsplib(o.text as string), name);
  }
  let metric: Metric = "EUCLIDEAN";
  if (o.distance !== undefined) {
    if (typeof o.distance === "string" && (DISTANCES as readonly string[]).includes(o.distance)) {
      metric = o.distance === "euclidean" ? "EUCLIDEAN" : (o.distance as Metric);
    } else issues.push({ path: ["distance"], message: `must be one of: ${DISTANCES.join(", ")}` });
  }
  const coords = readCoordinates(o.coordinates, issues);
  if (issues.length || !coords) throw new ProblemError(issues);
  return tspFromCoordinates(name ?? "", coords, metric);
}

function readCoordinates(raw: unknown, issues: InputIssue[]): Float64Array | undefined {
  if (!Array.isArray(raw)) {
    issues.push({ path: ["coordinates"], message: 'must be a list of [x, y] (or give "format":"tsplib" with "text")' });
    return undefined;
  }
  checkLimit("MAX_CITIES", MAX_CITIES, raw.length, "cities", { path: ["coordinates"] });
  if (raw.length < 3) {
    issues.push({ path: ["coordinates"], message: `must list 3 to ${MAX_CITIES} cities, got ${raw.length}` });
    return undefined;
  }
  const coords = new Float64Array(2 * raw.length);
  for (let i = 0; i < raw.length && issues.length < 20; i++) {
    const p = raw[i];
    if (!Array.isArray(p) || p.length !== 2) {
      issues.push({ path: ["coordinates", i], message: "must be a pair [x, y]" });
      continue;
    }
    for (const c of [0, 1]) {
      if (typeof p[c] !== "number" || !Number.isFinite(p[c])) issues.push({ path: ["coordinates", i, c], message: "must be a finite number" });
      else coords[2 * i + c] = p[c];
    }
  }
  return coords;
}
