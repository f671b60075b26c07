import { describe, expect, it } from "vitest";
import { constraint, times } from "../test/fet";
import { FETCL, fetAccepts, type Placement, verdict } from "../test/harness";

const T = "ConstraintRoomNotAvailableTimes";

describe(T, () => {
  it("one violation per hour an activity uses the room when it is not available", () => {
    const c = constraint(T, 100, `\t<Room>R1</Room>\n\t<Number_of_Not_Available_Times>1</Number_of_Not_Available_Times>\n${times("Not_Available_Time", [["Mon", "h2"]])}`);
    const pref = constraint("ConstraintActivityPreferredRoom", 100, "\t<Activity_Id>1</Activity_Id>\n\t<Room>R1</Room>");
    const school = { rooms: [{ name: "R1" }], activities: [{ id: 1, duration: 2 }], space: [pref, c] };
    expect(verdict(school, { 1: [0, 2, "R1"] }).of(T)).toBe(0);
    expect(verdict(school, { 1: [0, 0, "R1"] }).of(T)).toBe(1);
  });
  it.skipIf(!FETCL)(
    "FET agrees (room locked): R1 after its unavailable hour is accepted, across it refused",
    () => {
      const c = constraint(T, 100, `\t<Room>R1</Room>\n\t<Number_of_Not_Available_Times>1</Number_of_Not_Available_Times>\n${times("Not_Available_Time", [["Mon", "h2"]])}`);
      const school = { rooms: [{ name: "R1" }], activities: [{ id: 1, duration: 2 }], space: [c] };
      const after: Placement = { 1: [0, 2, "R1"] };
      const across: Placement = { 1: [0, 0, "R1"] };
      expect(verdict(school, after).hard).toBe(0);
      expect(fetAccepts(school, after)).toBe(true);
      expect(verdict(school, across).hard).toBe(1);
      expect(fetAccepts(school, across, 2)).toBe(false);
    },
    30_000,
  );
});
