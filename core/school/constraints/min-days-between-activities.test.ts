import { describe, expect, it } from "vitest";
import { constraint } from "../test/fet";
import { FETCL, fetAccepts, verdict } from "../test/harness";

const T = "ConstraintMinDaysBetweenActivities";
const c = (w: number, min: number, consecutive: boolean, ids = [1, 2, 3]) =>
  constraint(
    T,
    w,
    `\t<Consecutive_If_Same_Day>${consecutive}</Consecutive_If_Same_Day>\n\t<Number_of_Activities>${ids.length}</Number_of_Activities>\n${ids.map((i) => `\t<Activity_Id>${i}</Activity_Id>`).join("\n")}\n\t<MinDays>${min}</MinDays>`,
  );
const acts = [
  { id: 1, groupId: 1 },
  { id: 2, groupId: 1 },
  { id: 3, groupId: 1 },
];
const days = ["Mon", "Tue", "Wed", "Thu", "Fri"];

describe(T, () => {
  it("each pair closer than MinDays counts MinDays minus the distance (FET)", () => {
    const school = { days, activities: acts, time: [c(100, 2, false)] };
    expect(verdict(school, { 1: [0, 0], 2: [2, 0], 3: [4, 0] }).of(T)).toBe(0);
    // days 0, 1, 1: pairs (0,1) 1, (0,1) 1, (1,1) 2 → 4
    expect(verdict(school, { 1: [0, 0], 2: [1, 0], 3: [1, 1] }).of(T)).toBe(4);
  });
  it("soft weight: penalty is violations × weight / 100", () => {
    const school = { days, activities: acts, time: [c(95, 1, false)] };
    const v = verdict(school, { 1: [0, 0], 2: [0, 1], 3: [4, 0] });
    expect(v.hard).toBe(0);
    expect(v.soft).toBeCloseTo(0.95);
  });
  it("Consecutive_If_Same_Day: on the same day they must be back to back, always hard", () => {
    const school = { days, activities: acts, time: [c(95, 1, true)] };
    expect(verdict(school, { 1: [0, 0], 2: [0, 1], 3: [4, 0] }).hard).toBe(0);
    expect(verdict(school, { 1: [0, 0], 2: [0, 2], 3: [4, 0] }).hard).toBe(1);
  });
  it("more than two of them on one day is always hard (FET's generator never does it)", () => {
    const school = { days, activities: [...acts, { id: 4, groupId: 1 }], time: [c(95, 1, false, [1, 2, 3, 4])] };
    expect(verdict(school, { 1: [0, 0], 2: [0, 1], 3: [1, 0], 4: [2, 0] }).hard).toBe(0);
    expect(verdict(school, { 1: [0, 0], 2: [0, 1], 3: [0, 2], 4: [2, 0] }).hard).toBe(1);
  });
  it("at weight 0 only the always-hard rules remain (FET still enforces Consecutive_If_Same_Day there)", () => {
    const school = { days, activities: acts, time: [c(0, 1, true)] };
    // Closer than MinDays costs nothing at weight 0 …
    expect(verdict(school, { 1: [0, 0], 2: [0, 1], 3: [4, 0] })).toMatchObject({ hard: 0, soft: 0 });
    // … but two on one day that are not back to back, or three on one day, are hard.
    expect(verdict(school, { 1: [0, 0], 2: [0, 2], 3: [4, 0] }).hard).toBe(1);
    expect(verdict(school, { 1: [0, 0], 2: [0, 1], 3: [0, 2] }).hard).toBeGreaterThan(0);
    const plain = { days, activities: acts, time: [c(0, 1, false)] };
    expect(verdict(plain, { 1: [0, 0], 2: [0, 2], 3: [4, 0] })).toMatchObject({ hard: 0, soft: 0 });
  });
  it.skipIf(!FETCL)(
    "FET enforces Consecutive_If_Same_Day at weight 0 too",
    () => {
      const school = { days, activities: acts, time: [c(0, 1, true)] };
      expect(fetAccepts(school, { 1: [0, 0], 2: [0, 1], 3: [4, 0] })).toBe(true);
      expect(fetAccepts(school, { 1: [0, 0], 2: [0, 2], 3: [4, 0] }, 2)).toBe(false);
    },
    40_000,
  );
  it("constraints naming only inactive activities compile to nothing", () => {
    const school = { days, activities: [{ id: 1 }, { id: 2, active: false }], time: [c(100, 1, false, [1, 2])] };
    expect(verdict(school, { 1: [0, 0] }).hard).toBe(0);
  });
  it.skipIf(!FETCL)(
    "FET agrees (set family)",
    () => {
      const school = { days, activities: acts, time: [c(100, 2, false)] };
      expect(fetAccepts(school, { 1: [0, 0], 2: [2, 0], 3: [4, 0] })).toBe(true);
      expect(fetAccepts(school, { 1: [0, 0], 2: [1, 0], 3: [4, 0] }, 2)).toBe(false);
      // at 95%, two on a day are accepted, three are not
      const soft = { days, activities: [...acts, { id: 4, groupId: 1 }], time: [c(95, 1, false, [1, 2, 3, 4])] };
      expect(fetAccepts(soft, { 1: [0, 0], 2: [0, 1], 3: [1, 0], 4: [2, 0] })).toBe(true);
      expect(fetAccepts(soft, { 1: [0, 0], 2: [0, 1], 3: [0, 2], 4: [2, 0] }, 2)).toBe(false);
    },
    40_000,
  );
});
