/**
 * Counters, gauges and fixed-bucket histograms kept as plain maps, rendered in the Prometheus
 * text exposition format. Pure data: the OpsMetrics Durable Object owns one and persists it.
 */

export type Labels = Record<string, string | number | undefined>;

/** One observation sent by a Worker isolate to the aggregator. */
export type MetricSample = { kind: "counter"; name: string; labels?: Labels; value?: number } | { kind: "histogram"; name: string; labels?: Labels; value: number };

/** Upper bounds (ms or bytes, by metric) shared by every histogram; +Inf is implicit. */
export const BUCKETS: Record<string, number[]> = {
  evolve_http_request_duration_ms: [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000],
  evolve_chunk_duration_ms: [10, 50, 100, 200, 400, 800, 1600, 5000],
  evolve_chunk_overhead_ratio: [0.01, 0.02, 0.05, 0.1, 0.2, 0.5],
  evolve_checkpoint_bytes: [1e3, 1e4, 1e5, 5e5, 1e6, 2e6],
  evolve_queue_wait_ms: [10, 100, 1000, 5000, 30000, 120000],
};
const DEFAULT_BUCKETS = [1, 10, 100, 1000, 10000];

export interface HistogramData {
  buckets: number[];
  counts: number[];
  sum: number;
  count: number;
}

export interface RegistryData {
  counters: Record<string, number>;
  histograms: Record<string, HistogramData>;
  help: Record<string, string>;
}

export function emptyRegistry(): RegistryData {
  return { counters: {}, histograms: {}, help: {} };
}

/** `name{a="1",b="x"}` with labels sorted, so the same series always has the same key. */
export function seriesKey(name: string, labels: Labels = {}): string {
  const parts = Object.keys(labels)
    .filter((k) => labels[k] !== undefined && labels[k] !== "")
    .sort()
    .map((k) => `${k}="${escapeLabel(String(labels[k]))}"`);
  return parts.length ? `${name}{${parts.join(",")}}` : name;
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

export function applySample(reg: RegistryData, s: MetricSample): void {
  const key = seriesKey(s.name, s.labels);
  if (s.kind === "counter") {
    reg.counters[key] = (reg.counters[key] ?? 0) + (s.value ?? 1);
    return;
  }
  let h = reg.histograms[key];
  if (!h) {
    const buckets = BUCKETS[s.name] ?? DEFAULT_BUCKETS;
    h = reg.histograms[key] = { buckets, counts: new Array(buckets.length).fill(0), sum: 0, count: 0 };
  }
  for (let i = 0; i < h.buckets.length; i++) if (s.value <= h.buckets[i]) h.counts[i]++;
  h.sum += s.value;
  h.count++;
}

function baseName(key: string): string {
  const i = key.indexOf("{");
  return i < 0 ? key : key.slice(0, i);
}

function withLabel(key: string, label: string): string {
  const i = key.indexOf("{");
  return i < 0 ? `${key}{${label}}` : `${key.slice(0, -1)},${label}}`;
}

/** Prometheus text format (version 0.0.4). `gauges` are computed at scrape time (e.g. from D1). */
export function renderPrometheus(reg: RegistryData, gauges: Record<string, number> = {}, help: Record<string, string> = {}): string {
  const lines: string[] = [];
  const typed = new Set<string>();
  const header = (name: string, type: string) => {
    if (typed.has(name)) return;
    typed.add(name);
    const text = help[name] ?? reg.help[name];
    if (text) lines.push(`# HELP ${name} ${text}`);
    lines.push(`# TYPE ${name} ${type}`);
  };
  for (const key of Object.keys(gauges).sort()) {
    header(baseName(key), "gauge");
    lines.push(`${key} ${gauges[key]}`);
  }
  for (const key of Object.keys(reg.counters).sort()) {
    header(baseName(key), "counter");
    lines.push(`${key} ${reg.counters[key]}`);
  }
  for (const key of Object.keys(reg.histograms).sort()) {
    const name = baseName(key);
    header(name, "histogram");
    const h = reg.histograms[key];
    const bucketKey = key.replace(name, `${name}_bucket`);
    h.buckets.forEach((le, i) => lines.push(`${withLabel(bucketKey, `le="${le}"`)} ${h.counts[i]}`));
    lines.push(`${withLabel(bucketKey, 'le="+Inf"')} ${h.count}`);
    lines.push(`${key.replace(name, `${name}_sum`)} ${h.sum}`);
    lines.push(`${key.replace(name, `${name}_count`)} ${h.count}`);
  }
  return lines.join("\n") + "\n";
}
