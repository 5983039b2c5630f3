import nodemailer from 'nodemailer';
import type { Logger } from '../log.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  headers?: Record<string, string> | undefined;
  /** Text attachments, e.g. an iCalendar invitation (text/calendar, RFC 5545). */
  attachments?: Array<{ filename: string; contentType: string; content: string }> | undefined;
}

/** Sends one mail or throws. The outbox retries on failure. */
export interface Mailer {
  /**
   * False when no SMTP server is configured: nothing can be delivered, so the outbox keeps every
   * mail unsent (a mail is marked sent only once an SMTP server has accepted it).
   */
  readonly delivers: boolean;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export class MailNotConfiguredError extends Error {
  constructor() {
    super('no SMTP_URL configured: mail stays in the outbox');
  }
}

/**
 * SMTP through nodemailer when SMTP_URL is set. Without it (development and tests only: production
 * refuses to start without SMTP_URL) there is no mailer that delivers, and none that pretends to:
 * mail waits in the outbox and goes out once SMTP_URL is set.
 */
export function createMailer(options: { smtpUrl: string | undefined; from: string; log: Logger }): Mailer {
  if (!options.smtpUrl) {
    return {
      delivers: false,
      send: async () => {
        throw new MailNotConfiguredError();
      },
      close: () => {},
    };
  }
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    delivers: true,
    send: async (mail) => {
      await transport.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.headers ? { headers: mail.headers } : {}),
        ...(mail.attachments ? { attachments: mail.attachments } : {}),
      });
    },
    close: () => transport.close(),
  };
}
