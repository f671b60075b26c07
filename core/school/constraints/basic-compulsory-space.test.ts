import { describe, expect, it } from "vitest";
import { constraint } from "../test/fet";
import { FETCL, fetAccepts, verdict } from "../test/harness";

const pref = (id: number, room: string) =>
  constraint("ConstraintActivityPreferredRoom", 100, `\t<Activity_Id>${id}</Activity_Id>\n\t<Room>${room}</Room>\n\t<Permanently_Locked>true</Permanently_Locked>`);
const school = {
  rooms: [
    { name: "R1", capacity: 30 },
    { name: "Small", capacity: 5 },
  ],
  activities: [
    { id: 1, teachers: ["T1"], students: ["Y1"] },
    { id: 2, teachers: ["T2"], students: ["Y2"] },
  ],
  space: [pref(1, "R1"), pref(2, "R1")],
};

describe("ConstraintBasicCompulsorySpace", () => {
  it("two activities in one room at one hour is one violation", () => {
    expect(verdict(school, { 1: [0, 0, "R1"], 2: [0, 0, "R1"] }).of("ConstraintBasicCompulsorySpace")).toBe(1);
    expect(verdict(school, { 1: [0, 0, "R1"], 2: [0, 1, "R1"] }).hard).toBe(0);
  });
  it("a room smaller than the activity's students is a violation", () => {
    const small = { ...school, space: [pref(1, "Small")] };
    expect(verdict(small, { 1: [0, 0, "Small"], 2: [0, 1] }).of("ConstraintBasicCompulsorySpace")).toBe(1);
  });
  it.skipIf(!FETCL)(
    "FET agrees on a room clash",
    () => {
      expect(fetAccepts(school, { 1: [0, 0, "R1"], 2: [0, 1, "R1"] })).toBe(true);
      expect(fetAccepts(school, { 1: [0, 0, "R1"], 2: [0, 0, "R1"] }, 2)).toBe(false);
    },
    30_000,
  );
});
