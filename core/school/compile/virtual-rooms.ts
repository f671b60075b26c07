import { ProblemError } from "../../engine/errors";
import type { FetInput } from "../fet/types";

/** The CSR tables of the virtual rooms (SchoolProblem.roomVirtual …); a real room name that is unknown or virtual is a ProblemError at its line. */
export function virtualRoomTables(input: FetInput, roomIx: Map<string, number>) {
  const nRooms = input.rooms.length;
  const roomVirtual = new Uint8Array(nRooms);
  const vSetStart = new Int32Array(nRooms + 1);
  const realStart: number[] = [0];
  const real: number[] = [];
  let maxRealRooms = 0;
  input.rooms.forEach((room, r) => {
    vSetStart[r] = realStart.length - 1;
    if (!room.virtual) return;
    roomVirtual[r] = 1;
    const sets = (room.sets ?? []).map((set, k) =>
      set.map((name) => {
        const i = roomIx.get(name);
        const where = { path: [`Rooms_List/Room[${r + 1}]/Set_of_Real_Rooms[${k + 1}]/Real_Room`], line: room.line, column: room.column };
        if (i === undefined) throw new ProblemError({ ...where, message: `virtual room "${room.name}": unknown real room "${name}"` });
        if (input.rooms[i].virtual) throw new ProblemError({ ...where, message: `virtual room "${room.name}": "${name}" is itself a virtual room (sets hold real rooms)` });
        return i;
      }),
    );
    if (sets.length === 0) throw new ProblemError({ path: [`Rooms_List/Room[${r + 1}]`], message: `virtual room "${room.name}" has no set of real rooms`, line: room.line, column: room.column });
    // smallest sets first: the greedy choice (real-rooms.ts) then rarely takes a room a later set needs
    sets.sort((a, b) => a.length - b.length);
    for (const set of sets) {
      for (const i of set) real.push(i);
      realStart.push(real.length);
    }
    maxRealRooms = Math.max(maxRealRooms, sets.length);
  });
  vSetStart[nRooms] = realStart.length - 1;
  return { roomVirtual, vSetStart, vRealStart: Int32Array.from(realStart), vReal: Int32Array.from(real), maxRealRooms };
}
