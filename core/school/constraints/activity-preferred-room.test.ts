import { describe, expect, it } from "vitest";
import { constraint } from "../test/fet";
import { FETCL, fetAccepts, verdict } from "../test/harness";

const T = "ConstraintActivityPreferredRoom";
const c = constraint(T, 100, "\t<Activity_Id>1</Activity_Id>\n\t<Room>R2</Room>\n\t<Permanently_Locked>false</Permanently_Locked>");
const school = { rooms: [{ name: "R1" }, { name: "R2" }], activities: [{ id: 1 }], space: [c] };

describe(T, () => {
  it("another room (or none) is one violation", () => {
    expect(verdict(school, { 1: [0, 0, "R2"] }).of(T)).toBe(0);
    expect(verdict(school, { 1: [0, 0, "R1"] }).of(T)).toBe(1);
    expect(verdict(school, { 1: [0, 0] }).hard).toBe(1);
  });
  it("an unknown room is an error naming the element", () => {
    const bad = { ...school, space: [constraint(T, 100, "\t<Activity_Id>1</Activity_Id>\n\t<Room>R9</Room>")] };
    expect(() => verdict(bad, {})).toThrow(/Space_Constraints_List\/ConstraintActivityPreferredRoom\[1\]\/Room: unknown room "R9"/);
  });
  it.skipIf(!FETCL)(
    "FET agrees (room family)",
    () => {
      expect(fetAccepts(school, { 1: [0, 0, "R2"] })).toBe(true);
      expect(fetAccepts(school, { 1: [0, 0, "R1"] }, 2)).toBe(false);
    },
    30_000,
  );
});
