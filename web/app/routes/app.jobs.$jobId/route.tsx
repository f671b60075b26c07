/**
 * One job: live progress while it runs (pushed over a WebSocket), then its results — timetable
 * grid or tour plot, the explanation and exports. Another tenant's job id answers 404 here, as in /v1.
 */
import { Form, Link, isRouteErrorResponse, useActionData, useLoaderData, useLocation, useNavigate, useNavigation, useRouteError } from "@remix-run/react";
import type { MetaFunction, ShouldRevalidateFunction } from "@remix-run/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/server-runtime";
import { data, redirect } from "@remix-run/server-runtime";
import { FormMessage } from "../../components/field";
import { StateBadge } from "../../components/job-bits";
import { isTerminal, stopReasonLabel } from "@worker/jobs/vocabulary";
import { linkOrigin } from "@worker/auth/dev-origins";
import { canForkAlgorithm, getKindModule } from "../../server/catalogue.server";
import { controlJob, forkJobFromPage, getJobForPage, getJobResultForPage, getLiveFigures } from "../../server/jobs.server";
import { createFeedUrl, createShareUrl, linksOfJob, MAX_SHARE_HOURS, revokeJobLink } from "../../server/links.server";
import { callService, invariantResponse, toFormProblem } from "../../server/responses.server";
import { type ResultView, exportChoices, readJobInput, resultViewOfJob } from "../../server/results.server";
import { requireUser } from "../../server/session.server";
import { ExportsPanel } from "./exports-panel";
import { ForkForm, type ForkParam } from "./fork-form";
import { softWeightsOf } from "../../server/soft-weights.server";
import { LinksPanel } from "./links-panel";
import { LivePanel } from "./live-panel";
import { LendPanel } from "../../contribute/lend-panel";
import { RacePanel } from "./race-panel";
import { RACE_ALGORITHM } from "@core/engine/race";
import type { RaceResult } from "@worker/jobs/vocabulary";
import { TimetableGrid } from "./timetable-grid";
import { SchoolTimetableView } from "./school-timetable";
import { revalidatesAfterSubmission, schoolChoiceOf, schoolPageOf, schoolSearchOf } from "./school-page";
import { checkSchoolEditForPage, editOfForm, resolveSchoolEditForPage } from "../../server/school-edit.server";
import { kindLabel, timetablingConstraintLabel } from "../../components/labels";
import { TourPlot } from "./tour-plot";
import { OrderingView } from "./ordering-view";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.job.name ?? "Job"} · Evolve` }];

/** Checking a timetable edit changes nothing stored: the page's data is read again only for another URL (school-page.ts). */
export const shouldRevalidate: ShouldRevalidateFunction = revalidatesAfterSubmission;

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const env = context.cloudflare.env;
  const { auth } = await requireUser(request, env);
  const id = params.jobId ?? "";
  const job = await callService(() => getJobForPage(env, auth.tenantId, id));
  // A school result: one timetable of it, the one the query string names (school-page.ts).
  let resultView: ResultView | ReturnType<typeof schoolPageOf> | null = null;
  let exports = exportChoices(job.kind, null);
  let reason: string | null = null;
  const finished = isTerminal(job.state);
  // The input feeds the result view (finished jobs) and the fork form's weights (timetables): one read.
  const input = finished || job.kind === "timetabling" ? await readJobInput(env, auth.tenantId, id) : null;
  // A race (algorithm "race"): its curves and budget from the result, or from the runner while it runs.
  let race: RaceResult | null = null;
  if (job.algorithm === RACE_ALGORITHM && !finished) race = (await getLiveFigures(env, auth.tenantId, id).catch(() => null))?.race ?? null;
  if (finished) {
    const result = await callService(() => getJobResultForPage(env, auth.tenantId, id)).catch(() => null);
    race = result?.race ?? null;
    if (result) {
      reason = result.reason;
      const whole = await resultViewOfJob(env, auth.tenantId, id, input, result);
      exports = exportChoices(job.kind, whole);
      resultView = whole.type === "school" ? schoolPageOf(whole, schoolChoiceOf(new URL(request.url).searchParams)) : whole;
    }
  }
  const links = await linksOfJob(env, auth.tenantId, id, job.kind === "timetabling");
  const forkWeights = softWeightsOf(input);
  const algorithmTitle = job.algorithm === RACE_ALGORITHM ? "Race of algorithms" : (getKindModule(job.kind)?.algorithms[job.algorithm]?.title ?? job.algorithm);
  // Fork (and re-solve an edited school timetable) only where the solver can continue a saved state.
  const canFork = canForkAlgorithm(job.kind, job.algorithm) && job.state !== "queued";
  const raceTitles = race ? Object.fromEntries(race.algorithms.map((a) => [a, getKindModule(job.kind)?.algorithms[a]?.title ?? a])) : {};
  return { job, resultView, reason, exports, links, forkParams: forkParamsOf(job.kind, job.algorithm, job.parameters), forkWeights, algorithmTitle, canFork, race, raceTitles };
}

/** Numeric parameters of the job's algorithm with their current values: what a fork may change. */
function forkParamsOf(kind: string, algorithm: string, current: Record<string, unknown>): ForkParam[] {
  const specs = getKindModule(kind)?.algorithms[algorithm]?.params ?? [];
  return specs.flatMap((p) =>
    p.type === "number" ? [{ name: p.name, value: typeof current[p.name] === "number" ? (current[p.name] as number) : p.default, min: p.min, max: p.max, help: p.help }] : [],
  );
}

const INTENTS = ["pause", "resume", "cancel", "fork", "school-check", "school-resolve", "share-create", "share-revoke", "feed-create", "feed-revoke"];

export async function action({ request, params, context }: ActionFunctionArgs) {
  const env = context.cloudflare.env;
  const { auth } = await requireUser(request, env);
  const id = params.jobId ?? "";
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  invariantResponse(INTENTS.includes(intent), 400, `Unknown action "${intent}".`);
  // Share and calendar links: APP_URL, or in development the loopback origin the visitor is on.
  const origin = linkOrigin(env, request);
  try {
    if (intent === "school-check") {
      // The verdict, and the edited timetable of the one the page shows (not the whole school).
      const { result, ...verdict } = (await checkSchoolEditForPage(env, auth.tenantId, id, editOfForm(form))).schoolCheck;
      const choice = schoolChoiceOf(new URLSearchParams({ view: String(form.get("view") ?? ""), of: String(form.get("of") ?? "") }));
      return { error: null, schoolCheck: { ...verdict, page: schoolPageOf(result, choice) } };
    }
    if (intent === "school-resolve") {
      const asked = Number(form.get("evaluations") ?? "");
      return await resolveSchoolEditForPage(env, auth, id, editOfForm(form), Number.isInteger(asked) && asked > 0 ? asked : 100_000, request);
    }
    if (intent === "fork") {
      const parent = await getJobForPage(env, auth.tenantId, id);
      const asked = Number(form.get("evaluations") ?? "");
      const evaluations = Number.isInteger(asked) && asked > 0 ? asked : (parent.budget.evaluations ?? 100_000);
      const parameters: Record<string, number> = {};
      for (const [key, value] of form) {
        if (!key.startsWith("param.") || String(value).trim() === "") continue;
        const n = Number(value);
        invariantResponse(Number.isFinite(n), 400, `${key.slice(6)} must be a number.`);
        parameters[key.slice(6)] = n;
      }
      const weights: Record<string, number> = {};
      for (const [key, value] of form) {
        if (!key.startsWith("weight.") || String(value).trim() === "") continue;
        const n = Number(value);
        invariantResponse(Number.isFinite(n), 400, `The weight of ${key.slice(7)} must be a number.`);
        weights[key.slice(7)] = n;
      }
      const child = await forkJobFromPage(env, auth, id, { evaluations }, parameters, parent.kind === "timetabling" && Object.keys(weights).length ? weights : undefined, request).catch(
        (err: unknown) => {
          // Refusals are ApiErrors (422, shown by toFormProblem); a plain Error from the runtime still
          // becomes a readable message rather than a 500.
          if (err instanceof Error && err.constructor === Error) return { id: null, refused: err.message };
          throw err;
        },
      );
      if (!child.id) return data({ error: `This job cannot be forked: ${"refused" in child ? child.refused : ""}` }, { status: 409 });
      throw redirect(`/app/jobs/${child.id}`);
    }
    if (intent === "share-create") {
      const hours = Math.min(MAX_SHARE_HOURS, Math.max(1, Number(form.get("hours")) || 168));
      return { error: null, createdUrl: await createShareUrl(env, auth.tenantId, id, hours, origin), createdKind: "share" as const };
    }
    if (intent === "feed-create") {
      return { error: null, createdUrl: await createFeedUrl(env, auth.tenantId, id, String(form.get("view") ?? ""), origin), createdKind: "calendar" as const };
    }
    if (intent === "share-revoke" || intent === "feed-revoke") {
      await revokeJobLink(env, auth.tenantId, id, String(form.get("linkId") ?? ""), intent === "share-revoke" ? "share" : "calendar");
      return { error: null };
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
  const { job, resultView, reason, exports, links, forkParams, forkWeights, algorithmTitle, canFork, race, raceTitles } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const navigate = useNavigate();
  const { pathname } = useLocation();
  // Another school timetable: the same page with its view and owner in the query string (shareable, back and forward).
  const loadingTimetable = navigation.state === "loading" && !navigation.formMethod && navigation.location.pathname === pathname;
  const ended = isTerminal(job.state);
  return (
    <>
      <div className="page-title">
        <div>
          <h1>{job.name || job.id}</h1>
          <p className="muted" style={{ margin: 0 }}>
            {kindLabel(job.kind === "timetabling" && job.algorithm === "school" ? "school" : job.kind)} · {algorithmTitle} · <StateBadge state={job.state} />{" "}
            {reason && !job.stopReason ? `(${reason})` : ""}
            {job.parentJobId ? (
              <>
                {" "}
                · forked from <Link to={`/app/jobs/${job.parentJobId}`}>{job.parentJobId.slice(0, 12)}</Link>
              </>
            ) : null}
            {job.parentJobId && ended ? (
              <>
                {" "}
                · <Link to={`/app/jobs/${job.id}/compare`}>Compare with parent</Link>
              </>
            ) : null}
          </p>
          {ended && job.stopReason ? (
            <p className="muted" style={{ margin: 0 }} data-testid="stop-reason">
              Stopped: {stopReasonLabel(job.stopReason)}
              {reason ? ` — ${reason}` : ""}
            </p>
          ) : null}
        </div>
        <Form method="post" className="button-row" aria-label="Job controls">
          {job.state === "running" || job.state === "queued" ? (
            <button type="submit" className="button small" name="intent" value="pause" disabled={busy || job.state !== "running"}>
              Pause
            </button>
          ) : null}
          {job.state === "paused" ? (
            <button type="submit" className="button small" name="intent" value="resume" disabled={busy}>
              Resume
            </button>
          ) : null}
          {!ended ? (
            <button type="submit" className="button small danger" name="intent" value="cancel" disabled={busy}>
              Cancel
            </button>
          ) : null}
          {canFork ? (
            <button type="submit" className="button small" name="intent" value="fork" disabled={busy}>
              Fork
            </button>
          ) : null}
        </Form>
      </div>
      {job.error ? <FormMessage tone="error">{job.error}</FormMessage> : null}
      {actionData?.error ? <FormMessage tone="error">{actionData.error}</FormMessage> : null}
      {canFork ? <ForkForm params={forkParams} weights={forkWeights} evaluations={job.budget.evaluations ?? 100_000} /> : null}
      <LivePanel
        key={job.id}
        jobId={job.id}
        kind={job.kind}
        state={job.state}
        initial={{ generation: job.generation, evaluations: job.evaluations, best: job.best, hard: job.hard, soft: job.soft, computeMs: job.computeMs, islands: job.islands }}
      />
      {job.islands > 1 ? <LendPanel jobId={job.id} state={job.state} /> : null}
      {race ? <RacePanel race={race} titles={raceTitles} running={!ended} /> : null}
      {ended ? (
        <>
          {resultView?.type === "timetabling" ? <TimetableGrid result={resultView} /> : null}
          {resultView?.type === "school" ? (
            <SchoolTimetableView
              page={resultView}
              choose={(choice) => navigate(schoolSearchOf(choice), { preventScrollReset: true })}
              loading={loadingTimetable}
              editor={{ canResolve: canFork, evaluations: job.budget.evaluations ?? 100_000 }}
            />
          ) : null}
          {resultView?.type === "tsp" ? <TourPlot tour={resultView} /> : null}
          {resultView?.type === "permutation" ? <OrderingView ordering={resultView} /> : null}
          {resultView?.type === "timetabling" ? (
            <section aria-labelledby="explanation-title">
              <h2 id="explanation-title">
                Explanation — {resultView.hard} hard, {resultView.soft} soft
              </h2>
              {resultView.explanation.length === 0 ? <p>No violations: every constraint is met.</p> : null}
              {resultView.explanation.map((g) => (
                <details key={g.constraint} className="card" style={{ marginBottom: 8 }}>
                  <summary>
                    {timetablingConstraintLabel(g.constraint)} ({g.hard ? "hard" : `soft, weight ${g.weight}`}): {g.total}
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
          <LinksPanel share={links.share} feeds={links.feeds} calendars={exports.calendars} />
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
