/** Small hand-built instances shared by the timetabling tests. */
import { readFileSync } from "node:fs";
import { readCtt } from "../itc/ctt";

/**
 * 2 days × 3 periods. A and C share instructor t1; A and B share curriculum q1; C is unavailable
 * on day 1, period 2. Rooms: r1 seats 40, r2 seats 20.
 */
export const TINY = `Name: Tiny
Courses: 3
Rooms: 2
Days: 2
Periods_per_day: 3
Curricula: 1
Constraints: 1

COURSES:
A t1 2 2 30
B t2 2 1 10
C t1 1 1 50

ROOMS:
r1 40
r2 20

CURRICULA:
q1 2 A B

UNAVAILABILITY_CONSTRAINTS:
C 1 2

END.
`;

export const tiny = () => readCtt(TINY);

/** An ITC-2007 instance from the repository's fixtures (fixtures/itc2007: comp01 and comp10). */
export function comp(name: string): string {
  return readFileSync(new URL(`../../../fixtures/itc2007/${name}.ctt`, import.meta.url), "utf8");
}
