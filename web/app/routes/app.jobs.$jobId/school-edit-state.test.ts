import { describe, expect, it } from "vitest";
import { changedLessons, editPayload, NO_EDIT } from "./school-edit-state";

const days = ["Mon", "Tue"];
const hours = ["h1", "h2", "h3"];

describe("the school editor's edit as the check takes it", () => {
  it("one move per changed lesson in id order: time only, room only (no day and hour), both, real rooms; room pins only when there are some", () => {
    const edit = {
      moves: { 7: [1, 2] as [number, number], 3: [0, 0] as [number, number] },
      rooms: { 3: { room: "Room B" }, 5: { room: "Labs", realRooms: ["Lab 2", "Lab 3"] } },
      pins: [7],
      roomPins: [5],
    };
    expect([...changedLessons(edit)].sort()).toEqual([3, 5, 7]);
    expect(JSON.parse(editPayload(edit, days, hours))).toEqual({
      moves: [
        { activity: 3, day: "Mon", hour: "h1", room: "Room B" },
        { activity: 5, room: "Labs", realRooms: ["Lab 2", "Lab 3"] },
        { activity: 7, day: "Tue", hour: "h3" },
      ],
      pins: [7],
      roomPins: [5],
    });
    expect(JSON.parse(editPayload({ ...NO_EDIT, pins: [1] }, days, hours))).toEqual({ moves: [], pins: [1] });
    // "" is no room: null for the API
    expect(JSON.parse(editPayload({ ...NO_EDIT, rooms: { 2: { room: "" } } }, days, hours)).moves).toEqual([{ activity: 2, room: null }]);
  });
});
