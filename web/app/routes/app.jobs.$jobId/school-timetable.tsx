/**
 * A FET school timetable (server/school-results.server.ts): one selector for the view — by
 * teacher, class (students set), room or subject — and one for whose timetable; the file's own
 * day and hour names head the columns and rows; a lesson of several hours is one block spanning
 * them; a split lesson says "part k of n". The explanation lists every violated constraint;
 * choosing one highlights the lessons it involves (switching to a timetable that has them).
 *
 * With `editor` (the job page of a finished school job), lessons can be moved — dragged to another
 * cell, or chosen and given a day and hour in the lesson panel (keyboard and phone) — and pinned.
 * Each change is checked on the server (the "school-check" action, web/app/server/school-edit.server.ts):
 * the grid then shows the edited timetable and the edit panel lists the constraints it breaks;
 * "Re-solve from here" forks the job from the edit with the pins locked (school-edit-panel.tsx).
 */
import { useEffect, useMemo, useRef, useState } from "react";
import { useFetcher } from "@remix-run/react";
import type { SchoolResult } from "../../server/school-results.server";
import type { SchoolCheckData } from "../../server/school-edit.server";
import { formatScore } from "../../components/format";
import { SchoolEditPanel, type SchoolEditState } from "./school-edit-panel";

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
  const [edit, setEdit] = useState<SchoolEditState>({ moves: {}, pins: [] });
  const check = useFetcher<SchoolCheckData | { error: string }>();
  const editing = Object.keys(edit.moves).length > 0 || edit.pins.length > 0;
  const checked = editing && check.data && "schoolCheck" in check.data ? check.data.schoolCheck : null;
  const result = checked?.result ?? solved;
  const solvedAt = useMemo(() => lessonPositions(solved), [solved]);
  const positions = useMemo(() => lessonPositions(result), [result]);
  const selectedAt = selectedId === null ? undefined : positions.get(selectedId);
  const selected = selectedAt?.lesson ?? null;
  const payload = useMemo(
    () =>
      JSON.stringify({
        moves: Object.entries(edit.moves).map(([id, [d, h]]) => ({ activity: Number(id), day: solved.days[d], hour: solved.hours[h] })),
        pins: edit.pins,
      }),
    [edit, solved],
  );
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

  /** Move lesson `id` to (day, hour); back to where the solver put it drops the move. */
  function move(id: number, day: number, hour: number) {
    const home = solvedAt.get(id);
    setEdit((e) => {
      const moves = { ...e.moves };
      if (home && home.day === day && home.hour === hour) delete moves[id];
      else moves[id] = [day, hour];
      return { ...e, moves };
    });
    setSelectedId(id);
  }
  function togglePin(id: number) {
    setEdit((e) => ({ ...e, pins: e.pins.includes(id) ? e.pins.filter((p) => p !== id) : [...e.pins, id] }));
  }
  function discard() {
    sent.current = null;
    setEdit({ moves: {}, pins: [] });
  }
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
                {g.level ? ` (${LEVEL_LABELS[g.level]})` : ""} — {g.lessons} {g.lessons === 1 ? "lesson" : "lessons"}
              </option>
            ))}
          </select>
        </div>
      </div>
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
                          const moved = l.id in edit.moves;
                          const cls = [
                            "block",
                            cell.lessons.length > 1 && !cell.shared ? "clash" : "",
                            involved.has(l.id) ? "highlight" : highlight !== null ? "dim" : "",
                            pinned ? "pinned" : "",
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
                              aria-label={`${[text.main, l.part ? `part ${l.part}` : "", pinned ? "pinned" : "", count ? `⚠${count}` : "", text.detail].filter(Boolean).join(" ")}: ${l.subject}${l.part ? `, part ${l.part}` : ""}, ${result.days[d]} ${h}${l.duration > 1 ? ` for ${l.duration} hours` : ""}, ${[l.teachers.join(", "), l.students.join(", "), roomLabel(l)].filter(Boolean).join(", ")}${count ? `, ${count} violations` : ""}${moved ? ", moved" : ""}${pinned ? ", pinned" : ""}`}
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
              {selected.teachers.join(", ") || "no teacher"} · {selected.students.join(", ") || "no students"} · {roomLabel(selected) || "no room"} · {selected.duration}{" "}
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
                key={`${selected.id}:${selectedAt.day}:${selectedAt.hour}`}
                days={result.days}
                hours={result.hours}
                day={selectedAt.day}
                hour={selectedAt.hour}
                pinned={edit.pins.includes(selected.id)}
                moved={selected.id in edit.moves}
                onMove={(d, h) => move(selected.id, d, h)}
                onPin={() => togglePin(selected.id)}
                onPutBack={() => {
                  const home = solvedAt.get(selected.id);
                  if (home) move(selected.id, home.day, home.hour);
                }}
              />
            ) : null}
          </>
        ) : (
          <p className="muted">
            {editor
              ? "Select a lesson to see who and where, and the violations that involve it; then move or pin it (or drag it to another hour)."
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

/** The keyboard and phone way to move a lesson: a day and an hour, then "Move here"; and the pin. */
function MoveLesson(props: { days: string[]; hours: string[]; day: number; hour: number; pinned: boolean; moved: boolean; onMove(day: number, hour: number): void; onPin(): void; onPutBack(): void }) {
  const [day, setDay] = useState(props.day);
  const [hour, setHour] = useState(props.hour);
  return (
    <fieldset className="move-lesson" data-testid="move-lesson">
      <legend>Move or pin this lesson</legend>
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
      </div>
      <div className="button-row">
        <button type="button" className="button small" disabled={day === props.day && hour === props.hour} onClick={() => props.onMove(day, hour)}>
          Move here
        </button>
        <button type="button" className="button small" aria-pressed={props.pinned} onClick={props.onPin}>
          {props.pinned ? "Unpin" : "Pin (lock its start)"}
        </button>
        {props.moved ? (
          <button type="button" className="button small" onClick={props.onPutBack}>
            Put back
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}
