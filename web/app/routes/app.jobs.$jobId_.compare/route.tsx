/**
 * /app/jobs/<fork>/compare — a fork against its parent: the figures side by side and, for
 * timetables, the cost per constraint of both (from the same explanation as
 * GET /v1/jobs/{id}/explanation), as paired bars. Both jobs are read with the caller's tenant,
 * so another tenant's ids answer 404.
 */
import { Link, isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import type { MetaFunction } from "@remix-run/react";
import type { LoaderFunctionArgs } from "@remix-run/server-runtime";
import { jobExplanation } from "@worker/jobs/exports";
import { StateBadge } from "../../components/job-bits";
import { isTerminal } from "@worker/jobs/vocabulary";
import { figureLabelsOf } from "../../server/catalogue.server";
import { getJobForPage, type JobView } from "../../server/jobs.server";
import { readJobInput } from "../../server/results.server";
import { softWeightsOf, type SoftWeight } from "../../server/soft-weights.server";
import { callService, invariantResponse } from "../../server/responses.server";
import { requireUser } from "../../server/session.server";
import { fetConstraintLabel, paramLabel, timetablingConstraintLabel } from "../../components/labels";
import { formatScore } from "../../components/format";

export const meta: MetaFunction = () => [{ title: "Compare with parent · Evolve" }];

interface ConstraintRow {
  constraint: string;
  hard: boolean;
  weight: number;
  /** The fork's weight when a weights fork changed it. */
  forkWeight: number;
  parent: number;
  fork: number;
}

type Explanation = Awaited<ReturnType<typeof jobExplanation>>;

/**
 * Violations per constraint of either explanation: a course timetable's constraint groups as they
 * are; a FET school's elements summed per type and weight ("Teacher not available", 100).
 */
function constraintTotals(x: Explanation | null): { constraint: string; hard: boolean; weight: number; total: number }[] {
  if (!x) return [];
  if ("kind" in x && x.kind === "school") {
    const byType = new Map<string, { constraint: string; hard: boolean; weight: number; total: number }>();
    for (const c of x.constraints) {
      const key = `${c.type}@${c.weight}`;
      const row = byType.get(key) ?? { constraint: c.weight < 100 ? `${fetConstraintLabel(c.type)} (${c.weight}%)` : fetConstraintLabel(c.type), hard: c.hard, weight: c.weight, total: 0 };
      row.total += c.violations;
      byType.set(key, row);
    }
    return [...byType.values()];
  }
  return (x as Extract<Explanation, { constraints: { constraint: unknown }[] }>).constraints.map((g) => ({ constraint: g.constraint, hard: g.hard, weight: g.weight, total: g.total }));
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const env = context.cloudflare.env;
  const { auth } = await requireUser(request, env);
  const fork = await callService(() => getJobForPage(env, auth.tenantId, params.jobId ?? ""));
  invariantResponse(fork.parentJobId, 404, "This job is not a fork.");
  const parent = await callService(() => getJobForPage(env, auth.tenantId, fork.parentJobId!));
  let rows: ConstraintRow[] = [];
  const [parentWeights, forkWeights] =
    fork.kind === "timetabling" ? (await Promise.all([readJobInput(env, auth.tenantId, parent.id), readJobInput(env, auth.tenantId, fork.id)])).map(softWeightsOf) : [[], []];
  if (fork.kind === "timetabling" && isTerminal(fork.state) && isTerminal(parent.state)) {
    const [a, b] = await Promise.all([jobExplanation(env, auth.tenantId, parent.id).catch(() => null), jobExplanation(env, auth.tenantId, fork.id).catch(() => null)]);
    const byName = new Map<string, ConstraintRow>();
    for (const g of constraintTotals(a)) byName.set(g.constraint, { constraint: g.constraint, hard: g.hard, weight: g.weight, forkWeight: g.weight, parent: g.total, fork: 0 });
    for (const g of constraintTotals(b)) {
      const row = byName.get(g.constraint) ?? { constraint: g.constraint, hard: g.hard, weight: weightOf(parentWeights, g.constraint, g.weight), forkWeight: g.weight, parent: 0, fork: 0 };
      row.fork = g.total;
      row.forkWeight = g.weight;
      byName.set(g.constraint, row);
    }
    rows = [...byName.values()].sort((x, y) => Number(y.hard) - Number(x.hard) || y.parent + y.fork - (x.parent + x.fork));
  }
  const weightChanges = forkWeights
    .filter((w) => weightOf(parentWeights, w.name, w.value) !== w.value)
    .map((w) => `${timetablingConstraintLabel(w.name)}: ${weightOf(parentWeights, w.name, w.value)} → ${w.value}`);
  // An explanation only lists violated constraints: take each side's weight from its input.
  for (const r of rows) {
    if (r.hard) continue;
    r.weight = weightOf(parentWeights, r.constraint, r.weight);
    r.forkWeight = weightOf(forkWeights, r.constraint, r.forkWeight);
  }
  return { parent, fork, rows, weightChanges, labels: figureLabelsOf(fork.kind, fork.algorithm) };
}

function weightOf(weights: SoftWeight[], name: string, fallback: number): number {
  return weights.find((w) => w.name === name)?.value ?? fallback;
}

function changedParams(parent: JobView, fork: JobView): string[] {
  const names = new Set([...Object.keys(parent.parameters), ...Object.keys(fork.parameters)]);
  return [...names]
    .filter((n) => JSON.stringify(parent.parameters[n]) !== JSON.stringify(fork.parameters[n]))
    .map((n) => `${paramLabel(n)}: ${String(parent.parameters[n] ?? "default")} → ${String(fork.parameters[n] ?? "default")}`);
}

export default function Compare() {
  const { parent, fork, rows, weightChanges, labels } = useLoaderData<typeof loader>();
  const max = Math.max(1, ...rows.flatMap((r) => [r.parent, r.fork]));
  const figures: [string, (j: JobView) => string][] =
    fork.kind === "timetabling"
      ? [
          [labels.hard ?? "Hard violations", (j) => String(j.hard ?? "—")],
          [labels.soft ?? "Soft cost", (j) => formatScore(j.soft)],
          ["Evaluations", (j) => j.evaluations.toLocaleString("en-US")],
        ]
      : [
          [labels.best, (j) => formatScore(j.best)],
          ["Evaluations", (j) => j.evaluations.toLocaleString("en-US")],
        ];
  const changes = changedParams(parent, fork);
  // FET schools weigh in percent (Weight_Percentage); course timetables per unit of violation.
  const unit = fork.algorithm === "school" ? "%" : "";
  return (
    <>
      <div className="page-title">
        <div>
          <h1>Compare with parent</h1>
          <p className="muted" style={{ margin: 0 }}>
            <Link to={`/app/jobs/${parent.id}`}>{parent.name || parent.id.slice(0, 12)}</Link> (parent) vs <Link to={`/app/jobs/${fork.id}`}>{fork.name || fork.id.slice(0, 12)}</Link> (fork)
          </p>
        </div>
      </div>
      <div className="table-wrap">
        <table className="data" data-testid="compare-figures">
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">Parent</th>
              <th scope="col">Fork</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">State</th>
              <td>
                <StateBadge state={parent.state} />
              </td>
              <td>
                <StateBadge state={fork.state} />
              </td>
            </tr>
            {figures.map(([label, f]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{f(parent)}</td>
                <td>{f(fork)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">Changed parameters: {changes.length ? changes.join(", ") : "none (more evaluations only)"}.</p>
      {weightChanges.length ? <p className="muted">Changed weights: {weightChanges.join(", ")}.</p> : null}
      {fork.kind === "timetabling" ? (
        <section aria-labelledby="per-constraint">
          <h2 id="per-constraint">Cost per constraint</h2>
          {rows.length === 0 ? <p className="muted">Both jobs must have finished with a timetable.</p> : null}
          {rows.length ? (
            <div className="table-wrap">
              <table className="data" data-testid="compare-constraints">
                <thead>
                  <tr>
                    <th scope="col">Constraint</th>
                    <th scope="col">Parent</th>
                    <th scope="col">Fork</th>
                    <th scope="col">Change</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.constraint}>
                      <th scope="row">
                        {/^[a-z][A-Za-z]*$/.test(r.constraint) ? timetablingConstraintLabel(r.constraint) : r.constraint}
                        <div className="muted" style={{ fontSize: "0.8rem", fontWeight: 400 }}>
                          {r.hard ? "hard" : r.weight === r.forkWeight ? `soft, weight ${r.weight}${unit}` : `soft, weight ${r.weight}${unit} → ${r.forkWeight}${unit}`}
                        </div>
                      </th>
                      <td style={{ minWidth: 140 }}>
                        <div className="bar-track" aria-hidden="true">
                          <span className="bar-fill" style={{ width: `${(100 * r.parent) / max}%` }} />
                        </div>
                        {r.parent}
                      </td>
                      <td style={{ minWidth: 140 }}>
                        <div className="bar-track" aria-hidden="true">
                          <span className="bar-fill alt" style={{ width: `${(100 * r.fork) / max}%` }} />
                        </div>
                        {r.fork}
                      </td>
                      <td>{r.fork === r.parent ? "=" : r.fork < r.parent ? `▼ ${r.parent - r.fork}` : `▲ ${r.fork - r.parent}`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <section className="empty">
      <h1>{status === 404 ? "Nothing to compare" : "Could not compare"}</h1>
      <p className="muted">{isRouteErrorResponse(error) ? String(error.data) : "Please try again."}</p>
      <Link className="button" to="/app/jobs">
        Back to jobs
      </Link>
    </section>
  );
}
