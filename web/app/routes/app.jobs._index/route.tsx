/** Jobs: the tenant's jobs, newest first, filterable by state and kind, a page at a time. */
import { kindLabel } from "../../components/labels";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import type { MetaFunction } from "@remix-run/react";
import type { LoaderFunctionArgs } from "@remix-run/server-runtime";
import { listDemoSummaries } from "../../demo/demos.server";
import { formatAge, formatScore } from "../../components/format";
import { ProgressBar, StateBadge } from "../../components/job-bits";
import { JOB_STATES } from "@worker/jobs/vocabulary";
import { getCatalogue, jobKinds } from "../../server/catalogue.server";
import { listJobsForPage } from "../../server/jobs.server";
import { callService, invariantResponse } from "../../server/responses.server";
import { requireUser } from "../../server/session.server";

export const meta: MetaFunction = () => [{ title: "Jobs · Evolve" }];

const PAGE_SIZE = 20;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const env = context.cloudflare.env;
  const { auth } = await requireUser(request, env);
  const params = new URL(request.url).searchParams;
  const state = params.get("state") || undefined;
  const kind = params.get("kind") || undefined;
  invariantResponse(!state || (JOB_STATES as readonly string[]).includes(state), 400, `Unknown state "${state}".`);
  const kinds = jobKinds();
  invariantResponse(!kind || kinds.includes(kind), 400, `Unknown kind "${kind}".`);
  const cursor = params.get("cursor") || undefined;
  const page = await callService(() => listJobsForPage(env, auth.tenantId, { state, kind, cursor, limit: PAGE_SIZE }));
  // Algorithm titles by "kind/id", so the list says "School timetabling (FET)" rather than "school".
  const algorithmTitles = Object.fromEntries(getCatalogue().flatMap((k) => k.algorithms.map((a) => [`${k.kind}/${a.id}`, a.title])));
  return { ...page, kinds, filtered: Boolean(state || kind), demos: listDemoSummaries(), now: Date.now(), algorithmTitles };
}

export default function JobsList() {
  const { jobs, nextCursor, kinds, filtered, demos, now, algorithmTitles } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const withCursor = (cursor: string | null) => {
    const next = new URLSearchParams(params);
    if (cursor) next.set("cursor", cursor);
    else next.delete("cursor");
    return `?${next}`;
  };
  return (
    <>
      <div className="page-title">
        <h1>Jobs</h1>
        <Link className="button primary" to="/app/jobs/new">
          New job
        </Link>
      </div>
      <Form method="get" className="filters" aria-label="Filter jobs">
        <div className="field">
          <label htmlFor="filter-state">State</label>
          <select id="filter-state" name="state" defaultValue={params.get("state") ?? ""}>
            <option value="">Any state</option>
            {JOB_STATES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-kind">Kind</label>
          <select id="filter-kind" name="kind" defaultValue={params.get("kind") ?? ""}>
            <option value="">Any kind</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        </div>
        <button className="button" type="submit">
          Filter
        </button>
      </Form>
      {jobs.length === 0 ? (
        filtered ? (
          <p className="empty muted">No jobs match these filters.</p>
        ) : (
          <section className="empty" aria-labelledby="empty-title">
            <h2 id="empty-title">No jobs yet</h2>
            <p className="muted">Upload your own problem, or start with one of these demo problems:</p>
            <div className="grid-cards">
              {demos.map((d) => (
                <article className="card" key={d.id}>
                  <h3>{d.title}</h3>
                  <p>{d.description}</p>
                  <p>
                    <Link className="button" to={`/app/jobs/new?demo=${d.id}`} aria-label={`Try the demo: ${d.title}`}>
                      Try it
                    </Link>
                  </p>
                </article>
              ))}
            </div>
          </section>
        )
      ) : (
        <div className="table-wrap">
          <table className="data">
            <caption className="visually-hidden">Jobs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">State</th>
                <th scope="col">Kind</th>
                <th scope="col" className="hide-phone">
                  Algorithm
                </th>
                <th scope="col">Best</th>
                <th scope="col" className="hide-phone">
                  Progress
                </th>
                <th scope="col">Age</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((j) => (
                <tr key={j.id}>
                  <td>
                    <Link to={`/app/jobs/${j.id}`}>{j.name || j.id.slice(0, 12)}</Link>
                  </td>
                  <td>
                    <StateBadge state={j.state} />
                  </td>
                  <td>{kindLabel(j.kind === "timetabling" && j.algorithm === "school" ? "school" : j.kind)}</td>
                  <td className="hide-phone">{algorithmTitles[`${j.kind}/${j.algorithm}`] ?? j.algorithm}</td>
                  <td>{formatScore(j.best)}</td>
                  <td className="hide-phone">
                    <ProgressBar value={j.progress} label={`Progress of ${j.name || j.id}`} />
                  </td>
                  <td>
                    <time dateTime={j.createdAt}>{formatAge(j.createdAt, now)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label="Pages">
        {params.get("cursor") ? <Link to={withCursor(null)}>← First page</Link> : <span />}
        {nextCursor ? <Link to={withCursor(nextCursor)}>Next page →</Link> : null}
      </nav>
    </>
  );
}
