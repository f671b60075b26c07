/**
 * A tiny hand-written school (not FET data) about rooms, for the room editor and the per-room
 * exports (worker/jobs/school-edit.test.ts, web/app/server/school-results.test.ts,
 * core/exports/school.test.ts): 3 days × 4 hours, two teachers, two years of 10 students.
 *
 *  - Room A (30 seats), Room B (20 seats, not available Mon h1), Closet (5 seats: too small for a
 *    class, a hard violation with BasicCompulsorySpace), Lab 1–4 and the virtual room Labs (one of
 *    Lab 1 / Lab 2 and one of Lab 3 / Lab 4), Empty (a room no lesson may use).
 *  - Activity 1 (T1, Y1): Room A or Room B or Closet at 100%, Room A preferred at 90%.
 *  - Activity 2 (T2, Y2): Room A at 100%.
 *  - Activities 3 (T1, Y2) and 4 (T2, Y1): Labs at 100%.
 *  - Activity 5 (T1, Y1): no room constraint, so no room (as in FET).
 */
import { constraint, fetText, times } from "./fet";

const preferredRooms = (id: number, rooms: string[]) =>
  `\t<Activity_Id>${id}</Activity_Id>\n\t<Number_of_Preferred_Rooms>${rooms.length}</Number_of_Preferred_Rooms>\n${rooms.map((r) => `\t<Preferred_Room>${r}</Preferred_Room>`).join("\n")}`;
const preferredRoom = (id: number, room: string) => `\t<Activity_Id>${id}</Activity_Id>\n\t<Room>${room}</Room>\n\t<Permanently_Locked>false</Permanently_Locked>`;

export const ROOMS_SCHOOL_FET = fetText({
  rooms: [
    { name: "Room A", capacity: 30 },
    { name: "Room B", capacity: 20 },
    { name: "Closet", capacity: 5 },
    { name: "Lab 1" },
    { name: "Lab 2" },
    { name: "Lab 3" },
    { name: "Lab 4" },
    {
      name: "Labs",
      sets: [
        ["Lab 1", "Lab 2"],
        ["Lab 3", "Lab 4"],
      ],
    },
    { name: "Empty", capacity: 12 },
  ],
  activities: [
    { id: 1, teachers: ["T1"], students: ["Y1"] },
    { id: 2, teachers: ["T2"], students: ["Y2"] },
    { id: 3, teachers: ["T1"], students: ["Y2"], subject: "Art" },
    { id: 4, teachers: ["T2"], students: ["Y1"], subject: "Art" },
    { id: 5, teachers: ["T1"], students: ["Y1"], subject: "Art" },
  ],
  space: [
    constraint("ConstraintActivityPreferredRooms", 100, preferredRooms(1, ["Room A", "Room B", "Closet"])),
    constraint("ConstraintActivityPreferredRoom", 90, preferredRoom(1, "Room A")),
    constraint("ConstraintActivityPreferredRoom", 100, preferredRoom(2, "Room A")),
    constraint("ConstraintActivityPreferredRoom", 100, preferredRoom(3, "Labs")),
    constraint("ConstraintActivityPreferredRoom", 100, preferredRoom(4, "Labs")),
    constraint("ConstraintRoomNotAvailableTimes", 100, `\t<Room>Room B</Room>\n\t<Number_of_Not_Available_Times>1</Number_of_Not_Available_Times>\n${times("Not_Available_Time", [["Mon", "h1"]])}`),
  ],
});
