/**
 * The rich timetabling model: the JSON document a school or university fills in, and its
 * published JSON Schema (2020-12). Times are referenced as { day, period } by id; a reference with
 * only a day means the whole day. See model/compile.ts for the meaning of every field.
 */
import { MAX_COURSES, MAX_CURRICULA, MAX_DAYS, MAX_INSTRUCTORS, MAX_LECTURES, MAX_LIST_ITEMS, MAX_PERIODS_PER_DAY, MAX_ROOMS } from "../limits";
import { weightsSchema } from "../weights";

export interface SlotRef {
  day: string;
  /** Omit for the whole day. */
  period?: string;
}

export interface TimetablingModel {
  kind?: "timetabling";
  format: "model";
  name?: string;
  days: { id: string; name?: string }[];
  /** The same periods every day, in order (adjacency matters for compactness and doubles). */
  periods: { id: string; name?: string; start?: string; end?: string }[];
  rooms: { id: string; name?: string; capacity: number; features?: string[]; unavailable?: SlotRef[] }[];
  instructors?: {
    id: string;
    name?: string;
    unavailable?: SlotRef[];
    preferred?: SlotRef[];
    unwanted?: SlotRef[];
    maxLecturesPerDay?: number;
  }[];
  /** Student groups (curricula): courses of one group never overlap. */
  groups?: { id: string; name?: string }[];
  courses: {
    id: string;
    name?: string;
    lecturesPerWeek: number;
    instructor?: string;
    groups?: string[];
    students?: number;
    requiredFeatures?: string[];
    minWorkingDays?: number;
    doubleLectures?: boolean;
    unavailable?: SlotRef[];
  }[];
  weights?: Partial<Record<"roomCapacity" | "minWorkingDays" | "curriculumCompactness" | "roomStability" | "periodPreference" | "instructorDailyLimit" | "doubleLectures", number>>;
  /** Lectures fixed by the user; the solver never moves them. */
  pinned?: { course: string; lecture?: number; day: string; period: string; room: string }[];
  /** A previous timetable to start from (warm start); same shape as pinned entries. */
  start?: { course: string; lecture?: number; day: string; period: string; room: string }[];
}

const id = { type: "string", minLength: 1, maxLength: 100 };
const slotRef = {
  type: "object",
  required: ["day"],
  additionalProperties: false,
  properties: { day: id, period: id },
  description: "A period of a day; without `period`, the whole day.",
};
const slots = { type: "array", maxItems: MAX_LIST_ITEMS, items: slotRef };
const ids = { type: "array", maxItems: MAX_LIST_ITEMS, items: id };
const placement = {
  type: "object",
  required: ["course", "day", "period", "room"],
  additionalProperties: false,
  properties: { course: id, lecture: { type: "integer", minimum: 0 }, day: id, period: id, room: id },
};

/** JSON Schema of the rich model document. */
export const modelJsonSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "https://evolve.dev/schemas/timetabling-model.json",
  title: "Evolve timetabling model",
  type: "object",
  required: ["format", "days", "periods", "rooms", "courses"],
  additionalProperties: false,
  properties: {
    kind: { const: "timetabling" },
    format: { const: "model" },
    name: { type: "string" },
    days: { type: "array", minItems: 1, maxItems: MAX_DAYS, items: { type: "object", required: ["id"], additionalProperties: false, properties: { id, name: { type: "string" } } } },
    periods: {
      type: "array",
      minItems: 1,
      maxItems: MAX_PERIODS_PER_DAY,
      items: {
        type: "object",
        required: ["id"],
        additionalProperties: false,
        properties: { id, name: { type: "string" }, start: { type: "string", pattern: "^\\d{1,2}:\\d{2}$" }, end: { type: "string", pattern: "^\\d{1,2}:\\d{2}$" } },
      },
    },
    rooms: {
      type: "array",
      minItems: 1,
      maxItems: MAX_ROOMS,
      items: {
        type: "object",
        required: ["id", "capacity"],
        additionalProperties: false,
        properties: { id, name: { type: "string" }, capacity: { type: "integer", minimum: 0 }, features: ids, unavailable: slots },
      },
    },
    instructors: {
      type: "array",
      maxItems: MAX_INSTRUCTORS,
      items: {
        type: "object",
        required: ["id"],
        additionalProperties: false,
        properties: {
          id,
          name: { type: "string" },
          unavailable: { ...slots, description: "Hard: never teaches then." },
          preferred: { ...slots, description: "Soft: when given, each lecture outside these periods costs 1 × periodPreference." },
          unwanted: { ...slots, description: "Soft: each lecture in these periods costs 1 × periodPreference." },
          maxLecturesPerDay: { type: "integer", minimum: 1, description: "Soft: each lecture above it on a day costs 1 × instructorDailyLimit." },
        },
      },
    },
    groups: { type: "array", maxItems: MAX_CURRICULA, items: { type: "object", required: ["id"], additionalProperties: false, properties: { id, name: { type: "string" } } } },
    courses: {
      type: "array",
      minItems: 1,
      maxItems: MAX_COURSES,
      items: {
        type: "object",
        required: ["id", "lecturesPerWeek"],
        additionalProperties: false,
        properties: {
          id,
          name: { type: "string" },
          lecturesPerWeek: { type: "integer", minimum: 0 },
          instructor: id,
          groups: { type: "array", maxItems: MAX_CURRICULA, items: id, description: "Student groups attending; their courses never overlap." },
          students: { type: "integer", minimum: 0, default: 0 },
          requiredFeatures: { ...ids, description: "Hard: only rooms with all of these features." },
          minWorkingDays: { type: "integer", minimum: 0, default: 0 },
          doubleLectures: { type: "boolean", default: false, description: "Soft: lectures should come in back-to-back pairs." },
          unavailable: slots,
        },
      },
    },
    weights: weightsSchema,
    pinned: { type: "array", maxItems: MAX_LECTURES, items: placement },
    start: { type: "array", maxItems: MAX_LECTURES, items: placement },
  },
} as const;
