/**
 * Mail that follows events rather than a person's click: a job's end (to its submitter, if they
 * opted in) and billing events (to the tenant's owners). Sent with `sendNotice`, so a provider
 * outage is logged and never fails the job's finish or Stripe's webhook; each mail carries an
 * idempotency key, so a retried listener or a redelivered event does not mail twice.
 */
import { and, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import type { Env } from "../env";
import { job, member, organization, user } from "../db/schema";
import { jobFinishedListeners, type FinishedJob } from "../jobs/events";
import { sendNotice } from "./mailer";
import { getMailPreferences } from "./preferences";
import { jobFinishedMail, paymentFailedMail, subscriptionStartedMail } from "./templates";

async function tenantName(env: Env, tenantId: string): Promise<string> {
  const org = await drizzle(env.DB).select({ name: organization.name }).from(organization).where(eq(organization.id, tenantId)).get();
  return org?.name ?? "your organization";
}

/**
 * The job's submitter gets a notice when they opted in for this tenant and are still its member.
 * Returns whether a mail was sent (tests; the listener ignores it).
 */
export async function notifyJobFinished(env: Env, finished: FinishedJob): Promise<boolean> {
  const db = drizzle(env.DB);
  const row = await db
    .select({ createdBy: job.createdBy, name: job.name })
    .from(job)
    .where(and(eq(job.id, finished.id), eq(job.tenantId, finished.tenantId)))
    .get();
  if (!row?.createdBy) return false;
  if (!(await getMailPreferences(env, finished.tenantId, row.createdBy)).jobFinished) return false;
  const recipient = await db
    .select({ email: user.email })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(and(eq(member.organizationId, finished.tenantId), eq(member.userId, row.createdBy)))
    .get();
  if (!recipient) return false;
  const message = jobFinishedMail({
    to: recipient.email,
    tenantName: await tenantName(env, finished.tenantId),
    jobId: finished.id,
    jobName: row.name,
    kind: finished.kind,
    state: finished.state,
    reason: finished.reason ?? finished.error,
    best: finished.best,
    link: `${env.APP_URL}/app/jobs/${finished.id}`,
  });
  return sendNotice(env, message, { tenantId: finished.tenantId, jobId: finished.id });
}

let registered = false;
/** Adds the job-finished notice to the job finish hook (once per isolate; worker/index.ts, worker/app.ts). */
export function registerMailListener(): void {
  if (registered) return;
  registered = true;
  jobFinishedListeners.push(async (env, finished) => {
    await notifyJobFinished(env, finished);
  });
}

async function ownerEmails(env: Env, tenantId: string): Promise<string[]> {
  const rows = await drizzle(env.DB)
    .select({ email: user.email })
    .from(member)
    .innerJoin(user, eq(user.id, member.userId))
    .where(and(eq(member.organizationId, tenantId), eq(member.role, "owner")))
    .all();
  return rows.map((r) => r.email);
}

export type BillingNotice = { type: "subscription-started"; tier: string } | { type: "payment-failed"; retryAt: Date | null };

/** Mails every owner of the tenant about a billing event; returns how many mails were sent. */
export async function notifyBilling(env: Env, tenantId: string, eventId: string, notice: BillingNotice): Promise<number> {
  const name = await tenantName(env, tenantId);
  const link = `${env.APP_URL}/app/settings/billing`;
  let sent = 0;
  for (const to of await ownerEmails(env, tenantId)) {
    const message =
      notice.type === "subscription-started"
        ? subscriptionStartedMail({ to, tenantName: name, tier: notice.tier, eventId, link })
        : paymentFailedMail({ to, tenantName: name, retryAt: notice.retryAt, eventId, link });
    if (await sendNotice(env, message, { tenantId, eventId })) sent++;
  }
  return sent;
}
