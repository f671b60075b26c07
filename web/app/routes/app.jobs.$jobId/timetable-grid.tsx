/**
 * The timetable as a week grid, one table per room, group (curriculum) or instructor. Each course
 * has its own colour; pressing a lecture lists the violations that involve it.
 */
import { useMemo, useState } from "react";
import type { TimetableResult } from "../../server/results.server";

type ViewKind = keyof TimetableResult["views"];
const VIEW_LABELS: Record<ViewKind, string> = { room: "Room", curriculum: "Group", instructor: "Instructor" };

/** A stable hue per course id, light enough for dark text (contrast ≥ 4.5:1). */
function courseColour(course: string): string {
  // FNV-1a, then a golden-angle step so neighbouring ids (c0001, c0002) get far-apart hues.
  let h = 2166136261;
  for (let i = 0; i < course.length; i++) h = Math.imul(h ^ course.charCodeAt(i), 16777619) >>> 0;
  return `hsl(${Math.round((h % 1000) * 137.508) % 360} 70% 78%)`;
}

export function TimetableGrid({ result }: { result: TimetableResult }) {
  const [view, setView] = useState<ViewKind>("room");
  const grids = result.views[view];
  const [owner, setOwner] = useState(0);
  const grid = grids[Math.min(owner, grids.length - 1)];
  const [selected, setSelected] = useState<{ course: string; lecture: number; day: string; period: string; key: string } | null>(null);
  const violationsOf = useMemo(() => result.lectureViolations, [result]);
  if (!grid) return <p className="muted">No {VIEW_LABELS[view].toLowerCase()}s in this problem.</p>;
  return (
    <section aria-labelledby="grid-title">
      <h2 id="grid-title">Timetable</h2>
      <div className="filters">
        <div className="field">
          <label htmlFor="grid-view">View by</label>
          <select
            id="grid-view"
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
          <label htmlFor="grid-owner">{VIEW_LABELS[view]}</label>
          <select id="grid-owner" value={owner} onChange={(e) => setOwner(Number(e.currentTarget.value))}>
            {grids.map((g, i) => (
              <option key={g.id} value={i}>
                {g.id}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="table-wrap">
        <table className="tt-grid" data-testid="timetable-grid">
          <caption className="visually-hidden">
            Timetable of {VIEW_LABELS[view].toLowerCase()} {grid.id}
          </caption>
          <thead>
            <tr>
              <th scope="col">Period</th>
              {grid.days.map((d) => (
                <th scope="col" key={d}>
                  {d}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {grid.periods.map((p, s) => (
              <tr key={p}>
                <th scope="row">{p}</th>
                {grid.days.map((d, di) => (
                  <td key={d}>
                    {grid.cells[di][s].map((e) => {
                      const key = `${e.course}@${di * grid.periods.length + s}`;
                      const count = violationsOf[key]?.length ?? 0;
                      return (
                        <button
                          type="button"
                          key={`${e.course}-${e.lecture}`}
                          className={grid.cells[di][s].length > 1 ? "lecture conflict" : "lecture"}
                          style={{ background: courseColour(e.course) }}
                          aria-pressed={selected?.key === key && selected.lecture === e.lecture}
                          // Starts with the visible text (course, room, ⚠count), as speech input users say it (WCAG 2.5.3).
                          aria-label={`${e.course}${view !== "room" ? ` · ${e.room}` : ""}${count ? ` ⚠${count}` : ""}: lecture ${e.lecture + 1}, ${d} ${p}, room ${e.room}${count ? `, ${count} violations` : ""}`}
                          onClick={() => setSelected({ course: e.course, lecture: e.lecture, day: d, period: p, key })}
                        >
                          {e.course}
                          {view !== "room" ? <span> · {e.room}</span> : null}
                          {count ? <span aria-hidden="true"> ⚠{count}</span> : null}
                        </button>
                      );
                    })}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="card violations" aria-live="polite" data-testid="lecture-violations">
        {selected ? (
          <>
            <h3>
              {selected.course}, lecture {selected.lecture + 1} — {selected.day} {selected.period}
            </h3>
            {violationsOf[selected.key]?.length ? (
              <ul>
                {violationsOf[selected.key].map((v, i) => (
                  <li key={i}>{v}</li>
                ))}
              </ul>
            ) : (
              <p>No violations involve this lecture.</p>
            )}
          </>
        ) : (
          <p className="muted">Select a lecture to see the violations that involve it.</p>
        )}
      </div>
    </section>
  );
}
