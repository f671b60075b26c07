/**
 * OpsMetrics: the Durable Object that aggregates platform metrics (API latency and errors by
 * route, rate-limit refusals, chunk durations and overhead, checkpoint sizes, island retries,
 * dead letters, webhook failures) for the Prometheus endpoint and the operator console.
 *
 * Isolates send batches with `record`; the registry is kept in memory and persisted at most
 * every few seconds (an alarm), so a burst costs one storage write, not one per request.
 * Production history goes to Workers Analytics Engine as well (docs/scale.md).
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";
import { applySample, emptyRegistry, type MetricSample, type RegistryData } from "./metric-registry";

const PERSIST_AFTER_MS = 5_000;
const STORAGE_KEY = "registry";

export class OpsMetrics extends DurableObject<Env> {
  private registry: RegistryData | undefined;

  private async load(): Promise<RegistryData> {
    if (!this.registry) this.registry = (await this.ctx.storage.get<RegistryData>(STORAGE_KEY)) ?? emptyRegistry();
    return this.registry;
  }

  async record(samples: MetricSample[]): Promise<void> {
    const reg = await this.load();
    for (const s of samples) applySample(reg, s);
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + PERSIST_AFTER_MS);
  }

  async snapshot(): Promise<RegistryData> {
    return structuredClone(await this.load());
  }

  override async alarm(): Promise<void> {
    if (this.registry) await this.ctx.storage.put(STORAGE_KEY, this.registry);
  }
}
