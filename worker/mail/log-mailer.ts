/**
 * No provider and not local development (tests, or a deployment without RESEND_API_KEY): the mail
 * is written to the log as one JSON line with its link redacted (worker/http/redact.ts), and kept
 * in `sentMail` for the tests that follow a link (e.g. a password reset).
 */
import { redactUrl } from "../http/redact";
import type { Mailer, MailMessage } from "./message";

/** The last messages the log mailer handled in this isolate (tests read links from here). */
export const sentMail: MailMessage[] = [];
const SENT_MAIL_LIMIT = 100;

export class LogMailer implements Mailer {
  async send(message: MailMessage): Promise<void> {
    const link = message.link ? redactUrl(message.link) : undefined;
    console.log(JSON.stringify({ level: "info", msg: "mail (log mailer: no RESEND_API_KEY)", kind: message.kind, to: message.to, subject: message.subject, link }));
    sentMail.push(message);
    if (sentMail.length > SENT_MAIL_LIMIT) sentMail.shift();
  }
}
