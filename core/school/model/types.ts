/**
 * The school model: a JSON document (`format: "school"`) that states everything a `.fet` file
 * states (see fet/types.ts `FetInput`), in names rather than XML repetition. Converted by
 * from-fet.ts / to-fet.ts, published as JSON Schema by schema.ts, compiled by compile.ts.
 */

export interface SchoolModelSubgroup {
  name: string;
  /** FET's Number_of_Students (default 0). */
  numberOfStudents?: number;
}
export interface SchoolModelGroup extends SchoolModelSubgroup {
  subgroups?: SchoolModelSubgroup[];
}
export interface SchoolModelYear extends SchoolModelSubgroup {
  groups?: SchoolModelGroup[];
}

export interface SchoolModelRoom {
  name: string;
  /** A building's name ("" or absent = none). */
  building?: string;
  /** Default 30000 (FET's "no limit"). */
  capacity?: number;
  /** FET's virtual room: an activity in it takes one real room from each of `sets` (core/school/real-rooms.ts). */
  virtual?: boolean;
  /** A virtual room's sets of real room names (required with `virtual: true`, refused otherwise). */
  sets?: string[][];
}

/** One FET activity (one lesson; a split activity is several sharing `groupId`). */
export interface SchoolModelActivity {
  id: number;
  /** FET's Activity_Group_Id: the first lesson's id for each lesson of a split activity; 0 / absent = not split. */
  groupId?: number;
  subject: string;
  teachers?: string[];
  /** Students sets (years, groups or subgroups). */
  students?: string[];
  tags?: string[];
  /** Hours. */
  duration: number;
  /** Sum of the durations of the lessons of its split activity; computed when absent. */
  totalDuration?: number;
  /** Default true. */
  active?: boolean;
  /** Overrides the sum of the students sets' sizes. */
  numberOfStudents?: number;
}

/** A day and an hour, by name. */
export interface SchoolModelSlot {
  day: string;
  hour: string;
}

/**
 * A constraint, by FET type name without `Constraint` (e.g. "TeacherNotAvailableTimes"), with the
 * fields of vocabulary.ts — or, for any other FET element, the generic form with `fields`.
 */
export interface SchoolModelConstraint {
  type: string;
  /** FET's Weight_Percentage: 100 = must hold, below = a preference. */
  weight: number;
  /** Default true. */
  active?: boolean;
  comments?: string;
  /** Generic form only: FET's fields by XML name (repeated elements as arrays, nested ones as objects). */
  fields?: Record<string, GenericValue>;
  [field: string]: unknown;
}
export type GenericValue = string | GenericObject | (string | GenericObject)[];
export interface GenericObject {
  [xmlName: string]: GenericValue;
}

export interface SchoolModel {
  kind?: "timetabling";
  format: "school";
  /** Name of the job / timetable (defaults to `institution`). */
  name?: string;
  institution?: string;
  /** Solve without the constraint types Evolve does not support (listed in the result) instead of refusing. */
  ignoreUnsupported?: boolean;
  days: string[];
  hours: string[];
  subjects?: string[];
  activityTags?: string[];
  teachers?: string[];
  /** Years → groups → subgroups. */
  students?: SchoolModelYear[];
  buildings?: string[];
  rooms?: SchoolModelRoom[];
  activities?: SchoolModelActivity[];
  timeConstraints?: SchoolModelConstraint[];
  spaceConstraints?: SchoolModelConstraint[];
}
