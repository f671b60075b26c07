/**
 * The compiled timetabling problem: the one internal representation both input formats (ITC-2007
 * `.ctt` and the rich JSON/CSV/XLSX model) compile to, and the only thing the evaluator, the
 * explanation and the solvers read. Fixed inputs only (rooms, periods, people, courses); what the
 * solver assigns lives in a Timetable (`solution.ts`).
 *
 * Everything is indexed by small integers and stored in flat typed arrays so the local search
 * reads it without hashing: course c, room r, period p = day * slotsPerDay + slot, lecture l.
 */

/** Weights of the soft constraints (cost per unit of violation). ITC-2007 uses the defaults. */
export interface Weights {
  /** Per student above a room's capacity, per lecture. */
  roomCapacity: number;
  /** Per missing working day of a course. */
  minWorkingDays: number;
  /** Per isolated lecture of a curriculum (no curriculum lecture next to it that day). */
  curriculumCompactness: number;
  /** Per room used by a course beyond the first. */
  roomStability: number;
  /** Per unit of period penalty (instructor's unwanted / not-preferred periods). */
  periodPreference: number;
  /** Per lecture an instructor teaches above their daily maximum. */
  instructorDailyLimit: number;
  /** Per lecture of a double-lecture course with no same-course lecture adjacent that day. */
  doubleLectures: number;
}

export const ITC_WEIGHTS: Weights = {
  roomCapacity: 1,
  minWorkingDays: 5,
  curriculumCompactness: 2,
  roomStability: 1,
  periodPreference: 1,
  instructorDailyLimit: 1,
  doubleLectures: 1,
};

export interface TimetablingProblem {
  /** Which document it came from: decides the solution writer (competition text or JSON). */
  format: "ctt" | "model";
  name: string;
  days: number;
  slotsPerDay: number;
  periods: number;
  dayNames: string[];
  /** Slot labels, e.g. "08:30–09:30"; ITC uses "0", "1", … */
  slotNames: string[];
  /** Ids of days and slots as the input names them (rich model); equal to the names for ITC. */
  dayIds: string[];
  slotIds: string[];
  /** Clock times of each slot when the model gives them (calendar exports); absent for ITC. */
  slotTimes?: ({ start: string; end: string } | null)[];

  roomIds: string[];
  roomCapacity: Int32Array;
  /** roomUnavailable[r * periods + p] = 1 when room r cannot be used in period p (hard). */
  roomUnavailable: Uint8Array;

  instructorIds: string[];
  /** Max lectures per day per instructor (soft); 0 = no limit. */
  instructorMaxPerDay: Int32Array;

  curriculumIds: string[];
  curriculumCourses: Int32Array[];

  courseIds: string[];
  /** Instructor index of each course, -1 when none. */
  courseInstructor: Int32Array;
  courseLectures: Int32Array;
  courseMinDays: Int32Array;
  courseStudents: Int32Array;
  /** 1 when the course wants its lectures in back-to-back pairs (soft). */
  courseDouble: Uint8Array;
  courseCurricula: Int32Array[];
  /** Other courses that may not share a period with it (shared curriculum or instructor). */
  courseConflicts: Int32Array[];
  /** courseUnavailable[c * periods + p] = 1 forbids course c in period p (hard). */
  courseUnavailable: Uint8Array;
  /** courseRoomAllowed[c * rooms + r] = 1 when room r suits course c (features; hard). */
  courseRoomAllowed: Uint8Array;
  /** periodPenalty[c * periods + p]: soft penalty units for a lecture of c in p; null when none. */
  periodPenalty: Int32Array | null;

  /** Lecture l belongs to course lectureCourse[l]; course c owns lectures first[c] … first[c+1]-1. */
  lectureCourse: Int32Array;
  courseFirstLecture: Int32Array;

  weights: Weights;
  /** Pinned lectures: pinPeriod[l] >= 0 fixes lecture l at (pinPeriod[l], pinRoom[l]). */
  pinPeriod: Int16Array;
  pinRoom: Int16Array;
  /** Optional warm start: a previous timetable (lecture → period, room), -1 when unassigned. */
  initial: { period: Int16Array; room: Int16Array } | null;
}

/** A course as the builders describe it, before indexing. */
export interface CourseInput {
  id: string;
  instructor: number;
  lectures: number;
  minDays: number;
  students: number;
  double?: boolean;
}

/** Everything a builder supplies; `buildProblem` derives the lookup tables. */
export interface ProblemInput {
  format: "ctt" | "model";
  name: string;
  dayNames: string[];
  slotNames: string[];
  /** Defaults to the names. */
  dayIds?: string[];
  slotIds?: string[];
  rooms: { id: string; capacity: number }[];
  instructors: { id: string; maxPerDay?: number }[];
  curricula: { id: string; courses: number[] }[];
  courses: CourseInput[];
  /** [course, period] pairs the course may not use. */
  courseUnavailable: [number, number][];
  /** [room, period] pairs the room cannot be used in. */
  roomUnavailable?: [number, number][];
  /** Allowed rooms per course; undefined = all rooms. */
  courseRooms?: (number[] | undefined)[];
  /** [course, period, penalty] triples. */
  periodPenalties?: [number, number, number][];
  weights?: Partial<Weights>;
}

/** Derive the compiled problem from a builder's description (no validation: builders validate). */
export function buildProblem(input: ProblemInput): TimetablingProblem {
  const days = input.dayNames.length;
  const slotsPerDay = input.slotNames.length;
  const periods = days * slotsPerDay;
  const C = input.courses.length;
  const R = input.rooms.length;
  const T = input.instructors.length;

  const courseCurriculaLists: number[][] = Array.from({ length: C }, () => []);
  const curriculumCourses = input.curricula.map((q, qi) => {
    const members = [...new Set(q.courses)];
    for (const c of members) courseCurriculaLists[c].push(qi);
    return Int32Array.from(members);
  });

  // Conflicts: same curriculum or same instructor; a set per course, so a pair counts once.
  const conflictSets: Set<number>[] = Array.from({ length: C }, () => new Set());
  for (const members of curriculumCourses) for (const a of members) for (const b of members) if (a !== b) conflictSets[a].add(b);
  const byInstructor: number[][] = Array.from({ length: T }, () => []);
  input.courses.forEach((c, ci) => c.instructor >= 0 && byInstructor[c.instructor].push(ci));
  for (const list of byInstructor) for (const a of list) for (const b of list) if (a !== b) conflictSets[a].add(b);

  const courseUnavailable = new Uint8Array(C * periods);
  for (const [c, p] of input.courseUnavailable) courseUnavailable[c * periods + p] = 1;
  const roomUnavailable = new Uint8Array(R * periods);
  for (const [r, p] of input.roomUnavailable ?? []) roomUnavailable[r * periods + p] = 1;
  const courseRoomAllowed = new Uint8Array(C * R).fill(1);
  input.courseRooms?.forEach((list, c) => {
    if (!list) return;
    courseRoomAllowed.fill(0, c * R, (c + 1) * R);
    for (const r of list) courseRoomAllowed[c * R + r] = 1;
  });
  let periodPenalty: Int32Array | null = null;
  if (input.periodPenalties?.length) {
    periodPenalty = new Int32Array(C * periods);
    for (const [c, p, v] of input.periodPenalties) periodPenalty[c * periods + p] += v;
  }

  const courseFirstLecture = new Int32Array(C + 1);
  for (let c = 0; c < C; c++) courseFirstLecture[c + 1] = courseFirstLecture[c] + input.courses[c].lectures;
  const L = courseFirstLecture[C];
  const lectureCourse = new Int32Array(L);
  for (let c = 0; c < C; c++) lectureCourse.fill(c, courseFirstLecture[c], courseFirstLecture[c + 1]);

  return {
    format: input.format,
    name: input.name,
    days,
    slotsPerDay,
    periods,
    dayNames: input.dayNames,
    slotNames: input.slotNames,
    dayIds: input.dayIds ?? input.dayNames,
    slotIds: input.slotIds ?? input.slotNames,
    roomIds: input.rooms.map((r) => r.id),
    roomCapacity: Int32Array.from(input.rooms.map((r) => r.capacity)),
    roomUnavailable,
    instructorIds: input.instructors.map((t) => t.id),
    instructorMaxPerDay: Int32Array.from(input.instructors.map((t) => t.maxPerDay ?? 0)),
    curriculumIds: input.curricula.map((q) => q.id),
    curriculumCourses,
    courseIds: input.courses.map((c) => c.id),
    courseInstructor: Int32Array.from(input.courses.map((c) => c.instructor)),
    courseLectures: Int32Array.from(input.courses.map((c) => c.lectures)),
    courseMinDays: Int32Array.from(input.courses.map((c) => c.minDays)),
    courseStudents: Int32Array.from(input.courses.map((c) => c.students)),
    courseDouble: Uint8Array.from(input.courses.map((c) => (c.double ? 1 : 0))),
    courseCurricula: courseCurriculaLists.map((l) => Int32Array.from(l)),
    courseConflicts: conflictSets.map((s) => Int32Array.from([...s].sort((a, b) => a - b))),
    courseUnavailable,
    courseRoomAllowed,
    periodPenalty,
    lectureCourse,
    courseFirstLecture,
    weights: { ...ITC_WEIGHTS, ...input.weights },
    pinPeriod: new Int16Array(L).fill(-1),
    pinRoom: new Int16Array(L).fill(-1),
    initial: null,
  };
}

/** Number of lectures to schedule. */
export function lectureCount(p: TimetablingProblem): number {
  return p.lectureCourse.length;
}
