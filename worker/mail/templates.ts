/**
 * The text of every mail Evolve sends, one function per kind. Each returns a complete MailMessage
 * (plain text + the same as HTML); callers only pick the recipient and the facts.
 */
import { textToHtml, type MailMessage } from "./message";

function withHtml(message: Omit<MailMessage, "html">): MailMessage {
  return { ...message, html: `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5">${textToHtml(message.text)}</body></html>` };
}

export function passwordResetMail(to: string, url: string): MailMessage {
  return withHtml({
    kind: "password-reset",
    to,
    subject: "Reset your Evolve password",
    text: `Someone (hopefully you) asked to reset the password of ${to}.\n\nOpen ${url} within an hour to choose a new one.\n\nIf it was not you, ignore this mail: your password stays as it is.`,
    link: url,
  });
}

export function invitationMail(input: { to: string; tenantName: string; role: string; inviterName?: string; link: string; expiresAt?: Date }): MailMessage {
  const by = input.inviterName ? `${input.inviterName} invited you` : "You are invited";
  const until = input.expiresAt ? ` before ${input.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : "";
  return withHtml({
    kind: "invitation",
    to: input.to,
    subject: `${by} to ${input.tenantName} on Evolve`,
    text: `${by} to join ${input.tenantName} as ${input.role}.\n\nAccept at ${input.link}${until} (sign up or sign in with ${input.to}).`,
    link: input.link,
  });
}

const STATE_WORDS: Record<string, string> = { succeeded: "finished", failed: "failed", cancelled: "was cancelled", expired: "expired" };

export function jobFinishedMail(input: {
  to: string;
  tenantName: string;
  jobId: string;
  jobName: string | null;
  kind: string;
  state: string;
  reason: string | null;
  best: number | null;
  link: string;
}): MailMessage {
  const title = input.jobName ? `"${input.jobName}"` : `${input.kind} job ${input.jobId}`;
  const lines = [`Your job ${title} in ${input.tenantName} ${STATE_WORDS[input.state] ?? input.state}.`];
  if (input.reason) lines.push(`Why it stopped: ${input.reason}.`);
  if (input.best !== null) lines.push(`Best value: ${input.best}.`);
  lines.push(`Open it: ${input.link}`);
  lines.push("You get this mail because you chose job-finished notices in Evolve's account settings; turn them off there.");
  return withHtml({
    kind: "job-finished",
    to: input.to,
    subject: `Job ${title} ${STATE_WORDS[input.state] ?? input.state}`,
    text: lines.join("\n\n"),
    link: input.link,
    idempotencyKey: `job-finished/${input.jobId}/${input.state}/${input.to}`,
  });
}

export function subscriptionStartedMail(input: { to: string; tenantName: string; tier: string; eventId: string; link: string }): MailMessage {
  return withHtml({
    kind: "subscription-started",
    to: input.to,
    subject: `${input.tenantName} is now on the ${input.tier} plan`,
    text: `Thank you: ${input.tenantName}'s ${input.tier} subscription is active, and its new limits apply now.\n\nPlan, invoices and payment method: ${input.link}`,
    link: input.link,
    idempotencyKey: `billing/${input.eventId}/${input.to}`,
  });
}

export function paymentFailedMail(input: { to: string; tenantName: string; retryAt: Date | null; eventId: string; link: string }): MailMessage {
  const when = input.retryAt
    ? `Stripe tries again on ${input.retryAt.toISOString().slice(0, 10)}; until then ${input.tenantName} keeps its plan.`
    : `There is no further attempt: ${input.tenantName} is back on the free limits until a payment succeeds.`;
  return withHtml({
    kind: "payment-failed",
    to: input.to,
    subject: `Payment failed for ${input.tenantName} on Evolve`,
    text: `The latest payment for ${input.tenantName}'s subscription failed. ${when}\n\nUpdate the payment method: ${input.link}`,
    link: input.link,
    idempotencyKey: `billing/${input.eventId}/${input.to}`,
  });
}
