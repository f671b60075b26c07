/**
 * Convergence history (best and mean objective against evaluations) as CSV and as an SVG chart.
 */
import { toCsv } from "./csv";

export interface HistoryPoint {
  generation?: number;
  evaluations: number;
  best: number;
  mean?: number;
  hard?: number;
  soft?: number;
  elapsedMs?: number;
}

export function convergenceCsv(history: readonly HistoryPoint[]): string {
  return toCsv([["generation", "evaluations", "best", "mean", "hard", "soft", "elapsed_ms"], ...history.map((h) => [h.generation, h.evaluations, h.best, h.mean, h.hard, h.soft, h.elapsedMs])]);
}

/** "Nice" axis ticks (1, 2, 5 × 10^k) covering [lo, hi]. */
export function ticks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

const label = (v: number) => (Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(1) : String(Number(v.toPrecision(4))));

/** Line chart: best (solid) and mean (dashed) objective against evaluations. */
export function convergenceSvg(history: readonly HistoryPoint[], title = "Convergence", width = 800, height = 400): string {
  const pts = history.filter((h) => Number.isFinite(h.best));
  const pad = { l: 70, r: 20, t: 30, b: 40 };
  const W = width - pad.l - pad.r;
  const H = height - pad.t - pad.b;
  const values = pts.flatMap((h) => [h.best, ...(Number.isFinite(h.mean) ? [h.mean!] : [])]);
  const [x0, x1] = pts.length ? [pts[0].evaluations, pts[pts.length - 1].evaluations] : [0, 1];
  const [y0, y1] = values.length ? [Math.min(...values), Math.max(...values)] : [0, 1];
  const sx = (x: number) => pad.l + (x1 > x0 ? ((x - x0) / (x1 - x0)) * W : W / 2);
  const sy = (y: number) => pad.t + (y1 > y0 ? (1 - (y - y0) / (y1 - y0)) * H : H / 2);
  const path = (get: (h: HistoryPoint) => number | undefined) =>
    pts
      .filter((h) => Number.isFinite(get(h)))
      .map((h, i) => `${i ? "L" : "M"}${sx(h.evaluations).toFixed(1)},${sy(get(h)!).toFixed(1)}`)
      .join("");
  const xt = ticks(x0, x1).map(
    (v) =>
      `<g><line x1="${sx(v).toFixed(1)}" x2="${sx(v).toFixed(1)}" y1="${pad.t + H}" y2="${pad.t + H + 5}" stroke="#333"/><text x="${sx(v).toFixed(1)}" y="${pad.t + H + 18}" text-anchor="middle">${label(v)}</text></g>`,
  );
  const yt = ticks(y0, y1).map(
    (v) =>
      `<g><line x1="${pad.l - 5}" x2="${pad.l + W}" y1="${sy(v).toFixed(1)}" y2="${sy(v).toFixed(1)}" stroke="#ddd"/><text x="${pad.l - 8}" y="${(sy(v) + 4).toFixed(1)}" text-anchor="end">${label(v)}</text></g>`,
  );
  const safeTitle = title.replace(/[<&>]/g, "");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="sans-serif" font-size="11">
<title>${safeTitle}</title>
<rect width="100%" height="100%" fill="#fff"/>
<text x="${pad.l}" y="18" font-size="13" font-weight="600">${safeTitle}</text>
${yt.join("\n")}
${xt.join("\n")}
<line x1="${pad.l}" x2="${pad.l + W}" y1="${pad.t + H}" y2="${pad.t + H}" stroke="#333"/>
<line x1="${pad.l}" x2="${pad.l}" y1="${pad.t}" y2="${pad.t + H}" stroke="#333"/>
<path d="${path((h) => h.mean)}" fill="none" stroke="#9ca3af" stroke-width="1.5" stroke-dasharray="4 3"/>
<path d="${path((h) => h.best)}" fill="none" stroke="#2563eb" stroke-width="2"/>
<text x="${pad.l + W / 2}" y="${height - 6}" text-anchor="middle">evaluations</text>
</svg>
`;
}
