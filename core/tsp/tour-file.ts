/** TSPLIB .tour files: write a tour, and read one back (e.g. the published optimal tours). */
import { ProblemError } from "../engine/errors";
import { parseNumber } from "./tsplib";

/** TSPLIB .tour text for a 0-based tour (written 1-based, terminated by -1 and EOF). */
export function writeTour(name: string, tour: ArrayLike<number>, length?: number): string {
  const lines = [`NAME : ${name}.tour`];
  if (length !== undefined) lines.push(`COMMENT : Length ${length}`);
  lines.push("TYPE : TOUR", `DIMENSION : ${tour.length}`, "TOUR_SECTION");
  for (let i = 0; i < tour.length; i++) lines.push(String(tour[i] + 1));
  lines.push("-1", "EOF", "");
  return lines.join("\n");
}

/** Read a .tour file into a 0-based tour; checks it is a permutation of DIMENSION cities. */
export function readTour(text: string, expectedCities?: number): Int32Array {
  const lines = text.split(/\r\n|\r|\n/);
  let dimension: number | undefined;
  let i = 0;
  const ids: number[] = [];
  const idLines: number[] = [];
  for (; i < lines.length; i++) {
    const s = lines[i].trim();
    if (s.toUpperCase().startsWith("DIMENSION")) {
      const v = parseNumber(s.slice(s.indexOf(":") + 1).trim());
      if (!Number.isInteger(v) || v < 1) throw new ProblemError({ path: ["tour"], line: i + 1, message: "DIMENSION must be a positive integer" });
      dimension = v;
    }
    if (s.toUpperCase() === "TOUR_SECTION") break;
  }
  if (i >= lines.length) throw new ProblemError({ path: ["tour"], line: lines.length, message: "TOUR_SECTION is missing" });
  for (i++; i < lines.length; i++) {
    const s = lines[i].trim();
    if (s === "") continue;
    if (s === "-1" || s === "EOF") break;
    for (const tok of s.split(/\s+/)) {
      if (tok === "-1") break;
      const v = parseNumber(tok);
      if (!Number.isInteger(v)) throw new ProblemError({ path: ["tour"], line: i + 1, message: `"${tok.slice(0, 20)}" is not a node id` });
      ids.push(v);
      idLines.push(i + 1);
    }
    if (s.split(/\s+/).includes("-1")) break;
  }
  const n = expectedCities ?? dimension ?? ids.length;
  if (ids.length !== n) throw new ProblemError({ path: ["tour"], line: i + 1, message: `tour lists ${ids.length} nodes, expected ${n}` });
  const seen = new Uint8Array(n);
  const tour = new Int32Array(n);
  ids.forEach((id, k) => {
    if (id < 1 || id > n) throw new ProblemError({ path: ["tour"], line: idLines[k], message: `node id ${id} out of range 1..${n}` });
    if (seen[id - 1]) throw new ProblemError({ path: ["tour"], line: idLines[k], message: `node ${id} appears twice` });
    seen[id - 1] = 1;
    tour[k] = id - 1;
  });
  return tour;
}
