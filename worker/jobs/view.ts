/**
 * A job as the API shows it (ISO-8601 UTC times, receipt, links) and its zod schema, shared by
 * every /v1/jobs route and the OpenAPI document.
 */
import { z } from "@hono/zod-openapi";
import type { JobRow } from "./job-queries";
import { JOB_STATES } from "./vocabulary";

export { JOB_STATES };

export const JobSchema = z
  .object({
    id: z.string().openapi({ example: "job_3f9c…" }),
    kind: z.string(),
    algorithm: z.string(),
    state: z.enum(JOB_STATES),
    name: z.string().nullable(),
    parameters: z.record(z.string(), z.unknown()),
    seed: z.number().int(),
    budget: z.object({ evaluations: z.number().optional(), seconds: z.number().optional(), stall: z.number().optional(), target: z.number().optional() }),
    size: z.record(z.string(), z.number()).nullable(),
    islands: z.number().int(),
    parentJobId: z.string().nullable(),
    receipt: z.record(z.string(), z.unknown()).nullable().openapi({ description: "Replay receipt: engine version, seed, hash of problem + algorithm + parameters." }),
    progress: z.number(),
    generation: z.number().int(),
    evaluations: z.number().int(),
    best: z.number().nullable(),
    hard: z.number().int().nullable(),
    soft: z.number().nullable(),
    computeMs: z.number().int(),
    error: z.string().nullable(),
    stopReason: z
      .string()
      .nullable()
      .openapi({ description: "Why a finished job stopped: budget, time, target (known optimum), stall (converged), replayed, plan-limit, cancelled or failed; null while it runs." }),
    webhookUrl: z.string().nullable().openapi({ description: "The job's own webhook URL, if given at submission." }),
    createdAt: z.string().datetime(),
    startedAt: z.string().datetime().nullable(),
    finishedAt: z.string().datetime().nullable(),
    links: z.object({ self: z.string(), events: z.string(), result: z.string(), exports: z.string() }),
  })
  .openapi("Job");

export type JobView = z.infer<typeof JobSchema>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function jobView(row: JobRow): JobView {
  const self = `/v1/jobs/${row.id}`;
  return {
    id: row.id,
    kind: row.kind,
    algorithm: row.algorithm,
    state: row.state as JobView["state"],
    name: row.name,
    parameters: row.parameters,
    seed: row.seed,
    budget: row.budget,
    size: row.size ?? null,
    islands: row.islands,
    parentJobId: row.parentJobId,
    receipt: row.receipt ?? null,
    progress: row.progress,
    generation: row.generation,
    evaluations: row.evaluations,
    best: row.best,
    hard: row.hard,
    soft: row.soft,
    computeMs: row.computeMs,
    error: row.error,
    stopReason: typeof row.receipt?.stopReason === "string" ? row.receipt.stopReason : null,
    webhookUrl: row.webhookUrl,
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    links: { self, events: `${self}/events`, result: `${self}/result`, exports: `${self}/exports/{format}` },
  };
}
