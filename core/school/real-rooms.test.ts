/**
 * Virtual rooms (real-rooms.ts): reading, compiling, verdicts checked against fet-cl on tiny
 * hand-written files, the Board against the from-scratch evaluation, and a solved school with
 * virtual rooms written as a locked .fet that fet-cl opens.
 */
import { describe, expect, it } from "vitest";
import { ProblemError } from "../engine/errors";
import { Rng } from "../engine/random";
import { Board } from "./board";
import { runFetCl } from "./cli/fetcl";
import { evaluateSchool } from "./evaluate";
import { explainSchool } from "./explain";
import { readFet } from "./fet/read";
import { writeFet } from "./fet/write";
import { compileFet, SOFT_SCALE, type SchoolProblem } from "./problem";
import { compileSchool, fetInputToText, fetToModel, modelToFet, schoolSolver } from "./index";
import { assignRealRooms } from "./real-rooms";
import { constraint, fetText, type TinySchool } from "./test/fet";
import { FETCL } from "./test/harness";
import { LOCKED_CPU_SECONDS } from "./test/locked";
import { runInChunks } from "./test/chunked";

const FOUR = [
  { name: "R1" },
  { name: "R2" },
  { name: "R3" },
  { name: "R4" },
  {
    name: "V",
    sets: [
      ["R1", "R2"],
      ["R3", "R4"],
    ],
  },
];
const THREE = [
  { name: "R1" },
  { name: "R2" },
  { name: "R3" },
  {
    name: "V",
    sets: [
      ["R1", "R2"],
      ["R2", "R3"],
    ],
  },
];
const notAvailable = (room: string) =>
  constraint(
    "ConstraintRoomNotAvailableTimes",
    100,
    `\t<Room>${room}</Room>\n\t<Number_of_Not_Available_Times>1</Number_of_Not_Available_Times>\n\t<Not_Available_Time>\n\t\t<Day>Mon</Day>\n\t\t<Hour>h1</Hour>\n\t</Not_Available_Time>`,
  );
const preferredRoom = (id: number, room: string) =>
  constraint("ConstraintActivityPreferredRoom", 100, `\t<Activity_Id>${id}</Activity_Id>\n\t<Room>${room}</Room>\n\t<Permanently_Locked>false</Permanently_Locked>`);

interface Lesson {
  room: string;
  /** The real rooms (one per set, in the file's set order); absent: chosen by assignRealRooms. */
  real?: string[];
  hour?: number;
  duration?: number;
}

/** A school with one teacher and one year per lesson, every lesson on Monday (hour 0 unless given) in its room. */
function school(rooms: TinySchool["rooms"], lessons: Lesson[], space: string[] = []): TinySchool {
  return {
    rooms,
    teachers: lessons.map((_, i) => `T${i}`),
    years: lessons.map((_, i) => ({ name: `Y${i}` })),
    activities: lessons.map((l, i) => ({ id: i + 1, teachers: [`T${i}`], students: [`Y${i}`], duration: l.duration ?? 1 })),
    space: [...lessons.map((l, i) => preferredRoom(i + 1, l.room)), ...space],
  };
}

/** The lessons as a timetable of `p`, real rooms mapped to the compiled (smallest set first) order. */
function timetable(p: SchoolProblem, lessons: Lesson[]) {
  const n = p.nActivities;
  const K = p.maxRealRooms;
  const start = Int32Array.from(lessons, (l) => l.hour ?? 0);
  const room = Int32Array.from(lessons, (l) => p.rooms.indexOf(l.room));
  const given = lessons.some((l) => l.real);
  const real = new Int32Array(n * K).fill(-1);
  lessons.forEach((l, a) => {
    if (!l.real) return;
    const v = room[a];
    const names = [...l.real];
    // each compiled set takes the given room that belongs to it
    for (let k = p.vSetStart[v]; k < p.vSetStart[v + 1]; k++) {
      const set = Array.from(p.vReal.subarray(p.vRealStart[k], p.vRealStart[k + 1]), (r) => p.rooms[r]);
      const i = names.findIndex((x) => set.includes(x));
      real[a * K + (k - p.vSetStart[v])] = i < 0 ? -1 : p.rooms.indexOf(names.splice(i, 1)[0]);
    }
  });
  return given ? { start, room, real } : { start, room };
}

function issue(f: () => unknown) {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ProblemError);
    return (e as ProblemError).issues[0];
  }
  throw new Error("expected a ProblemError");
}

describe("virtual rooms: reading and compiling", () => {
  it("reads the sets of real rooms and compiles them smallest first", () => {
    const rooms = [{ name: "R1" }, { name: "R2" }, { name: "R3" }, { name: "V", capacity: 50, sets: [["R1", "R2", "R3"], ["R3"]] }];
    const input = readFet(fetText(school(rooms, [{ room: "V" }])));
    expect(input.rooms[3]).toMatchObject({ name: "V", virtual: true, capacity: 50, sets: [["R1", "R2", "R3"], ["R3"]] });
    const p = compileFet(fetText(school(rooms, [{ room: "V" }])));
    expect(Array.from(p.roomVirtual)).toEqual([0, 0, 0, 1]);
    expect(p.maxRealRooms).toBe(2);
    const sets = [];
    for (let k = p.vSetStart[3]; k < p.vSetStart[4]; k++) sets.push(Array.from(p.vReal.subarray(p.vRealStart[k], p.vRealStart[k + 1]), (r) => p.rooms[r]));
    expect(sets).toEqual([["R3"], ["R1", "R2", "R3"]]);
    expect(p.ignored).toEqual([]);
    // the only real room of the small set is taken first, the other set gets another
    const real = assignRealRooms(p, Int32Array.of(0), Int32Array.of(3));
    expect(Array.from(real, (r) => p.rooms[r])).toEqual(["R3", "R1"]);
  });

  it("refuses unknown or virtual real rooms and empty sets, naming the room element and its line", () => {
    const text = fetText(school([{ name: "R1" }, { name: "V", sets: [["R1", "Nowhere"]] }], [{ room: "V" }]));
    const i = issue(() => compileFet(text));
    expect(i.message).toBe('virtual room "V": unknown real room "Nowhere"');
    expect(i.path).toEqual(["Rooms_List/Room[2]/Set_of_Real_Rooms[1]/Real_Room"]);
    expect(i.line).toBe(text.split("\n").findIndex((l) => l.includes("<Name>V</Name>")));
    const nested = issue(() => compileFet(fetText(school([{ name: "R1" }, { name: "W", sets: [["R1"]] }, { name: "V", sets: [["W"]] }], [{ room: "V" }]))));
    expect(nested.message).toMatch(/"W" is itself a virtual room/);
    const empty = fetText(school([{ name: "R1" }, { name: "V", sets: [["R1"]] }], [{ room: "V" }])).replace(/<Set_of_Real_Rooms>[\s\S]*?<\/Set_of_Real_Rooms>/, "");
    expect(issue(() => readFet(empty)).message).toMatch(/at least one <Set_of_Real_Rooms>/);
    const tooMany = fetText(school([{ name: "R1" }, { name: "V", sets: Array.from({ length: 51 }, () => ["R1"]) }], [{ room: "V" }]));
    expect(issue(() => readFet(tooMany)).message).toBe("too many sets of real rooms in one virtual room: the limit is 50");
  });
});

// Each case: lessons on Monday, our verdict (hard violations) and whether fet-cl opens the locked file.
const CASES: { name: string; rooms: TinySchool["rooms"]; lessons: Lesson[]; space?: string[]; hard: number }[] = [
  { name: "one real room from each set", rooms: THREE, lessons: [{ room: "V", real: ["R1", "R3"] }], hard: 0 },
  { name: "a virtual room's real room used by another lesson at once", rooms: THREE, lessons: [{ room: "V", real: ["R1", "R2"] }, { room: "R2" }], hard: 1 },
  { name: "a real room not in use by the virtual room's lesson", rooms: THREE, lessons: [{ room: "V", real: ["R1", "R2"] }, { room: "R3" }], hard: 0 },
  {
    name: "two lessons in one virtual room with different real rooms",
    rooms: FOUR,
    lessons: [
      { room: "V", real: ["R1", "R3"] },
      { room: "V", real: ["R2", "R4"] },
    ],
    hard: 0,
  },
  {
    name: "two lessons in one virtual room sharing a real room",
    rooms: THREE,
    lessons: [
      { room: "V", real: ["R1", "R2"] },
      { room: "V", real: ["R2", "R3"] },
    ],
    hard: 1,
  },
  { name: "a real room not available at the lesson's hour", rooms: THREE, lessons: [{ room: "V", real: ["R1", "R2"] }], space: [notAvailable("R1")], hard: 1 },
  { name: "the virtual room not available at the lesson's hour", rooms: THREE, lessons: [{ room: "V", real: ["R1", "R2"] }], space: [notAvailable("V")], hard: 1 },
  {
    name: "a double lesson's real room taken in its second hour",
    rooms: FOUR,
    lessons: [
      { room: "V", real: ["R1", "R3"], duration: 2 },
      { room: "R1", hour: 1 },
    ],
    hard: 1,
  },
  {
    name: "the virtual room's capacity counts, not the real rooms'",
    rooms: [
      { name: "R1", capacity: 5 },
      { name: "R2", capacity: 5 },
      { name: "V", capacity: 100, sets: [["R1"], ["R2"]] },
    ],
    lessons: [{ room: "V", real: ["R1", "R2"] }],
    hard: 0,
  },
  { name: "real rooms chosen by us: two lessons in one virtual room at once", rooms: FOUR, lessons: [{ room: "V" }, { room: "V" }], hard: 0 },
];

describe("virtual rooms: verdicts (checked with fet-cl)", () => {
  for (const c of CASES) {
    it(`${c.name}: hard ${c.hard}`, () => {
      const text = fetText(school(c.rooms, c.lessons, c.space));
      const p = compileFet(text);
      const t = timetable(p, c.lessons);
      const e = evaluateSchool(p, t);
      expect(e.hard).toBe(c.hard);
      // the Board agrees, placing with the same real rooms
      const b = new Board(p);
      for (let a = 0; a < p.nActivities; a++) b.place(a, t.start[a], t.room[a], t.real?.subarray(a * p.maxRealRooms, (a + 1) * p.maxRealRooms));
      expect(b.hard).toBe(c.hard);
      const locked = writeFet(p, t);
      if (t.real === undefined) expect(locked).toContain("<Number_of_Real_Rooms>2</Number_of_Real_Rooms>");
      if (!FETCL) return console.warn("fet-cl not installed (/usr/bin/fet-cl): skipping the comparison with FET");
      expect(runFetCl(locked, 2, { cpuSeconds: LOCKED_CPU_SECONDS }).success, `fet-cl on: ${c.name}`).toBe(c.hard === 0);
    }, 20_000);
  }
});

describe("virtual rooms: real rooms listed by ActivityPreferredRoom (FET's locked real rooms)", () => {
  const lockedReal = (real: string[]) =>
    constraint(
      "ConstraintActivityPreferredRoom",
      100,
      `\t<Activity_Id>1</Activity_Id>\n\t<Room>V</Room>\n\t<Number_of_Real_Rooms>${real.length}</Number_of_Real_Rooms>\n${real.map((r) => `\t<Real_Room>${r}</Real_Room>`).join("\n")}\n\t<Permanently_Locked>true</Permanently_Locked>`,
    );
  const base = (real: string[]) => ({ ...school(FOUR, [{ room: "V" }]), space: [lockedReal(real)] });

  it("the listed real rooms are the ones chosen; others count one violation each (fet-cl agrees)", () => {
    const p = compileFet(fetText(base(["R4", "R2"])));
    const chosen = assignRealRooms(p, Int32Array.of(0), Int32Array.of(4));
    expect(Array.from(chosen, (r) => p.rooms[r]).sort()).toEqual(["R2", "R4"]);
    expect(evaluateSchool(p, { start: Int32Array.of(0), room: Int32Array.of(4) }).hard).toBe(0);
    // greedy would give the first set R1 (listed) and leave the second set only R3: the search finds R2 + R1
    const crossed = compileFet(
      fetText({
        ...school(
          [
            { name: "R1" },
            { name: "R2" },
            { name: "R3" },
            {
              name: "V",
              sets: [
                ["R1", "R2"],
                ["R3", "R1"],
              ],
            },
          ],
          [{ room: "V" }],
        ),
        space: [lockedReal(["R1", "R2"])],
      }),
    );
    const crossedReal = assignRealRooms(crossed, Int32Array.of(0), Int32Array.of(3));
    expect(Array.from(crossedReal, (r) => crossed.rooms[r]).sort()).toEqual(["R1", "R2"]);
    expect(evaluateSchool(crossed, { start: Int32Array.of(0), room: Int32Array.of(3) }).hard).toBe(0);
    const other = { start: Int32Array.of(0), room: Int32Array.of(4), real: Int32Array.of(0, 2) }; // R1, R3
    const e = evaluateSchool(p, other);
    expect(e.hard).toBe(2);
    expect(e.constraints.find((c) => c.type === "ConstraintActivityPreferredRoom")?.violations).toBe(2);
    const b = new Board(p);
    b.place(0, 0, 4, other.real);
    expect(b.hard).toBe(2);
    if (!FETCL) return console.warn("fet-cl not installed (/usr/bin/fet-cl): skipping the comparison with FET");
    expect(runFetCl(writeFet(p, { start: Int32Array.of(0), room: Int32Array.of(4) }), 2, { cpuSeconds: LOCKED_CPU_SECONDS }).success).toBe(true);
    // the listed rooms conflict with a locked lesson in R2 at the same hour: FET refuses, we count it
    const clash = {
      ...base(["R4", "R2"]),
      teachers: ["T0", "T1"],
      years: [{ name: "Y0" }, { name: "Y1" }],
      activities: [
        { id: 1, teachers: ["T0"], students: ["Y0"] },
        { id: 2, teachers: ["T1"], students: ["Y1"] },
      ],
      space: [lockedReal(["R4", "R2"]), preferredRoom(2, "R2")],
    };
    const pc = compileFet(fetText(clash));
    const t = { start: Int32Array.of(0, 0), room: Int32Array.of(4, 1) };
    expect(evaluateSchool(pc, t).hard).toBe(1);
    expect(runFetCl(writeFet(pc, t), 2, { cpuSeconds: LOCKED_CPU_SECONDS }).success).toBe(false);
  }, 20_000);
});

describe("virtual rooms: the explanation", () => {
  it("names the real rooms and, for a clash, the lessons sharing a real room (not those sharing the virtual room)", () => {
    const lessons: Lesson[] = [{ room: "V", real: ["R1", "R3"] }, { room: "V", real: ["R2", "R4"] }, { room: "R4" }];
    const p = compileFet(fetText(school(FOUR, lessons)));
    const x = explainSchool(p, timetable(p, lessons));
    expect(x.hard).toBe(1);
    const space = x.constraints.find((c) => c.type === "ConstraintBasicCompulsorySpace")!;
    expect(space.activities.map((a) => [a.id, a.room, a.realRooms])).toEqual([
      [2, "V", ["R2", "R4"]],
      [3, "R4", undefined],
    ]);
  });
});

/** 5 days × 4 hours; 6 classes with 6 lessons each; sports lessons need the virtual room "Gym+Field" (one hall, one field). */
function sportsSchool(): TinySchool {
  const rooms = [
    { name: "A" },
    { name: "B" },
    { name: "C" },
    { name: "H1" },
    { name: "H2" },
    { name: "F1" },
    { name: "F2" },
    {
      name: "Gym+Field",
      sets: [
        ["H1", "H2"],
        ["F1", "F2"],
      ],
    },
  ];
  const activities = [];
  const space: string[] = [];
  let id = 1;
  for (let c = 0; c < 6; c++) {
    for (let i = 0; i < 6; i++) {
      const sport = i < 2;
      activities.push({ id, teachers: [`T${(c + i) % 6}`], students: [`C${c}`], subject: sport ? "Sport" : "Math" });
      space.push(preferredRoom(id, sport ? "Gym+Field" : ["A", "B", "C"][(c + i) % 3]));
      id++;
    }
  }
  const notAvail = constraint(
    "ConstraintRoomNotAvailableTimes",
    100,
    `\t<Room>H1</Room>\n\t<Number_of_Not_Available_Times>2</Number_of_Not_Available_Times>\n${["Mon", "Tue"].map((d) => `\t<Not_Available_Time>\n\t\t<Day>${d}</Day>\n\t\t<Hour>h1</Hour>\n\t</Not_Available_Time>`).join("\n")}`,
  );
  return {
    days: ["Mon", "Tue", "Wed", "Thu", "Fri"],
    teachers: Array.from({ length: 6 }, (_, i) => `T${i}`),
    subjects: ["Math", "Sport"],
    years: Array.from({ length: 6 }, (_, c) => ({ name: `C${c}` })),
    rooms,
    activities,
    space: [...space, notAvail],
  };
}

describe("virtual rooms: Board and solver", () => {
  const p = compileFet(fetText(sportsSchool()));

  it("the Board keeps the from-scratch evaluation (with its real rooms) through random moves", () => {
    const b = new Board(p);
    const rng = Rng.seeded(5);
    const n = p.nActivities;
    const roomsOf = (a: number) => (p.needsRoom[a] ? [...Array(p.rooms.length).keys()].filter((r) => p.roomHard[a * p.rooms.length + r] === 0) : [-1]);
    for (let a = 0; a < n; a++) b.place(a, rng.int(p.nSlots), roomsOf(a)[0]);
    for (let i = 0; i < 3000; i++) {
      const a = rng.int(n);
      b.unplace(a);
      if (i % 9 !== 0) b.place(a, rng.int(p.nSlots), roomsOf(a)[rng.int(roomsOf(a).length)]);
      if (i % 250 === 0) {
        const e = evaluateSchool(p, { start: b.start, room: b.room, real: b.real });
        expect([b.hard, b.soft / SOFT_SCALE]).toEqual([e.hard, e.soft]);
      }
    }
  });

  it("a checkpoint keeps the real rooms: chunked runs equal a straight run", () => {
    // sports lessons prefer the first hour (70%): more than the halls and fields hold, so the soft phase runs to the limit
    const soft = constraint(
      "ConstraintActivitiesPreferredStartingTimes",
      70,
      `\t<Teacher_Name></Teacher_Name>\n\t<Students_Name></Students_Name>\n\t<Subject_Name>Sport</Subject_Name>\n\t<Activity_Tag_Name></Activity_Tag_Name>\n\t<Duration></Duration>\n\t<Number_of_Preferred_Starting_Times>5</Number_of_Preferred_Starting_Times>\n${["Mon", "Tue", "Wed", "Thu", "Fri"].map((d) => `\t<Preferred_Starting_Time>\n\t\t<Preferred_Starting_Day>${d}</Preferred_Starting_Day>\n\t\t<Preferred_Starting_Hour>h1</Preferred_Starting_Hour>\n\t</Preferred_Starting_Time>`).join("\n")}`,
    );
    const p = compileFet(fetText({ ...sportsSchool(), time: [soft] }));
    const run = (chunk: number) => {
      return schoolSolver.best(runInChunks(p, schoolSolver.parameters({}, p), 4, 30_000, chunk));
    };
    const straight = run(1e12);
    expect(schoolSolver.progress(schoolSolver.init(p, schoolSolver.parameters({}, p), 4, { maxEvaluations: 1 })).done).toBe(false);
    expect(straight.soft).toBeGreaterThan(0);
    const chunked = run(500);
    expect(Array.from(chunked.solution.start)).toEqual(Array.from(straight.solution.start));
    expect([chunked.hard, chunked.soft]).toEqual([straight.hard, straight.soft]);
  });

  it("solves a school with a virtual room to hard 0; fet-cl opens the locked result with its real rooms", () => {
    const st = schoolSolver.init(p, schoolSolver.parameters({}, p), 2, { maxEvaluations: 200_000 });
    schoolSolver.step(st, { evaluations: Infinity });
    const best = schoolSolver.best(st);
    expect(best.hard).toBe(0);
    // the real rooms of the written timetable are chosen again (real-rooms.ts) and still clash-free
    expect(evaluateSchool(p, best.solution).hard).toBe(0);
    const locked = writeFet(p, best.solution);
    const space = locked.slice(locked.lastIndexOf("<Space_Constraints_List>"));
    expect(space.match(/<Number_of_Real_Rooms>2<\/Number_of_Real_Rooms>/g)).toHaveLength(12);
    if (!FETCL) return console.warn("fet-cl not installed (/usr/bin/fet-cl): skipping the comparison with FET");
    expect(runFetCl(locked, 5).success).toBe(true);
  }, 30_000);
});

describe("virtual rooms: the JSON model", () => {
  it("keeps the sets through .fet → model → .fet and compiles to the same verdicts", () => {
    const lessons: Lesson[] = [{ room: "V" }, { room: "V" }, { room: "R2" }];
    const text = fetText(school(FOUR, lessons));
    const model = { kind: "timetabling", ...fetToModel(readFet(text)) };
    expect(model.rooms?.find((r) => r.name === "V")).toEqual({
      name: "V",
      capacity: 30,
      virtual: true,
      sets: [
        ["R1", "R2"],
        ["R3", "R4"],
      ],
    });
    const fromModel = compileSchool(model);
    const fromFet = compileFet(text);
    expect(Array.from(fromModel.vReal)).toEqual(Array.from(fromFet.vReal));
    const t = timetable(fromFet, lessons);
    const verdicts = (p: SchoolProblem) => {
      const { constraints, ...e } = evaluateSchool(p, t);
      return { ...e, constraints: constraints.map(({ path: _, ...c }) => c) }; // paths differ: XML path vs JSON path
    };
    expect(verdicts(fromModel)).toEqual(verdicts(fromFet));
    // both lessons in V need a room of the first set (R1, R2), and the third lesson holds R2
    expect(verdicts(fromFet)).toMatchObject({ hard: 1, roomClashes: 1 });
    const back = readFet(fetInputToText(modelToFet(model)));
    expect(back.rooms.find((r) => r.name === "V")?.sets).toEqual([
      ["R1", "R2"],
      ["R3", "R4"],
    ]);
  });

  it("refuses sets on a real room, a virtual room without sets and unknown real rooms, with JSON paths", () => {
    const model = { kind: "timetabling", ...fetToModel(readFet(fetText(school(FOUR, [{ room: "V" }])))) } as any;
    const paths = (m: unknown) => {
      try {
        compileSchool(m);
      } catch (e) {
        expect(e).toBeInstanceOf(ProblemError);
        return (e as ProblemError).issues.map((i) => `${i.path.join(".")}: ${i.message}`);
      }
      throw new Error("expected a ProblemError");
    };
    const withRoom = (i: number, room: unknown) => ({ ...model, rooms: model.rooms.map((r: unknown, k: number) => (k === i ? room : r)) });
    expect(paths(withRoom(0, { name: "R1", sets: [["R2"]] }))).toContain("rooms.0.sets: only a virtual room has sets of real rooms");
    expect(paths(withRoom(4, { name: "V", virtual: true }))).toContain("rooms.4.sets: a virtual room needs its sets of real rooms");
    expect(paths(withRoom(4, { name: "V", virtual: true, sets: [["R1", "Nowhere"]] }))).toContain('rooms.4.sets.0.1: unknown room "Nowhere"');
  });
});
