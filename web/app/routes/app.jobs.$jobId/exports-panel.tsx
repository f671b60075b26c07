/**
 * Download buttons for every export format of the job's kind (files from /v1/jobs/:id/exports),
 * and a calendar (ICS) per room, group or instructor for timetables (per teacher, class and room
 * for FET schools, whose formats add the locked .fet).
 */
import { useState } from "react";
import { calendarLabel } from "../../components/labels";

const LABELS: Record<string, string> = {
  xlsx: "Excel workbook (XLSX)",
  csv: "CSV",
  html: "Printable HTML",
  sol: "ITC-2007 solution",
  fet: "Locked .fet (opens in FET)",
  json: "JSON",
  tour: "TSPLIB .tour",
  geojson: "GeoJSON",
  svg: "SVG drawing",
  "convergence.csv": "Convergence (CSV)",
  "convergence.svg": "Convergence (SVG)",
  zip: "Everything (ZIP)",
};

/** `base` defaults to the job's own exports; a share page passes /v1/share/<token>/exports. */
export function ExportsPanel({ jobId, formats, calendars, base = `/v1/jobs/${jobId}/exports` }: { jobId: string; formats: string[]; calendars: string[]; base?: string }) {
  const [calendar, setCalendar] = useState(calendars[0] ?? "");
  return (
    <section aria-labelledby="exports-title">
      <h2 id="exports-title">Exports</h2>
      <div className="button-row">
        {formats.map((f) => (
          <a key={f} className="button small" href={`${base}/${f}`} download data-format={f}>
            {LABELS[f] ?? f}
          </a>
        ))}
      </div>
      {calendars.length ? (
        <div className="filters" style={{ marginTop: 14 }}>
          <div className="field">
            <label htmlFor="calendar-view">Calendar of</label>
            <select id="calendar-view" value={calendar} onChange={(e) => setCalendar(e.currentTarget.value)}>
              {calendars.map((c) => (
                <option key={c} value={c}>
                  {calendarLabel(c)}
                </option>
              ))}
            </select>
          </div>
          <a className="button small" href={`${base}/ics?view=${encodeURIComponent(calendar)}`} download data-format="ics">
            Calendar (ICS)
          </a>
        </div>
      ) : null}
    </section>
  );
}
