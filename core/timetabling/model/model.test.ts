import { describe, expect, it } from "vitest";
import { MAX_ISSUES, ProblemError, type InputIssue } from "../../engine/errors";
import { evaluate, evaluatePlacements } from "../evaluate";
import { compileTimetabling, memeticSolver, timetableViews, writeSolution } from "../index";
import { compileModel } from "./compile";
import type { TimetablingModel } from "./schema";
import { compileSheets, type Sheets } from "./sheets";
import { compileCsv, readWorkbook, sheetsToWorkbook, templateCsv, templateSheets, templateWorkbook } from "./workbook";

const school = (): TimetablingModel => ({
  format: "model",
  name: "Small school",
  days: [{ id: "Mon" }, { id: "Tue" }],
  periods: [
    { id: "P1", start: "08:30", end: "09:20" },
    { id: "P2", start: "09:30", end: "10:20" },
    { id: "P3", start: "10:30", end: "11:20" },
  ],
  rooms: [
    { id: "R1", capacity: 30, features: ["projector"] },
    { id: "Lab", capacity: 20, features: ["lab"], unavailable: [{ day: "Tue", period: "P3" }] },
  ],
  instructors: [
    { id: "smith", maxLecturesPerDay: 2, unwanted: [{ day: "Mon", period: "P1" }] },
    {
      id: "jones",
      unavailable: [{ day: "Mon" }],
      preferred: [
        { day: "Tue", period: "P1" },
        { day: "Tue", period: "P2" },
      ],
    },
  ],
  groups: [{ id: "9A" }],
  courses: [
    { id: "math", lecturesPerWeek: 3, instructor: "smith", groups: ["9A"], students: 25, minWorkingDays: 2 },
    { id: "chem", lecturesPerWeek: 2, instructor: "jones", groups: ["9A"], students: 18, requiredFeatures: ["lab"], doubleLectures: true },
    { id: "art", lecturesPerWeek: 1, instructor: "smith", students: 10 },
  ],
});

function issuesOf(fn: () => unknown): InputIssue[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ProblemError) return e.issues;
    throw e;
  }
  throw new Error("expected a ProblemError");
}

describe("rich model (JSON)", () => {
  it("compiles groups, features, availabilities and preferences onto the engine", () => {
    const p = compileModel(school());
    expect(p.periods).toBe(6);
    expect([...p.courseConflicts[0]]).toEqual([1, 2]); // math: group with chem, instructor with art
    expect([...p.courseRoomAllowed.subarray(2, 4)]).toEqual([0, 1]); // chem only in Lab
    expect(p.courseUnavailable[1 * 6 + 0]).toBe(1); // jones is away on Monday
    expect(p.roomUnavailable[1 * 6 + 5]).toBe(1);
    expect(p.periodPenalty![0 * 6 + 0]).toBe(1); // smith does not want Mon P1
    expect(p.periodPenalty![1 * 6 + 5]).toBe(1); // Tue P3 is outside jones's preferred periods
    expect(p.slotNames[0]).toBe("08:30–09:20");
    expect(p.slotTimes?.[2]).toEqual({ start: "10:30", end: "11:20" });
  });

  it("scores the rich constraints: preference, daily limit, doubles, room availability and features", () => {
    const p = compileModel(school());
    const at = (c: number, d: number, s: number, r: number) => ({ course: c, room: r, period: d * 3 + s });
    // math Mon P1/P2/P3 in R1 (smith: 3 on Monday, max 2; Mon P1 unwanted), chem Tue P1 + Tue P3 in Lab (not
    // paired, Tue P3 not preferred, Lab closed Tue P3), art Tue P2 in Lab (lacks projector? art needs none).
    const e = evaluatePlacements(p, [at(0, 0, 0, 0), at(0, 0, 1, 0), at(0, 0, 2, 0), at(1, 1, 0, 1), at(1, 1, 2, 1), at(2, 1, 1, 1)]);
    expect(e.byConstraint.periodPreference).toBe(2);
    expect(e.byConstraint.instructorDailyLimit).toBe(1);
    expect(e.byConstraint.doubleLectures).toBe(2);
    expect(e.byConstraint.roomAvailability).toBe(1);
    expect(e.byConstraint.minWorkingDays).toBe(5);
    // chem in R1 breaks its feature requirement.
    expect(evaluatePlacements(p, [at(1, 1, 0, 0)]).byConstraint.roomSuitability).toBe(1);
  });

  it("solves to zero hard violations, keeps pins, and writes JSON", () => {
    const doc = { ...school(), kind: "timetabling", pinned: [{ course: "art", day: "Tue", period: "P3", room: "R1" }], weights: { doubleLectures: 10 } };
    const p = compileTimetabling(doc);
    const s = memeticSolver.init(p, memeticSolver.parameters({ segmentMoves: 5000 }, p), 1, { maxEvaluations: 60_000 });
    memeticSolver.step(s, { evaluations: Infinity });
    const best = memeticSolver.best(s);
    expect(best.hard).toBe(0);
    expect(evaluate(p, best.solution).soft).toBe(best.soft);
    const art = p.courseFirstLecture[2];
    expect([best.solution.period[art], best.solution.room[art]]).toEqual([5, 0]);
    const out = writeSolution(p, best.solution);
    expect(out.extension).toBe("json");
    const json = JSON.parse(out.text);
    expect(json.assignments).toHaveLength(6);
    // The JSON solution feeds straight back as a warm start (ids, not display names).
    const again = compileTimetabling({
      ...doc,
      start: json.assignments.map((a: Record<string, unknown>) => ({ course: a.course, lecture: a.lecture, day: a.dayId, period: a.periodId, room: a.room })),
    });
    expect(evaluate(again, again.initial!).soft).toBe(best.soft);
    const byGroup = timetableViews(p, best.solution, "curriculum");
    expect(
      byGroup[0].cells
        .flat(2)
        .map((e) => e.course)
        .sort(),
    ).toEqual(["chem", "chem", "math", "math", "math"]);
  });

  it("refuses a pinned lecture index that is negative or not a whole number (it would pin another course's lecture)", () => {
    for (const lecture of [-1, 0.5, "0"]) {
      const doc = { ...school(), pinned: [{ course: "chem", lecture, day: "Mon", period: "P1", room: "Lab" }] };
      expect(issuesOf(() => compileModel(doc as never))).toEqual([{ path: ["pinned", 0, "lecture"], message: "must be an integer ≥ 0" }]);
    }
  });

  it("quotes at most a few characters of a bad value, and reports at most MAX_ISSUES issues", () => {
    const huge = Array.from({ length: 5_000 }, () => "9A");
    const pinned = Array.from({ length: 5_000 }, () => ({ course: "math", day: "Mon", period: "P1", room: huge }));
    const t0 = performance.now();
    const issues = issuesOf(() => compileModel({ ...school(), pinned } as never));
    expect(performance.now() - t0).toBeLessThan(500);
    expect(issues).toHaveLength(MAX_ISSUES);
    expect(issues[0].message.length).toBeLessThan(80);
  });

  it("names the JSON field of every error", () => {
    const bad = school();
    bad.courses[0].instructor = "nobody";
    bad.courses[1].groups = ["9A", "9Z"];
    bad.rooms[0].unavailable = [{ day: "Sun" }];
    bad.weights = { compactness: 3 } as never;
    const paths = issuesOf(() => compileModel(bad)).map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["courses.0.instructor", "courses.1.groups.1", "rooms.0.unavailable.0.day", "weights.compactness"]));
  });
});

describe("rich model (sheets)", () => {
  const sheets = (): Sheets => ({
    Days: [["id"], ["Mon"], ["Tue"]],
    Periods: [
      ["id", "start", "end"],
      ["P1", "08:30", "09:20"],
      ["P2", "09:30", "10:20"],
    ],
    Rooms: [
      ["id", "capacity", "features"],
      ["R1", "30", "projector; board"],
    ],
    Instructors: [
      ["id", "maxLecturesPerDay", "unavailable"],
      ["smith", "2", "Tue P2"],
    ],
    Groups: [["id"], ["9A"]],
    Courses: [
      ["id", "lecturesPerWeek", "instructor", "groups", "students", "doubleLectures"],
      ["math", "2", "smith", "9A", "25", "yes"],
    ],
  });

  it("reads sheets into the same problem as the JSON model", () => {
    const p = compileSheets(sheets());
    expect(p.courseIds).toEqual(["math"]);
    expect(p.courseDouble[0]).toBe(1);
    expect(p.courseUnavailable[0 * 4 + 3]).toBe(1);
  });

  it("reports bad cells with sheet, row and column", () => {
    const s = sheets();
    s.Courses.push(["art", "two", "smith"]);
    const [i] = issuesOf(() => compileSheets(s));
    expect(i).toMatchObject({ sheet: "Courses", line: 3, column: 2 });
    expect(i.message).toMatch(/lecturesPerWeek/);
  });

  it("maps model errors (unknown instructor) back to the cell", () => {
    const s = sheets();
    s.Courses[1][2] = "nobody";
    const [i] = issuesOf(() => compileSheets(s));
    expect(i).toMatchObject({ sheet: "Courses", line: 2, column: 3 });
    expect(i.message).toMatch(/unknown instructor "nobody"/);
  });

  it("reads an XLSX workbook, and its errors name the sheet", () => {
    const s = sheets();
    const p = compileSheets(readWorkbook(sheetsToWorkbook(s)));
    expect(p.lectureCourse.length).toBe(2);
    s.Rooms[1][1] = "-3x";
    const [i] = issuesOf(() => compileSheets(readWorkbook(sheetsToWorkbook(s))));
    expect(i).toMatchObject({ sheet: "Rooms", line: 2, column: 2 });
  });

  it("reads a multi-section CSV with file line numbers in errors", () => {
    const csv = "[Days]\nid\nMon\nTue\n\n[Periods]\nid\nP1\nP2\n\n[Rooms]\nid,capacity\nR1,30\n\n[Courses]\nid,lecturesPerWeek\nmath,2\nart,x\n";
    const [i] = issuesOf(() => compileCsv(csv));
    expect(i).toMatchObject({ sheet: "Courses", line: 18, column: 2 });
    expect(compileCsv(csv.replace("art,x", "art,1")).lectureCourse.length).toBe(3);
  });

  it("ships templates that compile", () => {
    expect(compileSheets(templateSheets()).courseIds).toEqual(["math9", "chem9"]);
    expect(compileSheets(readWorkbook(templateWorkbook())).courseIds).toEqual(["math9", "chem9"]);
    expect(compileCsv(templateCsv()).courseIds).toEqual(["math9", "chem9"]);
  });
});
