/**
 * Helpers for the runtime's workerd tests: a tenant on a paid tier (so admission lets many jobs
 * through), polling for a job's state, and the uninterrupted reference run computed by core.
 */
import { env } from "cloudflare:workers";
import { runStraight } from "@core/engine/determinism";
import type { JobResultDocument } from "../jobs";
import { getJob, getJobResult, isTerminal } from "../jobs";
import { compileProblem, solverFor } from "./solvers";

export async function paidTenant(tier: "pro" | "enterprise" = "enterprise"): Promise<string> {
  const tenantId = `org_test_${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await env.DB.prepare("INSERT INTO subscription (tenant_id, tier, status) VALUES (?, ?, 'active')").bind(tenantId, tier).run();
  return tenantId;
}

export const sphere = (dimension = 5) => ({ kind: "continuous", function: "sphere", dimension });
export const rastrigin = (dimension = 10) => ({ kind: "continuous", function: "rastrigin", dimension });

export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 45_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function waitForEnd(tenantId: string, jobId: string, timeoutMs = 45_000) {
  return waitFor(
    `job ${jobId} to end`,
    async () => {
      const row = await getJob(env, tenantId, jobId);
      return isTerminal(row.state) && row.resultKey ? row : null;
    },
    timeoutMs,
  );
}

export async function resultOf(tenantId: string, jobId: string): Promise<JobResultDocument> {
  return getJobResult(env, tenantId, jobId);
}

/** What core computes for the same problem, algorithm, parameters and seed in one go. */
export function straightRun(doc: unknown, algorithm: string | undefined, parameters: Record<string, unknown>, seed: number, evaluations: number) {
  const { kind, problem } = compileProblem(doc);
  const { solver } = solverFor(kind, algorithm);
  return runStraight(solver, problem, parameters, seed, evaluations);
}
