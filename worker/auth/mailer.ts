/**
 * Outgoing mail lives in worker/mail/ (Resend, the development mailbox at /dev/mail, the log
 * mailer); this file keeps the names auth and its tests import.
 */
export { getMailer } from "../mail/mailer";
export { LogMailer, sentMail } from "../mail/log-mailer";
export type { Mailer, MailMessage } from "../mail/message";
