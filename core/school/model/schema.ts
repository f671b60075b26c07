/**
 * `schoolModelJsonSchema`: the published JSON Schema (2020-12) of the school model (types.ts),
 * built from vocabulary.ts so each constraint type lists exactly its fields, with the plain-language
 * description of the type where core/school/constraints solves it. Constraints in the generic
 * form (`fields`) accept any FET element. The runtime check is modelToFet (to-fet.ts: the same
 * rules, JSON paths in errors, limits); model.test.ts validates documents against this schema.
 */
import { CONSTRAINTS } from "../constraints/index";
import { FET_LIMITS } from "../fet/types";
import { CONSTRAINT_TYPES, GENERIC_DEPTH, type FieldSpec } from "./vocabulary";

/** Names: no "\r"; spaces at either end are part of the name (FET keeps them); "" occurs in FET's own files. */
const name = { type: "string", maxLength: FET_LIMITS.textPerElement, pattern: "^[^\\r]*$" };
const names = (description: string, maxItems: number) => ({ type: "array", items: name, uniqueItems: true, maxItems, description });
const count = { type: "integer", minimum: 0, maximum: 10_000_000 };
const slot = {
  type: "object",
  required: ["day", "hour"],
  additionalProperties: false,
  properties: { day: name, hour: name },
  description: "An hour of a day, by name.",
};

/**
 * Generic fields nest at most GENERIC_DEPTH levels (vocabulary.ts). Written out level by level
 * rather than with $ref: the schema has no $defs, so it can be embedded in another document
 * (core/timetabling embeds its format branches the same way).
 */
function genericObject(depth: number): Record<string, unknown> {
  const inner = depth > 1 ? genericObject(depth - 1) : undefined;
  const item = inner ? { anyOf: [{ type: "string" }, inner] } : { type: "string" };
  return { type: "object", propertyNames: { pattern: "^[A-Za-z_][A-Za-z0-9_.-]*$" }, additionalProperties: { anyOf: [item, { type: "array", items: item }] } };
}

function fieldSchema(f: FieldSpec): Record<string, unknown> {
  const one =
    f.kind === "name"
      ? { type: "string", maxLength: FET_LIMITS.textPerElement }
      : f.kind === "int"
        ? { type: "integer", minimum: 0 }
        : f.kind === "intOrEmpty"
          ? { anyOf: [{ type: "integer", minimum: 1 }, { const: "" }] }
          : f.kind === "bool"
            ? { type: "boolean" }
            : slot;
  return { description: f.description, ...(f.count ? { type: "array", items: one } : one) };
}

const head = {
  weight: { type: "number", minimum: 0, maximum: 100, description: "FET's Weight_Percentage: 100 = must hold (hard); below 100 = a preference, each violation costs weight / 100 (soft)." },
  active: { type: "boolean", default: true, description: "false = kept in the file but not used." },
  comments: { type: "string", description: "Free text." },
};

const subgroup = { type: "object", required: ["name"], additionalProperties: false, properties: { name, numberOfStudents: count } };
const group = { type: "object", required: ["name"], additionalProperties: false, properties: { name, numberOfStudents: count, subgroups: { type: "array", items: subgroup } } };
const year = { type: "object", required: ["name"], additionalProperties: false, properties: { name, numberOfStudents: count, groups: { type: "array", items: group } } };
const room = {
  type: "object",
  required: ["name"],
  additionalProperties: false,
  properties: {
    name,
    building: { type: "string", description: 'One of buildings (absent or "" = none).' },
    capacity: { ...count, default: 30000, description: "Seats (with BasicCompulsorySpace, a smaller room than the activity's students is a violation)." },
    virtual: {
      type: "boolean",
      default: false,
      description: "FET's virtual room: an activity placed in it occupies one real room from each of its sets (all different), and those real rooms must not clash.",
    },
    sets: {
      type: "array",
      minItems: 1,
      maxItems: FET_LIMITS.realRoomSets,
      items: { type: "array", minItems: 1, maxItems: FET_LIMITS.rooms, items: name },
      description: "Virtual rooms only: sets of real room names; the activity gets one real room from each set.",
    },
  },
};
const activity = {
  type: "object",
  required: ["id", "subject", "duration"],
  additionalProperties: false,
  properties: {
    id: { type: "integer", minimum: 0, maximum: 2_000_000_000, description: "Unique id (constraints name activities by id)." },
    groupId: {
      type: "integer",
      minimum: 0,
      maximum: 2_000_000_000,
      description: "FET's Activity_Group_Id: the lessons of a split activity share it (the first lesson's id); 0 or absent = not split.",
    },
    subject: name,
    teachers: { type: "array", items: name, description: "Teachers (all of them teach it together)." },
    students: { type: "array", items: name, description: "Students sets (years, groups or subgroups) attending." },
    tags: { type: "array", items: name, description: "Activity tags." },
    duration: { type: "integer", minimum: 1, maximum: FET_LIMITS.hoursPerDay, description: "Consecutive hours." },
    totalDuration: { type: "integer", minimum: 1, description: "Hours of the whole split activity (computed when absent)." },
    active: { type: "boolean", default: true, description: "false = kept but not scheduled." },
    numberOfStudents: { ...count, description: "Overrides the sum of the students sets' sizes." },
  },
};

const genericConstraint = {
  type: "object",
  required: ["type", "weight", "fields"],
  additionalProperties: false,
  description:
    'Any FET constraint element: its fields by XML name (a string, an object for nested elements, an array for repeated ones), e.g. { "Teacher_Name": "Ann", "Number_of_Activities": "2", "Activity_Id": ["1", "2"] }.',
  properties: { type: { type: "string", minLength: 1 }, ...head, fields: genericObject(GENERIC_DEPTH) },
};

function typeSchema(type: string): Record<string, unknown> {
  const spec = CONSTRAINT_TYPES.get(type)!;
  const properties: Record<string, unknown> = { type: { const: type }, ...head };
  for (const f of spec.fields.values()) properties[f.key] = fieldSchema(f);
  const solved = CONSTRAINTS[spec.element];
  return {
    if: { properties: { type: { const: type } } },
    then: {
      description: solved ? solved.description : `FET's ${spec.element} (not solved by Evolve yet: compiling refuses it unless ignoreUnsupported is true).`,
      properties,
      additionalProperties: false,
    },
  };
}

function constraintSchema(list: "time" | "space"): Record<string, unknown> {
  const types = [...CONSTRAINT_TYPES].filter(([, s]) => s.list === list).map(([t]) => t);
  return {
    type: "object",
    required: ["type", "weight"],
    properties: { type: { type: "string", minLength: 1 } },
    description: `A ${list} constraint: FET's type without "Constraint" and its fields, or any FET element in the generic form with \`fields\`.`,
    if: { required: ["fields"] },
    then: genericConstraint,
    else: { properties: { type: { enum: types } }, allOf: types.map(typeSchema) },
  };
}

export const schoolModelJsonSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://evolve.dev/schemas/school-model.json",
  title: "School timetable (FET vocabulary)",
  description:
    "A school as FET states it: days, hours, subjects, activity tags, teachers, students (years → groups → subgroups), buildings, rooms, activities and FET's time and space constraints, by name. Compiles to the same problem as the equivalent .fet file.",
  type: "object",
  required: ["format", "days", "hours"],
  additionalProperties: false,
  properties: {
    kind: { const: "timetabling" },
    format: { const: "school" },
    name: { type: "string", description: "Name of the timetable (defaults to institution)." },
    institution: { type: "string", description: "FET's Institution_Name." },
    ignoreUnsupported: { type: "boolean", description: "Solve without the constraint types Evolve does not support (they are listed in the result) instead of refusing." },
    days: { ...names("The days, in order.", FET_LIMITS.days), minItems: 1 },
    hours: { ...names("The hours of every day, in order (adjacent hours are consecutive).", FET_LIMITS.hoursPerDay), minItems: 1 },
    subjects: names("Subjects.", FET_LIMITS.subjects),
    activityTags: names("Activity tags (labels for activities that constraints can select).", FET_LIMITS.activityTags),
    teachers: names("Teachers.", FET_LIMITS.teachers),
    students: {
      type: "array",
      maxItems: FET_LIMITS.studentSets,
      description: "Years; a year is the union of its groups, a group of its subgroups; a year without groups or a group without subgroups is taught as one subgroup.",
      items: year,
    },
    buildings: names("Buildings.", FET_LIMITS.buildings),
    rooms: { type: "array", maxItems: FET_LIMITS.rooms, items: room, description: "Rooms." },
    activities: { type: "array", maxItems: FET_LIMITS.activities, items: activity, description: "Activities (lessons); a split activity is several sharing groupId." },
    timeConstraints: { type: "array", maxItems: FET_LIMITS.constraints, items: constraintSchema("time"), description: "FET's time constraints." },
    spaceConstraints: { type: "array", maxItems: FET_LIMITS.constraints, items: constraintSchema("space"), description: "FET's space (room) constraints." },
  },
} as const;
