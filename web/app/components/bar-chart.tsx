/** A horizontal bar chart in plain HTML/CSS (no chart library): one labelled bar per value. */
export function BarChart({ title, bars, unit = "", testId }: { title: string; bars: { label: string; value: number }[]; unit?: string; testId?: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <figure className="bar-chart card" data-testid={testId}>
      <figcaption>{title}</figcaption>
      {bars.length === 0 ? <p className="muted">No data yet.</p> : null}
      <ul>
        {bars.map((b) => (
          <li key={b.label}>
            <span className="bar-label" title={b.label}>
              {b.label}
            </span>
            <span className="bar-track" aria-hidden="true">
              <span className="bar-fill" style={{ width: `${(100 * b.value) / max}%` }} />
            </span>
            <span className="bar-value">
              {b.value.toLocaleString("en-US")}
              {unit}
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
