/**
 * One school timetable as a table (school-timetable.tsx chooses which): the file's own day and hour
 * names head the columns and rows; a lesson of several hours is one block spanning them; a split
 * lesson says "part k of n"; blocks say pinned, room pinned, moved and how many violations involve
 * them. With `editable`, a block can be dragged to another cell (the keyboard and phone way is the
 * lesson panel, school-lesson-panel.tsx).
 */
import type { SchoolGrid, SchoolLesson } from "../../server/school-results.server";
import type { SchoolViewKind } from "./school-page";

export const OWNER_LABELS: Record<SchoolViewKind, string> = { teacher: "Teacher", students: "Class", room: "Room", subject: "Subject" };

/** A stable light hue per subject (dark text stays readable). */
function subjectColour(subject: string): string {
  let h = 2166136261;
  for (let i = 0; i < subject.length; i++) h = Math.imul(h ^ subject.charCodeAt(i), 16777619) >>> 0;
  return `hsl(${Math.round((h % 1000) * 137.508) % 360} 70% 80%)`;
}

/** A lesson's room as people read it: "Labs (Lab 1, Lab 3)" for a FET virtual room with its real rooms, else the room's name. */
export const roomLabel = (l: SchoolLesson) => (l.realRooms?.length ? `${l.room} (${l.realRooms.join(", ")})` : l.room);

/**
 * What a block says in a view: the view's own owner is left out. In a room's view: nothing more
 * for the room itself, the real rooms in a virtual room's view, and "Labs (Lab 1, Lab 3)" in the
 * view of a real room the lesson takes through a virtual room (as core/exports/school.ts roomInView).
 */
function lessonText(view: SchoolViewKind, owner: string, l: SchoolLesson): { main: string; detail: string } {
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

/** Where each lesson of a grid starts (day and hour indices). */
export function lessonPositions(grid: SchoolGrid | null): Map<number, { day: number; hour: number; lesson: SchoolLesson }> {
  const at = new Map<number, { day: number; hour: number; lesson: SchoolLesson }>();
  grid?.rows.forEach((row, hour) => row.forEach((cell, day) => cell?.lessons.forEach((lesson) => at.has(lesson.id) || at.set(lesson.id, { day, hour, lesson }))));
  return at;
}

export interface SchoolGridMarks {
  /** Lessons pinned (start) and room-pinned in the edit (the input's own locks come with the lessons). */
  pins: readonly number[];
  roomPins: readonly number[];
  /** Lessons the edit moved or gave another room. */
  changed: ReadonlySet<number>;
  /** The chosen violation's lessons (highlighted, the others dimmed), or null. */
  involved: ReadonlySet<number> | null;
  /** How many listed violations involve each lesson. */
  violations: ReadonlyMap<number, number>;
  selectedId: number | null;
}

export function SchoolGridTable(props: {
  days: string[];
  hours: string[];
  view: SchoolViewKind;
  grid: SchoolGrid;
  marks: SchoolGridMarks;
  busy: boolean;
  onSelect(id: number): void;
  /** Drag and drop: move lesson `id` to (day, hour); absent when the timetable cannot be edited. */
  onDrop?(id: number, day: number, hour: number): void;
}) {
  const { days, hours, view, grid, marks, onDrop } = props;
  return (
    <div className="table-wrap">
      <table className="school-grid" data-testid="school-grid" data-view={view} data-of={grid.id} aria-busy={props.busy || undefined}>
        <caption className="visually-hidden">
          Timetable of {OWNER_LABELS[view].toLowerCase()} {grid.id}
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Hour</span>
            </th>
            {days.map((d) => (
              <th scope="col" key={d}>
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {hours.map((h, r) => (
            <tr key={h}>
              <th scope="row">{h}</th>
              {grid.rows[r].map((cell, d) =>
                cell === null ? null : (
                  <td
                    key={d}
                    rowSpan={cell.span > 1 ? cell.span : undefined}
                    data-day={d}
                    data-hour={r}
                    onDragOver={onDrop ? (e) => e.preventDefault() : undefined}
                    onDrop={
                      onDrop
                        ? (e) => {
                            e.preventDefault();
                            const id = Number(e.dataTransfer.getData("text/plain"));
                            if (Number.isInteger(id)) onDrop(id, d, r);
                          }
                        : undefined
                    }
                  >
                    {cell.lessons.map((l) => (
                      <LessonBlock
                        key={l.id}
                        lesson={l}
                        view={view}
                        owner={grid.id}
                        when={`${days[d]} ${h}`}
                        clash={cell.lessons.length > 1 && !cell.shared}
                        marks={marks}
                        draggable={!!onDrop}
                        onSelect={props.onSelect}
                      />
                    ))}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LessonBlock(props: { lesson: SchoolLesson; view: SchoolViewKind; owner: string; when: string; clash: boolean; marks: SchoolGridMarks; draggable: boolean; onSelect(id: number): void }) {
  const { lesson: l, marks } = props;
  const text = lessonText(props.view, props.owner, l);
  const count = marks.violations.get(l.id) ?? 0;
  const pinned = marks.pins.includes(l.id) || l.pinned === true;
  const roomPinned = marks.roomPins.includes(l.id) || l.roomPinned === true;
  const moved = marks.changed.has(l.id);
  const cls = [
    "block",
    props.clash ? "clash" : "",
    marks.involved?.has(l.id) ? "highlight" : marks.involved ? "dim" : "",
    pinned ? "pinned" : "",
    roomPinned ? "room-pinned" : "",
    moved ? "moved" : "",
  ]
    .filter(Boolean)
    .join(" ");
  return (
    <button
      type="button"
      className={cls}
      style={{ background: subjectColour(l.subject) }}
      data-activity={l.id}
      data-duration={l.duration}
      aria-pressed={marks.selectedId === l.id}
      // Starts with the visible text (what the block shows), as speech input users say it (WCAG 2.5.3).
      aria-label={`${[text.main, l.part ? `part ${l.part}` : "", pinned ? "pinned" : "", roomPinned ? "room pinned" : "", count ? `⚠${count}` : "", text.detail].filter(Boolean).join(" ")}: ${l.subject}${l.part ? `, part ${l.part}` : ""}, ${props.when}${l.duration > 1 ? ` for ${l.duration} hours` : ""}, ${[l.teachers.join(", "), l.students.join(", "), roomLabel(l)].filter(Boolean).join(", ")}${count ? `, ${count} violations` : ""}${moved ? ", moved" : ""}${pinned ? ", pinned" : ""}${roomPinned ? ", room pinned" : ""}`}
      draggable={props.draggable ? true : undefined}
      onDragStart={
        props.draggable
          ? (e) => {
              e.dataTransfer.setData("text/plain", String(l.id));
              e.dataTransfer.effectAllowed = "move";
            }
          : undefined
      }
      onClick={() => props.onSelect(l.id)}
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
}
