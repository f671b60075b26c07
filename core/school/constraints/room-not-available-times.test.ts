import { describe, expect, it } from "vitest";
import { constraint, times } from "../test/fet";
import { verdict } from "../test/harness";

const T = "ConstraintRoomNotAvailableTimes";

describe(T, () => {
  it("one violation per hour an activity uses the room when it is not available", () => {
    const c = constraint(T, 100, `\t<Room>R1</Room>\n\t<Number_of_Not_Available_Times>1</Number_of_Not_Available_Times>\n${times("Not_Available_Time", [["Mon", "h2"]])}`);
    const pref = constraint("ConstraintActivityPreferredRoom", 100, "\t<Activity_Id>1</Activity_Id>\n\t<Room>R1</Room>");
    const school = { rooms: [{ name: "R1" }], activities: [{ id: 1, duration: 2 }], space: [pref, c] };
    expect(verdict(school, { 1: [0, 2, "R1"] }).of(T)).toBe(0);
    expect(verdict(school, { 1: [0, 0, "R1"] }).of(T)).toBe(1);
  });
});
