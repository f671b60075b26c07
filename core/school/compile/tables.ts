import type { FetInput } from "../fet/types";
import type { Instance, ResourceInstance, RoomInstance, SetInstance, TallyInstance } from "../constraints/types";
import { softUnits } from "./school-problem";

/** The sizes the tables are cut to. */
export interface TableSizes {
  nAct: number;
  nSlots: number;
  nHours: number;
  nRooms: number;
  nTeachers: number;
  nSub: number;
}

/**
 * The compiled instances folded into the per-activity tables (start, room and room-slot costs,
 * blocked slots, capacities) and the CSR indexes of the resource, tally, set and real-room instances.
 */
export function instanceTables(input: FetInput, instances: Instance[], sizes: TableSizes, actDuration: Int32Array, actStudents: Int32Array, roomVirtual: Uint8Array) {
  const { nAct, nSlots, nHours, nRooms, nTeachers, nSub } = sizes;
  const fits = new Uint8Array(nAct * nSlots);
  for (let a = 0; a < nAct; a++) for (let s = 0; s < nSlots; s++) if ((s % nHours) + actDuration[a] <= nHours) fits[a * nSlots + s] = 1;
  const startHard = new Int32Array(nAct * nSlots);
  const startSoft = new Float64Array(nAct * nSlots);
  const needsRoom = new Uint8Array(nAct);
  const roomHard = new Int32Array(nAct * nRooms);
  const roomSoft = new Float64Array(nAct * nRooms);
  const roomSlotHard = new Int32Array(nRooms * nSlots);
  const roomSlotSoft = new Float64Array(nRooms * nSlots);
  const teacherBlocked = new Uint8Array(nTeachers * nSlots);
  const subgroupBlocked = new Uint8Array(nSub * nSlots);
  const resources: ResourceInstance[] = [];
  const sets: SetInstance[] = [];
  const tallies: TallyInstance[] = [];
  let compulsoryTime = false;
  let compulsorySpace = false;
  for (const inst of instances) {
    const hard = inst.weight >= 100;
    const units = softUnits(inst.weight);
    switch (inst.shape) {
      case "start":
        for (const a of inst.activities) {
          for (let s = 0; s < nSlots; s++) {
            if (!fits[a * nSlots + s]) continue;
            const v = inst.cost(a, s);
            if (v) hard ? (startHard[a * nSlots + s] += v) : (startSoft[a * nSlots + s] += v * units);
          }
        }
        if (hard && inst.blocks) {
          const { kind, resource, slots } = inst.blocks;
          for (const s of slots) {
            if (kind === "teacher") teacherBlocked[resource * nSlots + s] = 1;
            else if (kind === "subgroup") subgroupBlocked[resource * nSlots + s] = 1;
            else {
              for (let t = 0; t < nTeachers; t++) teacherBlocked[t * nSlots + s] = 1;
              for (let g = 0; g < nSub; g++) subgroupBlocked[g * nSlots + s] = 1;
            }
          }
        }
        break;
      case "room":
        for (const a of inst.activities) {
          needsRoom[a] = 1;
          for (let r = 0; r < nRooms; r++) {
            const v = inst.cost(a, r);
            if (v) hard ? (roomHard[a * nRooms + r] += v) : (roomSoft[a * nRooms + r] += v * units);
          }
        }
        break;
      case "roomSlot":
        for (let s = 0; s < nSlots; s++) {
          const v = inst.slotCost[s];
          if (v) hard ? (roomSlotHard[inst.room * nSlots + s] += v) : (roomSlotSoft[inst.room * nSlots + s] += v * units);
        }
        break;
      case "resource":
        resources.push(inst);
        break;
      case "set":
        sets.push(inst);
        break;
      case "tally":
        tallies.push(inst);
        break;
      case "compulsoryTime":
        compulsoryTime = true;
        break;
      case "compulsorySpace":
        compulsorySpace = true;
        break;
    }
  }
  const roomCapacity = Int32Array.from(input.rooms.map((r) => r.capacity));
  if (compulsorySpace) {
    for (let a = 0; a < nAct; a++) {
      if (!needsRoom[a]) continue;
      for (let r = 0; r < nRooms; r++) if (roomCapacity[r] < actStudents[a]) roomHard[a * nRooms + r] += 1;
    }
  }
  const csr = (count: number, keyOf: (i: number) => number[], n: number) => {
    const lists: number[][] = Array.from({ length: count }, () => []);
    for (let i = 0; i < n; i++) for (const k of keyOf(i)) lists[k].push(i);
    const start = new Int32Array(count + 1);
    const flat: number[] = [];
    lists.forEach((l, k) => {
      start[k] = flat.length;
      for (const x of l) flat.push(x);
    });
    start[count] = flat.length;
    return { start, list: Int32Array.from(flat) };
  };
  const tRes = csr(nTeachers, (i) => (resources[i].kind === "teacher" ? [resources[i].resource] : []), resources.length);
  const sRes = csr(nSub, (i) => (resources[i].kind === "subgroup" ? [resources[i].resource] : []), resources.length);
  const tTally = csr(nTeachers, (i) => (tallies[i].kind === "teacher" ? [tallies[i].resource] : []), tallies.length);
  const sTally = csr(nSub, (i) => (tallies[i].kind === "subgroup" ? [tallies[i].resource] : []), tallies.length);
  const aSets = csr(nAct, (i) => [...new Set(sets[i].activities)].filter((a) => a >= 0), sets.length);
  const realPref = instances.filter((i): i is RoomInstance => i.shape === "room" && i.realRooms !== undefined && i.realOf !== undefined && roomVirtual[i.realOf] === 1);
  const aReal = csr(nAct, (i) => [...realPref[i].activities], realPref.length);
  return {
    fits,
    startHard,
    startSoft,
    needsRoom,
    roomHard,
    roomSoft,
    roomSlotHard,
    roomSlotSoft,
    teacherBlocked,
    subgroupBlocked,
    resources,
    sets,
    tallies,
    compulsoryTime,
    compulsorySpace,
    roomCapacity,
    tRes,
    sRes,
    tTally,
    sTally,
    aSets,
    realPref,
    aReal,
  };
}
