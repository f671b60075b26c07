/**
 * Tokens in URLs never reach the logs (worker/http/redact.ts): the request log line of a share
 * link, a calendar feed or a web share page, and the log mailer's reset and invitation links.
 */
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { redactPath, redactUrl } from "./redact";
import { sentMail } from "../auth/mailer";
import { call, json, ORIGIN, session, signUpTenant } from "../test/fixtures";

afterEach(() => vi.restoreAllMocks());

/** Captures every console line written while `run` runs. */
async function logsOf(run: () => Promise<unknown>): Promise<string> {
  const lines: string[] = [];
  const keep = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
  vi.spyOn(console, "log").mockImplementation(keep);
  vi.spyOn(console, "warn").mockImplementation(keep);
  vi.spyOn(console, "error").mockImplementation(keep);
  await run();
  vi.restoreAllMocks();
  return lines.join("\n");
}

describe("redactPath / redactUrl", () => {
  it("replaces token segments and credential query values, keeps the rest", () => {
    expect(redactPath("/v1/share/shr_abc.def/exports/csv")).toBe("/v1/share/[redacted]/exports/csv");
    expect(redactPath("/v1/feeds/cal_secret.ics")).toBe("/v1/feeds/[redacted]");
    expect(redactPath("/share/shr_abc")).toBe("/share/[redacted]");
    expect(redactPath("/accept-invitation/inv_123")).toBe("/accept-invitation/[redacted]");
    expect(redactPath("/api/auth/reset-password/tok123")).toBe("/api/auth/reset-password/[redacted]");
    expect(redactPath("/v1/jobs/job_1/share-links")).toBe("/v1/jobs/job_1/share-links");
    expect(redactUrl("https://evolve.test/api/auth/reset-password/tok123?callbackURL=%2Freset-password")).toBe("https://evolve.test/api/auth/reset-password/[redacted]?callbackURL=/reset-password");
    expect(redactUrl("/reset-password?token=tok123&x=1")).toBe("/reset-password?token=[redacted]&x=1");
    expect(redactUrl("https://evolve.test/accept-invitation/inv_9")).toBe("https://evolve.test/accept-invitation/[redacted]");
  });
});

describe("logged lines carry no tokens", () => {
  it("a share link's, a feed's and the web share page's token are not in the request log", async () => {
    const token = `shr_${crypto.randomUUID().replaceAll("-", "")}.sig${Date.now()}`;
    const logs = await logsOf(async () => {
      await call(`/v1/share/${token}`);
      await call(`/v1/share/${token}/exports/csv`);
      await call(`/v1/feeds/${token}.ics`);
      await call(`/share/${token}`);
    });
    expect(logs).toContain("[redacted]");
    expect(logs).not.toContain(token);
  });

  it("the password-reset mail is logged without its token (tests read the link from sentMail)", async () => {
    const t = await signUpTenant();
    const logs = await logsOf(() => call("/api/auth/request-password-reset", json({ email: t.email, redirectTo: "/reset-password" }, { origin: ORIGIN })));
    const mail = [...sentMail].reverse().find((m) => m.kind === "password-reset" && m.to === t.email);
    expect(mail?.link).toBeTruthy();
    const token = new URL(mail!.link!).pathname.split("/").pop()!;
    expect(token.length).toBeGreaterThan(8);
    expect(logs).toContain("password-reset");
    expect(logs).not.toContain(token);
    // Nor is it stored in clear: better-auth keeps only its hash (worker/auth/auth.ts `verification`).
    const stored = await env.DB.prepare("SELECT identifier, value FROM verification").all<{ identifier: string; value: string }>();
    expect(JSON.stringify(stored.results)).not.toContain(token);
  });

  it("an invitation mail is logged without the invitation id", async () => {
    const t = await signUpTenant();
    let id = "";
    const logs = await logsOf(async () => {
      const res = await call("/v1/invitations", json({ email: `invitee-${crypto.randomUUID().slice(0, 8)}@example.test`, role: "member" }, session(t.cookie)));
      id = ((await res.json()) as { id: string }).id;
    });
    expect(id).toMatch(/^inv_/);
    expect(logs).toContain("invitation");
    expect(logs).not.toContain(id);
  });
});
