/** Small pieces every job page uses: the state badge and the progress bar. */
import type { JobState } from "@worker/jobs/vocabulary";

export function StateBadge({ state }: { state: JobState | string }) {
  return <span className={`badge ${state}`}>{state}</span>;
}

export function ProgressBar({ value, label }: { value: number; label: string }) {
  const pct = Math.max(0, Math.min(100, Math.round(value * 100)));
  return (
    <div className="progress" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
      <span style={{ width: `${pct}%` }} />
    </div>
  );
}
