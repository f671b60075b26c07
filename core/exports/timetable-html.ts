/**
 * A printable timetable: one self-contained HTML page (no scripts, no external assets) with a grid
 * per room, group and instructor, each on its own A4 landscape sheet when printed.
 */
import { timetableViews, type GridView } from "../timetabling/export/views";
import type { TimetablingProblem } from "../timetabling/problem";
import type { Timetable } from "../timetabling/solution";
import { VIEW_SHEETS } from "./timetable";

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);
}

const CSS = `
@page { size: A4 landscape; margin: 10mm; }
* { box-sizing: border-box; }
body { font: 10pt/1.3 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111; margin: 0; padding: 12px; }
h1 { font-size: 16pt; margin: 0 0 4px; }
h2 { font-size: 13pt; margin: 0 0 6px; }
.meta { color: #555; margin-bottom: 12px; }
section.grid { break-after: page; page-break-after: always; margin-bottom: 24px; }
section.grid:last-of-type { break-after: auto; page-break-after: auto; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #999; padding: 3px 4px; vertical-align: top; }
th { background: #eee; font-weight: 600; }
th.period { width: 11%; text-align: left; }
td .lecture { display: block; }
td .lecture small { color: #555; }
td.clash { background: #fde2e2; }
@media print { body { padding: 0; } .meta { margin-bottom: 6px; } tr { break-inside: avoid; } }
`;

function cell(g: GridView, d: number, s: number): string {
  const entries = g.cells[d][s];
  const body = entries
    .map((e) => {
      const detail = g.kind === "room" ? (e.instructor ?? "") : e.room;
      return `<span class="lecture">${escapeHtml(e.course)} <small>${escapeHtml(detail)}</small></span>`;
    })
    .join("");
  return `<td${entries.length > 1 ? ' class="clash"' : ""}>${body}</td>`;
}

function gridSection(g: GridView, label: string): string {
  const head = `<tr><th class="period"></th>${g.days.map((d) => `<th>${escapeHtml(d)}</th>`).join("")}</tr>`;
  const rows = g.periods.map((p, s) => `<tr><th class="period">${escapeHtml(p)}</th>${g.days.map((_, d) => cell(g, d, s)).join("")}</tr>`).join("\n");
  return `<section class="grid"><h2>${escapeHtml(label)}: ${escapeHtml(g.id)}</h2><table><thead>${head}</thead><tbody>${rows}</tbody></table></section>`;
}

/** The printable page; `subtitle` carries e.g. "hard 0 · soft 42 · job j_…". */
export function timetableHtml(problem: TimetablingProblem, t: Timetable, subtitle = ""): string {
  const sections = VIEW_SHEETS.flatMap(({ kind, sheet }) => timetableViews(problem, t, kind).map((g) => gridSection(g, sheet.replace("By ", ""))));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(problem.name)} — timetable</title>
<style>${CSS}</style></head>
<body><h1>${escapeHtml(problem.name)}</h1><div class="meta">${escapeHtml(subtitle)}</div>
${sections.join("\n")}
</body></html>
`;
}
