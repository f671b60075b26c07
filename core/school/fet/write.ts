/**
 * The timetable as a `.fet` in FET's "data and timetable" form: the input text unchanged, plus for
 * every placed activity a 100% ConstraintActivityPreferredStartingTime (Permanently_Locked true)
 * and, where it has a room, a 100% ConstraintActivityPreferredRoom (locked) — what FET itself
 * writes to `<name>_data_and_timetable.fet`, so FET opens our result with every activity fixed.
 * Text insertion (not re-serialisation) keeps everything we do not model exactly as it was.
 * An activity in a virtual room gets its real rooms in the room constraint (`Number_of_Real_Rooms`,
 * `Real_Room`), as FET writes them: the timetable's own (`real`) or those ../real-rooms.ts chooses.
 */
import { ProblemError } from "../../engine/errors";
import type { SchoolTimetable } from "../evaluate";
import type { SchoolProblem } from "../problem";
import { assignRealRooms } from "../real-rooms";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function lockConstraints(p: SchoolProblem, t: SchoolTimetable): { time: string; space: string } {
  let time = "";
  let space = "";
  const K = p.maxRealRooms;
  const real = K > 0 ? assignRealRooms(p, t.start, t.room, t.real) : undefined;
  for (let a = 0; a < p.nActivities; a++) {
    const s = t.start[a];
    if (s < 0) continue;
    const day = p.days[Math.floor(s / p.nHours)];
    const hour = p.hours[s % p.nHours];
    time +=
      "<ConstraintActivityPreferredStartingTime>\n" +
      "\t<Weight_Percentage>100</Weight_Percentage>\n" +
      `\t<Activity_Id>${p.actId[a]}</Activity_Id>\n` +
      `\t<Preferred_Day>${esc(day)}</Preferred_Day>\n` +
      `\t<Preferred_Hour>${esc(hour)}</Preferred_Hour>\n` +
      "\t<Permanently_Locked>true</Permanently_Locked>\n" +
      "\t<Active>true</Active>\n" +
      "\t<Comments></Comments>\n" +
      "</ConstraintActivityPreferredStartingTime>\n";
    const r = t.room[a];
    if (r >= 0) {
      let reals = "";
      if (real && p.roomVirtual[r]) {
        const names: string[] = [];
        for (let k = a * K; k < (a + 1) * K; k++) if (real[k] >= 0) names.push(p.rooms[real[k]]);
        // FET needs one real room per set; with one missing it chooses them itself
        if (names.length === p.vSetStart[r + 1] - p.vSetStart[r])
          reals = `\t<Number_of_Real_Rooms>${names.length}</Number_of_Real_Rooms>\n` + names.map((n) => `\t<Real_Room>${esc(n)}</Real_Room>\n`).join("");
      }
      space +=
        "<ConstraintActivityPreferredRoom>\n" +
        "\t<Weight_Percentage>100</Weight_Percentage>\n" +
        `\t<Activity_Id>${p.actId[a]}</Activity_Id>\n` +
        `\t<Room>${esc(p.rooms[r])}</Room>\n` +
        reals +
        "\t<Permanently_Locked>true</Permanently_Locked>\n" +
        "\t<Active>true</Active>\n" +
        "\t<Comments></Comments>\n" +
        "</ConstraintActivityPreferredRoom>\n";
    }
  }
  return { time, space };
}

/** The input `.fet` with the timetable locked in (see the file comment). */
export function writeFet(p: SchoolProblem, t: SchoolTimetable): string {
  const { time, space } = lockConstraints(p, t);
  return withConstraints(p.text, time, space);
}

/** A `.fet` text with constraint elements added at the end of its time and space lists (e.g. some of lockConstraints' locks). */
export function withConstraints(text: string, time: string, space: string): string {
  return insertBefore(insertBefore(text, "Time_Constraints_List", time), "Space_Constraints_List", space);
}

/** Insert `content` before `</list>`, or add the list before `</fet>` when the file has none (or `<list/>`). */
function insertBefore(text: string, list: string, content: string): string {
  if (!content) return text;
  const close = text.lastIndexOf(`</${list}>`);
  if (close >= 0) return text.slice(0, close) + content + text.slice(close);
  const empty = new RegExp(`<${list}\\s*/>`);
  if (empty.test(text)) return text.replace(empty, `<${list}>\n${content}</${list}>`);
  const end = text.lastIndexOf("</fet>");
  if (end < 0) throw new ProblemError({ path: ["fet"], message: "cannot write the timetable: the input has no </fet>" });
  return text.slice(0, end) + `<${list}>\n${content}</${list}>\n` + text.slice(end);
}
