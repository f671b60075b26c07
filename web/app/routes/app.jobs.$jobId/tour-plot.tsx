/** A TSP tour drawn as SVG: cities as dots, the tour as a closed path, scaled to the box. */
import type { TourResult } from "../../server/results.server";

export function TourPlot({ tour }: { tour: TourResult }) {
  if (!tour.points.length) return <p className="muted">This instance has no coordinates to draw (explicit distances).</p>;
  const xs = tour.points.map((p) => p[0]);
  const ys = tour.points.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const size = 600;
  const scale = (size - 40) / Math.max(maxX - minX || 1, maxY - minY || 1);
  const X = (x: number) => 20 + (x - minX) * scale;
  const Y = (y: number) => size - 20 - (y - minY) * scale;
  const order = tour.order.length === tour.points.length ? tour.order : tour.points.map((_, i) => i);
  const path = order.map((c, i) => `${i ? "L" : "M"}${X(tour.points[c][0]).toFixed(1)},${Y(tour.points[c][1]).toFixed(1)}`).join(" ") + " Z";
  return (
    <section aria-labelledby="tour-title">
      <h2 id="tour-title">Tour{tour.length !== null ? ` — length ${tour.length.toLocaleString("en-US")}` : ""}</h2>
      <svg className="tour-plot" viewBox={`0 0 ${size} ${size}`} role="img" aria-label={`Tour through ${tour.points.length} cities`} data-testid="tour-plot">
        <path d={path} fill="none" stroke="#7cf0b5" strokeWidth={2} />
        {tour.points.map((p, i) => (
          <circle key={i} cx={X(p[0])} cy={Y(p[1])} r={3.5} fill="#eef0fb" />
        ))}
      </svg>
    </section>
  );
}
