/**
 * How the rest of the Worker reports metrics: `recordMetrics(env, ctx, samples)` sends one batch
 * to the OpsMetrics object without delaying the response (waitUntil), and never throws — a
 * metrics hiccup must not fail a request or a job chunk.
 */
import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import type { Env } from "../env";
import type { MetricSample } from "./metric-registry";

export type { MetricSample } from "./metric-registry";

/** All isolates report to one aggregator; shard by name here when one object is not enough. */
export function metricsStub(env: Env) {
  return env.OPS_METRICS.get(env.OPS_METRICS.idFromName("global"));
}

export function recordMetrics(env: Env, ctx: { waitUntil(p: Promise<unknown>): void } | undefined, samples: MetricSample[]): void {
  if (!env.OPS_METRICS || samples.length === 0) return;
  const send = metricsStub(env)
    .record(samples)
    .catch((e: unknown) => console.warn(JSON.stringify({ level: "warn", msg: "metrics dropped", error: String(e) })));
  if (ctx) ctx.waitUntil(send);
}

/** Route label with ids collapsed (`/v1/jobs/job_abc/result` → `/v1/jobs/:id/result`), bounded cardinality. */
export function routeLabel(path: string): string {
  const parts = path.split("/").map((seg) => ((/\d/.test(seg) && seg.length >= 6) || /^[a-z]+_[A-Za-z0-9]{6,}$/.test(seg) ? ":id" : seg));
  return parts.slice(0, 6).join("/") || "/";
}

/** The label of every request no route matched (404s for made-up paths): one series, not one per path. */
export const UNMATCHED_ROUTE = "unmatched";

/**
 * The metric label of a request: the pattern of the route that matched it (`/v1/jobs/:id/exports/:format`),
 * so the number of series is bounded by the code, not by what clients send; UNMATCHED_ROUTE when
 * only middleware and the catch-all 404 (registered with `all`) matched.
 */
export function metricRoute(c: Context): string {
  const route = matchedRoutes(c).find((r) => r.method !== "ALL");
  return route ? route.path.replace(/\/+$/, "") || "/" : UNMATCHED_ROUTE;
}

const KNOWN_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** Per-request API metrics: count by route/method/status class and latency histogram. */
export function apiMetrics(): MiddlewareHandler<{ Bindings: Env }> {
  return async function apiMetrics(c, next) {
    const started = Date.now();
    await next();
    const route = metricRoute(c);
    const status = c.res.status;
    // Methods are client-chosen too: anything unusual is one "OTHER" series.
    const method = KNOWN_METHODS.has(c.req.method) ? c.req.method : "OTHER";
    const labels = { route, method, status: `${Math.floor(status / 100)}xx` };
    const samples: MetricSample[] = [
      { kind: "counter", name: "evolve_http_requests_total", labels },
      { kind: "histogram", name: "evolve_http_request_duration_ms", labels: { route }, value: Date.now() - started },
    ];
    if (status >= 500) samples.push({ kind: "counter", name: "evolve_http_errors_total", labels: { route, status } });
    if (status === 429) {
      samples.push({ kind: "counter", name: "evolve_rate_limit_refusals_total", labels: { tenant: c.get("tenantId") ?? "anonymous" } });
    }
    let ctx: ExecutionContext | undefined;
    try {
      ctx = c.executionCtx as ExecutionContext;
    } catch {
      ctx = undefined; // app.request() in unit tests has no execution context
    }
    recordMetrics(c.env, ctx, samples);
  };
}
