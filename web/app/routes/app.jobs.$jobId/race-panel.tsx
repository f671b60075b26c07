/**
 * A race job's panel (`algorithm: "race"`, worker/runtime/race.ts): one anytime curve per
 * algorithm (best so far against the race's evaluations; a curve ends where its algorithm was
 * stopped) and how the budget was spent. While the race runs, the page data is reloaded every
 * few seconds so the curves and the table grow.
 */
import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import type { RaceResult } from "@worker/jobs/vocabulary";
import { ConvergenceChart, type ChartHandle } from "../../components/convergence-chart";
import { formatCount, formatScore } from "../../components/format";
import { raceLogScale, raceRows, raceSeries } from "./race-view";

const REFRESH_MS = 4_000;

export function RacePanel({ race, titles, running }: { race: RaceResult; titles: Record<string, string>; running: boolean }) {
  const chart = useRef<ChartHandle>(null);
  useEffect(() => {
    chart.current?.reset(race.curve);
  }, [race.curve]);
  const revalidator = useRevalidator();
  useEffect(() => {
    if (!running) return;
    const t = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, REFRESH_MS);
    return () => clearInterval(t);
  }, [running, revalidator]);
  const rows = raceRows(race, titles, running);
  return (
    <section aria-labelledby="race-title" data-testid="race-panel">
      <h2 id="race-title">Race of algorithms</h2>
      <p className="muted">
        Every algorithm started on its own island; after each of the {race.summary.rungs.length} rungs the worse half stopped and the budget went to the leaders
        {race.summary.restart ? ", each rung a fresh run warm-started with the best solutions so far" : ", with the best solution migrated into them"}.
      </p>
      <ConvergenceChart ref={chart} title="Best so far, per algorithm" xLabel="evaluations of the race" series={raceSeries(race, titles)} logY={raceLogScale(race)} />
      <table className="data" data-testid="race-table">
        <thead>
          <tr>
            <th scope="col">Algorithm</th>
            <th scope="col">Evaluations</th>
            <th scope="col">Share of the budget</th>
            <th scope="col">Best</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.algorithm} data-algorithm={r.algorithm}>
              <th scope="row">{r.winner ? <strong>{r.title}</strong> : r.title}</th>
              <td>{formatCount(r.evaluations)}</td>
              <td>{`${Math.round(r.share * 100)}%`}</td>
              <td>{formatScore(r.best)}</td>
              <td>{r.outcome}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
