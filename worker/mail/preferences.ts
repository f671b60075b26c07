/**
 * A member's mail choices in one tenant (D1 `mail_preference`; no row = defaults). Today one
 * choice: job-finished notices, off by default, set on the account settings page
 * (web/app/routes/app.settings.account).
 */
import { and, eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import type { Env } from "../env";
import { mailPreference } from "../db/schema";

export interface MailPreferences {
  /** Mail me when a job I submitted in this tenant finishes (succeeded, failed, cancelled, expired). */
  jobFinished: boolean;
}

export const DEFAULT_MAIL_PREFERENCES: MailPreferences = { jobFinished: false };

export async function getMailPreferences(env: Pick<Env, "DB">, tenantId: string, userId: string): Promise<MailPreferences> {
  const row = await drizzle(env.DB)
    .select({ jobFinished: mailPreference.jobFinished })
    .from(mailPreference)
    .where(and(eq(mailPreference.tenantId, tenantId), eq(mailPreference.userId, userId)))
    .get();
  return row ? { jobFinished: row.jobFinished } : { ...DEFAULT_MAIL_PREFERENCES };
}

export async function setMailPreferences(env: Pick<Env, "DB">, tenantId: string, userId: string, prefs: MailPreferences): Promise<MailPreferences> {
  await drizzle(env.DB)
    .insert(mailPreference)
    .values({ tenantId, userId, jobFinished: prefs.jobFinished, updatedAt: new Date() })
    .onConflictDoUpdate({ target: [mailPreference.tenantId, mailPreference.userId], set: { jobFinished: prefs.jobFinished, updatedAt: new Date() } });
  return prefs;
}
