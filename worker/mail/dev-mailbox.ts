/**
 * Local development without RESEND_API_KEY: mail is captured in D1 (`dev_mail`, the newest
 * DEV_MAILBOX_LIMIT messages) and read at /dev/mail (worker/dev/mail-page.ts). The log line says
 * where to read it, never the link itself.
 */
import { desc, eq, notInArray } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import type { Env } from "../env";
import { devMail } from "../db/schema";
import type { Mailer, MailMessage } from "./message";

export const DEV_MAILBOX_LIMIT = 50;

export interface CapturedMail {
  id: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  createdAt: string;
}

export class DevMailbox implements Mailer {
  constructor(private readonly env: Pick<Env, "DB">) {}

  async send(message: MailMessage): Promise<void> {
    const db = drizzle(this.env.DB);
    const id = `mail_${crypto.randomUUID().replaceAll("-", "")}`;
    await db.insert(devMail).values({ id, kind: message.kind, to: message.to, subject: message.subject, text: message.text, html: message.html ?? null, createdAt: new Date() });
    const keep = db.select({ id: devMail.id }).from(devMail).orderBy(desc(devMail.createdAt), desc(devMail.id)).limit(DEV_MAILBOX_LIMIT);
    await db.delete(devMail).where(notInArray(devMail.id, keep));
    console.log(JSON.stringify({ level: "info", msg: `mail captured (development): open /dev/mail/${id}`, kind: message.kind, to: message.to }));
  }
}

function view(row: typeof devMail.$inferSelect): CapturedMail {
  return { ...row, createdAt: row.createdAt.toISOString() };
}

/** The captured mails, newest first. */
export async function listCapturedMail(env: Pick<Env, "DB">): Promise<CapturedMail[]> {
  const rows = await drizzle(env.DB).select().from(devMail).orderBy(desc(devMail.createdAt), desc(devMail.id)).limit(DEV_MAILBOX_LIMIT).all();
  return rows.map(view);
}

export async function getCapturedMail(env: Pick<Env, "DB">, id: string): Promise<CapturedMail | null> {
  const row = await drizzle(env.DB).select().from(devMail).where(eq(devMail.id, id)).get();
  return row ? view(row) : null;
}
