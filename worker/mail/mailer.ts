/**
 * Which mailer this deployment uses:
 * - RESEND_API_KEY set → Resend over HTTPS (resend-mailer.ts), in any environment;
 * - otherwise ENVIRONMENT "development" → captured in D1 and read at /dev/mail (dev-mailbox.ts);
 * - otherwise (tests; a deployment without the key) → the log, links redacted (log-mailer.ts).
 */
import type { Env } from "../env";
import { DevMailbox } from "./dev-mailbox";
import { LogMailer } from "./log-mailer";
import { MailError, type Mailer, type MailMessage } from "./message";
import { ResendMailer } from "./resend-mailer";

export type MailEnv = Pick<Env, "DB" | "ENVIRONMENT" | "RESEND_API_KEY" | "MAIL_FROM" | "RESEND_BASE_URL">;

export function getMailer(env: MailEnv): Mailer {
  if (env.RESEND_API_KEY) return new ResendMailer(env);
  if (env.ENVIRONMENT === "development") return new DevMailbox(env);
  return new LogMailer();
}

/**
 * For notices that must not break what triggered them (a job's finish, a Stripe webhook): sends,
 * and on failure logs one line (kind, reason; never the link or the key) and returns false.
 */
export async function sendNotice(env: MailEnv, message: MailMessage, context: Record<string, string> = {}): Promise<boolean> {
  try {
    await getMailer(env).send(message);
    return true;
  } catch (e) {
    const reason = e instanceof MailError ? e.reason : e instanceof Error ? e.message.slice(0, 200) : "unknown error";
    console.error(JSON.stringify({ level: "error", msg: "mail not sent", kind: message.kind, reason, ...context }));
    return false;
  }
}
