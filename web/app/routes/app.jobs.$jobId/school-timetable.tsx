/**
 * A FET school timetable (server/school-results.server.ts): one selector for the view — by
 * teacher, class (students set), room or subject — and one for whose timetable; the file's own
 * day and hour names head the columns and rows; a lesson of several hours is one block spanning
 * them; a split lesson says "part k of n". The explanation lists every violated constraint;
 * choosing one highlights the lessons it involves (switching to a timetable that has them).
 *
 * With `editor` (the job page of a finished school job), lessons can be moved — dragged to another
 * cell, or chosen and given a day and hour in the lesson panel (keyboard and phone) — given another
 * room (the rooms its constraints allow, with their seats; for a FET virtual room, its real rooms),
 * and pinned: the start, the room, or both.
 * Each change is checked on the server (the "school-check" action, web/app/server/school-edit.server.ts):
 * the grid then shows the edited timetable and the edit panel lists the constraints it breaks;
 * "Re-solve from here" forks the job from the edit with the pins locked (school-edit-panel.tsx).
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { useFetcher } from "@remix-run/react";
import type { SchoolResult, SchoolRoomOptions } from "../../server/school-results.server";
import type { SchoolCheckData } from "../../server/school-edit.server";
import { formatScore } from "../../components/format";
import { SchoolEditPanel } from "./school-edit-panel";
import { changedLessons, editPayload, NO_EDIT, type RoomChange, type SchoolEditState } from "./school-edit-state";

type ViewKind = keyof SchoolResult["views"];
const VIEW_LABELS: Record<ViewKind, string> = { teacher: "Teacher", students: "Class (students set)", room: "Room", subject: "Subject" };
const OWNER_LABELS: Record<ViewKind, string> = { teacher: "Teacher", students: "Class", room: "Room", subject: "Subject" };
const LEVEL_LABELS = { year: "year", group: "group", subgroup: "subgroup" } as const;

/** A stable light hue per subject (dark text stays readable). */
function subjectColour(subject: string): string {
  let h = 2166136261;
  for (let i = 0; i < subject.length; i++) h = Math.imul(h ^ subject.charCodeAt(i), 16777619) >>> 0;
  return `hsl(${Math.round((h % 1000) * 137.508) % 360} 70% 80%)`;
}

type Lesson = NonNullable<SchoolResult["views"]["teacher"][number]["rows"][number][number]>["lessons"][number];

/** A lesson's room as people read it: "Labs (Lab 1, Lab 3)" for a FET virtual room with its real rooms, else the room's name. */
const roomLabel = (l: Lesson) => (l.realRooms?.length ? `${l.room} (${l.realRooms.join(", ")})` : l.room);

/**
 * What a block says in a view: the view's own owner is left out. In a room's view: nothing more
 * for the room itself, the real rooms in a virtual room's view, and "Labs (Lab 1, Lab 3)" in the
 * view of a real room the lesson takes through a virtual room (as core/exports/school.ts roomInView).
 */
function lessonText(view: ViewKind, owner: string, l: Lesson): { main: string; detail: string } {
  const classes = l.students.join(", ");
  const teachers = l.teachers.join(", ");
  const room = roomLabel(l);
  switch (view) {
    case "teacher":
      return { main: l.subject, detail: [classes, room].filter(Boolean).join(" · ") };
    case "students":
      return { main: l.subject, detail: [teachers, room].filter(Boolean).join(" · ") };
    case "room":
      return { main: l.subject, detail: [classes, teachers, l.room === owner ? (l.realRooms ?? []).join(", ") : room].filter(Boolean).join(" · ") };
    case "subject":
      return { main: classes || l.subject, detail: [teachers, room].filter(Boolean).join(" · ") };
  }
}

/** Where each lesson starts in a result (day and hour indices), found in any view that has it. */
function lessonPositions(result: SchoolResult): Map<number, { day: number; hour: number; lesson: Lesson }> {
  const at = new Map<number, { day: number; hour: number; lesson: Lesson }>();
  for (const kind of Object.keys(VIEW_LABELS) as ViewKind[]) {
    for (const g of result.views[kind]) {
      g.rows.forEach((row, hour) => row.forEach((cell, day) => cell?.lessons.forEach((lesson) => at.has(lesson.id) || at.set(lesson.id, { day, hour, lesson }))));
    }
  }
  return at;
}

export interface SchoolEditorOptions {
  /** A fork from the edit is possible (the job can fork): offer "Re-solve from here". */
  canResolve: boolean;
  /** Default evaluations of the re-solve. */
  evaluations: number;
}

export function SchoolTimetable({ result: solved, editor }: { result: SchoolResult; editor?: SchoolEditorOptions }) {
  const [view, setView] = useState<ViewKind>("teacher");
  const [owner, setOwner] = useState(0);
  const [highlight, setHighlight] = useState<number | null>(null);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [edit, setEdit] = useState<SchoolEditState>(NO_EDIT);
  const check = useFetcher<SchoolCheckData | { error: string }>();
  const changed = useMemo(() => changedLessons(edit), [edit]);
  const editing = changed.size > 0 || edit.pins.length > 0 || edit.roomPins.length > 0;
  const roomOptions = solved.roomOptions;
  const checked = editing && check.data && "schoolCheck" in check.data ? check.data.schoolCheck : null;
  const result = checked?.result ?? solved;
  const solvedAt = useMemo(() => lessonPositions(solved), [solved]);
  const positions = useMemo(() => lessonPositions(result), [result]);
  const selectedAt = selectedId === null ? undefined : positions.get(selectedId);
  const selected = selectedAt?.lesson ?? null;
  const payload = useMemo(() => editPayload(edit, solved.days, solved.hours), [edit, solved]);
  // Every change is checked once on the server (a newer submission replaces one in flight); the
  // answer redraws the grid and lists what it breaks. `sent` is the edit last sent.
  const sent = useRef<string | null>(null);
  const { submit } = check;
  useEffect(() => {
    if (!editing || sent.current === payload) return;
    sent.current = payload;
    submit({ intent: "school-check", edit: payload }, { method: "post" });
  }, [payload, editing, submit]);
  const answered = editing && check.state === "idle" && check.data !== undefined && sent.current === payload;

  /**
   * Move lesson `id` to (day, hour), and into `room` when given; back to where the solver put it
   * (its hour, its room and real rooms) drops that part of the edit.
   */
  function move(id: number, day: number, hour: number, room?: RoomChange) {
    const home = solvedAt.get(id);
    setEdit((e) => {
      const moves = { ...e.moves };
      if (home && home.day === day && home.hour === hour) delete moves[id];
      else moves[id] = [day, hour];
      const rooms = { ...e.rooms };
      if (room) {
        const sameReal = !room.realRooms || sameNames(room.realRooms, home?.lesson.realRooms ?? []);
        if (home && home.lesson.room === room.room && sameReal) delete rooms[id];
        else rooms[id] = room;
      }
      return { ...e, moves, rooms };
    });
    setSelectedId(id);
  }
  function putBack(id: number) {
    setEdit((e) => {
      const moves = { ...e.moves };
      const rooms = { ...e.rooms };
      delete moves[id];
      delete rooms[id];
      return { ...e, moves, rooms };
    });
  }
  const toggle = (list: number[], id: number) => (list.includes(id) ? list.filter((p) => p !== id) : [...list, id]);
  function togglePin(id: number) {
    setEdit((e) => ({ ...e, pins: toggle(e.pins, id) }));
  }
  function toggleRoomPin(id: number) {
    setEdit((e) => ({ ...e, roomPins: toggle(e.roomPins, id) }));
  }
  function discard() {
    sent.current = null;
    setEdit(NO_EDIT);
  }
  const roomInfo = (name: string) => roomOptions?.rooms.find((r) => r.name === name);
  const grids = result.views[view];
  const grid = grids[Math.min(owner, grids.length - 1)];
  const involved = useMemo(() => new Set(highlight === null ? [] : result.explanation[highlight].activities), [highlight, result]);
  const violationsOf = useMemo(() => {
    const m = new Map<number, number[]>();
    result.explanation.forEach((c, i) => c.activities.forEach((id) => m.set(id, [...(m.get(id) ?? []), i])));
    return m;
  }, [result]);

  /** Choose a violation: highlight its lessons, and show a timetable that has them. */
  function choose(i: number) {
    if (highlight === i) return setHighlight(null);
    setHighlight(i);
    const ids = new Set(result.explanation[i].activities);
    const has = (g: (typeof grids)[number]) => g.rows.some((r) => r.some((c) => c?.lessons.some((l) => ids.has(l.id))));
    if (grid && has(grid)) return;
    for (const kind of [view, "teacher", "students", "room", "subject"] as ViewKind[]) {
      const at = result.views[kind].findIndex(has);
      if (at >= 0) {
        setView(kind);
        setOwner(at);
        return;
      }
    }
  }

  return (
    <section aria-labelledby="school-grid-title" className="stack">
      <h2 id="school-grid-title">Timetable{result.institution ? ` — ${result.institution}` : ""}</h2>
      <p className="muted" data-testid="school-figures">
        {result.hard === 0 ? "Every hard constraint holds." : `${result.hard} hard violations.`} Soft penalty {formatScore(result.soft)}.
        {result.unplaced ? ` ${result.unplaced} lessons could not be placed.` : ""}
      </p>
      {result.ignored.length ? (
        <p className="notice" data-testid="school-ignored">
          Left out (not supported): {result.ignored.map((x) => `${x.label} (${x.count})`).join(", ")}.
        </p>
      ) : null}
      <div className="filters">
        <div className="field">
          <label htmlFor="school-view">View by</label>
          <select
            id="school-view"
            value={view}
            onChange={(e) => {
              setView(e.currentTarget.value as ViewKind);
              setOwner(0);
            }}
          >
            {(Object.keys(VIEW_LABELS) as ViewKind[]).map((k) => (
              <option key={k} value={k}>
                {VIEW_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="school-owner">{OWNER_LABELS[view]}</label>
          <select id="school-owner" value={Math.min(owner, grids.length - 1)} onChange={(e) => setOwner(Number(e.currentTarget.value))}>
            {grids.map((g, i) => (
              <option key={`${g.level ?? ""}:${g.id}`} value={i}>
                {g.id}
                {g.level ? ` (${LEVEL_LABELS[g.level]})` : ""}
                {view === "room" && roomInfo(g.id) ? ` (${seats(roomInfo(g.id)!.capacity)})` : ""} —{" "}
                {g.lessons === 0 && view === "room" ? "free all week" : `${g.lessons} ${g.lessons === 1 ? "lesson" : "lessons"}`}
              </option>
            ))}
          </select>
        </div>
      </div>
      {view === "room" && grid ? (
        <div className="stack room-facts" data-testid="room-facts">
          <p className="muted">{roomFacts(grid.id, roomInfo(grid.id))}</p>
          {grid.lessons === 0 ? (
            <p className="notice" data-testid="room-empty">
              No lesson uses {grid.id}: it is free all week.{editor ? " Choose a lesson and give it this room to use it." : ""}
            </p>
          ) : null}
        </div>
      ) : null}
      {grid ? (
        <div className="table-wrap">
          <table className="school-grid" data-testid="school-grid" data-view={view}>
            <caption className="visually-hidden">
              Timetable of {OWNER_LABELS[view].toLowerCase()} {grid.id}
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Hour</span>
                </th>
                {result.days.map((d) => (
                  <th scope="col" key={d}>
                    {d}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {result.hours.map((h, r) => (
                <tr key={h}>
                  <th scope="row">{h}</th>
                  {grid.rows[r].map((cell, d) =>
                    cell === null ? null : (
                      <td
                        key={d}
                        rowSpan={cell.span > 1 ? cell.span : undefined}
                        data-day={d}
                        data-hour={r}
                        onDragOver={editor ? (e) => e.preventDefault() : undefined}
                        onDrop={
                          editor
                            ? (e) => {
                                e.preventDefault();
                                const id = Number(e.dataTransfer.getData("text/plain"));
                                if (Number.isInteger(id) && positions.has(id)) move(id, d, r);
                              }
                            : undefined
                        }
                      >
                        {cell.lessons.map((l) => {
                          const text = lessonText(view, grid.id, l);
                          const count = violationsOf.get(l.id)?.length ?? 0;
                          const pinned = edit.pins.includes(l.id) || l.pinned === true;
                          const roomPinned = edit.roomPins.includes(l.id) || l.roomPinned === true;
                          const moved = changed.has(l.id);
                          const cls = [
                            "block",
                            cell.lessons.length > 1 && !cell.shared ? "clash" : "",
                            involved.has(l.id) ? "highlight" : highlight !== null ? "dim" : "",
                            pinned ? "pinned" : "",
                            roomPinned ? "room-pinned" : "",
                            moved ? "moved" : "",
                          ]
                            .filter(Boolean)
                            .join(" ");
                          return (
                            <button
                              type="button"
                              key={l.id}
                              className={cls}
                              style={{ background: subjectColour(l.subject) }}
                              data-activity={l.id}
                              data-duration={l.duration}
                              aria-pressed={selectedId === l.id}
                              // Starts with the visible text (what the block shows), as speech input users say it (WCAG 2.5.3).
                              aria-label={`${[text.main, l.part ? `part ${l.part}` : "", pinned ? "pinned" : "", roomPinned ? "room pinned" : "", count ? `⚠${count}` : "", text.detail].filter(Boolean).join(" ")}: ${l.subject}${l.part ? `, part ${l.part}` : ""}, ${result.days[d]} ${h}${l.duration > 1 ? ` for ${l.duration} hours` : ""}, ${[l.teachers.join(", "), l.students.join(", "), roomLabel(l)].filter(Boolean).join(", ")}${count ? `, ${count} violations` : ""}${moved ? ", moved" : ""}${pinned ? ", pinned" : ""}${roomPinned ? ", room pinned" : ""}`}
                              draggable={editor ? true : undefined}
                              onDragStart={
                                editor
                                  ? (e) => {
                                      e.dataTransfer.setData("text/plain", String(l.id));
                                      e.dataTransfer.effectAllowed = "move";
                                    }
                                  : undefined
                              }
                              onClick={() => setSelectedId(l.id)}
                            >
                              {text.main}
                              {/* Spaces between the parts, so the block's text reads as words (and matches its label). */}
                              {l.part ? (
                                <>
                                  {" "}
                                  <span className="part">part {l.part}</span>
                                </>
                              ) : null}
                              {pinned ? " " : null}
                              {pinned ? (
                                <span className="part pin" aria-hidden="true">
                                  pinned
                                </span>
                              ) : null}
                              {roomPinned ? " " : null}
                              {roomPinned ? (
                                <span className="part pin" aria-hidden="true">
                                  room pinned
                                </span>
                              ) : null}
                              {count ? <span aria-hidden="true"> ⚠{count}</span> : null}
                              {text.detail ? (
                                <>
                                  {" "}
                                  <span className="detail">{text.detail}</span>
                                </>
                              ) : null}
                            </button>
                          );
                        })}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted">No {OWNER_LABELS[view].toLowerCase()}s in this school.</p>
      )}
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
            {violationsOf.get(selected.id)?.length ? (
              <ul>
                {violationsOf.get(selected.id)!.map((i) => (
                  <li key={i}>
                    {result.explanation[i].label} ({result.explanation[i].hard ? "hard" : `soft, weight ${result.explanation[i].weight}%`})
                  </li>
                ))}
              </ul>
            ) : (
              <p>No violations involve this lesson.</p>
            )}
            {editor && selectedAt ? (
              <MoveLesson
                key={`${selected.id}:${selectedAt.day}:${selectedAt.hour}:${roomLabel(selected)}`}
                days={result.days}
                hours={result.hours}
                day={selectedAt.day}
                hour={selectedAt.hour}
                room={selected.room}
                realRooms={selected.realRooms ?? []}
                roomOptions={roomOptions}
                choice={roomOptions?.byActivity[selected.id]}
                pinned={edit.pins.includes(selected.id)}
                roomPinned={edit.roomPins.includes(selected.id)}
                moved={changed.has(selected.id)}
                onMove={(d, h, room) => move(selected.id, d, h, room)}
                onPin={() => togglePin(selected.id)}
                onPinRoom={() => toggleRoomPin(selected.id)}
                onPutBack={() => putBack(selected.id)}
              />
            ) : null}
          </>
        ) : (
          <p className="muted">
            {editor
              ? "Select a lesson to see who and where, and the violations that involve it; then move it, change its room or pin it (or drag it to another hour)."
              : "Select a lesson to see who and where, and the violations that involve it."}
          </p>
        )}
      </div>
      {editor && editing ? (
        <SchoolEditPanel
          edit={edit}
          payload={payload}
          checking={!answered}
          check={answered ? checked : null}
          error={answered && check.data && "error" in check.data && check.data.error ? check.data.error : null}
          canResolve={editor.canResolve}
          evaluations={editor.evaluations}
          onDiscard={discard}
        />
      ) : null}
      <section aria-labelledby="school-explanation-title">
        <h2 id="school-explanation-title">Explanation</h2>
        {result.explanation.length ? (
          <ul className="violation-list" data-testid="school-explanation">
            {result.explanation.map((c, i) => (
              <li key={i}>
                <button type="button" className="button small" aria-pressed={highlight === i} onClick={() => choose(i)} title={c.description}>
                  <strong>{c.label}</strong> — {c.hard ? "hard" : `soft, weight ${c.weight}%`}: {c.violations} {c.violations === 1 ? "violation" : "violations"}
                  {c.hard ? "" : `, penalty ${formatScore(c.penalty)}`}
                  <span className="detail muted">
                    {" "}
                    {[c.teachers.length ? `teachers ${c.teachers.join(", ")}` : "", c.students.length ? `classes ${c.students.join(", ")}` : "", c.rooms.length ? `rooms ${c.rooms.join(", ")}` : ""]
                      .filter(Boolean)
                      .join(" · ")}
                    {c.activities.length ? ` · ${c.activities.length} ${c.activities.length === 1 ? "lesson" : "lessons"} — show them` : ""}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No constraint is violated: every hard and soft constraint holds.</p>
        )}
      </section>
    </section>
  );
}

/** What a room's view says about the room: its seats, and for a virtual room its sets of real rooms. */
function roomFacts(name: string, info: SchoolRoomOptions["rooms"][number] | undefined): string {
  if (!info) return name;
  const sets = info.sets?.length ? `; a virtual room: each lesson in it takes ${info.sets.map((set) => `one of ${set.join(", ")}`).join(" and ")}` : "";
  return `${name}: ${seats(info.capacity)}${sets}.`;
}

/** Whether two lists of room names hold the same rooms (any order). */
function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");
}

const seats = (n: number) => `${n} ${n === 1 ? "seat" : "seats"}`;

/** A lesson's room with its seats: "Room A (30 seats)", "Labs (Lab 1, Lab 3; 30 seats)". */
function roomWithSeats(l: Lesson, options: SchoolRoomOptions | undefined): string {
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
