import { describe, expect, it } from "vitest";
import { constraint } from "../test/fet";
import { ids } from "../test/relations";
import { boardDisagreementsWithRooms, hasFetCl, ours, refused, theirs, type RoomSpec } from "../test/rooms";

const T = "ConstraintActivitiesSameRoomIfConsecutive";
const anyRoom = (id: number) =>
  constraint(
    "ConstraintActivityPreferredRooms",
    100,
    `\t<Activity_Id>${id}</Activity_Id>\n\t<Number_of_Preferred_Rooms>2</Number_of_Preferred_Rooms>\n\t<Preferred_Room>A</Preferred_Room>\n\t<Preferred_Room>B</Preferred_Room>`,
  );
const spec = (w = 100, list = [1, 2, 3]): RoomSpec => ({
  rooms: [{ name: "A" }, { name: "B" }],
  // 1 lasts two hours; 2 and 3 one hour; different teachers and students so they may overlap
  activities: [
    { id: 1, duration: 2 },
    { id: 2, teachers: ["T2"], students: ["Y2"] },
    { id: 3, teachers: ["T2"], students: ["Y2"] },
  ],
  space: [ids(T, w, list), anyRoom(1), anyRoom(2), anyRoom(3)],
});

describe(T, () => {
  it("one violation per back-to-back pair in different rooms", () => {
    // 1 at H0-H1, 2 at H2 (right after 1), 3 at H4 (not adjacent)
    expect(ours(spec(), { 1: [0, 0, "A"], 2: [0, 2, "B"], 3: [0, 4, "A"] }).violations(T)).toBe(1);
    expect(ours(spec(), { 1: [0, 0, "A"], 2: [0, 2, "A"], 3: [0, 4, "B"] }).violations(T)).toBe(0);
    // 2 right before 1 and 3 right after 1, both elsewhere: two pairs
    expect(ours(spec(), { 2: [0, 0, "B"], 1: [0, 1, "A"], 3: [0, 3, "B"] }).violations(T)).toBe(2);
    // the same hours on different days are not consecutive
    expect(ours(spec(), { 1: [0, 0, "A"], 2: [1, 2, "B"], 3: [2, 4, "B"] }).violations(T)).toBe(0);
  });

  it("refuses a weight below 100% as FET does", () => {
    expect(refused(spec(30), `<${T}>`)).toMatchObject({ path: `Space_Constraints_List/${T}[1]/Weight_Percentage` });
  });

  it("refuses fewer than two activities, naming the element", () => {
    expect(refused(spec(100, [2]), `<${T}>`)).toMatchObject({ path: `Space_Constraints_List/${T}[1]/Activity_Id` });
  });

  it("incremental Board agrees with the from-scratch evaluation", () => {
    expect(boardDisagreementsWithRooms(ours(spec(), {}).problem)).toBe(0);
  });

  it("counts what the plain all-pairs rule counts after single moves, whole new timetables and two timetables in turn", () => {
    const durations = [1, 2, 3, 1, 2, 1, 1];
    const many: RoomSpec = {
      rooms: [{ name: "A" }, { name: "B" }, { name: "C" }],
      days: 3,
      hours: 4,
      teachers: durations.map((_, i) => `T${i}`),
      years: durations.map((_, i) => ({ name: `Y${i}` })),
      activities: durations.map((duration, i) => ({ id: i + 1, duration, teachers: [`T${i}`], students: [`Y${i}`] })),
      // activity 3 listed twice: each of its pairs counts twice
      space: [ids(T, 100, [1, 2, 3, 4, 5, 6, 7, 3])],
    };
    const problem = ours(many, {}).problem;
    const set = problem.sets.find((s) => s.source.type === T);
    if (!set) throw new Error("no compiled instance");
    expect(set.activities.length).toBe(8);
    const { nHours, nDays, nActivities, actDuration } = problem;
    // the rule as FET states it, pair by pair
    const plain = (start: Int32Array, room: Int32Array): number => {
      let v = 0;
      const acts = set.activities;
      for (let i = 0; i < acts.length; i++)
        for (let j = i + 1; j < acts.length; j++) {
          const a = acts[i];
          const b = acts[j];
          if (start[a] < 0 || start[b] < 0 || room[a] < 0 || room[b] < 0 || room[a] === room[b]) continue;
          if (Math.floor(start[a] / nHours) !== Math.floor(start[b] / nHours)) continue;
          if (start[a] + actDuration[a] === start[b] || start[b] + actDuration[b] === start[a]) v++;
        }
      return v;
    };
    let seed = 12345;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    // one activity to a random start (ending within its day) or unplaced, in a random room or none
    const move = (start: Int32Array, room: Int32Array, a: number) => {
      const hour = next(nHours - actDuration[a] + 1);
      start[a] = next(8) === 0 ? -1 : next(nDays) * nHours + hour;
      room[a] = next(5) - 1;
    };
    const timetables = [0, 1].map(() => ({ start: new Int32Array(nActivities).fill(-1), room: new Int32Array(nActivities).fill(-1) }));
    let counted = 0;
    let current = 0;
    for (let trial = 0; trial < 20000; trial++) {
      const roll = next(100);
      if (roll < 3) current = 1 - current; // another board's timetable
      const { start, room } = timetables[current];
      if (roll >= 3 && roll < 6) for (let a = 0; a < nActivities; a++) move(start, room, a);
      else if (roll >= 6 && roll < 9) {
        move(start, room, next(nActivities));
        move(start, room, next(nActivities));
      } else if (roll >= 9) move(start, room, next(nActivities));
      const want = plain(start, room);
      counted += want;
      expect(set.violations(start, room)).toBe(want);
    }
    expect(counted).toBeGreaterThan(5000); // the random timetables do contain violating pairs
  });

  describe.skipIf(!hasFetCl)("fet-cl agrees (skipped when /usr/bin/fet-cl is missing)", () => {
    it("refuses back-to-back activities in different rooms, accepts the same room, refuses a weight below 100%", () => {
      expect(theirs(spec(), { 1: [0, 0, "A"], 2: [0, 2, "A"], 3: [0, 4, "B"] }).accepted).toBe(true);
      expect(theirs(spec(), { 1: [0, 0, "A"], 2: [0, 2, "B"], 3: [0, 4, "A"] }).accepted).toBe(false);
      expect(theirs(spec(50), { 1: [0, 0, "A"], 2: [0, 2, "A"], 3: [0, 4, "B"] }).output).toContain("weight (percentage) below 100");
    }, 40_000);
  });
});
