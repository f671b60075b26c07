import { describe, expect, it } from "vitest";
import { compileFet } from "@core/school/index";
import { constraint, fetText } from "@core/school/test/fet";
import { syntheticSchool } from "@core/school/test/synthetic";
import { schoolResultOf } from "../../server/school-results.server";
import { MAX_LISTED_NAMES, revalidatesAfterSubmission, schoolChoiceOf, schoolPageOf, schoolSearchOf } from "./school-page";

const bytes = (x: unknown) => new TextEncoder().encode(JSON.stringify(x)).length;

describe("the page's choice of timetable", () => {
  it("reads the view and owner from the query string and writes them back", () => {
    expect(schoolChoiceOf(new URLSearchParams("view=students&of=7A"))).toEqual({ view: "students", of: "7A" });
    expect(schoolChoiceOf(new URLSearchParams(schoolSearchOf({ view: "room", of: "Lab 1 & 2" })))).toEqual({ view: "room", of: "Lab 1 & 2" });
    expect(schoolSearchOf({ view: "subject", of: null })).toBe("?view=subject");
  });

  it("reads an unknown or missing view as by teacher, and an empty owner as the first", () => {
    expect(schoolChoiceOf(new URLSearchParams("view=everything&of="))).toEqual({ view: "teacher", of: null });
    expect(schoolChoiceOf(new URLSearchParams(""))).toEqual({ view: "teacher", of: null });
  });
});

describe("one timetable of a school result", () => {
  // T1 teaches 1A (activities 1, 2), T2 teaches 1B (3); a 100% max-hours rule breaks on T1's Monday.
  const problem = compileFet(
    fetText({
      teachers: ["T1", "T2"],
      years: [{ name: "Y1", groups: [{ name: "1A" }, { name: "1B" }] }],
      rooms: [{ name: "R1" }, { name: "R2" }],
      activities: [
        { id: 1, teachers: ["T1"], subject: "Math", students: ["1A"] },
        { id: 2, teachers: ["T1"], subject: "Art", students: ["1A"] },
        { id: 3, teachers: ["T2"], subject: "Math", students: ["1B"] },
      ],
      time: [constraint("ConstraintTeacherMaxHoursDaily", 100, "\t<Teacher_Name>T1</Teacher_Name>\n\t<Maximum_Hours_Daily>1</Maximum_Hours_Daily>")],
      space: [constraint("ConstraintSubjectPreferredRoom", 100, "\t<Subject>Math</Subject>\n\t<Room>R1</Room>")],
    }),
  );
  const index = (id: number) => Array.from(problem.actId).indexOf(id);
  const start = new Int32Array(3);
  const room = new Int32Array(3).fill(-1);
  start[index(1)] = 0; // Mon h1
  start[index(2)] = 1; // Mon h2
  start[index(3)] = 2; // Mon h3
  room[index(1)] = 0;
  room[index(3)] = 1;
  const result = schoolResultOf(problem, { start, room });

  it("shows the chosen timetable, the view's first by default or for an owner it does not have", () => {
    expect(schoolPageOf(result, { view: "teacher", of: "T2" }).grid?.id).toBe("T2");
    expect(schoolPageOf(result, { view: "teacher", of: null }).grid?.id).toBe("T1");
    expect(schoolPageOf(result, { view: "room", of: "T2" }).grid?.id).toBe("R1");
    const page = schoolPageOf(result, { view: "students", of: "1B" });
    expect(page.view).toBe("students");
    expect(page.entities).toEqual([
      { id: "Y1", level: "year", lessons: 3 },
      { id: "1A", level: "group", lessons: 2 },
      { id: "1B", level: "group", lessons: 1 },
    ]);
    expect(page.grid?.rows[2][0]?.lessons.map((l) => l.id)).toEqual([3]);
    expect(page.days).toEqual(result.days);
    expect(page.hard).toBe(result.hard);
  });

  it("narrows a violation to the lessons this timetable shows, says how many in all and where to see them", () => {
    const broken = result.explanation.findIndex((c) => c.type === "ConstraintTeacherMaxHoursDaily");
    expect(result.explanation[broken].activities.sort()).toEqual([1, 2]);
    const t2 = schoolPageOf(result, { view: "teacher", of: "T2" }).explanation[broken];
    expect(t2).toMatchObject({ activities: [], lessons: 2, at: { view: "teacher", of: "T1" } });
    const byClass = schoolPageOf(result, { view: "students", of: "1B" }).explanation[broken];
    // The view chosen first: Y1 is the first class timetable that has them.
    expect(byClass.at).toEqual({ view: "students", of: "Y1" });
    expect(schoolPageOf(result, { view: "students", of: "1A" }).explanation[broken].activities.sort()).toEqual([1, 2]);
  });

  it("brings the room choices of its own lessons only, with every room", () => {
    const page = schoolPageOf(result, { view: "teacher", of: "T2" });
    expect(Object.keys(result.roomOptions!.byActivity).sort()).toEqual(["1", "3"]);
    expect(Object.keys(page.roomOptions!.byActivity)).toEqual(["3"]);
    expect(page.roomOptions!.rooms.map((r) => r.name)).toEqual(["R1", "R2"]);
  });

  it("lists at most MAX_LISTED_NAMES names of a violation and counts the rest", () => {
    const many = Array.from({ length: MAX_LISTED_NAMES + 3 }, (_, i) => `T${i}`);
    const wide = { ...result, explanation: [{ ...result.explanation[0], teachers: many, students: ["1A"], rooms: [] }] };
    const item = schoolPageOf(wide, { view: "teacher", of: null }).explanation[0];
    expect(item.teachers).toEqual(many.slice(0, MAX_LISTED_NAMES));
    expect(item.moreNames).toBe(3);
  });
});

describe("a big school's page", () => {
  /** `classes` classes of 24 one-hour lessons (core/school/test/synthetic.ts), a teacher each, lesson k of a class at slot k. */
  function school(classes: number) {
    const p = compileFet(fetText(syntheticSchool(classes, 24, classes)));
    const start = Int32Array.from(p.actId, (id) => (id - 1) % 24);
    return schoolResultOf(p, { start, room: new Int32Array(p.nActivities).fill(-1) });
  }
  const small = school(40); // 960 lessons
  const big = school(80); // 1,920 lessons

  it("holds one class's timetable: the school's size shows only in the selector's names", () => {
    const whole = bytes(big);
    const page = schoolPageOf(big, { view: "students", of: "C7" });
    const grid = bytes(page.grid);
    // What the page adds to the grid: the figures and constraint descriptions, at most 250 bytes
    // per listed violation (at most 300: web/app/server/school-results.server.ts) and 40 per class in the selector.
    expect(page.explanation.length).toBeLessThanOrEqual(300);
    const allowance = 4_000 + 250 * page.explanation.length + 40 * page.entities.length;
    expect(bytes(page)).toBeLessThanOrEqual(grid + allowance);
    expect(bytes(page)).toBeLessThan(whole / 10);
    // Twice the classes: the whole result grows with them (its explanation is capped), the page of one class grows by the 40 more names.
    expect(whole).toBeGreaterThan(1.5 * bytes(small));
    const smallPage = schoolPageOf(small, { view: "students", of: "C7" });
    expect(bytes(page.grid)).toBe(bytes(smallPage.grid));
    expect(bytes(page) - bytes(smallPage)).toBeLessThan(40 * (page.entities.length - smallPage.entities.length) + bytes(page.explanation) - bytes(smallPage.explanation) + 100);
  });
});

describe("reading the job page again after a submission", () => {
  const page = new URL("http://localhost/app/jobs/j1?view=teacher&of=Ada");
  const check = new FormData();
  check.set("intent", "school-check");
  const fork = new FormData();
  fork.set("intent", "fork");

  it("not after checking an edit on the timetable shown", () => {
    expect(revalidatesAfterSubmission({ formData: check, currentUrl: page, nextUrl: new URL(page), defaultShouldRevalidate: true })).toBe(false);
  });

  it("yes when a timetable chosen during the check is completed by the check's loads (another URL)", () => {
    const chosen = new URL("http://localhost/app/jobs/j1?view=room&of=Room+9A");
    expect(revalidatesAfterSubmission({ formData: check, currentUrl: page, nextUrl: chosen, defaultShouldRevalidate: true })).toBe(true);
  });

  it("otherwise as the router would (other submissions, plain navigations)", () => {
    expect(revalidatesAfterSubmission({ formData: fork, currentUrl: page, nextUrl: page, defaultShouldRevalidate: true })).toBe(true);
    expect(revalidatesAfterSubmission({ formData: undefined, currentUrl: page, nextUrl: page, defaultShouldRevalidate: false })).toBe(false);
  });
});
