/** The live part of a job page: counters, convergence charts and the connection state. */
import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { ConvergenceChart, type ChartHandle } from "../../components/convergence-chart";
import { formatCount, formatDuration, formatScore } from "../../components/format";
import { useJobProgress, type HistoryPoint } from "../../components/use-job-progress";

interface Props {
  jobId: string;
  kind: string;
  state: string;
  initial: { generation: number; evaluations: number; best: number | null; hard: number | null; soft: number | null; computeMs: number; islands: number };
}

const CONNECTION_TEXT = { connecting: "Connecting…", live: "● Live", reconnecting: "Reconnecting…", closed: "Final" } as const;

export function LivePanel({ jobId, kind, state, initial }: Props) {
  const objective = useRef<ChartHandle>(null);
  const violations = useRef<ChartHandle>(null);
  const timetabling = kind === "timetabling";
  const toObjective = (p: HistoryPoint) => [p[0], p[1], p[2]];
  const toViolations = (p: HistoryPoint) => [p[0], p[4] ?? null, p[5] ?? null];
  const { figures, connection, events } = useJobProgress(jobId, state, {
    onSnapshot(history) {
      objective.current?.reset(history.map(toObjective));
      violations.current?.reset(history.map(toViolations));
    },
    onPoint(p) {
      objective.current?.append(toObjective(p));
      violations.current?.append(toViolations(p));
    },
  });
  const liveState = figures?.state ?? state;
  const revalidator = useRevalidator();
  // When the job ends (or changes state), reload the page data: results, buttons, badge. One reload
  // at a time: a second one started while the first is loading aborts the first's fetch, which the
  // browser reports as an error ("BodyStreamBuffer was aborted"); a change seen meanwhile waits for it.
  const lastState = useRef(state);
  const reloadWanted = useRef(false);
  const revalidating = revalidator.state !== "idle";
  useEffect(() => {
    if (liveState !== lastState.current) {
      lastState.current = liveState;
      reloadWanted.current = true;
    }
    if (reloadWanted.current && !revalidating) {
      reloadWanted.current = false;
      revalidator.revalidate();
    }
  }, [liveState, revalidator, revalidating]);

  const f = {
    generation: figures?.generation ?? initial.generation,
    evaluations: figures?.evaluations ?? initial.evaluations,
    best: figures?.best ?? initial.best,
    mean: figures?.mean ?? null,
    hard: figures?.hard ?? initial.hard,
    soft: figures?.soft ?? initial.soft,
    elapsed: figures?.elapsedMs ?? initial.computeMs,
    islands: figures?.islands?.length ?? initial.islands,
  };
  const counters: [string, string][] = [
    ["State", liveState],
    ["Generation", formatCount(f.generation)],
    ["Evaluations", formatCount(f.evaluations)],
    ["Best", formatScore(f.best)],
    ["Mean", formatScore(f.mean)],
    ...(timetabling
      ? ([
          ["Hard violations", formatCount(f.hard)],
          ["Soft penalty", formatScore(f.soft)],
        ] as [string, string][])
      : []),
    ["Elapsed", formatDuration(f.elapsed)],
    ["Islands", String(f.islands || 1)],
  ];
  return (
    <section aria-labelledby="live-title">
      <div className="page-title">
        <h2 id="live-title">Progress</h2>
        <span className="conn" role="status" aria-live="polite" data-events={events} data-testid="connection">
          {CONNECTION_TEXT[connection]}
        </span>
      </div>
      <div className="counters" data-testid="counters">
        {counters.map(([name, value]) => (
          <div className="counter" key={name}>
            <span className="name">{name}</span>
            <span className="value" data-counter={name}>
              {value}
            </span>
          </div>
        ))}
      </div>
      <div className={timetabling ? "split" : undefined}>
        <ConvergenceChart
          ref={objective}
          title="Objective"
          xLabel="evaluations"
          series={[
            { label: "best", color: "#7cf0b5" },
            { label: "mean", color: "#6fb3ff", dashed: true },
          ]}
        />
        {timetabling ? (
          <ConvergenceChart
            ref={violations}
            title="Hard violations (must reach 0) and soft penalty"
            xLabel="evaluations"
            series={[
              { label: "hard violations", color: "#ff8f8f" },
              { label: "soft penalty", color: "#ffd479" },
            ]}
          />
        ) : null}
      </div>
    </section>
  );
}
