/**
 * The chosen lesson of a school timetable (school-timetable.tsx): who, where, how long, and the
 * violations that involve it; on the job page (`editor`) also the keyboard and phone way to move it —
 * a day and an hour, and its room (the rooms its constraints allow, with their seats; for a FET
 * virtual room one real room per set) — and to pin its start and its room.
 */
import { useState } from "react";
import type { SchoolLesson, SchoolRoomOptions } from "../../server/school-results.server";
import { roomLabel } from "./school-grid";
import type { SchoolPage, SchoolPageItem } from "./school-page";
import type { RoomChange } from "./school-edit-state";

/** What the lesson panel can do with the chosen lesson (the job page's editor). */
export interface LessonEditing {
  day: number;
  hour: number;
  pinned: boolean;
  roomPinned: boolean;
  moved: boolean;
  onMove(day: number, hour: number, room?: RoomChange): void;
  onPin(): void;
  onPinRoom(): void;
  onPutBack(): void;
}

export function LessonPanel(props: {
  lesson: SchoolLesson | null;
  days: string[];
  hours: string[];
  explanation: SchoolPageItem[];
  constraintTypes: SchoolPage["constraintTypes"];
  /** Indices into `explanation` of the violations that involve the lesson. */
  violations: number[];
  roomOptions: SchoolRoomOptions | undefined;
  /** The job page: lessons can be changed (null while the chosen lesson is not in this timetable). */
  editor: boolean;
  editing: LessonEditing | null;
}) {
  const { lesson: selected, roomOptions, editing } = props;
  return (
    <div className="card violations" aria-live="polite" data-testid="lesson-details">
      {selected ? (
        <>
          <h3>
            {selected.subject}
            {selected.part ? ` (part ${selected.part})` : ""} — activity {selected.id}
          </h3>
          <p>
            {selected.teachers.join(", ") || "no teacher"} · {selected.students.join(", ") || "no students"}
            {roomOptions?.byActivity[selected.id] ? ` (${roomOptions.byActivity[selected.id].students} students)` : ""} · {roomWithSeats(selected, roomOptions) || "no room"} · {selected.duration}{" "}
            {selected.duration === 1 ? "hour" : "hours"}
          </p>
          {props.violations.length ? (
            <ul>
              {props.violations.map((i) => (
                <li key={i}>
                  {props.constraintTypes[props.explanation[i].type]?.label ?? props.explanation[i].type} ({props.explanation[i].hard ? "hard" : `soft, weight ${props.explanation[i].weight}%`})
                </li>
              ))}
            </ul>
          ) : (
            <p>No violations involve this lesson.</p>
          )}
          {editing ? (
            <MoveLesson
              key={`${selected.id}:${editing.day}:${editing.hour}:${roomLabel(selected)}`}
              days={props.days}
              hours={props.hours}
              day={editing.day}
              hour={editing.hour}
              room={selected.room}
              realRooms={selected.realRooms ?? []}
              roomOptions={roomOptions}
              choice={roomOptions?.byActivity[selected.id]}
              pinned={editing.pinned}
              roomPinned={editing.roomPinned}
              moved={editing.moved}
              onMove={editing.onMove}
              onPin={editing.onPin}
              onPinRoom={editing.onPinRoom}
              onPutBack={editing.onPutBack}
            />
          ) : null}
        </>
      ) : (
        <p className="muted">
          {props.editor
            ? "Select a lesson to see who and where, and the violations that involve it; then move it, change its room or pin it (or drag it to another hour)."
            : "Select a lesson to see who and where, and the violations that involve it."}
        </p>
      )}
    </div>
  );
}

/** What a room's view says about the room: its seats, and for a virtual room its sets of real rooms. */
export function roomFacts(name: string, info: SchoolRoomOptions["rooms"][number] | undefined): string {
  if (!info) return name;
  const sets = info.sets?.length ? `; a virtual room: each lesson in it takes ${info.sets.map((set) => `one of ${set.join(", ")}`).join(" and ")}` : "";
  return `${name}: ${seats(info.capacity)}${sets}.`;
}

/** Whether two lists of room names hold the same rooms (any order). */
export function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");
}

export const seats = (n: number) => `${n} ${n === 1 ? "seat" : "seats"}`;

/** A lesson's room with its seats: "Room A (30 seats)", "Labs (Lab 1, Lab 3; 30 seats)". */
function roomWithSeats(l: SchoolLesson, options: SchoolRoomOptions | undefined): string {
  const info = options?.rooms.find((r) => r.name === l.room);
  if (!l.room || !info) return roomLabel(l);
  return `${l.room} (${[...(l.realRooms ?? []), seats(info.capacity)].join(", ")})`;
}

/** The real room of each set of a virtual room (file order) that `current` holds, "" where none; each room used once. */
function realBySet(sets: string[][], current: readonly string[]): string[] {
  const used = new Set<string>();
  return sets.map((set) => {
    const r = set.find((n) => current.includes(n) && !used.has(n)) ?? "";
    if (r) used.add(r);
    return r;
  });
}

/**
 * The keyboard and phone way to move a lesson: a day and an hour, and its room (the rooms its
 * constraints allow, with their seats; for a virtual room one real room per set, or left to be
 * chosen), then "Move here"; and the pins of its start and of its room.
 */
function MoveLesson(props: {
  days: string[];
  hours: string[];
  day: number;
  hour: number;
  room: string;
  realRooms: string[];
  roomOptions: SchoolRoomOptions | undefined;
  choice: { choice: number; students: number } | undefined;
  pinned: boolean;
  roomPinned: boolean;
  moved: boolean;
  onMove(day: number, hour: number, room?: RoomChange): void;
  onPin(): void;
  onPinRoom(): void;
  onPutBack(): void;
}) {
  const [day, setDay] = useState(props.day);
  const [hour, setHour] = useState(props.hour);
  const [room, setRoom] = useState(props.room);
  const info = (name: string) => props.roomOptions?.rooms.find((r) => r.name === name);
  const setsOf = (name: string) => info(name)?.sets ?? [];
  const [real, setReal] = useState<string[]>(() => realBySet(setsOf(props.room), props.realRooms));
  const choice = props.choice && props.roomOptions ? props.roomOptions.choices[props.choice.choice] : undefined;
  const rooms = props.roomOptions?.rooms ?? [];
  const allowed = choice ? choice.allowed.map((i) => rooms[i].name) : [];
  const against = new Set(choice ? choice.against.map((i) => rooms[i].name) : []);
  const sets = setsOf(room);
  const realComplete = sets.length > 0 && real.length === sets.length && real.every(Boolean);
  const realTwice = new Set(real.filter(Boolean)).size !== real.filter(Boolean).length;
  const realChanged = room === props.room ? realComplete && !sameNames(real, props.realRooms) : false;
  const roomChanged = room !== props.room || realChanged;
  const timeChanged = day !== props.day || hour !== props.hour;
  const roomChange = (): RoomChange | undefined => (roomChanged ? { room, ...(realComplete ? { realRooms: real } : {}) } : undefined);
  const label = (name: string) => {
    const r = info(name);
    const parts = [r ? seats(r.capacity) : "", r?.sets ? "virtual" : "", against.has(name) ? "against a preference" : "", allowed.includes(name) ? "" : "breaks a room rule"].filter(Boolean);
    return parts.length ? `${name} — ${parts.join(", ")}` : name;
  };
  return (
    <fieldset className="move-lesson" data-testid="move-lesson">
      <legend>Move, change room or pin this lesson</legend>
      <div className="filters">
        <div className="field">
          <label htmlFor="move-day">Day</label>
          <select id="move-day" value={day} onChange={(e) => setDay(Number(e.currentTarget.value))}>
            {props.days.map((d, i) => (
              <option key={d} value={i}>
                {d}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="move-hour">Starts at</label>
          <select id="move-hour" value={hour} onChange={(e) => setHour(Number(e.currentTarget.value))}>
            {props.hours.map((h, i) => (
              <option key={h} value={i}>
                {h}
              </option>
            ))}
          </select>
        </div>
        {choice ? (
          <div className="field">
            <label htmlFor="move-room">Room</label>
            <select
              id="move-room"
              value={room}
              aria-describedby="move-room-help"
              onChange={(e) => {
                const next = e.currentTarget.value;
                setRoom(next);
                setReal(realBySet(setsOf(next), next === props.room ? props.realRooms : []));
              }}
            >
              {props.room ? null : <option value="">No room</option>}
              {props.room && !allowed.includes(props.room) ? <option value={props.room}>{label(props.room)}</option> : null}
              {allowed.map((name) => (
                <option key={name} value={name}>
                  {label(name)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {sets.map((set, k) => (
          <div className="field" key={`${room}:${k}`}>
            <label htmlFor={`move-real-${k}`}>
              Real room {k + 1} of {sets.length}
            </label>
            <select
              id={`move-real-${k}`}
              value={real[k] ?? ""}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setReal((old) => sets.map((_, i) => (i === k ? v : (old[i] ?? ""))));
              }}
            >
              <option value="">Chosen for you</option>
              {/* A real room's own rules (not available, clashes) are checked; the virtual room's seats count, so only its name here. */}
              {set.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>
      {choice ? (
        <p className="help" id="move-room-help">
          {props.choice!.students} students. The rooms listed are those this lesson's room rules allow{choice.more ? ` (the first ${choice.allowed.length}; ${choice.more} more)` : ""}; whether a room
          is free at that hour is checked when you move it.{sets.length ? " Choose a real room of every set to fix them, or leave them to be chosen." : ""}
        </p>
      ) : (
        <p className="help">This lesson takes no room: no room rule of the school names it.</p>
      )}
      {realTwice ? (
        <p className="error" role="alert">
          Each set needs a different real room.
        </p>
      ) : null}
      <div className="button-row">
        <button type="button" className="button small" disabled={(!timeChanged && !roomChanged) || realTwice} onClick={() => props.onMove(day, hour, roomChange())}>
          Move here
        </button>
        <button type="button" className="button small" aria-pressed={props.pinned} onClick={props.onPin}>
          {props.pinned ? "Unpin" : "Pin (lock its start)"}
        </button>
        {props.room ? (
          <button type="button" className="button small" aria-pressed={props.roomPinned} onClick={props.onPinRoom}>
            {props.roomPinned ? "Unpin its room" : "Pin its room"}
          </button>
        ) : null}
        {props.moved ? (
          <button type="button" className="button small" onClick={props.onPutBack}>
            Put back
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}
