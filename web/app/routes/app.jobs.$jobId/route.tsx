/**
 * One job: live progress while it runs (pushed over a WebSocket), then its results — timetable
 * grid or tour plot, the explanation and exports. Another tenant's job id answers 404 here, as in /v1.
 */
import { Form, Link, isRouteErrorResponse, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import type { MetaFunction } from "@remix-run/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/server-runtime";
import { data, redirect } from "@remix-run/server-runtime";
import { FormMessage } from "../../components/field";
import { StateBadge } from "../../components/job-bits";
import { TERMINAL } from "../../platform/job-states";
import { controlJob, forkJobFromPage, getJobForPage, getJobResultForPage } from "../../platform/jobs.server";
import { callService, invariantResponse, toFormProblem } from "../../platform/responses.server";
import { buildResultView, exportChoices } from "../../platform/results.server";
import { requireUser } from "../../platform/session.server";
import { ExportsPanel } from "./exports-panel";
import { LivePanel } from "./live-panel";
import { TimetableGrid } from "./timetable-grid";
import { TourPlot } from "./tour-plot";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.job.name ?? "Job"} · Evolve` }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const env = context.cloudflare.env;
  const { auth } = await requireUser(request, env);
  const id = params.jobId ?? "";
  const job = await callService(() => getJobForPage(env, auth.tenantId, id));
  let resultView = null;
  let reason: string | null = null;
  if (TERMINAL.includes(job.state)) {
    const result = await callService(() => getJobResultForPage(env, auth.tenantId, id)).catch(() => null);
    if (result) {
      reason = result.reason;
      resultView = await buildResultView(env, auth.tenantId, id, result);
    }
  }
  return { job, resultView, reason, exports: exportChoices(job.kind, resultView) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const env = context.cloudflare.env;
  const { auth } = await requireUser(request, env);
  const id = params.jobId ?? "";
  const intent = String((await request.formData()).get("intent") ?? "");
  invariantResponse(["pause", "resume", "cancel", "fork"].includes(intent), 400, `Unknown action "${intent}".`);
  try {
    if (intent === "fork") {
      const parent = await getJobForPage(env, auth.tenantId, id);
      const child = await forkJobFromPage(env, auth, id, { evaluations: parent.budget.evaluations ?? 100_000 });
      throw redirect(`/app/jobs/${child.id}`);
    }
    await controlJob(env, auth.tenantId, id, intent as "pause" | "resume" | "cancel");
    return { error: null };
  } catch (err) {
    if (err instanceof Response) throw err;
    const problem = toFormProblem(err);
    return data({ error: problem.detail }, { status: problem.status });
  }
}

export default function JobPage() {
  const { job, resultView, reason, exports } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  const ended = TERMINAL.includes(job.state);
  return (
    <>
      <div className="page-title">
        <div>
          <h1>{job.name || job.id}</h1>
          <p className="muted" style={{ margin: 0 }}>
            {job.kind} · {job.algorithm} · <StateBadge state={job.state} /> {reason ? `(${reason})` : ""}
            {job.parentJobId ? (
              <>
                {" "}
                · forked from <Link to={`/app/jobs/${job.parentJobId}`}>{job.parentJobId.slice(0, 12)}</Link>
              </>
            ) : null}
          </p>
        </div>
        <Form method="post" className="button-row" aria-label="Job controls">
          {job.state === "running" || job.state === "queued" ? (
            <button className="button small" name="intent" value="pause" disabled={busy || job.state !== "running"}>
              Pause
            </button>
          ) : null}
          {job.state === "paused" ? (
            <button className="button small" name="intent" value="resume" disabled={busy}>
              Resume
            </button>
          ) : null}
          {!ended ? (
            <button className="button small danger" name="intent" value="cancel" disabled={busy}>
              Cancel
            </button>
          ) : null}
          <button className="button small" name="intent" value="fork" disabled={busy}>
            Fork
          </button>
        </Form>
      </div>
      {job.error ? <FormMessage tone="error">{job.error}</FormMessage> : null}
      <LivePanel
        key={job.id}
        jobId={job.id}
        kind={job.kind}
        state={job.state}
        initial={{ generation: job.generation, evaluations: job.evaluations, best: job.best, hard: job.hard, soft: job.soft, computeMs: job.computeMs, islands: job.islands }}
      />
      {ended ? (
        <>
          {resultView?.type === "timetabling" ? <TimetableGrid result={resultView} /> : null}
          {resultView?.type === "tsp" ? <TourPlot tour={resultView} /> : null}
          {resultView?.type === "timetabling" ? (
            <section aria-labelledby="explanation-title">
              <h2 id="explanation-title">
                Explanation — {resultView.hard} hard, {resultView.soft} soft
              </h2>
              {resultView.explanation.length === 0 ? <p>No violations: every constraint is met.</p> : null}
              {resultView.explanation.map((g) => (
                <details key={g.constraint} className="card" style={{ marginBottom: 8 }}>
                  <summary>
                    {g.constraint} ({g.hard ? "hard" : `soft, weight ${g.weight}`}): {g.total}
                  </summary>
                  <ul>
                    {g.items.map((i, n) => (
                      <li key={n}>
                        {i.label} — cost {i.cost}
                      </li>
                    ))}
                  </ul>
                </details>
              ))}
            </section>
          ) : null}
          <ExportsPanel jobId={job.id} formats={exports.formats} calendars={exports.calendars} />
        </>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <section className="empty">
      <h1>{status === 404 ? "Job not found" : "Could not show this job"}</h1>
      <p className="muted">{status === 404 ? "There is no such job in this organization." : isRouteErrorResponse(error) ? String(error.data) : "Please try again."}</p>
      <Link className="button" to="/app/jobs">
        Back to jobs
      </Link>
    </section>
  );
}
