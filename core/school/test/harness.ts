/** Test helpers: compile a tiny school, put activities at given slots, read verdicts; compare with fet-cl. */
import { evaluateSchool, type SchoolEvaluation } from "../evaluate";
import { writeFet } from "../fet/write";
import { compileFet, type SchoolProblem } from "../problem";
import { fetClAvailable, runFetCl } from "../cli/fetcl";
import { fetText, type TinySchool } from "./fet";
import { LOCKED_CPU_SECONDS } from "./locked";

export function compileTiny(s: TinySchool, ignoreUnsupported = false): SchoolProblem {
  return compileFet(fetText(s), { ignoreUnsupported });
}

/** Placement by FET activity Id: [day index, hour index, room name?]. */
export type Placement = Record<number, [number, number, string?]>;

export function timetableOf(p: SchoolProblem, placement: Placement): { start: Int32Array; room: Int32Array } {
  const start = new Int32Array(p.nActivities).fill(-1);
  const room = new Int32Array(p.nActivities).fill(-1);
  for (let a = 0; a < p.nActivities; a++) {
    const at = placement[p.actId[a]];
    if (!at) continue;
    start[a] = at[0] * p.nHours + at[1];
    if (at[2] !== undefined) room[a] = p.rooms.indexOf(at[2]);
  }
  return { start, room };
}

export function verdict(s: TinySchool, placement: Placement): SchoolEvaluation & { of(type: string): number } {
  const p = compileTiny(s);
  const e = evaluateSchool(p, timetableOf(p, placement));
  return { ...e, of: (type: string) => e.constraints.filter((c) => c.type === type).reduce((n, c) => n + c.violations, 0) };
}

/**
 * Does FET accept this placement? The placement is locked into the file (as our writer does) and
 * fet-cl must generate at once. Returns undefined (and says why) when fet-cl is not installed.
 */
export function fetAccepts(s: TinySchool, placement: Placement, seconds = 3): boolean | undefined {
  if (!fetClAvailable()) {
    console.warn("fet-cl not installed (/usr/bin/fet-cl): skipping the comparison with FET");
    return undefined;
  }
  const p = compileTiny(s);
  return runFetCl(writeFet(p, timetableOf(p, placement)), seconds, { cpuSeconds: LOCKED_CPU_SECONDS }).success;
}

export const FETCL = fetClAvailable();
