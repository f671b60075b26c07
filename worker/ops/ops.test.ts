import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { recordDeadLetter } from "./console";
import { applySample, emptyRegistry, renderPrometheus } from "./metric-registry";
import { routeLabel } from "./record";
import { dispatch } from "../test/fixtures";

const call = (path: string, init?: RequestInit) => dispatch(new Request(`http://localhost${path}`, init));
const ops = (path: string, init: RequestInit = {}) => call(`/api/ops${path}`, { ...init, headers: { authorization: `Bearer ${env.OPS_TOKEN}`, ...(init.headers ?? {}) } });

async function insertJob(id: string, tenantId: string, state: string, kind = "tsp") {
  await env.DB.prepare("insert into job (id, tenant_id, kind, algorithm, state, parameters, seed, budget) values (?, ?, ?, 'memetic', ?, '{}', 1, '{}')").bind(id, tenantId, kind, state).run();
}

async function pollMetrics(predicate: (text: string) => boolean | Promise<boolean>): Promise<string> {
  let text = "";
  for (let i = 0; i < 50; i++) {
    text = await (await ops("/metrics")).text();
    if (await predicate(text)) return text;
    await new Promise((r) => setTimeout(r, 50));
  }
  return text;
}

describe("metric registry", () => {
  it("renders counters, gauges and cumulative histogram buckets in Prometheus format", () => {
    const reg = emptyRegistry();
    applySample(reg, { kind: "counter", name: "evolve_http_requests_total", labels: { route: "/v1/jobs", status: "2xx" } });
    applySample(reg, { kind: "counter", name: "evolve_http_requests_total", labels: { status: "2xx", route: "/v1/jobs" }, value: 2 });
    for (const v of [3, 40, 700]) applySample(reg, { kind: "histogram", name: "evolve_http_request_duration_ms", labels: { route: "/x" }, value: v });
    const text = renderPrometheus(reg, { 'evolve_jobs{state="running"}': 4 }, { evolve_jobs: "Jobs." });
    expect(text).toContain("# HELP evolve_jobs Jobs.");
    expect(text).toContain('evolve_jobs{state="running"} 4');
    expect(text).toContain('evolve_http_requests_total{route="/v1/jobs",status="2xx"} 3');
    expect(text).toContain('evolve_http_request_duration_ms_bucket{route="/x",le="5"} 1');
    expect(text).toContain('evolve_http_request_duration_ms_bucket{route="/x",le="50"} 2');
    expect(text).toContain('evolve_http_request_duration_ms_bucket{route="/x",le="1000"} 3');
    expect(text).toContain('evolve_http_request_duration_ms_bucket{route="/x",le="+Inf"} 3');
    expect(text).toContain('evolve_http_request_duration_ms_sum{route="/x"} 743');
  });

  it("collapses ids in route labels so cardinality stays bounded", () => {
    expect(routeLabel("/v1/jobs/job_8f3k2m9x/result")).toBe("/v1/jobs/:id/result");
    expect(routeLabel("/v1/jobs/0193a6c2-5b1e-7d3a-9c1f-2b3c4d5e6f70")).toBe("/v1/jobs/:id");
    expect(routeLabel("/v1/health")).toBe("/v1/health");
  });
});

describe("/api/ops", () => {
  it("refuses callers without the operator token", async () => {
    for (const headers of [{}, { authorization: "Bearer wrong" }] as Record<string, string>[]) {
      const res = await call("/api/ops/metrics", { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
    }
  });

  it("exposes API traffic and job gauges as Prometheus text", async () => {
    await insertJob("job_opsgauge1", "tenant_ops_a", "running");
    await insertJob("job_opsgauge2", "tenant_ops_a", "succeeded");
    await call("/v1/health");
    await call("/v1/definitely-missing");
    // Unknown paths count under one label, so clients cannot mint series (worker/ops/record.ts).
    // The job gauges are counted from D1 at scrape time. Other files' jobs share this runtime's
    // database and may still be finishing, so the platform-wide figure is compared with D1's own
    // count read at the same moment, until the two agree.
    let runningTsp = -1;
    const text = await pollMetrics(async (t) => {
      runningTsp = (await env.DB.prepare("select count(*) as n from job where kind = 'tsp' and state = 'running'").first<{ n: number }>())?.n ?? 0;
      return t.includes('route="unmatched"') && t.includes(`evolve_jobs{kind="tsp",state="running"} ${runningTsp}\n`);
    });
    expect(runningTsp).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/# TYPE evolve_http_requests_total counter/);
    expect(text).toMatch(/evolve_http_requests_total\{method="GET",route="\/v1\/health",status="2xx"\} \d+/);
    expect(text).toMatch(/evolve_http_requests_total\{method="GET",route="unmatched",status="4xx"\} \d+/);
    expect(text).not.toContain("definitely-missing");
    expect(text).toMatch(/evolve_http_request_duration_ms_bucket\{route="\/v1\/health",le="\+Inf"\} \d+/);
    expect(text).toContain(`evolve_jobs{kind="tsp",state="running"} ${runningTsp}\n`);
    expect(text).toContain('evolve_tenant_active_jobs{state="running",tenant="tenant_ops_a"} 1');
  });

  it("lists recent jobs across tenants", async () => {
    await insertJob("job_opslist1", "tenant_ops_b", "failed", "continuous");
    const res = await ops("/jobs?state=failed");
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: { id: string; tenantId: string }[] };
    expect(data.map((j) => j.id)).toContain("job_opslist1");
    expect(data.every((j) => typeof j.tenantId === "string")).toBe(true);
  });

  it("requeues a dead letter onto the jobs queue, once", async () => {
    await recordDeadLetter(env, { id: "msg_requeue1", body: { type: "health-ping", at: 1 }, attempts: 4 }, "evolve-jobs", "consumer threw");
    const listed = (await (await ops("/dead-letters")).json()) as { data: { id: string; attempts: number; reason: string }[] };
    const row = listed.data.find((d) => d.id === "msg_requeue1");
    expect(row).toMatchObject({ attempts: 4, reason: "consumer threw" });
    expect((await ops("/dead-letters/msg_requeue1/requeue", { method: "POST" })).status).toBe(200);
    const again = await ops("/dead-letters/msg_requeue1/requeue", { method: "POST" });
    expect(again.status).toBe(409);
    const requeued = (await (await ops("/dead-letters?status=requeued")).json()) as { data: { id: string }[] };
    expect(requeued.data.map((d) => d.id)).toContain("msg_requeue1");
  });

  it("fails a dead letter and its job with a readable reason", async () => {
    await insertJob("job_dlfail1", "tenant_ops_c", "running");
    await recordDeadLetter(env, { id: "msg_fail1", body: { type: "island-chunk", jobId: "job_dlfail1", tenantId: "tenant_ops_c", island: 0, seq: 3 }, attempts: 4 }, "evolve-jobs", "consumer threw");
    expect((await ops("/dead-letters/msg_fail1/fail", { method: "POST" })).status).toBe(200);
    const job = await env.DB.prepare("select state, error from job where id = ?").bind("job_dlfail1").first<{ state: string; error: string }>();
    expect(job?.state).toBe("failed");
    expect(job?.error).toMatch(/repeated delivery failures/);
    expect((await ops("/dead-letters/msg_missing/fail", { method: "POST" })).status).toBe(404);
    expect((await ops("/dead-letters?status=bogus")).status).toBe(422);
  });
});
