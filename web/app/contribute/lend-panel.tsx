/**
 * The job page's "Contributed compute" section: this tab's lend control, the join link for other
 * machines and tabs, and what each contributor gave (accepted units and evaluations, rejected
 * units, strikes), refreshed while the job runs. Data: /app/jobs/<id>/lend.
 */
import { useEffect, useState } from "react";
import { isTerminal } from "@worker/jobs/vocabulary";
import { TableWrap } from "../components/table-wrap";
import type { LendState } from "../server/contribute.server";
import { LendControl } from "./lend-control";

export function LendPanel({ jobId, state }: { jobId: string; state: string }) {
  const [showLink, setShowLink] = useState(false);
  const data = useLendState(jobId, state);
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

/**
 * The lend state, loaded now and every 3 s while the job runs (again when its state changes), one load
 * at a time. A plain fetch, not a route fetcher: the router revalidates and aborts fetchers' loads
 * whenever the page's data is read again (the live panel does so when the job ends), and an aborted
 * load's body shows as a console error ("BodyStreamBuffer was aborted"). Only leaving the page stops
 * a load here; a failed load is retried by the next refresh.
 */
function useLendState(jobId: string, state: string): LendState | undefined {
  const [data, setData] = useState<LendState>();
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        const res = await fetch(`/app/jobs/${jobId}/lend`, { signal: controller.signal, headers: { accept: "application/json" } });
        if (res.ok) setData((await res.json()) as LendState);
      } catch {
        // Left the page (aborted), or the network failed once: the next refresh asks again.
      }
      if (!controller.signal.aborted && !isTerminal(state)) timer = setTimeout(load, 3_000);
    };
    void load();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [jobId, state]);
  return data;
}
