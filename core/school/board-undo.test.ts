import { describe, expect, it } from "vitest";
import { Board } from "./board";
import type { SchoolProblem } from "./problem";
import { constraint } from "./test/fet";
import { studentsNotAvailable } from "./test/locked";
import { boardDisagreementsWithRooms, ours, type RoomSpec } from "./test/rooms";

/** Everything a Board keeps that the timetable decides, as plain arrays (to compare two Boards). */
function snapshot(b: Board) {
  return {
    start: Array.from(b.start),
    room: Array.from(b.room),
    hard: b.hard,
    soft: b.soft,
    clashes: b.clashes,
    roomClashes: b.roomClashes,
    localHard: b.localHard,
    localSoft: b.localSoft,
    resHard: b.resHard,
    resSoft: b.resSoft,
    setHard: b.setHard,
    setSoft: b.setSoft,
    unplaced: b.unplaced,
    actHard: Array.from(b.actHard),
    actSoft: Array.from(b.actSoft),
    tOcc: Array.from(b.tOcc),
    gOcc: Array.from(b.gOcc),
    rOcc: Array.from(b.rOcc),
    tWho: Array.from(b.tWho),
    gWho: Array.from(b.gWho),
    rWho: Array.from(b.rWho),
    resDay: Array.from(b.resDay),
    resViol: Array.from(b.resViol),
    setViol: Array.from(b.setViol),
    tallyDay: Array.from(b.tallies.dayValue),
    tallyViol: Array.from(b.tallies.viol),
    tallyHard: b.tallies.hard,
    tallySoft: b.tallies.soft,
  };
}

/** A Board with `b`'s timetable placed from nothing, in activity order. */
function rebuilt(p: SchoolProblem, b: Board): Board {
  const fresh = new Board(p);
  for (let a = 0; a < p.nActivities; a++) if (b.start[a] >= 0) fresh.place(a, b.start[a], b.room[a]);
  return fresh;
}

describe("Board undo frames (board.ts): a place or unplace undoing the newest one puts the old values back", () => {
  const spec: RoomSpec = {
    days: 3,
    hours: 6,
    tags: ["A", "B"],
    teachers: ["T1", "T2", "T3"],
    years: [{ name: "Y1", groups: [{ name: "G1", subgroups: ["S1", "S2", "S3"] }] }],
    rooms: [{ name: "R1" }, { name: "R2" }, { name: "R3" }],
    activities: [
      { id: 1, teachers: ["T1"], students: ["G1"], tags: ["A"], groupId: 1 },
      { id: 2, teachers: ["T1"], students: ["G1"], tags: ["B"], groupId: 1 },
      { id: 3, teachers: ["T2"], students: ["G1"], tags: ["A", "B"], groupId: 1 },
      { id: 4, teachers: ["T2"], students: ["S1"], tags: ["B"], duration: 2 },
      { id: 5, teachers: ["T1"], students: ["S2"], tags: ["A"] },
      { id: 6, teachers: ["T2"], students: ["S3"] },
      { id: 7, teachers: ["T1"], students: ["S1"], tags: ["B"] },
      { id: 8, teachers: ["T3"], students: ["S2", "S3"], duration: 2 },
    ],
    time: [
      constraint(
        "ConstraintStudentsMinGapsBetweenOrderedPairOfActivityTags",
        100,
        "\t<First_Activity_Tag>A</First_Activity_Tag>\n\t<Second_Activity_Tag>B</Second_Activity_Tag>\n\t<MinGaps>1</MinGaps>",
      ),
      constraint("ConstraintStudentsActivityTagMaxHoursDaily", 70, "\t<Activity_Tag>B</Activity_Tag>\n\t<Maximum_Hours_Daily>1</Maximum_Hours_Daily>"),
      constraint("ConstraintStudentsMaxGapsPerWeek", 100, "\t<Max_Gaps>0</Max_Gaps>"),
      constraint("ConstraintTeachersMaxHoursDaily", 80, "\t<Maximum_Hours_Daily>2</Maximum_Hours_Daily>"),
      constraint(
        "ConstraintMinDaysBetweenActivities",
        95,
        "\t<Consecutive_If_Same_Day>true</Consecutive_If_Same_Day>\n\t<Number_of_Activities>3</Number_of_Activities>\n\t<Activity_Id>1</Activity_Id>\n\t<Activity_Id>2</Activity_Id>\n\t<Activity_Id>3</Activity_Id>\n\t<MinDays>1</MinDays>",
      ),
      constraint(
        "ConstraintActivitiesNotOverlapping",
        90,
        "\t<Number_of_Activities>3</Number_of_Activities>\n\t<Activity_Id>4</Activity_Id>\n\t<Activity_Id>5</Activity_Id>\n\t<Activity_Id>8</Activity_Id>",
      ),
      studentsNotAvailable("S2", [[1, 2]]),
    ],
    space: [constraint("ConstraintActivityPreferredRoom", 60, "\t<Activity_Id>4</Activity_Id>\n\t<Room>R2</Room>\n\t<Permanently_Locked>false</Permanently_Locked>")],
  };

  it("moves scored and undone the solver's way, nested and not, leave the Board equal to one rebuilt from its timetable", () => {
    const { problem: p } = ours(spec, {});
    const b = new Board(p);
    let x = 3;
    const rnd = () => {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      return x / 4294967296;
    };
    const n = p.nActivities;
    const startOf = (a: number) => {
      const starts: number[] = [];
      for (let s = 0; s < p.nSlots; s++) if (p.fits[a * p.nSlots + s]) starts.push(s);
      return starts[Math.floor(rnd() * starts.length)];
    };
    const roomOf = () => (rnd() < 0.8 ? Math.floor(rnd() * p.rooms.length) : -1);
    for (let a = 0; a < n; a++) if (rnd() < 0.8) b.place(a, startOf(a), roomOf());
    let undone = 0;
    for (let step = 0; step < 600; step++) {
      const before = snapshot(b);
      // up to three activities moved (unplace, place elsewhere), the costs read, then put back in reverse order
      const moved: [number, number, number][] = [];
      const k = 1 + Math.floor(rnd() * 3);
      for (let i = 0; i < k; i++) {
        const a = Math.floor(rnd() * n);
        if (moved.some(([m]) => m === a)) continue;
        moved.push([a, b.start[a], b.room[a]]);
        b.unplace(a);
        if (rnd() < 0.9) b.place(a, startOf(a), roomOf());
      }
      const during = snapshot(b);
      expect(during, `step ${step}: the moved timetable`).toEqual(snapshot(rebuilt(p, b)));
      for (let i = moved.length - 1; i >= 0; i--) {
        const [a, s, r] = moved[i];
        b.unplace(a);
        if (s >= 0) b.place(a, s, r);
      }
      expect(snapshot(b), `step ${step}: undone`).toEqual(before);
      undone++;
      // the solver's scan: one activity tried at a few starts, each undone (the unplace is made again each time)
      const a = Math.floor(rnd() * n);
      if (b.start[a] >= 0) {
        const [s0, r0] = [b.start[a], b.room[a]];
        for (let t = 0; t < 3; t++) {
          b.unplace(a);
          b.place(a, startOf(a), roomOf());
          expect(snapshot(b), `step ${step}: scan ${t}`).toEqual(snapshot(rebuilt(p, b)));
          b.unplace(a);
          b.place(a, s0, r0);
          expect(snapshot(b), `step ${step}: scan ${t} undone`).toEqual(before);
        }
      }
      // now and then a move that stays (the next frames start from it)
      if (rnd() < 0.3) {
        const a = Math.floor(rnd() * n);
        b.unplace(a);
        if (rnd() < 0.8) b.place(a, startOf(a), roomOf());
      }
    }
    expect(undone).toBe(600);
    expect(snapshot(b)).toEqual(snapshot(rebuilt(p, b)));
    expect(b.hard).toBeGreaterThan(0); // the checks compared broken rules, not only zeros
    expect(boardDisagreementsWithRooms(p, 300, 13)).toBe(0);
  });
});
