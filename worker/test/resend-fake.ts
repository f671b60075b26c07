/**
 * A small local stand-in for Resend's HTTP API (POST /emails), run in Node by
 * worker/test/vitest-project.ts (workerd tests cannot listen on sockets). The Worker's real
 * `resend` client is pointed at it through RESEND_BASE_URL (worker/mail/resend-mailer.ts).
 *
 * Like Resend it needs `Authorization: Bearer re_…`, answers `{ id }`, and with the same
 * Idempotency-Key answers the first id again without sending twice. Recipients at
 * `@fail.example.test` get a 422 validation_error (for failure paths). Tests read what was sent
 * with `GET /__emails` (optionally `?to=<address>`).
 */
import { readBody, startJsonFake } from "./fake-http";

export interface SentEmail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text?: string;
  html?: string;
  tags?: { name: string; value: string }[];
  authorization: string | undefined;
  idempotencyKey: string | undefined;
}

export async function startResendFake(): Promise<{ baseUrl: string; close(): void }> {
  const sent: SentEmail[] = [];
  const byKey = new Map<string, string>();

  const { baseUrl, close } = await startJsonFake(async (req, url, send) => {
    if (req.method === "GET" && url.pathname === "/__emails") {
      const to = url.searchParams.get("to");
      return send(200, to ? sent.filter((m) => m.to.includes(to)) : sent);
    }
    if (req.method !== "POST" || url.pathname !== "/emails") {
      return send(404, { statusCode: 404, name: "not_found", message: `fake Resend has no ${req.method} ${url.pathname}` });
    }
    const authorization = req.headers.authorization;
    if (!authorization?.startsWith("Bearer re_")) return send(401, { statusCode: 401, name: "missing_api_key", message: "Missing API key in the authorization header." });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(req));
    } catch {
      return send(422, { statusCode: 422, name: "validation_error", message: "Invalid JSON body." });
    }
    const to = Array.isArray(body.to) ? (body.to as string[]) : typeof body.to === "string" ? [body.to] : [];
    if (typeof body.from !== "string" || !to.length || typeof body.subject !== "string") {
      return send(422, { statusCode: 422, name: "validation_error", message: "from, to and subject are required." });
    }
    if (to.some((address) => address.endsWith("@fail.example.test"))) {
      return send(422, { statusCode: 422, name: "validation_error", message: "The recipient's domain does not accept mail." });
    }
    const idempotencyKey = req.headers["idempotency-key"] as string | undefined;
    const known = idempotencyKey ? byKey.get(idempotencyKey) : undefined;
    if (known) return send(200, { id: known });
    const id = crypto.randomUUID();
    if (idempotencyKey) byKey.set(idempotencyKey, id);
    sent.push({
      id,
      from: body.from,
      to,
      subject: body.subject,
      text: body.text as string | undefined,
      html: body.html as string | undefined,
      tags: body.tags as SentEmail["tags"],
      authorization,
      idempotencyKey,
    });
    send(200, { id });
  });
  return { baseUrl, close };
}
