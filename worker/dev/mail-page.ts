/**
 * GET /dev/mail and /dev/mail/:id — the mail captured in local development (worker/mail/dev-mailbox.ts):
 * a list, newest first, and one message with its links clickable. Only when ENVIRONMENT is
 * "development"; everywhere else these paths fall through to the web app's 404.
 */
import type { Context, Hono, Next } from "hono";
import type { Env } from "../env";
import type { AppVariables } from "../http/vars";
import { getCapturedMail, listCapturedMail, DEV_MAILBOX_LIMIT } from "../mail/dev-mailbox";
import { escapeHtml, textToHtml } from "../mail/message";

type Ctx = Context<{ Bindings: Env; Variables: AppVariables }>;

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;color:#1c2430;background:#f6f7f9}
main{max-width:860px;margin:0 auto;padding:24px 16px}
table{width:100%;border-collapse:collapse;background:#fff}th,td{text-align:left;padding:8px;border-bottom:1px solid #dde1e6;overflow-wrap:anywhere}
a{color:#0b57d0}.mail{background:#fff;padding:16px;border:1px solid #dde1e6;overflow-wrap:anywhere}dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px}dt{font-weight:600}dd{margin:0}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)} · Evolve dev</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

async function listPage(c: Ctx): Promise<Response> {
  const mails = await listCapturedMail(c.env);
  const rows = mails
    .map(
      (m) =>
        `<tr><td>${escapeHtml(m.createdAt.replace("T", " ").slice(0, 19))}</td><td>${escapeHtml(m.to)}</td><td><a href="/dev/mail/${encodeURIComponent(m.id)}">${escapeHtml(m.subject)}</a></td><td>${escapeHtml(m.kind)}</td></tr>`,
    )
    .join("");
  const table = mails.length
    ? `<table><thead><tr><th scope="col">Sent (UTC)</th><th scope="col">To</th><th scope="col">Subject</th><th scope="col">Kind</th></tr></thead><tbody>${rows}</tbody></table>`
    : `<p>No mail yet. Password resets, invitations, job-finished notices and billing mails appear here.</p>`;
  return c.html(page("Mail", `<h1>Mail (development)</h1><p>Captured instead of sent because RESEND_API_KEY is not set; the newest ${DEV_MAILBOX_LIMIT} are kept.</p>${table}`));
}

async function mailPage(c: Ctx): Promise<Response> {
  const mail = await getCapturedMail(c.env, c.req.param("id") ?? "");
  if (!mail) return c.html(page("Mail not found", `<h1>Mail not found</h1><p><a href="/dev/mail">All mail</a></p>`), 404);
  const head = `<dl><dt>To</dt><dd>${escapeHtml(mail.to)}</dd><dt>Subject</dt><dd>${escapeHtml(mail.subject)}</dd><dt>Sent (UTC)</dt><dd>${escapeHtml(mail.createdAt)}</dd><dt>Kind</dt><dd>${escapeHtml(mail.kind)}</dd></dl>`;
  return c.html(page(mail.subject, `<p><a href="/dev/mail">All mail</a></p><h1>${escapeHtml(mail.subject)}</h1>${head}<div class="mail">${textToHtml(mail.text)}</div>`));
}

function devOnly(handler: (c: Ctx) => Promise<Response>) {
  return (c: Ctx, next: Next) => (c.env.ENVIRONMENT === "development" ? handler(c) : next());
}

/** Mounts the dev mailbox before the web app's catch-all (worker/app.ts). */
export function mountDevMail(app: Hono<{ Bindings: Env; Variables: AppVariables }>): void {
  app.get("/dev/mail", devOnly(listPage));
  app.get("/dev/mail/:id", devOnly(mailPage));
}
