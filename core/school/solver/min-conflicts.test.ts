/**
 * The min-conflicts tabu search (min-conflicts.ts): it swaps two lessons of a full class when no
 * single move helps, completes a timetable with unplaced lessons, keeps the Board equal to the
 * from-scratch evaluation, and with it switched on chunked runs still equal the straight run.
 */
import { describe, expect, it } from "vitest";
import { evaluateSchool } from "../evaluate";
import { compileFet, SOFT_SCALE } from "../problem";
import { schoolSolver } from "../index";
import { fetText } from "../test/fet";
import { runInChunks } from "../test/chunked";
import { syntheticSchool } from "../test/synthetic";
import { constraint } from "../test/fet";
import { roomFet } from "../test/rooms";
import { hasHardRoomRules, leaveMinConflicts, minConflictsStep, startMinConflicts, startsFromCurrent } from "./min-conflicts";
import { PHASE_HARD, PHASE_LOCAL, PHASE_SOFT } from "./state";

const locked = (id: number, day: string, hour: string) =>
  `<ConstraintActivityPreferredStartingTime>\n\t<Weight_Percentage>100</Weight_Percentage>\n\t<Activity_Id>${id}</Activity_Id>\n\t<Preferred_Day>${day}</Preferred_Day>\n\t<Preferred_Hour>${hour}</Preferred_Hour>\n\t<Permanently_Locked>true</Permanently_Locked>\n\t<Active>true</Active>\n\t<Comments></Comments>\n</ConstraintActivityPreferredStartingTime>`;

// One day of two hours. Y1 has lessons 1 (T1) and 2 (T2): a full day. Lesson 3 (T1, Y2) is locked at h2.
const swapSchool = compileFet(
  fetText({
    days: ["Mon"],
    hours: ["h1", "h2"],
    activities: [
      { id: 1, teachers: ["T1"], students: ["Y1"] },
      { id: 2, teachers: ["T2"], students: ["Y1"] },
      { id: 3, teachers: ["T1"], students: ["Y2"] },
    ],
    time: [locked(3, "Mon", "h2")],
  }),
);

const synthetic = compileFet(fetText(syntheticSchool()));

describe("min-conflicts search", () => {
  it("swaps two lessons of a full class when moving one alone only trades one clash for another", () => {
    const p = swapSchool;
    const [a1, a2, a3] = [1, 2, 3].map((id) => p.actId.indexOf(id));
    const st = schoolSolver.init(p, schoolSolver.parameters({ localAfter: 1 }, p), 1, { maxEvaluations: 1000 });
    const start = new Int32Array(3);
    start[a1] = 1; // T1 twice at h2 (with lesson 3)
    start[a2] = 0;
    start[a3] = 1;
    schoolSolver.warmStart!(st, { start, room: new Int32Array(3).fill(-1) });
    expect(st.board.hard).toBe(1);
    startMinConflicts(st);
    expect(st.phase).toBe(PHASE_LOCAL);
    // lesson 3 cannot move (locked); the first step that moves lesson 1 swaps it with lesson 2 at once:
    // moving it alone to h1 would clash with lesson 2 in Y1 (hard 1), the swap leaves none
    for (let i = 0; i < 20 && st.board.start[a1] === 1; i++) {
      minConflictsStep(st);
      st.iteration++;
    }
    expect([st.board.start[a1], st.board.start[a2], st.board.start[a3]]).toEqual([0, 1, 1]);
    expect(st.board.hard).toBe(0);
    minConflictsStep(st);
    expect(st.phase).toBe(PHASE_SOFT);
    expect(st.bestHard).toBe(0);
  });

  it("swaps a lesson bound to one room (a gym) with the lesson holding that room at the other hour", () => {
    const gym = (id: number) =>
      `<ConstraintActivityPreferredRoom>\n\t<Weight_Percentage>100</Weight_Percentage>\n\t<Activity_Id>${id}</Activity_Id>\n\t<Room>Gym</Room>\n\t<Permanently_Locked>false</Permanently_Locked>\n\t<Active>true</Active>\n\t<Comments></Comments>\n</ConstraintActivityPreferredRoom>`;
    // PE 1 (T1, Y1) and PE 2 (T2, Y2) both need the gym; lesson 3 (T1, Y3) is locked at h2
    const p = compileFet(
      fetText({
        days: ["Mon"],
        hours: ["h1", "h2"],
        years: [{ name: "Y1" }, { name: "Y2" }, { name: "Y3" }],
        rooms: [{ name: "Gym" }, { name: "R" }],
        activities: [
          { id: 1, teachers: ["T1"], students: ["Y1"] },
          { id: 2, teachers: ["T2"], students: ["Y2"] },
          { id: 3, teachers: ["T1"], students: ["Y3"] },
        ],
        time: [locked(3, "Mon", "h2")],
        space: [gym(1), gym(2)],
      }),
    );
    const [pe1, pe2, a3] = [1, 2, 3].map((id) => p.actId.indexOf(id));
    const g = p.rooms.indexOf("Gym");
    const st = schoolSolver.init(p, schoolSolver.parameters({}, p), 1, { maxEvaluations: 1000 });
    const start = new Int32Array(3);
    const room = new Int32Array(3).fill(-1);
    start[pe1] = 1; // T1 twice at h2 (with lesson 3)
    start[pe2] = 0;
    start[a3] = 1;
    room[pe1] = g;
    room[pe2] = g;
    schoolSolver.warmStart!(st, { start, room });
    expect(st.board.hard).toBe(1);
    startMinConflicts(st);
    // PE 1 alone at h1 would share the gym with PE 2 (hard 1); the swap through the gym leaves none
    for (let i = 0; i < 20 && st.board.start[pe1] === 1; i++) {
      minConflictsStep(st);
      st.iteration++;
    }
    expect([st.board.start[pe1], st.board.start[pe2]]).toEqual([0, 1]);
    expect([st.board.room[pe1], st.board.room[pe2]]).toEqual([g, g]);
    expect(st.board.hard).toBe(0);
  });

  it("completes a timetable with lessons left out, lowers its hard count and keeps the Board equal to the evaluator", () => {
    const p = synthetic;
    const st = schoolSolver.init(p, schoolSolver.parameters({ localAfter: 1, localLength: 1e6 }, p), 3, { maxEvaluations: 1e9 });
    // a random timetable with every tenth lesson left out
    const start = new Int32Array(p.nActivities).fill(-1);
    for (let a = 0; a < p.nActivities; a++) {
      if (a % 10 === 0) continue;
      const fit = [...Array(p.nSlots).keys()].filter((s) => p.fits[a * p.nSlots + s]);
      start[a] = fit[(a * 7919) % fit.length];
    }
    schoolSolver.warmStart!(st, { start, room: new Int32Array(p.nActivities).fill(-1) });
    const before = st.board.hard;
    startMinConflicts(st);
    expect([...st.board.start].every((s) => s >= 0)).toBe(true);
    expect(st.poolSize).toBe(0);
    for (let i = 0; i < 3000 && st.phase === PHASE_LOCAL; i++) {
      minConflictsStep(st);
      st.iteration++;
    }
    const e = evaluateSchool(p, { start: st.board.start, room: st.board.room });
    expect([st.board.hard, st.board.soft / SOFT_SCALE]).toEqual([e.hard, e.soft]);
    expect(st.bestHard).toBeLessThan(before);
    expect(st.bestHard).toBeLessThanOrEqual(2);
  });

  it("makes a move that raises the hard count beyond the run's best plus worseningSlack only with probability worseningAccept", () => {
    // One day of two hours. Lesson 1 (T1, Y1) at h1 clashes with lesson 2 (T1, Y2, locked at h1); at h2 it would
    // clash with lesson 3 (T2, Y1) and lesson 4 (T1, Y3), both locked there: its only move raises the count to 2.
    const p = compileFet(
      fetText({
        days: ["Mon"],
        hours: ["h1", "h2"],
        years: [{ name: "Y1" }, { name: "Y2" }, { name: "Y3" }],
        activities: [
          { id: 1, teachers: ["T1"], students: ["Y1"] },
          { id: 2, teachers: ["T1"], students: ["Y2"] },
          { id: 3, teachers: ["T2"], students: ["Y1"] },
          { id: 4, teachers: ["T1"], students: ["Y3"] },
        ],
        time: [locked(2, "Mon", "h1"), locked(3, "Mon", "h2"), locked(4, "Mon", "h2")],
      }),
    );
    const ids = [1, 2, 3, 4].map((id) => p.actId.indexOf(id));
    const run = (worseningAccept: number, worseningSlack: number) => {
      const st = schoolSolver.init(p, schoolSolver.parameters({ worseningAccept, worseningSlack, localLength: 1000 }, p), 1, { maxEvaluations: 1e6 });
      const start = new Int32Array(4);
      [0, 0, 1, 1].forEach((s, i) => {
        start[ids[i]] = s;
      });
      schoolSolver.warmStart!(st, { start, room: new Int32Array(4).fill(-1) });
      expect(st.board.hard).toBe(1);
      startMinConflicts(st);
      const stall0 = st.localStall;
      // the locked lessons have nowhere to go: 40 steps pick lesson 1 about 20 times
      for (let i = 0; i < 40 && st.board.start[ids[0]] === 0; i++) {
        minConflictsStep(st);
        st.iteration++;
      }
      return { moved: st.board.start[ids[0]] === 1, hard: st.board.hard, stalled: st.localStall - stall0 };
    };
    const never = run(0, 0);
    expect(never).toMatchObject({ moved: false, hard: 1 });
    expect(never.stalled).toBeGreaterThan(0);
    expect(run(1, 0)).toMatchObject({ moved: true, hard: 2 });
    // hard 2 is the run's best (1) plus one: within a slack of 1 the move is made even with worseningAccept 0
    expect(run(0, 1)).toMatchObject({ moved: true, hard: 2 });
  });

  it("changes a lesson's room at its start when a hard rule over rooms of lessons together is broken and no move helps", () => {
    // One day of two hours. T1's lessons 1 and 2 are locked at H0 and H1; rooms A1 (building B1) and B (B2);
    // T1 may not change building in a day (100%). Lesson 1 in A1 and lesson 2 in B: one change, and no start to move to.
    const p = compileFet(
      roomFet(
        {
          days: 1,
          hours: 2,
          buildings: ["B1", "B2"],
          rooms: [
            { name: "A1", building: "B1" },
            { name: "B", building: "B2" },
          ],
          activities: [
            { id: 1, teachers: ["T1"], students: ["Y1"] },
            { id: 2, teachers: ["T1"], students: ["Y1"] },
          ],
          space: [
            constraint("ConstraintTeacherMaxBuildingChangesPerDay", 100, "\t<Teacher>T1</Teacher>\n\t<Max_Building_Changes_Per_Day>0</Max_Building_Changes_Per_Day>"),
            // both lessons need a room, either one
            ...[1, 2].map((id) =>
              constraint(
                "ConstraintActivityPreferredRooms",
                100,
                `\t<Activity_Id>${id}</Activity_Id>\n\t<Number_of_Preferred_Rooms>2</Number_of_Preferred_Rooms>\n\t<Preferred_Room>A1</Preferred_Room>\n\t<Preferred_Room>B</Preferred_Room>`,
              ),
            ),
          ],
        },
        { 1: [0, 0], 2: [0, 1] },
        false,
      ),
    );
    expect(hasHardRoomRules(p)).toBe(true);
    expect(hasHardRoomRules(swapSchool)).toBe(false);
    const [a1, a2] = [1, 2].map((id) => p.actId.indexOf(id));
    const run = (roomMoves: boolean) => {
      const st = schoolSolver.init(p, schoolSolver.parameters({ roomMoves, localLength: 1000 }, p), 1, { maxEvaluations: 1e6 });
      const start = new Int32Array(2);
      const room = new Int32Array(2);
      [start[a1], start[a2]] = [0, 1];
      [room[a1], room[a2]] = [p.rooms.indexOf("A1"), p.rooms.indexOf("B")];
      schoolSolver.warmStart!(st, { start, room });
      expect(st.board.hard).toBe(1);
      startMinConflicts(st);
      for (let i = 0; i < 10 && st.board.hard > 0; i++) {
        minConflictsStep(st);
        st.iteration++;
      }
      const e = evaluateSchool(p, { start: st.board.start, room: st.board.room });
      expect(st.board.hard).toBe(e.hard);
      return { hard: st.board.hard, sameRoom: st.board.room[a1] === st.board.room[a2], start: [st.board.start[a1], st.board.start[a2]] };
    };
    expect(run(true)).toEqual({ hard: 0, sameRoom: true, start: [0, 1] });
    expect(run(false)).toMatchObject({ hard: 1, sameRoom: false });
  });

  it("starts a later run from the forward search's timetable with probability localFromCurrent, never the first", () => {
    const p = synthetic;
    const draw = (localFromCurrent: number, localRuns: number) => {
      const st = schoolSolver.init(p, schoolSolver.parameters({ localFromCurrent }, p), 3, { maxEvaluations: 1000 });
      st.localRuns = localRuns;
      let n = 0;
      for (let i = 0; i < 200; i++) if (startsFromCurrent(st)) n++;
      return n;
    };
    expect(draw(1, 0)).toBe(0);
    expect(draw(0, 5)).toBe(0);
    expect(draw(1, 5)).toBe(200);
    const half = draw(0.5, 5);
    expect(half).toBeGreaterThan(60);
    expect(half).toBeLessThan(140);
  });

  it("hands the clashing lessons back to the forward search: one of each clash goes to the pool", () => {
    const p = swapSchool;
    const [a1, a2, a3] = [1, 2, 3].map((id) => p.actId.indexOf(id));
    const st = schoolSolver.init(p, schoolSolver.parameters({}, p), 1, { maxEvaluations: 1000 });
    const start = new Int32Array(3);
    start[a1] = 1;
    start[a2] = 0;
    start[a3] = 1;
    schoolSolver.warmStart!(st, { start, room: new Int32Array(3).fill(-1) });
    leaveMinConflicts(st);
    expect(st.phase).toBe(PHASE_HARD);
    expect(st.poolSize).toBe(1);
    expect(st.board.clashes).toBe(0);
    expect(st.board.start[a2]).toBe(0);
  });

  it("switched on, still reaches zero hard on a feasible school, and chunked runs equal the straight run", () => {
    const p = synthetic;
    const params = schoolSolver.parameters({ localAfter: 3, localLength: 30, segmentMoves: 5000 }, p);
    const max = 120_000;
    const straight = schoolSolver.init(p, params, 5, { maxEvaluations: max });
    schoolSolver.step(straight, { evaluations: Infinity });
    const ref = schoolSolver.best(straight);
    expect(ref.hard).toBe(0);
    expect(straight.localRuns).toBeGreaterThan(0);
    for (const chunk of [777, 4_321]) {
      const s = runInChunks(p, params, 5, max, chunk);
      const got = schoolSolver.best(s);
      expect(s.evaluations).toBe(straight.evaluations);
      expect(s.localRuns).toBe(straight.localRuns);
      expect([got.hard, got.soft]).toEqual([ref.hard, ref.soft]);
      expect([...got.solution.start]).toEqual([...ref.solution.start]);
    }
  }, 60_000);
});
