/**
 * Who may contribute, checked in the Worker before anything reaches the job's runner: the tenant's
 * setting (createJob and every connection), the per-tenant cap on connected contributors (a
 * TenantGate semaphore, like the live-stream caps in worker/jobs/stream-limits.ts).
 */
import type { Env } from "../env";
import { ApiError, validationError } from "../http/problem";
import { contributionSupport } from "./compute";
import { contributionSetting } from "./metering";

/** How long one contributor connection holds its slot; the runner closes the socket after it (the client reconnects). */
export const CONTRIBUTOR_SLOT_MS = 15 * 60_000;

/** createJob with `allowContributions`: the tenant allows it, the job has islands, the kind can be checked. */
export async function assertContributionsAllowed(env: Env, tenantId: string, doc: unknown, islands: number): Promise<void> {
  const setting = await contributionSetting(env, tenantId);
  if (!setting.allowContributions) throw contributionsOff();
  if (islands < 2) throw validationError([{ path: "allowContributions", message: "needs an island job (islands ≥ 2): contributors run island units" }]);
  const support = contributionSupport(doc);
  if (!support.ok) throw validationError([{ path: "allowContributions", message: support.reason }]);
}

export function contributionsOff(): ApiError {
  return new ApiError(403, "contributions-disabled", "Contributions are off", "This organization does not allow contributed compute; an admin can turn it on with PUT /v1/contribute/settings.");
}

function contributorGate(env: Env, tenantId: string) {
  return env.TENANT_GATE.get(env.TENANT_GATE.idFromName(`contributors:tenant:${tenantId}`));
}

/**
 * One contributor slot of the tenant for CONTRIBUTOR_SLOT_MS, or 429 at the tenant's cap. The
 * runner releases it when the socket closes (`releaseContributorSlot`); a lost release lapses.
 */
export async function takeContributorSlot(env: Env, tenantId: string, max: number): Promise<{ slot: string; until: number }> {
  const slot = `contributor_${crypto.randomUUID()}`;
  const answer = await contributorGate(env, tenantId).admit({ jobId: slot, concurrentJobs: max, jobsPerDay: Number.MAX_SAFE_INTEGER, leaseMs: CONTRIBUTOR_SLOT_MS });
  if (!answer.ok) {
    throw new ApiError(
      429,
      "too-many-contributors",
      "Too many contributors",
      `At most ${max} contributors may be connected to this organization's jobs at once; retry in ${answer.retryAfterSeconds} s.`,
      {
        limit: "maxContributors",
        max,
        headers: { "Retry-After": String(answer.retryAfterSeconds) },
      },
    );
  }
  return { slot, until: Date.now() + CONTRIBUTOR_SLOT_MS };
}

export async function releaseContributorSlot(env: Env, tenantId: string, slot: string): Promise<void> {
  await contributorGate(env, tenantId).release(slot);
}
