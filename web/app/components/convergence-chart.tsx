/**
 * A convergence chart on a canvas: series are appended by the caller and redrawn at most once per
 * animation frame, so 10 pushes a second cost one draw each and React never re-renders the chart.
 * The box has a fixed aspect ratio (CSS), so nothing around it moves as data arrives.
 */
import { useEffect, useImperativeHandle, useRef, forwardRef } from "react";

export interface Series {
  label: string;
  color: string;
  /** Dashed lines for secondary series (e.g. the population mean). */
  dashed?: boolean;
}

export interface ChartHandle {
  /** Replace all points (a snapshot); x then one y per series (null = gap). */
  reset(points: (number | null)[][]): void;
  append(point: (number | null)[]): void;
}

interface Props {
  series: Series[];
  title: string;
  xLabel: string;
  logY?: boolean;
}

export const ConvergenceChart = forwardRef<ChartHandle, Props>(function ConvergenceChart({ series, title, xLabel, logY }, ref) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const points = useRef<(number | null)[][]>([]);
  const frame = useRef<number | null>(null);

  const schedule = () => {
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      if (canvasRef.current) drawChart(canvasRef.current, points.current, series, xLabel, Boolean(logY));
    });
  };

  useImperativeHandle(ref, () => ({
    reset(next) {
      points.current = next.slice();
      schedule();
    },
    append(p) {
      points.current.push(p);
      schedule();
    },
  }));

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const observer = new ResizeObserver(() => schedule());
    observer.observe(canvas);
    schedule();
    return () => {
      observer.disconnect();
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <figure className="chart" style={{ margin: 0 }}>
      <div className="chart-box">
        <canvas ref={canvasRef} role="img" aria-label={`${title}: ${series.map((s) => s.label).join(", ")} against ${xLabel}`} />
      </div>
      <figcaption className="legend">
        <strong>{title}</strong>
        {series.map((s) => (
          <span key={s.label}>
            <i style={{ background: s.color, opacity: s.dashed ? 0.7 : 1 }} />
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
});

function drawChart(canvas: HTMLCanvasElement, points: (number | null)[][], series: Series[], xLabel: string, logY: boolean) {
  const dpr = window.devicePixelRatio || 1;
  const w = canvas.clientWidth;
  const h = canvas.clientHeight;
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  const g = canvas.getContext("2d");
  if (!g) return;
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  g.clearRect(0, 0, w, h);
  const pad = { l: 64, r: 14, t: 12, b: 30 };
  const fy = (v: number) => (logY ? Math.log10(Math.max(v, 1e-12)) : v);
  let xmin = Infinity,
    xmax = -Infinity,
    ymin = Infinity,
    ymax = -Infinity;
  for (const p of points) {
    const x = p[0];
    if (x === null) continue;
    xmin = Math.min(xmin, x);
    xmax = Math.max(xmax, x);
    for (let s = 1; s < p.length; s++) {
      const v = p[s];
      if (v === null || !Number.isFinite(v)) continue;
      ymin = Math.min(ymin, fy(v));
      ymax = Math.max(ymax, fy(v));
    }
  }
  g.font = "12px system-ui, sans-serif";
  g.fillStyle = "#a9afd0";
  if (!Number.isFinite(xmin) || !Number.isFinite(ymin)) {
    g.fillText("Waiting for the first progress…", pad.l, h / 2);
    return;
  }
  if (xmax === xmin) xmax = xmin + 1;
  if (ymax === ymin) {
    ymax += 1;
    ymin -= 1;
  }
  const X = (x: number) => pad.l + ((x - xmin) / (xmax - xmin)) * (w - pad.l - pad.r);
  const Y = (y: number) => pad.t + (1 - (fy(y) - ymin) / (ymax - ymin)) * (h - pad.t - pad.b);
  // Axes and 4 gridlines with labels.
  g.strokeStyle = "#2a3052";
  g.lineWidth = 1;
  for (let i = 0; i <= 4; i++) {
    const yv = ymin + ((ymax - ymin) * i) / 4;
    const py = pad.t + (1 - i / 4) * (h - pad.t - pad.b);
    g.beginPath();
    g.moveTo(pad.l, py);
    g.lineTo(w - pad.r, py);
    g.stroke();
    const label = logY ? `1e${yv.toFixed(1)}` : shortNumber(yv);
    g.fillText(label, 6, py + 4);
  }
  g.fillText(`${shortNumber(xmin)}`, pad.l, h - 8);
  const right = `${shortNumber(xmax)} ${xLabel}`;
  g.fillText(right, w - pad.r - g.measureText(right).width, h - 8);
  series.forEach((s, i) => {
    g.strokeStyle = s.color;
    g.lineWidth = 2;
    g.setLineDash(s.dashed ? [5, 4] : []);
    g.beginPath();
    let pen = false;
    for (const p of points) {
      const x = p[0];
      const v = p[i + 1];
      if (x === null || v === null || v === undefined || !Number.isFinite(v)) {
        pen = false;
        continue;
      }
      if (pen) g.lineTo(X(x), Y(v));
      else g.moveTo(X(x), Y(v));
      pen = true;
    }
    g.stroke();
  });
  g.setLineDash([]);
}

function shortNumber(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (a >= 1e4) return `${(v / 1e3).toFixed(0)}k`;
  if (a >= 100) return v.toFixed(0);
  return v.toFixed(a >= 1 ? 1 : 3);
}
