/**
 * The school editor's edit as the page keeps it (school-timetable.tsx) and as the check and the
 * re-solve take it (POST /v1/jobs/{id}/school/check, worker/jobs/school-edit.ts): lessons moved in
 * time (day and hour indices), lessons given another room (and real rooms), pins of starts and of rooms.
 */

/** A lesson's room chosen by hand: a room name ("" for none), and for a FET virtual room the real rooms (one per set) when all are chosen. */
export interface RoomChange {
  room: string;
  realRooms?: string[];
}

/** Moves by activity id → [day index, hour index]; rooms chosen by activity id; pins (start) and room pins as activity ids. */
export interface SchoolEditState {
  moves: Record<number, [number, number]>;
  rooms: Record<number, RoomChange>;
  pins: number[];
  roomPins: number[];
}

export const NO_EDIT: SchoolEditState = { moves: {}, rooms: {}, pins: [], roomPins: [] };

/** The activities an edit changes (moved in time and/or given another room). */
export const changedLessons = (e: SchoolEditState) => new Set([...Object.keys(e.moves), ...Object.keys(e.rooms)].map(Number));

/** The edit as the check and the re-solve take it (worker/jobs/school-edit.ts): one move per changed lesson, in id order. */
export function editPayload(e: SchoolEditState, days: string[], hours: string[]): string {
  const moves = [...changedLessons(e)]
    .sort((x, y) => x - y)
    .map((id) => {
      const at = e.moves[id];
      const room = e.rooms[id];
      return { activity: id, ...(at ? { day: days[at[0]], hour: hours[at[1]] } : {}), ...(room ? { room: room.room || null, ...(room.realRooms ? { realRooms: room.realRooms } : {}) } : {}) };
    });
  return JSON.stringify({ moves, pins: e.pins, ...(e.roomPins.length ? { roomPins: e.roomPins } : {}) });
}
