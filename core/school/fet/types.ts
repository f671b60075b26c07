/**
 * `FetInput`: a `.fet` file as plain data, mirroring FET's own lists one to one (names, not
 * indices). Produced by `readFet` (read.ts); compiled into a `SchoolProblem` by ../problem.ts.
 * Every constraint element is kept whole (`FetNode` tree with its line and column), so unknown
 * types can be reported and the writer can write the file back.
 */

/** One XML element: its name, its own text (trimmed), children in order, and where it starts. */
export interface FetNode {
  name: string;
  text: string;
  children: FetNode[];
  /** 1-based line and column of the element's `<`. */
  line: number;
  column: number;
}

export interface FetSubgroup {
  name: string;
  students: number;
}
export interface FetGroup {
  name: string;
  students: number;
  subgroups: FetSubgroup[];
}
export interface FetYear {
  name: string;
  students: number;
  groups: FetGroup[];
}

export interface FetRoom {
  name: string;
  building: string;
  capacity: number;
  /**
   * FET's virtual rooms: an activity placed in one occupies one real room from each set (all
   * different), and the real rooms then must not clash. `sets` lists real room names (virtual only).
   */
  virtual: boolean;
  sets?: string[][];
  line: number;
  column: number;
}

export interface FetActivity {
  id: number;
  groupId: number;
  teachers: string[];
  subject: string;
  tags: string[];
  students: string[];
  duration: number;
  totalDuration: number;
  active: boolean;
  /** `Number_Of_Students` when given (overrides the sum over the student sets). */
  numberOfStudents?: number;
  /** Path of the element, e.g. "Activities_List/Activity[12]" (1-based like XPath). */
  path: string;
  line: number;
  column: number;
}

/** One constraint element, kept whole. */
export interface FetConstraint {
  /** FET's element name, e.g. "ConstraintTeacherMaxGapsPerWeek". */
  type: string;
  list: "time" | "space";
  /** 0-based position in its list (all types counted). */
  index: number;
  weight: number;
  active: boolean;
  node: FetNode;
  /** e.g. "Time_Constraints_List/ConstraintTeacherNotAvailableTimes[3]" (1-based among its type). */
  path: string;
}

export interface FetInput {
  version: string;
  institution: string;
  days: string[];
  hours: string[];
  subjects: string[];
  activityTags: string[];
  teachers: string[];
  years: FetYear[];
  buildings: string[];
  rooms: FetRoom[];
  activities: FetActivity[];
  /** Things FET tolerates but we note (e.g. a repeated teacher name, kept once). */
  warnings: string[];
  timeConstraints: FetConstraint[];
  spaceConstraints: FetConstraint[];
}

/** The sizes `readFet` refuses beyond (checked while reading, before anything grows past them). */
export const FET_LIMITS = {
  /** Characters of `.fet` text (about 8 MiB of ASCII). The largest official example is ~6 MB. */
  textChars: 8 * 1024 * 1024,
  /** XML elements in the whole file (bounds the node tree). */
  elements: 1_500_000,
  /** Element nesting depth. */
  depth: 12,
  /** FET allows more; the official examples use at most 33 days. */
  days: 35,
  hoursPerDay: 60,
  /** Days × hours (checked by the compiler). */
  slots: 700,
  /** Active activities × slots: bounds the per-activity tables (about 12 bytes each). */
  activitySlots: 3_000_000,
  subjects: 5000,
  activityTags: 2000,
  teachers: 3000,
  /** Years, groups and distinct subgroups each (the compiled problem has one row per subgroup). */
  studentSets: 5000,
  /**
   * `<Subgroup>` elements over all groups. FET's divisions repeat a subgroup in every group that
   * holds it (a year split by k categories lists each subgroup k times: Namibia/by-Bobby/set-3/
   * StPaulsColY13T1a.fet has 1,728 subgroups written 6,912 times), so entries are capped apart
   * from distinct subgroups: 5,000 subgroups × 10 categories.
   */
  subgroupEntries: 50_000,
  buildings: 1000,
  rooms: 3000,
  /** Sets of real rooms of one virtual room (each set adds one real room to the activity). */
  realRoomSets: 50,
  activities: 10_000,
  /** Time and space constraints together. */
  constraints: 50_000,
  /** Characters of one element's text. */
  textPerElement: 10_000,
} as const;
