import { describe, expect, it } from "vitest";
import { compileFet } from "@core/school/index";
import { fetText, constraint } from "@core/school/test/fet";
import { ROOMS_SCHOOL_FET } from "@core/school/test/rooms-school";
import { buildSchoolResult, lockedActivities, lockedRooms, roomOptionsOf, schoolResultOf, splitParts, type SchoolGrid } from "./school-results.server";
import smallSchool from "../demo/small-school.fet?raw";

// Days Mon..Wed, hours h1..h4 (core/school/test/fet.ts defaults); activity 1 lasts two hours,
// activities 2 and 3 are one split lesson (Activity_Group_Id 2), activity 4 is T2's.
const text = fetText({
  teachers: ["T1", "T2"],
  years: [{ name: "Y1", groups: [{ name: "1A" }, { name: "1B" }] }],
  rooms: [{ name: "R1" }, { name: "Lab" }],
  activities: [
    { id: 1, teachers: ["T1"], subject: "Math", students: ["1A"], duration: 2 },
    { id: 2, teachers: ["T1"], subject: "Art", students: ["1A"], groupId: 2 },
    { id: 3, teachers: ["T1"], subject: "Art", students: ["1A"], groupId: 2 },
    { id: 4, teachers: ["T2"], subject: "Math", students: ["1B"] },
  ],
  time: [constraint("ConstraintTeacherMaxHoursDaily", 90, "\t<Teacher_Name>T1</Teacher_Name>\n\t<Maximum_Hours_Daily>2</Maximum_Hours_Daily>")],
  space: [constraint("ConstraintSubjectPreferredRoom", 100, "\t<Subject>Math</Subject>\n\t<Room>Lab</Room>")],
});
const problem = compileFet(text);
const slot = (day: number, hour: number) => day * 4 + hour;
const idx = (id: number) => Array.from(problem.actId).indexOf(id);

function timetable(places: Record<number, [number, number, number]>) {
  const start = new Int32Array(problem.nActivities).fill(-1);
  const room = new Int32Array(problem.nActivities).fill(-1);
  for (const [id, [day, hour, r]] of Object.entries(places)) {
    start[idx(Number(id))] = slot(day, hour);
    room[idx(Number(id))] = r;
  }
  return { start, room };
}

describe("school result grids", () => {
  // Mon h1-h2: activity 1 (2 hours) in Lab; Mon h3: activity 2; Tue h1: activity 3; Mon h1: activity 4 in Lab (a room clash with 1).
  const lab = problem.rooms.indexOf("Lab");
  const result = schoolResultOf(problem, timetable({ 1: [0, 0, lab], 2: [0, 2, -1], 3: [1, 0, -1], 4: [0, 0, lab] }));

  it("uses the file's day and hour names and has a grid per teacher, class, room and subject", () => {
    expect(result.days).toEqual(["Mon", "Tue", "Wed"]);
    expect(result.hours).toEqual(["h1", "h2", "h3", "h4"]);
    expect(result.views.teacher.map((g) => g.id)).toEqual(["T1", "T2"]);
    expect(result.views.students.map((g) => `${g.id}/${g.level}`)).toEqual(["Y1/year", "1A/group", "1B/group"]);
    expect(result.views.room.map((g) => g.id)).toEqual(["R1", "Lab"]);
    expect(result.views.subject.map((g) => g.id)).toEqual(["Math", "Art"]);
  });

  it("draws a two-hour lesson as one cell spanning two rows, the covered cell left out", () => {
    const t1 = result.views.teacher[0];
    expect(t1.rows[0][0]).toEqual({ span: 2, lessons: [expect.objectContaining({ id: 1, subject: "Math", duration: 2, room: "Lab", part: null })] });
    expect(t1.rows[1][0]).toBeNull();
    expect(t1.rows[2][0]?.span).toBe(1);
    expect(t1.rows[2][0]?.lessons.map((l) => l.id)).toEqual([2]);
    expect(t1.rows[3][0]).toEqual({ span: 1, lessons: [] });
    // Every hour row has one cell per day, except the covered ones.
    expect(t1.rows.map((r) => r.filter((c) => c !== null).length)).toEqual([3, 2, 3, 3]);
    expect(t1.lessons).toBe(3);
  });

  it("marks the parts of a split lesson", () => {
    const lessons = result.views.subject[1].rows.flat().flatMap((c) => c?.lessons ?? []);
    // Rows are hour by hour: Tue h1 (activity 3) comes before Mon h3 (activity 2).
    expect(lessons.map((l) => [l.id, l.part])).toEqual([
      [3, "2 of 2"],
      [2, "1 of 2"],
    ]);
    expect(lessons.map((l) => [l.id, l.part]).sort()).toEqual([
      [2, "1 of 2"],
      [3, "2 of 2"],
    ]);
  });

  it("puts two lessons of one room at one time in one cell (a clash shows)", () => {
    const labGrid = result.views.room[1];
    expect(labGrid.rows[0][0]?.lessons.map((l) => l.id).sort()).toEqual([1, 4]);
    expect(labGrid.rows[0][0]?.span).toBe(2);
  });

  it("explains violations with human labels and the lessons involved", () => {
    expect(result.hard).toBeGreaterThan(0);
    const clash = result.explanation.find((c) => c.type === "ConstraintBasicCompulsorySpace");
    expect(clash?.hard).toBe(true);
    expect(clash?.activities.sort()).toEqual([1, 4]);
    expect(clash?.label).toBe("Basic rules: one activity per room at a time");
    const maxHours = result.explanation.find((c) => c.type === "ConstraintTeacherMaxHoursDaily");
    expect(maxHours).toMatchObject({ hard: false, weight: 90, violations: 1, label: "Max hours per day for a teacher" });
  });
});

describe("splitParts", () => {
  it("numbers the active members of each Activity_Group_Id by id, and leaves single lessons out", () => {
    const parts = splitParts([
      { id: 7, groupId: 5, active: true },
      { id: 5, groupId: 5, active: true },
      { id: 6, groupId: 5, active: false },
      { id: 9, groupId: 0, active: true },
      { id: 10, groupId: 10, active: true },
    ]);
    expect([...parts]).toEqual([
      [5, "1 of 2"],
      [7, "2 of 2"],
    ]);
  });
});

describe("buildSchoolResult", () => {
  it("refuses a stored solution that does not fit the school", () => {
    expect(buildSchoolResult({ kind: "timetabling", format: "fet", text }, { start: [0], room: [0] })).toBeNull();
    expect(buildSchoolResult({ kind: "timetabling", format: "fet", text }, [1, 2, 3])).toBeNull();
  });

  it("reads the demo school's stored arrays", () => {
    const demo = compileFet(smallSchool);
    const solution = { start: Array.from({ length: demo.nActivities }, () => -1), room: Array.from({ length: demo.nActivities }, () => -1) };
    const r = buildSchoolResult({ kind: "timetabling", format: "fet", text: smallSchool }, solution)!;
    expect(r.views.students.map((g) => g.id)).toEqual(["Year 7", "Year 8", "Year 9", "7A", "7B", "8A", "8B", "9A"]);
    expect(r.views.teacher).toHaveLength(11);
    expect(r.unplaced).toBe(85);
    expect(r.explanation[0]).toMatchObject({ type: "Unplaced activities", hard: true, violations: 85 });
  });
});

describe("lockedActivities (pins of a re-solve)", () => {
  it("marks lessons whose start the input locks (100%, Permanently_Locked, day and hour), and no others", () => {
    const locked = (id: number, weight: number, lockedFlag: boolean) =>
      constraint(
        "ConstraintActivityPreferredStartingTime",
        weight,
        `\t<Activity_Id>${id}</Activity_Id>\n\t<Preferred_Day>Tue</Preferred_Day>\n\t<Preferred_Hour>h1</Preferred_Hour>\n\t<Permanently_Locked>${lockedFlag}</Permanently_Locked>`,
      );
    const withPins = compileFet(
      fetText({
        teachers: ["T1", "T2"],
        years: [{ name: "Y1", groups: [{ name: "1A" }, { name: "1B" }] }],
        activities: [
          { id: 1, teachers: ["T1"], subject: "Math", students: ["1A"] },
          { id: 2, teachers: ["T2"], subject: "Art", students: ["1B"] },
          { id: 3, teachers: ["T1"], subject: "Art", students: ["1A"] },
        ],
        time: [locked(1, 100, true), locked(2, 90, true), locked(3, 100, false)],
      }),
    );
    expect([...lockedActivities(withPins.input)]).toEqual([1]);
    const start = new Int32Array(withPins.nActivities).fill(-1);
    start[Array.from(withPins.actId).indexOf(1)] = 4;
    const lessons = schoolResultOf(withPins, { start, room: new Int32Array(withPins.nActivities).fill(-1) }).views.teacher.flatMap((g) => g.rows.flat().flatMap((c) => c?.lessons ?? []));
    expect(lessons.find((l) => l.id === 1)?.pinned).toBe(true);
  });
});

describe("FET virtual rooms in the result", () => {
  // Labs takes one real room from {Lab 1, Lab 2} and one from {Lab 3, Lab 4}. Mon h1: activities 1
  // and 2 both in Labs; Mon h2: activity 3 in Lab 1.
  const labsText = fetText({
    years: [{ name: "Y1" }, { name: "Y2" }],
    rooms: [
      { name: "Lab 1" },
      { name: "Lab 2" },
      { name: "Lab 3" },
      { name: "Lab 4" },
      {
        name: "Labs",
        sets: [
          ["Lab 1", "Lab 2"],
          ["Lab 3", "Lab 4"],
        ],
      },
    ],
    activities: [
      { id: 1, teachers: ["T1"], subject: "Math", students: ["Y1"] },
      { id: 2, teachers: ["T2"], subject: "Math", students: ["Y2"] },
      { id: 3, teachers: ["T1"], subject: "Art", students: ["Y1"] },
    ],
  });
  const labs = compileFet(labsText);
  const r = (name: string) => labs.rooms.indexOf(name);
  const at = (id: number) => Array.from(labs.actId).indexOf(id);
  const K = labs.maxRealRooms;
  const start = [0, 0, 0];
  start[at(3)] = 1;
  const room = [r("Labs"), r("Labs"), r("Labs")];
  room[at(3)] = r("Lab 1");
  /** Real rooms per activity in the compiled set order (both sets hold two rooms: the file's order). */
  function real(byId: Record<number, [string, string]>): number[] {
    const out = new Array<number>(labs.nActivities * K).fill(-1);
    for (const [id, names] of Object.entries(byId)) names.forEach((n, k) => (out[at(Number(id)) * K + k] = r(n)));
    return out;
  }
  const doc = { kind: "timetabling", format: "fet", text: labsText };
  const lessonsOf = (g: SchoolGrid) => g.rows.flat().flatMap((c) => c?.lessons ?? []);

  it("lists a lesson under its virtual room and each real room, with the real rooms it occupies", () => {
    const result = buildSchoolResult(doc, { start, room, real: real({ 1: ["Lab 2", "Lab 3"], 2: ["Lab 1", "Lab 4"] }) })!;
    const byRoom = Object.fromEntries(
      result.views.room.map((g) => [
        g.id,
        lessonsOf(g)
          .map((l) => l.id)
          .sort(),
      ]),
    );
    expect(byRoom).toEqual({ "Lab 1": [2, 3], "Lab 2": [1], "Lab 3": [1], "Lab 4": [2], Labs: [1, 2] });
    const t1 = lessonsOf(result.views.teacher[0]);
    expect(t1.map((l) => [l.id, l.room, l.realRooms])).toEqual([
      [1, "Labs", ["Lab 2", "Lab 3"]],
      [3, "Lab 1", undefined],
    ]);
    // Labs at Mon h1 holds both lessons in different real rooms: shared, not a clash
    const labsGrid = result.views.room.find((g) => g.id === "Labs")!;
    expect(labsGrid.rows[0][0]).toMatchObject({ shared: true });
    expect(result.hard).toBe(0);
  });

  it("two lessons in one real room through the virtual room are a clash (no shared mark), as the explanation says", () => {
    const result = buildSchoolResult(doc, { start, room, real: real({ 1: ["Lab 1", "Lab 3"], 2: ["Lab 2", "Lab 3"] }) })!;
    const cell = result.views.room.find((g) => g.id === "Labs")!.rows[0][0]!;
    expect(cell.lessons.map((l) => l.id).sort()).toEqual([1, 2]);
    expect(cell.shared).toBeUndefined();
    expect(
      result.views.room
        .find((g) => g.id === "Lab 3")!
        .rows[0][0]!.lessons.map((l) => l.id)
        .sort(),
    ).toEqual([1, 2]);
    expect(result.hard).toBeGreaterThan(0);
  });

  it("without stored real rooms they are chosen as the evaluation does; malformed ones are refused", () => {
    const chosen = buildSchoolResult(doc, { start, room })!;
    const inLabs = lessonsOf(chosen.views.room.find((g) => g.id === "Labs")!);
    const used = inLabs.flatMap((l) => l.realRooms ?? []);
    expect(inLabs).toHaveLength(2);
    expect(new Set(used).size).toBe(4);
    expect(chosen.hard).toBe(0);
    expect(buildSchoolResult(doc, { start, room, real: [0] })).toBeNull();
    expect(buildSchoolResult(doc, { start, room, real: real({ 1: ["Lab 4", "Lab 4"] }) })).toBeNull();
  });
});

describe("room choices for the editor", () => {
  // core/school/test/rooms-school.ts: 1 may be in Room A (preferred) or Room B, not Closet (5 seats); 2 in Room A; 3 and 4 in Labs; 5 takes no room.
  const rp = compileFet(ROOMS_SCHOOL_FET);
  const options = roomOptionsOf(rp);
  const names = (id: number, list: "allowed" | "against") => options.choices[options.byActivity[id].choice][list].map((r) => options.rooms[r].name);

  it("lists each lesson's allowed rooms (preferred first) and those a soft preference is against, with seats, sets of virtual rooms and students; none for a lesson without a room", () => {
    expect(names(1, "allowed")).toEqual(["Room A", "Room B"]);
    expect(names(1, "against")).toEqual(["Room B"]);
    expect(names(2, "allowed")).toEqual(["Room A"]);
    expect(names(3, "allowed")).toEqual(["Labs"]);
    // 3 and 4 share one choice
    expect(options.byActivity[3].choice).toBe(options.byActivity[4].choice);
    expect(options.choices).toHaveLength(3);
    expect(options.byActivity[5]).toBeUndefined();
    expect(options.byActivity[1].students).toBe(10);
    expect(options.rooms.find((r) => r.name === "Closet")).toEqual({ name: "Closet", capacity: 5 });
    expect(options.rooms.find((r) => r.name === "Labs")).toEqual({
      name: "Labs",
      capacity: 30,
      sets: [
        ["Lab 1", "Lab 2"],
        ["Lab 3", "Lab 4"],
      ],
    });
  });

  it("the page's result carries them; a check's redraw leaves them out; a locked room marks the lesson room-pinned", () => {
    const t = { start: Int32Array.of(4, 0, 1, 1, 8), room: Int32Array.of(0, 0, 7, 7, -1) };
    expect(schoolResultOf(rp, t).roomOptions).toEqual(options);
    expect(schoolResultOf(rp, t, { roomOptions: false }).roomOptions).toBeUndefined();
    const locked = ROOMS_SCHOOL_FET.replace(
      "</Space_Constraints_List>",
      `${constraint("ConstraintActivityPreferredRoom", 100, "\t<Activity_Id>1</Activity_Id>\n\t<Room>Room A</Room>\n\t<Permanently_Locked>true</Permanently_Locked>")}\n</Space_Constraints_List>`,
    );
    const lp = compileFet(locked);
    expect([...lockedRooms(lp.input)]).toEqual([1]);
    const lessons = schoolResultOf(lp, t).views.teacher.flatMap((g) => g.rows.flatMap((r) => r.flatMap((c) => c?.lessons ?? [])));
    expect(lessons.find((l) => l.id === 1)?.roomPinned).toBe(true);
    expect(lessons.find((l) => l.id === 3)?.roomPinned).toBeUndefined();
  });
});
