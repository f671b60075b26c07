/**
 * Outgoing mail (password reset links, invitations) goes through this interface. The local
 * implementation writes the message to the log. Its link is a secret (a reset token, an
 * invitation id), so it is logged in clear only when ENVIRONMENT is "development" (copy it from
 * the `wrangler dev` output); everywhere else it is redacted (worker/http/redact.ts) and tests read
 * it from `sentMail`. README "Mail" explains how to plug a real provider in `getMailer`.
 */
import type { Env } from "../env";
import { redactUrl } from "../http/redact";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** The one link the message is about (reset, accept invitation), for logs and tests. */
  link?: string;
  /** What the mail is for: "password-reset" | "invitation". */
  kind: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** Logs the message as one JSON line, its link redacted unless `showLinks` (local development only). */
export class LogMailer implements Mailer {
  constructor(private readonly showLinks = false) {}

  async send(message: MailMessage): Promise<void> {
    const link = message.link && !this.showLinks ? redactUrl(message.link) : message.link;
    console.log(JSON.stringify({ level: "info", msg: "mail (local log mailer)", kind: message.kind, to: message.to, subject: message.subject, link }));
    sentMail.push(message);
    if (sentMail.length > 100) sentMail.shift();
  }
}

/**
 * The last messages the log mailer sent in this isolate — read by tests (e.g. to follow a
 * password-reset link). Holds nothing in production, where a real provider is configured.
 */
export const sentMail: MailMessage[] = [];

/** The mailer for this deployment. Plug a provider here (see README "Mail"). */
export function getMailer(env: Env): Mailer {
  return new LogMailer(env.ENVIRONMENT === "development");
}
