/**
 * A FET school timetable, one timetable at a time (school-page.ts): a selector for the view — by
 * teacher, class (students set), room or subject — and one for whose timetable; the grid
 * (school-grid.tsx); the chosen lesson (school-lesson-panel.tsx); the explanation lists every
 * violated constraint, and choosing one highlights the lessons it involves (switching to a
 * timetable that has them). The job page passes `choose`, which loads the chosen timetable from
 * the server (`?view=…&of=…`); the shared result page slices a whole result here (SchoolTimetable).
 *
 * With `editor` (the job page of a finished school job), lessons can be moved — dragged to another
 * cell, or chosen and given a day and hour in the lesson panel (keyboard and phone) — given another
 * room, and pinned: the start, the room, or both. Each change is checked on the server (the
 * "school-check" action, web/app/server/school-edit.server.ts), which answers with the edited
 * timetable of the one shown and the constraints the edit breaks (school-edit-panel.tsx, with
 * "Re-solve from here"). The edit is kept while other timetables are chosen.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { useFetcher } from "@remix-run/react";
import type { SchoolResult, SchoolRoomOptions } from "../../server/school-results.server";
import { formatScore } from "../../components/format";
import { SchoolEditPanel, type SchoolPageCheck } from "./school-edit-panel";
import { changedLessons, editPayload, NO_EDIT, type RoomChange, type SchoolEditState } from "./school-edit-state";
import { lessonPositions, OWNER_LABELS, SchoolGridTable } from "./school-grid";
import { LessonPanel, roomFacts, sameNames, seats } from "./school-lesson-panel";
import { SCHOOL_VIEWS, schoolPageOf, type SchoolChoice, type SchoolPage, type SchoolViewKind } from "./school-page";

const VIEW_LABELS: Record<SchoolViewKind, string> = { teacher: "Teacher", students: "Class (students set)", room: "Room", subject: "Subject" };
const LEVEL_LABELS = { year: "year", group: "group", subgroup: "subgroup" } as const;

export interface SchoolEditorOptions {
  /** A fork from the edit is possible (the job can fork): offer "Re-solve from here". */
  canResolve: boolean;
  /** Default evaluations of the re-solve. */
  evaluations: number;
}

/** A whole school result (the shared result page): the choice is kept here and each timetable sliced from it. */
export function SchoolTimetable({ result }: { result: SchoolResult }) {
  const [choice, setChoice] = useState<SchoolChoice>({ view: "teacher", of: null });
  const page = useMemo(() => schoolPageOf(result, choice), [result, choice]);
  return <SchoolTimetableView page={page} choose={setChoice} />;
}

/** Where a lesson was before the edit touched it: its hour and its room. */
type Home = { day: number; hour: number; room: string; realRooms: string[] };

export function SchoolTimetableView({ page: solved, choose, loading = false, editor }: { page: SchoolPage; choose(choice: SchoolChoice): void; loading?: boolean; editor?: SchoolEditorOptions }) {
  const [highlight, setHighlight] = useState<number | null>(null);
  // The timetable asked for while the page loads it (the selectors show it at once).
  const [pending, setPending] = useState<SchoolChoice | null>(null);
  useEffect(() => setPending(null), [solved]);
  function chooseTimetable(choice: SchoolChoice) {
    // The one shown (a selector set to its own value) loads nothing.
    if (choice.view === solved.view && (choice.of === null ? solved.entities[0]?.id : choice.of) === solved.grid?.id) return;
    setPending(choice);
    choose(choice);
  }
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [edit, setEdit] = useState<SchoolEditState>(NO_EDIT);
  const check = useFetcher<{ error: null; schoolCheck: SchoolPageCheck } | { error: string }>();
  const changed = useMemo(() => changedLessons(edit), [edit]);
  const editing = changed.size > 0 || edit.pins.length > 0 || edit.roomPins.length > 0;
  // Each page brings the room choices of its own lessons; a lesson edited in one timetable may be
  // shown in another (given another room), so the choices seen are kept, as are the lessons' homes.
  const seenChoices = useRef<SchoolRoomOptions["byActivity"]>({});
  const roomOptions = useMemo(() => (solved.roomOptions ? { ...solved.roomOptions, byActivity: Object.assign(seenChoices.current, solved.roomOptions.byActivity) } : undefined), [solved]);
  const homes = useRef(new Map<number, Home>());
  // The check's answer is for the timetable it was asked for; another one waits for its own.
  const answer = editing && check.data && "schoolCheck" in check.data ? check.data.schoolCheck : null;
  const checked = answer && answer.page.view === solved.view && answer.page.grid?.id === solved.grid?.id ? answer : null;
  const page = checked?.page ?? solved;
  const grid = page.grid;
  const solvedAt = useMemo(() => lessonPositions(solved.grid), [solved]);
  const positions = useMemo(() => lessonPositions(grid), [grid]);
  const selectedAt = selectedId === null ? undefined : positions.get(selectedId);
  const payload = useMemo(() => editPayload(edit, solved.days, solved.hours), [edit, solved.days, solved.hours]);
  // Every change (and every other timetable chosen while editing) is checked once on the server (a
  // newer submission replaces one in flight). `sent`: the edit and timetable last sent, the answer
  // there was before it (an answer is new data after the sending) and how often it was sent: a
  // submission dropped without an answer (cut off by a page load) is sent again, up to 3 times.
  const asked = `${payload}\n${solved.view}\n${solved.grid?.id ?? ""}`;
  const sent = useRef<{ asked: string; before: unknown; tries: number } | null>(null);
  const { submit } = check;
  useEffect(() => {
    if (!editing) return;
    const last = sent.current;
    const dropped = last?.asked === asked && check.state === "idle" && check.data === last.before;
    if (last?.asked === asked && !(dropped && last.tries < 3)) return;
    sent.current = { asked, before: check.data, tries: last?.asked === asked ? last.tries + 1 : 1 };
    submit({ intent: "school-check", edit: payload, view: solved.view, of: solved.grid?.id ?? "" }, { method: "post" });
  }, [asked, payload, editing, submit, solved, check.state, check.data]);
  const answered = editing && check.state === "idle" && check.data !== undefined && sent.current?.asked === asked && check.data !== sent.current.before;

  /** Where lesson `id` was before the edit (kept from the first change of it). */
  function homeOf(id: number): Home | undefined {
    const known = homes.current.get(id);
    if (known) return known;
    const at = solvedAt.get(id) ?? positions.get(id);
    if (!at) return undefined;
    const home = { day: at.day, hour: at.hour, room: at.lesson.room, realRooms: at.lesson.realRooms ?? [] };
    homes.current.set(id, home);
    return home;
  }

  /**
   * Move lesson `id` to (day, hour), and into `room` when given; back to where the solver put it
   * (its hour, its room and real rooms) drops that part of the edit.
   */
  function move(id: number, day: number, hour: number, room?: RoomChange) {
    const home = homeOf(id);
    setEdit((e) => {
      const moves = { ...e.moves };
      if (home && home.day === day && home.hour === hour) delete moves[id];
      else moves[id] = [day, hour];
      const rooms = { ...e.rooms };
      if (room) {
        const sameReal = !room.realRooms || sameNames(room.realRooms, home?.realRooms ?? []);
        if (home && home.room === room.room && sameReal) delete rooms[id];
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
  function discard() {
    sent.current = null;
    setEdit(NO_EDIT);
  }
  const roomInfo = (name: string) => roomOptions?.rooms.find((r) => r.name === name);
  const involved = useMemo(() => (highlight === null || !page.explanation[highlight] ? null : new Set(page.explanation[highlight].activities)), [highlight, page]);
  const violationsOf = useMemo(() => {
    const m = new Map<number, number[]>();
    page.explanation.forEach((c, i) => c.activities.forEach((id) => m.set(id, [...(m.get(id) ?? []), i])));
    return m;
  }, [page]);
  const counts = useMemo(() => new Map([...violationsOf].map(([id, list]) => [id, list.length])), [violationsOf]);

  /** Choose a violation: highlight its lessons, and show a timetable that has them. */
  function chooseViolation(i: number) {
    if (highlight === i) return setHighlight(null);
    setHighlight(i);
    const item = page.explanation[i];
    if (item.activities.length === 0 && item.at) chooseTimetable(item.at);
  }

  const selected = selectedAt?.lesson ?? null;
  return (
    <section aria-labelledby="school-grid-title" className="stack">
      <h2 id="school-grid-title">Timetable{page.institution ? ` — ${page.institution}` : ""}</h2>
      <p className="muted" data-testid="school-figures">
        {page.hard === 0 ? "Every hard constraint holds." : `${page.hard} hard violations.`} Soft penalty {formatScore(page.soft)}.
        {page.unplaced ? ` ${page.unplaced} lessons could not be placed.` : ""}
      </p>
      {page.ignored.length ? (
        <p className="notice" data-testid="school-ignored">
          Left out (not supported): {page.ignored.map((x) => `${x.label} (${x.count})`).join(", ")}.
        </p>
      ) : null}
      {/* Without JavaScript the selectors are a GET form; with it, each choice loads at once. */}
      <form method="get" className="filters" aria-label="Choose a timetable" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="school-view">View by</label>
          <select id="school-view" name="view" value={pending?.view ?? solved.view} onChange={(e) => chooseTimetable({ view: e.currentTarget.value as SchoolViewKind, of: null })}>
            {SCHOOL_VIEWS.map((k) => (
              <option key={k} value={k}>
                {VIEW_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="school-owner">{OWNER_LABELS[solved.view]}</label>
          <select
            id="school-owner"
            name="of"
            value={(pending?.view === solved.view ? pending.of : null) ?? solved.grid?.id ?? ""}
            disabled={!solved.entities.length || (pending !== null && pending.view !== solved.view)}
            onChange={(e) => chooseTimetable({ view: solved.view, of: e.currentTarget.value })}
          >
            {solved.entities.map((g) => (
              <option key={`${g.level ?? ""}:${g.id}`} value={g.id}>
                {g.id}
                {g.level ? ` (${LEVEL_LABELS[g.level]})` : ""}
                {solved.view === "room" && roomInfo(g.id) ? ` (${seats(roomInfo(g.id)!.capacity)})` : ""} —{" "}
                {g.lessons === 0 && solved.view === "room" ? "free all week" : `${g.lessons} ${g.lessons === 1 ? "lesson" : "lessons"}`}
              </option>
            ))}
          </select>
        </div>
        <noscript>
          <button type="submit" className="button small">
            Show
          </button>
        </noscript>
        {loading ? (
          <p className="muted" role="status" data-testid="school-loading">
            Loading the timetable…
          </p>
        ) : null}
      </form>
      {solved.view === "room" && grid ? (
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
        <SchoolGridTable
          days={page.days}
          hours={page.hours}
          view={page.view}
          grid={grid}
          busy={loading}
          marks={{ pins: edit.pins, roomPins: edit.roomPins, changed, involved, violations: counts, selectedId }}
          onSelect={setSelectedId}
          onDrop={editor ? (id, day, hour) => positions.has(id) && move(id, day, hour) : undefined}
        />
      ) : (
        <p className="muted">No {OWNER_LABELS[solved.view].toLowerCase()}s in this school.</p>
      )}
      <LessonPanel
        lesson={selected}
        days={page.days}
        hours={page.hours}
        explanation={page.explanation}
        constraintTypes={page.constraintTypes}
        violations={selected ? (violationsOf.get(selected.id) ?? []) : []}
        roomOptions={roomOptions}
        editor={!!editor}
        editing={
          editor && selected && selectedAt
            ? {
                day: selectedAt.day,
                hour: selectedAt.hour,
                pinned: edit.pins.includes(selected.id),
                roomPinned: edit.roomPins.includes(selected.id),
                moved: changed.has(selected.id),
                onMove: (d, h, room) => move(selected.id, d, h, room),
                onPin: () => setEdit((e) => ({ ...e, pins: toggle(e.pins, selected.id) })),
                onPinRoom: () => setEdit((e) => ({ ...e, roomPins: toggle(e.roomPins, selected.id) })),
                onPutBack: () => putBack(selected.id),
              }
            : null
        }
      />
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
        {page.explanation.length ? (
          <ul className="violation-list" data-testid="school-explanation">
            {page.explanation.map((c, i) => (
              <li key={i}>
                <button type="button" className="button small" aria-pressed={highlight === i} onClick={() => chooseViolation(i)} title={page.constraintTypes[c.type]?.description}>
                  <strong>{page.constraintTypes[c.type]?.label ?? c.type}</strong> — {c.hard ? "hard" : `soft, weight ${c.weight}%`}: {c.violations} {c.violations === 1 ? "violation" : "violations"}
                  {c.hard ? "" : `, penalty ${formatScore(c.penalty)}`}
                  <span className="detail muted">
                    {" "}
                    {[
                      c.teachers.length ? `teachers ${c.teachers.join(", ")}` : "",
                      c.students.length ? `classes ${c.students.join(", ")}` : "",
                      c.rooms.length ? `rooms ${c.rooms.join(", ")}` : "",
                      c.moreNames ? `and ${c.moreNames} more` : "",
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                    {c.lessons ? ` · ${c.lessons} ${c.lessons === 1 ? "lesson" : "lessons"} — show them` : ""}
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
