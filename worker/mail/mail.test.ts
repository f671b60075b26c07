// Mail inside workerd: every kind goes through the real `resend` client to a local fake of Resend's
// HTTP API (worker/test/resend-fake.ts, its base URL in RESEND_BASE_URL); the tests pass the key
// and sender in their own env. Also: the development mailbox (/dev/mail) and the log mailer.
import { env } from "cloudflare:workers";
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import Stripe from "stripe";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Env } from "../env";
import { app } from "../app";
import { addMember, call, insertJobRow, json, ORIGIN, session, signUpTenant, TEST_PASSWORD, uniqueEmail } from "../test/fixtures";
import type { SentEmail } from "../test/resend-fake";
import { DEV_MAILBOX_LIMIT, DevMailbox, listCapturedMail } from "./dev-mailbox";
import { LogMailer, sentMail } from "./log-mailer";
import { getMailer } from "./mailer";
import { MailError, textToHtml } from "./message";
import { notifyJobFinished } from "./notices";
import { getMailPreferences, setMailPreferences } from "./preferences";
import { ResendMailer, resendBaseUrl } from "./resend-mailer";
import { passwordResetMail } from "./templates";
import { waitFor, waitForEnd } from "../runtime/test-helpers";

const API_KEY = "re_test_evolve_mail_0123456789";
const FROM = "Evolve <mail@evolve.example.test>";
const mailEnv: Env = { ...env, RESEND_API_KEY: API_KEY, MAIL_FROM: FROM };

/** The Worker with mail configured (the binding env has no key: other tests use the log mailer). */
async function callWithMail(path: string, init?: RequestInit, withEnv: Env = mailEnv): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(new URL(path, ORIGIN), init), withEnv, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

async function sentTo(to: string): Promise<SentEmail[]> {
  return (await fetch(`${env.RESEND_BASE_URL}/__emails?to=${encodeURIComponent(to)}`)).json();
}

/** Everything written to the console while `fn` runs, one string. */
async function consoleOf(fn: () => Promise<unknown>): Promise<string> {
  const lines: string[] = [];
  const keep = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
  const spies = [vi.spyOn(console, "log").mockImplementation(keep), vi.spyOn(console, "error").mockImplementation(keep), vi.spyOn(console, "warn").mockImplementation(keep)];
  try {
    await fn();
  } finally {
    for (const s of spies) s.mockRestore();
  }
  return lines.join("\n");
}

afterEach(() => vi.restoreAllMocks());

describe("getMailer", () => {
  it("Resend with a key, the D1 mailbox in development without one, else the log", () => {
    expect(getMailer(mailEnv)).toBeInstanceOf(ResendMailer);
    expect(getMailer({ ...env, ENVIRONMENT: "development" })).toBeInstanceOf(DevMailbox);
    expect(getMailer({ ...env, ENVIRONMENT: "production", RESEND_API_KEY: undefined })).toBeInstanceOf(LogMailer);
    expect(getMailer({ ...env, RESEND_API_KEY: undefined })).toBeInstanceOf(LogMailer);
  });

  it("a key without MAIL_FROM is a clear configuration error", () => {
    expect(() => getMailer({ ...env, RESEND_API_KEY: API_KEY, MAIL_FROM: undefined })).toThrow(/MAIL_FROM must be set/);
  });

  it("RESEND_BASE_URL is honoured only in tests and development", () => {
    expect(resendBaseUrl({ ENVIRONMENT: "test", RESEND_BASE_URL: "http://127.0.0.1:1" })).toBe("http://127.0.0.1:1");
    expect(resendBaseUrl({ ENVIRONMENT: "development", RESEND_BASE_URL: "http://127.0.0.1:1" })).toBe("http://127.0.0.1:1");
    expect(resendBaseUrl({ ENVIRONMENT: "production", RESEND_BASE_URL: "http://attacker.example" })).toBe("https://api.resend.com");
    expect(resendBaseUrl({ ENVIRONMENT: "production" })).toBe("https://api.resend.com");
  });

  it("a refused mail is a typed MailError naming the kind and Resend's reason, without the key", async () => {
    const mailer = new ResendMailer(mailEnv);
    const error = await mailer.send(passwordResetMail("someone@fail.example.test", "http://localhost:8787/x")).catch((e) => e);
    expect(error).toBeInstanceOf(MailError);
    expect(error.kind).toBe("password-reset");
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/validation_error/);
    expect(error.message).not.toContain(API_KEY);
  });
});

describe("password reset by mail (Resend)", () => {
  it("the mail reaches Resend with the sender, the key and a working link; no token or key in the logs", async () => {
    const t = await signUpTenant();
    let status = 0;
    const logs = await consoleOf(async () => {
      status = (await callWithMail("/api/auth/request-password-reset", json({ email: t.email, redirectTo: "/reset-password" }, { origin: ORIGIN }))).status;
    });
    expect(status).toBe(200);
    const [mail] = await sentTo(t.email);
    expect(mail).toMatchObject({ from: FROM, to: [t.email], subject: "Reset your Evolve password", authorization: `Bearer ${API_KEY}` });
    expect(mail.tags).toEqual([{ name: "kind", value: "password_reset" }]);
    const link = mail.text!.match(/https?:\/\/\S+?(?=\s|$)/)![0];
    expect(link.startsWith(`${env.APP_URL}/api/auth/reset-password/`)).toBe(true);
    expect(mail.html).toContain(`<a href="${link.replaceAll("&", "&amp;")}">`);
    const token = new URL(link).pathname.split("/").pop()!;
    expect(logs).not.toContain(token);
    expect(logs).not.toContain(API_KEY);
    // The link works: the token sets a new password.
    expect((await callWithMail("/api/auth/reset-password", json({ token, newPassword: "a-new-password-by-mail" }, { origin: ORIGIN }))).status).toBe(200);
    expect((await callWithMail("/api/auth/sign-in/email", json({ email: t.email, password: TEST_PASSWORD }, { origin: ORIGIN }))).status).toBe(401);
    expect((await callWithMail("/api/auth/sign-in/email", json({ email: t.email, password: "a-new-password-by-mail" }, { origin: ORIGIN }))).status).toBe(200);
  });
});

describe("invitations by mail (Resend)", () => {
  it("the invitee gets the accept link; the invitation id and the key stay out of the logs", async () => {
    const t = await signUpTenant({ tenantName: "Mail Test School" });
    const invitee = uniqueEmail("invitee");
    let body: { id: string } = { id: "" };
    const logs = await consoleOf(async () => {
      const res = await callWithMail("/v1/invitations", json({ email: invitee, role: "admin" }, session(t.cookie)));
      expect(res.status).toBe(201);
      body = await res.json();
    });
    const mails = await sentTo(invitee);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain("Mail Test School");
    expect(mails[0].text).toContain(`${env.APP_URL}/accept-invitation/${body.id}`);
    expect(mails[0].text).toContain("as admin");
    expect(mails[0].html).toContain(`<a href="${env.APP_URL}/accept-invitation/${body.id}">`);
    expect(logs).not.toContain(body.id);
    expect(logs).not.toContain(API_KEY);
  });

  it("a refused invitation mail answers 502 and withdraws the invitation", async () => {
    const t = await signUpTenant();
    const invitee = `nobody-${crypto.randomUUID().slice(0, 8)}@fail.example.test`;
    const res = await callWithMail("/v1/invitations", json({ email: invitee, role: "member" }, session(t.cookie)));
    expect(res.status).toBe(502);
    expect((await res.json<{ type: string }>()).type).toContain("mail-not-sent");
    const row = await env.DB.prepare("SELECT status FROM invitation WHERE organization_id = ? AND email = ?").bind(t.tenantId, invitee).first<{ status: string }>();
    expect(row?.status).toBe("canceled");
  });
});

describe("job-finished notices (opt-in per member)", () => {
  async function finishedJob(tenantId: string, userId: string, name: string) {
    const id = await insertJobRow(tenantId, { state: "succeeded" });
    await env.DB.prepare("UPDATE job SET created_by = ?, name = ? WHERE id = ?").bind(userId, name, id).run();
    return {
      id,
      tenantId,
      kind: "tsp",
      algorithm: "ga",
      state: "succeeded" as const,
      reason: "evaluation budget reached",
      error: null,
      best: 7542,
      evaluations: 1000,
      computeMs: 10,
      resultKey: null,
      finishedAt: Date.now(),
    };
  }

  it("off by default: no mail; on: one mail to the submitter, once even when the listener runs again", async () => {
    const t = await signUpTenant();
    expect(await getMailPreferences(env, t.tenantId, t.userId)).toEqual({ jobFinished: false });
    const first = await finishedJob(t.tenantId, t.userId, "Berlin tour");
    expect(await notifyJobFinished(mailEnv, first)).toBe(false);
    expect(await sentTo(t.email)).toHaveLength(0);

    await setMailPreferences(env, t.tenantId, t.userId, { jobFinished: true });
    expect(await getMailPreferences(env, t.tenantId, t.userId)).toEqual({ jobFinished: true });
    const second = await finishedJob(t.tenantId, t.userId, "Berlin tour 2");
    expect(await notifyJobFinished(mailEnv, second)).toBe(true);
    // A retried finish step sends with the same idempotency key: Resend (and the fake) sends once.
    expect(await notifyJobFinished(mailEnv, second)).toBe(true);
    const mails = await sentTo(t.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Job "Berlin tour 2" finished');
    expect(mails[0].text).toContain(`${env.APP_URL}/app/jobs/${second.id}`);
    expect(mails[0].text).toContain("Best value: 7542");
    expect(mails[0].idempotencyKey).toBe(`job-finished/${second.id}/succeeded/${t.email}`);

    // Turned off again: nothing more.
    await setMailPreferences(env, t.tenantId, t.userId, { jobFinished: false });
    expect(await notifyJobFinished(mailEnv, await finishedJob(t.tenantId, t.userId, "third"))).toBe(false);
    expect(await sentTo(t.email)).toHaveLength(1);
  });

  it("wired into the runtime: a real job's end mails its opted-in submitter (log mailer: the binding env has no key)", async () => {
    const t = await signUpTenant();
    await setMailPreferences(env, t.tenantId, t.userId, { jobFinished: true });
    const res = await call("/v1/jobs", json({ problem: { kind: "continuous", function: "sphere", dimension: 3 }, budget: { evaluations: 600 }, name: "Wired" }, session(t.cookie)));
    expect(res.status, await res.clone().text()).toBe(202);
    const { id } = await res.json<{ id: string }>();
    await waitForEnd(t.tenantId, id);
    const mail = await waitFor("the job-finished mail", async () => sentMail.find((m) => m.kind === "job-finished" && m.to === t.email));
    expect(mail.subject).toBe('Job "Wired" finished');
    expect(mail.link).toBe(`${env.APP_URL}/app/jobs/${id}`);
  });

  it("the choice is per tenant, and a job without a submitter or of a former member mails nobody", async () => {
    const t = await signUpTenant();
    const other = await signUpTenant();
    await setMailPreferences(env, other.tenantId, t.userId, { jobFinished: true });
    expect(await notifyJobFinished(mailEnv, await finishedJob(t.tenantId, t.userId, "not opted in here"))).toBe(false);
    await setMailPreferences(env, t.tenantId, t.userId, { jobFinished: true });
    const anonymous = await finishedJob(t.tenantId, t.userId, "api");
    await env.DB.prepare("UPDATE job SET created_by = NULL WHERE id = ?").bind(anonymous.id).run();
    expect(await notifyJobFinished(mailEnv, anonymous)).toBe(false);
    // The submitter opted in for `other`'s tenant but is not its member.
    expect(await notifyJobFinished(mailEnv, await finishedJob(other.tenantId, t.userId, "not a member"))).toBe(false);
    expect(await sentTo(t.email)).toHaveLength(0);
  });

  it("a provider refusal is logged (kind and reason, no link) and never throws into the job's finish", async () => {
    const t = await signUpTenant({ email: `owner-${crypto.randomUUID().slice(0, 8)}@fail.example.test` });
    await setMailPreferences(env, t.tenantId, t.userId, { jobFinished: true });
    const job = await finishedJob(t.tenantId, t.userId, "refused");
    let sent: boolean | undefined;
    const logs = await consoleOf(async () => {
      sent = await notifyJobFinished(mailEnv, job);
    });
    expect(sent).toBe(false);
    expect(logs).toContain('"msg":"mail not sent"');
    expect(logs).toContain("validation_error");
    expect(logs).not.toContain(`/app/jobs/${job.id}`);
  });
});

describe("billing mails from the Stripe webhook", () => {
  const stripe = new Stripe("sk_test_for_signing_only", { httpClient: Stripe.createFetchHttpClient() });
  const cryptoProvider = Stripe.createSubtleCryptoProvider();
  const now = () => Math.floor(Date.now() / 1000);

  async function deliver(type: string, object: Record<string, unknown>, id = `evt_mail_${crypto.randomUUID().slice(0, 12)}`) {
    const payload = JSON.stringify({ id, object: "event", type, created: now(), livemode: false, data: { object } });
    const header = await stripe.webhooks.generateTestHeaderStringAsync({ payload, secret: env.STRIPE_WEBHOOK_SECRET!, cryptoProvider });
    const res = await callWithMail("/api/billing/webhook", { method: "POST", headers: { "stripe-signature": header, "content-type": "application/json" }, body: payload });
    expect(res.status).toBe(200);
    return (await res.json<{ outcome: string }>()).outcome;
  }

  it("subscription started and payment failed reach the owners once; other members get none", async () => {
    const t = await signUpTenant({ tenantName: "Billing Mail School" });
    const admin = await addMember(t, "admin");
    const customer = `cus_mail_${t.tenantId}`;
    const checkout = {
      id: "cs_mail",
      object: "checkout.session",
      mode: "subscription",
      payment_status: "paid",
      client_reference_id: t.tenantId,
      customer,
      subscription: "sub_mail_1",
      metadata: { tenantId: t.tenantId, tier: "pro" },
    };
    const eventId = `evt_mail_checkout_${t.tenantId}`;
    expect(await deliver("checkout.session.completed", checkout, eventId)).toBe("applied");
    expect(await deliver("checkout.session.completed", checkout, eventId)).toBe("duplicate");
    let mails = await sentTo(t.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe("Billing Mail School is now on the pro plan");
    expect(mails[0].text).toContain(`${env.APP_URL}/app/settings/billing`);

    const retryAt = now() + 3 * 86400;
    const invoice = {
      id: "in_mail",
      object: "invoice",
      customer,
      next_payment_attempt: retryAt,
      parent: { type: "subscription_details", subscription_details: { subscription: "sub_mail_1", metadata: { tenantId: t.tenantId } } },
    };
    expect(await deliver("invoice.payment_failed", invoice)).toBe("applied");
    mails = await sentTo(t.email);
    expect(mails).toHaveLength(2);
    expect(mails[1].subject).toBe("Payment failed for Billing Mail School on Evolve");
    expect(mails[1].text).toContain(`Stripe tries again on ${new Date(retryAt * 1000).toISOString().slice(0, 10)}`);
    expect(await sentTo(admin.email)).toHaveLength(0);
  });

  it("a failed payment of an old subscription mails nobody (the event is stale)", async () => {
    const t = await signUpTenant();
    const customer = `cus_mail_old_${t.tenantId}`;
    const checkout = {
      id: "cs_mail2",
      object: "checkout.session",
      mode: "subscription",
      payment_status: "paid",
      client_reference_id: t.tenantId,
      customer,
      subscription: "sub_new",
      metadata: { tenantId: t.tenantId, tier: "pro" },
    };
    await deliver("checkout.session.completed", checkout);
    const invoice = {
      id: "in_old",
      object: "invoice",
      customer,
      next_payment_attempt: null,
      parent: { type: "subscription_details", subscription_details: { subscription: "sub_old", metadata: { tenantId: t.tenantId } } },
    };
    expect(await deliver("invoice.payment_failed", invoice)).toBe("stale");
    expect((await sentTo(t.email)).map((m) => m.subject)).toEqual([expect.stringContaining("pro plan")]);
  });
});

describe("development: the mailbox at /dev/mail", () => {
  const devEnv: Env = { ...env, ENVIRONMENT: "development", RESEND_API_KEY: undefined };

  it("captures mail in D1 (bounded), lists it and shows one with its links clickable; links stay out of the log", async () => {
    const to = uniqueEmail("dev-mail");
    const link = `${env.APP_URL}/api/auth/reset-password/tok_${crypto.randomUUID().replaceAll("-", "")}?callbackURL=%2Freset-password`;
    const logs = await consoleOf(() => new DevMailbox(env).send(passwordResetMail(to, link)));
    expect(logs).toContain("mail captured (development): open /dev/mail/mail_");
    expect(logs).not.toContain(link.split("?")[0]);
    const [captured] = (await listCapturedMail(env)).filter((m) => m.to === to);
    expect(captured.subject).toBe("Reset your Evolve password");

    const list = await callWithMail("/dev/mail", undefined, devEnv);
    expect(list.status).toBe(200);
    expect(await list.text()).toContain(`<a href="/dev/mail/${captured.id}">Reset your Evolve password</a>`);
    const one = await callWithMail(`/dev/mail/${captured.id}`, undefined, devEnv);
    expect(one.status).toBe(200);
    const html = await one.text();
    expect(html).toContain(`<a href="${link.replaceAll("&", "&amp;")}">`);
    expect(html).toContain(to);
    expect((await callWithMail("/dev/mail/mail_nope", undefined, devEnv)).status).toBe(404);

    // Bounded: only the newest DEV_MAILBOX_LIMIT are kept.
    for (let i = 0; i < DEV_MAILBOX_LIMIT + 3; i++) await new DevMailbox(env).send(passwordResetMail(`bulk-${i}@example.test`, "http://localhost:8787/x"));
    const all = await listCapturedMail(env);
    expect(all).toHaveLength(DEV_MAILBOX_LIMIT);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM dev_mail").first<{ n: number }>())!.n).toBe(DEV_MAILBOX_LIMIT);
    expect(all[0].to).toBe(`bulk-${DEV_MAILBOX_LIMIT + 2}@example.test`);
  });

  it("/dev/mail is a 404 outside development", async () => {
    for (const environment of ["test", "production"]) {
      const e: Env = { ...env, ENVIRONMENT: environment };
      expect((await callWithMail("/dev/mail", undefined, e)).status, environment).toBe(404);
      expect((await callWithMail("/dev/mail/mail_x", undefined, e)).status, environment).toBe(404);
    }
  });

  it("in development, sign-in from 127.0.0.1 gets invitation links on 127.0.0.1", async () => {
    const t = await signUpTenant();
    const loopback = "http://127.0.0.1:8787";
    const devWithMail: Env = { ...mailEnv, ENVIRONMENT: "development", APP_URL: "http://localhost:8787" };
    const invitee = uniqueEmail("loopback");
    const ctx = createExecutionContext();
    const res = await app.fetch(new Request(`${loopback}/v1/invitations`, json({ email: invitee, role: "member" }, { cookie: t.cookie, origin: loopback })), devWithMail, ctx);
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(201);
    const { id } = await res.json<{ id: string }>();
    expect((await sentTo(invitee))[0].text).toContain(`${loopback}/accept-invitation/${id}`);
  });

  it("in development, a password reset asked from 127.0.0.1 links to 127.0.0.1; elsewhere (here: tests) to APP_URL", async () => {
    const t = await signUpTenant();
    const loopback = "http://127.0.0.1:8787";
    const ask = async (environment: string) => {
      const ctx = createExecutionContext();
      const res = await app.fetch(
        new Request(`${loopback}/api/auth/request-password-reset`, json({ email: t.email, redirectTo: "/reset-password" }, { origin: loopback })),
        { ...mailEnv, ENVIRONMENT: environment, APP_URL: "http://localhost:8787" },
        ctx,
      );
      await waitOnExecutionContext(ctx);
      expect(res.status, environment).toBe(200);
      return (await sentTo(t.email)).at(-1)!.text!;
    };
    expect(await ask("development")).toContain(`${loopback}/api/auth/reset-password/`);
    expect(await ask("test")).toContain("http://localhost:8787/api/auth/reset-password/");
  });
});

describe("the log mailer (tests, or a deployment without a key)", () => {
  it("logs the mail with its link redacted and keeps it for tests", async () => {
    const to = uniqueEmail("log");
    const link = `${env.APP_URL}/accept-invitation/inv_secret_${crypto.randomUUID().slice(0, 8)}`;
    const logs = await consoleOf(() => new LogMailer().send({ kind: "invitation", to, subject: "s", text: `Accept at ${link}`, link }));
    expect(logs).toContain("[redacted]");
    expect(logs).not.toContain(link);
    expect(sentMail.at(-1)?.link).toBe(link);
  });
});

describe("textToHtml", () => {
  it("escapes everything and makes http(s) URLs links, leaving a sentence's full stop outside", () => {
    expect(textToHtml("Open https://a.test/x?a=1&b=2. <b>hi</b>\n\nnext")).toBe(
      '<p>Open <a href="https://a.test/x?a=1&amp;b=2">https://a.test/x?a=1&amp;b=2</a>. &lt;b&gt;hi&lt;/b&gt;</p>\n<p>next</p>',
    );
    expect(textToHtml('javascript:alert(1) "x"')).toBe("<p>javascript:alert(1) &quot;x&quot;</p>");
  });
});
