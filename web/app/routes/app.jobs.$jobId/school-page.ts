/**
 * One view of a FET school result at a time: the timetable of one teacher, class, room or subject
 * (the one chosen in the query string, `?view=students&of=7A`, else the view's first), the list of
 * the view's others for the selector, and the explanation with, for each violation, the lessons of
 * this timetable it involves and where to see them otherwise. A big school's whole result (every
 * grid of every view: 8.7 MB for Tunisia's 5,433 lessons) stays on the server; the page gets one grid.
 */
import type { ShouldRevalidateFunctionArgs } from "@remix-run/react";
import type { SchoolExplainedItem, SchoolGrid, SchoolResult, SchoolRoomOptions } from "../../server/school-results.server";

export type SchoolViewKind = keyof SchoolResult["views"];

/** The views in the selector's order (and the order a violation's lessons are looked for in). */
export const SCHOOL_VIEWS: readonly SchoolViewKind[] = ["teacher", "students", "room", "subject"];

/** Which timetable the page shows: a view and one of its teachers, classes, rooms or subjects (null: the first). */
export interface SchoolChoice {
  view: SchoolViewKind;
  of: string | null;
}

/** One entry of the second selector: whose timetable, its level (classes) and how many lessons it has. */
export interface SchoolEntity {
  id: string;
  level?: SchoolGrid["level"];
  lessons: number;
}

/** Names a violation lists in its line (the rest are counted: "and 37 more"). */
export const MAX_LISTED_NAMES = 5;

/** A violation as one page shows it (its label and description in SchoolPage.constraintTypes, once per type). */
export interface SchoolPageItem extends Omit<SchoolExplainedItem, "activities" | "label" | "description"> {
  /** The lessons it involves that this page's timetable shows (FET activity ids). */
  activities: number[];
  /** How many lessons it involves in all. */
  lessons: number;
  /** Teachers, classes and rooms left out of the lists past MAX_LISTED_NAMES. */
  moreNames: number;
  /** A timetable that shows some of its lessons (this view's first, else teacher, class, room, subject); null when none is placed. */
  at: { view: SchoolViewKind; of: string } | null;
}

export interface SchoolPage extends Omit<SchoolResult, "views" | "explanation" | "roomOptions"> {
  view: SchoolViewKind;
  entities: SchoolEntity[];
  /** The chosen timetable; null when the view has none (a school without rooms). */
  grid: SchoolGrid | null;
  explanation: SchoolPageItem[];
  /** What each constraint type of the explanation is called and means (300 violations of one type say it once). */
  constraintTypes: Record<string, { label: string; description: string }>;
  /** The editor's room choices: every room, and the lessons of this timetable only. */
  roomOptions?: SchoolRoomOptions;
}

const isView = (v: string | null): v is SchoolViewKind => v !== null && (SCHOOL_VIEWS as readonly string[]).includes(v);

/** The choice in a page's query string (`view`, `of`); an unknown view reads as by teacher. */
export function schoolChoiceOf(search: URLSearchParams): SchoolChoice {
  const view = search.get("view");
  const of = search.get("of");
  return { view: isView(view) ? view : "teacher", of: of ? of : null };
}

/** The query string of a choice: `?view=room&of=Lab%201`; without `of`, the view's first timetable. */
export function schoolSearchOf(choice: SchoolChoice): string {
  const search = new URLSearchParams({ view: choice.view });
  if (choice.of !== null) search.set("of", choice.of);
  return `?${search}`;
}

/** FET activity ids a grid shows. */
export function lessonsOfGrid(grid: SchoolGrid): Set<number> {
  const ids = new Set<number>();
  for (const row of grid.rows) for (const cell of row) for (const l of cell?.lessons ?? []) ids.add(l.id);
  return ids;
}

/** For each view, the first of its timetables that shows each lesson (activity id → entity id). */
function firstTimetableOf(result: SchoolResult): Record<SchoolViewKind, Map<number, string>> {
  const at = {} as Record<SchoolViewKind, Map<number, string>>;
  for (const view of SCHOOL_VIEWS) {
    const map = new Map<number, string>();
    for (const g of result.views[view]) for (const id of lessonsOfGrid(g)) if (!map.has(id)) map.set(id, g.id);
    at[view] = map;
  }
  return at;
}

/**
 * The page of one timetable of `result`: its grid, the view's list of timetables, and the explanation
 * narrowed to it. An `of` the view does not have shows the view's first timetable.
 * Example: schoolPageOf(result, { view: "students", of: "7A" }).grid?.id === "7A".
 */
export function schoolPageOf(result: SchoolResult, choice: SchoolChoice): SchoolPage {
  const { views, explanation, roomOptions, ...figures } = result;
  const grids = views[choice.view];
  const grid = grids.find((g) => g.id === choice.of) ?? grids[0] ?? null;
  const shown = grid ? lessonsOfGrid(grid) : new Set<number>();
  const first = explanation.length ? firstTimetableOf(result) : null;
  const order = [choice.view, ...SCHOOL_VIEWS.filter((v) => v !== choice.view)];
  const constraintTypes: SchoolPage["constraintTypes"] = {};
  for (const c of explanation) constraintTypes[c.type] ??= { label: c.label, description: c.description };
  return {
    ...figures,
    view: choice.view,
    entities: grids.map((g) => ({ id: g.id, ...(g.level ? { level: g.level } : {}), lessons: g.lessons })),
    grid,
    constraintTypes,
    explanation: explanation.map(({ activities, teachers, students, rooms, label: _label, description: _description, ...item }) => {
      let at: SchoolPageItem["at"] = null;
      for (const view of order) {
        const id = activities.find((a) => first?.[view].has(a));
        if (id !== undefined) {
          at = { view, of: first![view].get(id)! };
          break;
        }
      }
      const listed = (names: string[]) => names.slice(0, MAX_LISTED_NAMES);
      return {
        ...item,
        activities: activities.filter((a) => shown.has(a)),
        lessons: activities.length,
        teachers: listed(teachers),
        students: listed(students),
        rooms: listed(rooms),
        moreNames: [teachers, students, rooms].reduce((n, names) => n + Math.max(0, names.length - MAX_LISTED_NAMES), 0),
        at,
      };
    }),
    ...(roomOptions ? { roomOptions: roomOptionsFor(roomOptions, shown) } : {}),
  };
}

/** The room choices of the lessons `shown` only (the rooms and their distinct choices are kept: the school's size in rooms, not in lessons). */
function roomOptionsFor(options: SchoolRoomOptions, shown: ReadonlySet<number>): SchoolRoomOptions {
  const byActivity: SchoolRoomOptions["byActivity"] = {};
  for (const id of shown) if (options.byActivity[id]) byActivity[id] = options.byActivity[id];
  return { rooms: options.rooms, choices: options.choices, byActivity };
}

/**
 * The job page's `shouldRevalidate`. Checking a timetable edit (a submission with intent
 * "school-check") changes nothing stored, so the page it was checked on is not read again. A
 * timetable chosen while a check is in flight is the exception: when the check's action ends first,
 * the router stops that navigation and completes it with the loads it runs after the check, asking
 * this function about the navigation's new URL. That URL's data must be read, or the page would stay
 * on the timetable it had (the owner selector back at the old one, the new grid never shown).
 */
export function revalidatesAfterSubmission({
  formData,
  currentUrl,
  nextUrl,
  defaultShouldRevalidate,
}: Pick<ShouldRevalidateFunctionArgs, "formData" | "currentUrl" | "nextUrl" | "defaultShouldRevalidate">): boolean {
  if (formData?.get("intent") === "school-check" && currentUrl.href === nextUrl.href) return false;
  return defaultShouldRevalidate;
}
