/**
 * /share/<token> — a job's result, read-only, for anyone holding a share link (no sign-in): the
 * figures, the timetable grid or tour, the explanation and the exports (through
 * /v1/share/<token>/exports, which checks the same token). Invalid, expired or revoked → 404.
 */
import { isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import type { MetaFunction } from "@remix-run/react";
import type { LoaderFunctionArgs } from "@remix-run/server-runtime";
import { StateBadge } from "../../components/job-bits";
import { sharedJob } from "../../server/links.server";
import { callService } from "../../server/responses.server";
import { exportChoices, readJobInput, resultViewOfJob } from "../../server/results.server";
import { ExportsPanel } from "../app.jobs.$jobId/exports-panel";
import { TimetableGrid } from "../app.jobs.$jobId/timetable-grid";
import { SchoolTimetable } from "../app.jobs.$jobId/school-timetable";
import { kindLabel, timetablingConstraintLabel } from "../../components/labels";
import { getKindModule } from "../../server/catalogue.server";
import { TourPlot } from "../app.jobs.$jobId/tour-plot";
import { OrderingView } from "../app.jobs.$jobId/ordering-view";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.job.name ?? "Shared result"} · Evolve` }, { name: "robots", content: "noindex" }];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const env = context.cloudflare.env;
  const token = params.token ?? "";
  const { share, row, result } = await callService(() => sharedJob(env, token));
  const view = result ? await resultViewOfJob(env, share.tenantId, row.id, await readJobInput(env, share.tenantId, row.id), result) : null;
  const exports = result?.best ? exportChoices(row.kind, view) : { formats: [], calendars: [] };
  return {
    token,
    job: { id: row.id, name: row.name, kind: row.kind, algorithm: row.algorithm, state: row.state, best: row.best, hard: row.hard, soft: row.soft, evaluations: row.evaluations },
    view,
    exports,
    algorithmTitle: getKindModule(row.kind)?.algorithms[row.algorithm]?.title ?? row.algorithm,
    expiresAt: share.expiresAt ? share.expiresAt.toISOString() : null,
  };
}

export default function SharedResult() {
  const { token, job, view, exports, expiresAt, algorithmTitle } = useLoaderData<typeof loader>();
  return (
    <main className="page" id="main">
      <div className="page-title">
        <div>
          <h1>{job.name || "Shared result"}</h1>
          <p className="muted" style={{ margin: 0 }}>
            {kindLabel(view?.type === "school" ? "school" : job.kind)} · {algorithmTitle} · <StateBadge state={job.state} /> · read-only
            {expiresAt ? ` · link valid until ${expiresAt.slice(0, 16).replace("T", " ")} UTC` : ""}
          </p>
        </div>
      </div>
      <div className="counters">
        {job.kind === "timetabling" ? (
          <>
            <div className="counter">
              <span className="muted">Hard violations</span>
              <span className="value" data-counter="Hard">
                {job.hard ?? "—"}
              </span>
            </div>
            <div className="counter">
              <span className="muted">Soft penalty</span>
              <span className="value" data-counter="Soft">
                {job.soft ?? "—"}
              </span>
            </div>
          </>
        ) : (
          <div className="counter">
            <span className="muted">Best</span>
            <span className="value" data-counter="Best">
              {job.best ?? "—"}
            </span>
          </div>
        )}
        <div className="counter">
          <span className="muted">Evaluations</span>
          <span className="value">{job.evaluations.toLocaleString("en-US")}</span>
        </div>
      </div>
      {view?.type === "timetabling" ? <TimetableGrid result={view} /> : null}
      {view?.type === "school" ? <SchoolTimetable result={view} /> : null}
      {view?.type === "tsp" ? <TourPlot tour={view} /> : null}
      {view?.type === "permutation" ? <OrderingView ordering={view} /> : null}
      {view?.type === "timetabling" ? (
        <section aria-labelledby="explanation-title">
          <h2 id="explanation-title">
            Explanation — {view.hard} hard, {view.soft} soft
          </h2>
          <ul>
            {view.explanation.map((g) => (
              <li key={g.constraint}>
                {timetablingConstraintLabel(g.constraint)} ({g.hard ? "hard" : `soft, weight ${g.weight}`}): {g.total}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {exports.formats.length ? <ExportsPanel jobId={job.id} formats={exports.formats} calendars={exports.calendars} base={`/v1/share/${token}/exports`} /> : null}
    </main>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <main className="page narrow">
      <h1>{status === 404 ? "Link not valid" : "Could not show this result"}</h1>
      <p className="muted">{status === 404 ? "This share link does not exist, was revoked or has expired." : "Please try again."}</p>
    </main>
  );
}
