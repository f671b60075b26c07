/**
 * What every mail is: one recipient, a subject, a plain-text body and the same body as simple HTML
 * (links clickable). `kind` names what the mail is for (logs, tests, the dev mailbox);
 * `link` is the one secret link the mail is about, if any (a reset token, an invitation id) —
 * never logged in clear (worker/http/redact.ts).
 */
export const MAIL_KINDS = ["password-reset", "invitation", "job-finished", "subscription-started", "payment-failed"] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export interface MailMessage {
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  /** HTML alternative; when absent the providers get `text` only. */
  html?: string;
  /** The one link the message is about (reset, accept invitation, the job page). */
  link?: string;
  /**
   * The same key sends the same mail once (Resend keeps keys for 24 hours): job-finished notices and
   * billing mails are keyed by the job/event, so a retried listener or webhook does not mail twice.
   */
  idempotencyKey?: string;
}

export interface Mailer {
  /** Sends (or, locally, captures) one message; throws MailError when the provider refuses it. */
  send(message: MailMessage): Promise<void>;
}

/** The provider refused or could not be reached; `reason` never holds the API key or the body. */
export class MailError extends Error {
  constructor(
    readonly kind: MailKind,
    readonly reason: string,
    readonly status: number | null,
  ) {
    super(`Mail "${kind}" was not sent: ${reason}`);
    this.name = "MailError";
  }
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

/** http(s) URLs in already-escaped text; stops at whitespace and at a closing bracket or quote. */
const URL_IN_TEXT = /https?:\/\/[^\s<>"')\]]+/g;

/**
 * Plain text as HTML paragraphs with every http(s) URL an <a>: the body of every mail's HTML part
 * and of the dev mailbox page (worker/dev/mail-page.ts). Everything is escaped first.
 */
export function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((para) => {
      const escaped = escapeHtml(para).replace(URL_IN_TEXT, (url) => {
        // A sentence's final full stop or comma is not part of the link.
        const trimmed = url.replace(/[.,;:!?]+$/, "");
        return `<a href="${trimmed}">${trimmed}</a>${url.slice(trimmed.length)}`;
      });
      return `<p>${escaped.replaceAll("\n", "<br>")}</p>`;
    })
    .join("\n");
}
