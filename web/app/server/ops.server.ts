/**
 * The operator console's gate and chart data. Operators are a platform role, separate from
 * tenant roles: a row in `platform_admin`. Everyone else — signed in or not — gets 404, so the
 * console's existence is not revealed. The data comes from worker/ops (the same functions as the
 * token-protected /api/ops endpoints), never /api/ops over HTTP.
 */
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { data } from "@remix-run/server-runtime";
import { platformAdmin } from "@worker/db/schema";
import type { Env } from "@worker/env";
import { computeGauges } from "@worker/ops/console";
import type { RegistryData } from "@worker/ops/metric-registry";
import { metricsStub } from "@worker/ops/record";
import { getSignedInUser } from "./session.server";

export async function isOperator(env: Env, userId: string): Promise<boolean> {
  const row = await drizzle(env.DB).select({ userId: platformAdmin.userId }).from(platformAdmin).where(eq(platformAdmin.userId, userId)).get();
  return Boolean(row);
}

/** The signed-in operator, or a thrown 404 (not 403: non-operators must not learn /ops exists). */
export async function requireOperator(request: Request, env: Env): Promise<{ id: string; name: string; email: string }> {
  const user = await getSignedInUser(request, env);
  if (!user || !(await isOperator(env, user.id))) throw data("Not found", { status: 404, statusText: "Not Found" });
  return user;
}

export interface Bar {
  label: string;
  value: number;
}

/** `name{a="x",b="y"}` → { a: "x", b: "y" } (values never contain `",` in our own series). */
export function parseLabels(key: string): Record<string, string> {
  const out: Record<string, string> = {};
  const i = key.indexOf("{");
  if (i < 0) return out;
  for (const m of key.slice(i + 1, -1).matchAll(/([a-zA-Z_]+)="((?:[^"\\]|\\.)*)"/g)) out[m[1]] = m[2];
  return out;
}

const nameOf = (key: string) => (key.includes("{") ? key.slice(0, key.indexOf("{")) : key);

function sumBy(entries: [string, number][], name: string, label: (l: Record<string, string>) => string): Bar[] {
  const sums = new Map<string, number>();
  for (const [key, value] of entries) {
    if (nameOf(key) !== name) continue;
    const l = label(parseLabels(key));
    sums.set(l, (sums.get(l) ?? 0) + value);
  }
  return [...sums].map(([label, value]) => ({ label, value })).sort((a, b) => b.value - a.value);
}

export interface OpsCharts {
  requestsByRoute: Bar[];
  requestsByStatus: Bar[];
  latency: Bar[];
  latencyCount: number;
  jobsByState: Bar[];
  jobsByKind: Bar[];
  gauges: Record<string, number>;
}

/**
 * Histogram counts are cumulative (`le` buckets), summed over routes here and turned into
 * per-bucket counts so each bar is "requests that took between the previous bound and this one".
 */
export function latencyBars(reg: RegistryData, name = "evolve_http_request_duration_ms"): { bars: Bar[]; count: number } {
  let buckets: number[] = [];
  let cumulative: number[] = [];
  let count = 0;
  for (const [key, h] of Object.entries(reg.histograms)) {
    if (nameOf(key) !== name) continue;
    if (!buckets.length) {
      buckets = h.buckets;
      cumulative = new Array(buckets.length).fill(0);
    }
    h.counts.forEach((c, i) => (cumulative[i] += c));
    count += h.count;
  }
  const bars = buckets.map((b, i) => ({ label: `≤ ${b} ms`, value: cumulative[i] - (i ? cumulative[i - 1] : 0) }));
  if (buckets.length) bars.push({ label: `> ${buckets[buckets.length - 1]} ms`, value: count - cumulative[cumulative.length - 1] });
  return { bars, count };
}

export async function loadOpsCharts(env: Env): Promise<OpsCharts> {
  const [registry, gauges] = await Promise.all([metricsStub(env).snapshot() as Promise<RegistryData>, computeGauges(env)]);
  const counters = Object.entries(registry.counters);
  const gaugeEntries = Object.entries(gauges);
  const { bars, count } = latencyBars(registry);
  return {
    requestsByRoute: sumBy(counters, "evolve_http_requests_total", (l) => `${l.method ?? ""} ${l.route ?? "?"}`.trim()).slice(0, 15),
    requestsByStatus: sumBy(counters, "evolve_http_requests_total", (l) => l.status ?? "?").sort((a, b) => a.label.localeCompare(b.label)),
    latency: bars,
    latencyCount: count,
    jobsByState: sumBy(gaugeEntries, "evolve_jobs", (l) => l.state ?? "?"),
    jobsByKind: sumBy(gaugeEntries, "evolve_jobs", (l) => l.kind ?? "?"),
    gauges: Object.fromEntries(gaugeEntries.filter(([k]) => !k.includes("{"))),
  };
}
