/**
 * Metrics as charts: the OpsMetrics aggregator's counters and histograms (requests by route and
 * status, latency buckets) and the scrape-time gauges from D1 (jobs by state and kind).
 */
import { useLoaderData } from "@remix-run/react";
import type { LoaderFunctionArgs } from "@remix-run/server-runtime";
import { BarChart } from "../../components/bar-chart";
import { loadOpsCharts, requireOperator } from "../../server/ops.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const env = context.cloudflare.env;
  await requireOperator(request, env);
  return loadOpsCharts(env);
}

const GAUGE_LABELS: Record<string, string> = {
  evolve_tenants: "Tenants",
  evolve_jobs_today: "Jobs today",
  evolve_compute_ms_today: "Compute ms today",
};

export default function Metrics() {
  const c = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Metrics</h1>
      <div className="counters">
        {Object.entries(c.gauges).map(([k, v]) => (
          <div className="counter" key={k}>
            <span className="muted">{GAUGE_LABELS[k] ?? k}</span>
            <span className="value">{v.toLocaleString("en-US")}</span>
          </div>
        ))}
      </div>
      <div className="charts" style={{ marginTop: 14 }}>
        <BarChart title="API requests by route" bars={c.requestsByRoute} testId="chart-routes" />
        <BarChart title="API requests by status" bars={c.requestsByStatus} testId="chart-status" />
        <BarChart title={`API latency (${c.latencyCount} requests)`} bars={c.latency} testId="chart-latency" />
        <BarChart title="Jobs by state" bars={c.jobsByState} testId="chart-job-states" />
        <BarChart title="Jobs by kind" bars={c.jobsByKind} testId="chart-job-kinds" />
      </div>
    </>
  );
}
