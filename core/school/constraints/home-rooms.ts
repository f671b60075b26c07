/**
 * FET's home rooms yield to the activity's other room constraints. In FET the generator takes an
 * activity's room from its preferred-room constraints (activity / subject / activity tag preferred
 * room(s)) when it has any, and from its home room(s) only otherwise; the home-room fitness then
 * counts a violation only for a room outside the home room(s) that no preferred-room constraint of
 * that activity allows (ConstraintStudentsSetHomeRoom::fitness and ConstraintTeacherHomeRoom::fitness
 * in FET's src/engine/spaceconstraint.cpp). Checked with fet-cl in students-set-home-room.test.ts.
 *
 * `relaxHomeRooms` applies that to the compiled instances: the cost of every `home` room instance
 * becomes 0 for the rooms a non-home room instance of the same activity accepts (cost 0).
 * The instance's own `cost` is replaced, so the Board and the from-scratch evaluation agree.
 */
import type { Instance, RoomInstance } from "./types";

export function relaxHomeRooms(instances: Instance[], nActivities: number, nRooms: number): void {
  const homes = instances.filter((i): i is RoomInstance => i.shape === "room" && i.home === true);
  if (!homes.length) return;
  const inHome = new Uint8Array(nActivities);
  for (const h of homes) for (const a of h.activities) inHome[a] = 1;
  // rooms accepted by the other (non-home) room instances, per activity that has a home room
  const accepted = new Map<number, Uint8Array>();
  for (const inst of instances) {
    if (inst.shape !== "room" || inst.home) continue;
    for (const a of inst.activities) {
      if (!inHome[a]) continue;
      let ok = accepted.get(a);
      if (!ok) accepted.set(a, (ok = new Uint8Array(nRooms)));
      for (let r = 0; r < nRooms; r++) if (inst.cost(a, r) === 0) ok[r] = 1;
    }
  }
  if (!accepted.size) return;
  for (const h of homes) {
    const own = h.cost;
    h.cost = (a, r) => (r >= 0 && accepted.get(a)?.[r] ? 0 : own(a, r));
  }
}
