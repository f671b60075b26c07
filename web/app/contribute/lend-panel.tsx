/**
 * The job page's "Contributed compute" section: this tab's lend control, the join link for other
 * machines and tabs, and what each contributor gave (accepted units and evaluations, rejected
 * units, strikes), refreshed while the job runs. Data: /app/jobs/<id>/lend.
 */
import { useFetcher } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { isTerminal } from "@worker/jobs/vocabulary";
import { TableWrap } from "../components/table-wrap";
import type { LendState } from "../server/contribute.server";
import { LendControl } from "./lend-control";

export function LendPanel({ jobId, state }: { jobId: string; state: string }) {
  const fetcher = useFetcher<LendState>();
  const [showLink, setShowLink] = useState(false);
  // Refreshed every 3 s (and when the job's state changes), one load at a time: a fetcher's new load
  // aborts the one still in flight, which the browser reports as an error ("BodyStreamBuffer was
  // aborted") when the server is slow. A refresh asked for meanwhile runs when the load ends.
  const busy = useRef(false);
  busy.current = fetcher.state !== "idle";
  const wanted = useRef(false);
  const refresh = useRef(() => {});
  refresh.current = () => {
    wanted.current = busy.current;
    if (!busy.current) fetcher.load(`/app/jobs/${jobId}/lend`);
  };
  useEffect(() => {
    refresh.current();
    if (isTerminal(state)) return undefined;
    const timer = setInterval(() => refresh.current(), 3_000);
    return () => clearInterval(timer);
  }, [jobId, state]);
  useEffect(() => {
    if (fetcher.state === "idle" && wanted.current) refresh.current();
  }, [fetcher.state]);
  const data = fetcher.data;
  if (!data || (!data.contributable && data.contributors.length === 0)) return null;
  return (
    <section className="card" aria-labelledby="lend-title" data-testid="lend-panel">
      <h2 id="lend-title">Contributed compute</h2>
      {data.contributable && data.wsPath ? <LendControl wsPath={data.wsPath} /> : <p className="muted">{data.reason}</p>}
      {data.joinUrl ? (
        <p style={{ marginTop: 12 }}>
          <button type="button" className="button small" onClick={() => setShowLink((v) => !v)}>
            {showLink ? "Hide join link" : "Join link for other machines"}
          </button>
          {showLink ? (
            <>
              <code data-testid="join-link" style={{ display: "block", wordBreak: "break-all", marginTop: 8 }}>
                {data.joinUrl}
              </code>
              <span className="muted">
                Open it in a browser, or run <code>npm run contribute -- &lt;link&gt; --workers 2</code>. Valid for 2 hours.
              </span>
            </>
          ) : null}
        </p>
      ) : null}
      {data.contributors.length ? (
        <TableWrap label="Contributors">
          <table className="data" data-testid="contributors-table" style={{ marginTop: 12 }}>
            <thead>
              <tr>
                <th scope="col">Contributor</th>
                <th scope="col">Units accepted</th>
                <th scope="col">Evaluations</th>
                <th scope="col">Rejected</th>
                <th scope="col">Strikes</th>
              </tr>
            </thead>
            <tbody>
              {data.contributors.map((c) => (
                <tr key={c.contributorId}>
                  <td>
                    {c.label}
                    {c.banned ? " (banned)" : ""}
                  </td>
                  <td>{c.acceptedUnits}</td>
                  <td data-testid="contributor-evaluations">{c.acceptedEvaluations.toLocaleString("en-US")}</td>
                  <td>{c.rejectedUnits}</td>
                  <td>{c.strikes}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </section>
  );
}
