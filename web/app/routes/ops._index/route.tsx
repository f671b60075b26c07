/** Operator console overview: every tenant with tier and today's usage, recent jobs across tenants. */
import { Form, useLoaderData } from "@remix-run/react";
import type { LoaderFunctionArgs } from "@remix-run/server-runtime";
import { StateBadge } from "../../components/job-bits";
import { listRecentJobsForOps, listTenantsForOps } from "@worker/ops/console";
import { JOB_STATES, type JobState } from "@worker/jobs/vocabulary";
import { requireOperator } from "../../server/ops.server";
import { TableWrap } from "../../components/table-wrap";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const env = context.cloudflare.env;
  await requireOperator(request, env);
  const state = new URL(request.url).searchParams.get("state") || undefined;
  const [tenants, jobs] = await Promise.all([
    listTenantsForOps(env, 200),
    listRecentJobsForOps(env, { state: state && (JOB_STATES as readonly string[]).includes(state) ? state : undefined, limit: 50 }),
  ]);
  const names = new Map((tenants as { id: string; name: string }[]).map((t) => [t.id, t.name]));
  return {
    state: state ?? "",
    tenants: tenants as { id: string; name: string; tier: string; subscriptionStatus: string; jobsToday: number; computeMsToday: number; activeJobs: number; totalJobs: number }[],
    jobs: jobs.map((j) => ({
      id: j.id,
      tenant: names.get(j.tenantId) ?? j.tenantId,
      kind: j.kind,
      algorithm: j.algorithm,
      state: j.state as JobState,
      error: j.error,
      createdAt: j.createdAt instanceof Date ? j.createdAt.toISOString() : String(j.createdAt),
    })),
  };
}

export default function OpsOverview() {
  const { tenants, jobs, state } = useLoaderData<typeof loader>();
  const failed = jobs.filter((j) => j.state === "failed").length;
  return (
    <>
      <h1>Operator console</h1>
      <section aria-labelledby="tenants-title">
        <h2 id="tenants-title">Tenants ({tenants.length})</h2>
        <TableWrap label="Tenants">
          <table className="data" data-testid="ops-tenants">
            <thead>
              <tr>
                <th scope="col">Tenant</th>
                <th scope="col">Tier</th>
                <th scope="col">Subscription</th>
                <th scope="col">Jobs today</th>
                <th scope="col">Compute today</th>
                <th scope="col">Active</th>
                <th scope="col">All jobs</th>
              </tr>
            </thead>
            <tbody>
              {tenants.map((t) => (
                <tr key={t.id}>
                  <td>
                    {t.name}
                    <div className="muted" style={{ fontSize: "0.8rem" }}>
                      {t.id}
                    </div>
                  </td>
                  <td>
                    <span className="badge">{t.tier}</span>
                  </td>
                  <td>{t.subscriptionStatus}</td>
                  <td>{t.jobsToday}</td>
                  <td>{(t.computeMsToday / 1000).toFixed(1)} s</td>
                  <td>{t.activeJobs}</td>
                  <td>{t.totalJobs}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>
      <section aria-labelledby="jobs-title">
        <h2 id="jobs-title">
          Recent jobs ({jobs.length}
          {failed ? `, ${failed} failed` : ""})
        </h2>
        <Form method="get" className="filters">
          <div className="field">
            <label htmlFor="ops-state">State</label>
            <select id="ops-state" name="state" defaultValue={state}>
              <option value="">any</option>
              {JOB_STATES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </div>
          <button className="button small" type="submit">
            Filter
          </button>
        </Form>
        <TableWrap label="Jobs across tenants">
          <table className="data" data-testid="ops-jobs">
            <thead>
              <tr>
                <th scope="col">Job</th>
                <th scope="col">Tenant</th>
                <th scope="col">Kind</th>
                <th scope="col">State</th>
                <th scope="col">Failure</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((j) => (
                <tr key={j.id}>
                  <td>
                    <code>{j.id.slice(0, 16)}</code>
                  </td>
                  <td>{j.tenant}</td>
                  <td>
                    {j.kind} · {j.algorithm}
                  </td>
                  <td>
                    <StateBadge state={j.state} />
                  </td>
                  <td className="muted">{j.error ?? ""}</td>
                  <td>{j.createdAt.slice(0, 19).replace("T", " ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>
    </>
  );
}
