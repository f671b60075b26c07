/**
 * Real mail through Resend's HTTPS API with the `resend` client (it uses fetch, so it runs in
 * Workers). Needs the secret RESEND_API_KEY and MAIL_FROM (e.g. `Evolve <mail@your-domain>`, a
 * domain verified in Resend). RESEND_BASE_URL points the client at a local fake of the API
 * (worker/test/resend-fake.ts); it is read only when ENVIRONMENT is "test" or "development", so a
 * stray variable in production can never send the key elsewhere.
 */
import { Resend } from "resend";
import type { Env } from "../env";
import { MailError, type Mailer, type MailMessage } from "./message";

export type ResendEnv = Pick<Env, "ENVIRONMENT" | "RESEND_API_KEY" | "MAIL_FROM" | "RESEND_BASE_URL">;

/** Resend's API. */
export const RESEND_API_URL = "https://api.resend.com";

/**
 * Where the client sends API calls: Resend itself, or (tests, development) RESEND_BASE_URL. Always
 * passed to the client explicitly: left unset, it would read `process.env.RESEND_BASE_URL`, which
 * workerd fills from the Worker's variables (nodejs_compat), in production too.
 */
export function resendBaseUrl(env: ResendEnv): string {
  if (!env.RESEND_BASE_URL) return RESEND_API_URL;
  return env.ENVIRONMENT === "test" || env.ENVIRONMENT === "development" ? env.RESEND_BASE_URL : RESEND_API_URL;
}

export class ResendMailer implements Mailer {
  private readonly client: Resend;
  private readonly from: string;

  constructor(env: ResendEnv) {
    if (!env.RESEND_API_KEY) throw new Error("RESEND_API_KEY is not set");
    if (!env.MAIL_FROM) throw new Error('MAIL_FROM must be set with RESEND_API_KEY (e.g. "Evolve <mail@your-domain>"; docs/deploy.md).');
    this.from = env.MAIL_FROM;
    this.client = new Resend(env.RESEND_API_KEY, { baseUrl: resendBaseUrl(env) });
  }

  async send(message: MailMessage): Promise<void> {
    const { error } = await this.client.emails.send(
      {
        from: this.from,
        to: [message.to],
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        tags: [{ name: "kind", value: message.kind.replaceAll("-", "_") }],
      },
      message.idempotencyKey ? { idempotencyKey: message.idempotencyKey } : {},
    );
    if (error) {
      // Resend's error names and messages describe the request, never echo the key or the body.
      const status = "statusCode" in error && typeof error.statusCode === "number" ? error.statusCode : null;
      throw new MailError(message.kind, `${error.name}: ${String(error.message).slice(0, 200)}`, status);
    }
  }
}
