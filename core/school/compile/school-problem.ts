/**
 * The compiled school problem's shape (what problem.ts's `compileFet` returns): FET's data as
 * indices and typed arrays, plus the constraint instances and the per-activity tables the
 * evaluator and solver read (see constraints/types.ts), and the integer soft units.
 */
import type { FetInput } from "../fet/types";
import type { Instance, ResourceInstance, RoomInstance, SetInstance, TallyInstance } from "../constraints/types";

export interface SchoolProblem {
  name: string;
  /** The `.fet` text it was compiled from (the writer adds the timetable to it). */
  text: string;
  input: FetInput;
  nDays: number;
  nHours: number;
  nSlots: number;
  days: string[];
  hours: string[];
  teachers: string[];
  subgroups: string[];
  subjects: string[];
  tags: string[];
  rooms: string[];
  buildings: string[];
  roomCapacity: Int32Array;
  roomBuilding: Int32Array;
  /**
   * FET's virtual rooms (real-rooms.ts): 1 for a virtual room. An activity in virtual room r takes
   * one real room from each of its sets, all different: sets vSetStart[r] .. vSetStart[r + 1]
   * (smallest first), set k's real rooms vReal[vRealStart[k] .. vRealStart[k + 1]). Real rooms have no sets.
   */
  roomVirtual: Uint8Array;
  vSetStart: Int32Array;
  vRealStart: Int32Array;
  vReal: Int32Array;
  /** Most sets of one virtual room (0 without virtual rooms): the real rooms kept per activity. */
  maxRealRooms: number;
  /** CSR: room instances listing the real rooms activity a must get in a virtual room (RoomInstance.realRooms). */
  actRealPrefStart: Int32Array;
  actRealPref: RoomInstance[];
  nActivities: number;
  /** FET `Id` of each (active) activity. */
  actId: Int32Array;
  actDuration: Int32Array;
  actSubject: Int32Array;
  /** FET `Activity_Group_Id` (0 = not split). */
  actGroup: Int32Array;
  actStudents: Int32Array;
  /** CSR lists: activity a's teachers are actTeachers[actTeacherStart[a] .. actTeacherStart[a+1]). */
  actTeacherStart: Int32Array;
  actTeachers: Int32Array;
  actSubgroupStart: Int32Array;
  actSubgroups: Int32Array;
  actTagStart: Int32Array;
  actTags: Int32Array;
  /** 1 where activity a may start at slot s without crossing the day's end (a * nSlots + s). */
  fits: Uint8Array;
  /** Hard violations / soft units of starting activity a at slot s (unary time constraints). */
  startHard: Int32Array;
  startSoft: Float64Array;
  /** 1 when the activity must get a room (some room constraint names it). */
  needsRoom: Uint8Array;
  /** Hard / soft units of activity a in room r (a * nRooms + r), including capacity. */
  roomHard: Int32Array;
  roomSoft: Float64Array;
  /** Hard / soft units of using room r at slot s (r * nSlots + s). */
  roomSlotHard: Int32Array;
  roomSlotSoft: Float64Array;
  /** 1 where a teacher / subgroup cannot be busy (100% break or not-available), t * nSlots + s. */
  teacherBlocked: Uint8Array;
  subgroupBlocked: Uint8Array;
  /** All compiled instances, and those of the resource and set shapes with their indexes. */
  instances: Instance[];
  resources: ResourceInstance[];
  /** CSR: resource instances of teacher t: teacherResStart[t] .. teacherResStart[t+1] into teacherRes. */
  teacherResStart: Int32Array;
  teacherRes: Int32Array;
  subgroupResStart: Int32Array;
  subgroupRes: Int32Array;
  /** Instances of the `tally` shape (constraints/types.ts), and CSR per teacher / subgroup like teacherRes. */
  tallies: TallyInstance[];
  teacherTallyStart: Int32Array;
  teacherTally: Int32Array;
  subgroupTallyStart: Int32Array;
  subgroupTally: Int32Array;
  sets: SetInstance[];
  /** CSR: set instances touching activity a. */
  actSetStart: Int32Array;
  actSets: Int32Array;
  compulsoryTime: boolean;
  compulsorySpace: boolean;
  /** Unsupported constraint types that were ignored (with ignoreUnsupported), with counts. */
  ignored: { type: string; count: number }[];
  /** Inactive constraints skipped, and constraints with weight 0 (no effect). */
  inactiveConstraints: number;
  zeroWeightConstraints: number;
  inactiveActivities: number;
}

export interface CompileOptions {
  ignoreUnsupported?: boolean;
  name?: string;
}

/** Soft units of one violation at `weight` percent. */
export const softUnits = (weight: number) => Math.round(weight * 100);
/** Soft units → the reported soft penalty (Σ violations × weight / 100). */
export const SOFT_SCALE = 10000;
