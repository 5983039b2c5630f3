import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DB, MailAttachment } from '../db/schema.ts';
import type { Logger } from '../log.ts';
import type { Mailer } from './mailer.ts';

/**
 * Transactional outbox: a mail is written in the same transaction as the change that causes it, so
 * it is sent if and only if the change commits. A job delivers pending mail with retries and
 * exponential back-off; several app instances can run it (rows are claimed with SKIP LOCKED).
 * Mail never carries patient data: only "there is something for you" and a link.
 */
export async function enqueueMail(
  executor: Database | Transaction<DB>,
  mail: { to: string; subject: string; text: string; dedupeKey?: string; headers?: Record<string, string>; attachments?: MailAttachment[] },
): Promise<void> {
  await executor
    .insertInto('outbox_mail')
    .values({
      to_address: mail.to,
      subject: mail.subject,
      body_text: mail.text,
      dedupe_key: mail.dedupeKey ?? null,
      headers: mail.headers ? JSON.stringify(mail.headers) : null,
      attachments: mail.attachments ? JSON.stringify(mail.attachments) : null,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .execute();
}

/** Minutes to wait after the Nth failed attempt: 1, 2, 4, … capped at 6 hours. Pure. */
export function retryDelayMinutes(attempts: number): number {
  return Math.min(2 ** Math.max(0, attempts - 1), 360);
}

export const MAX_ATTEMPTS = 20;

export interface DeliveryReport {
  sent: number;
  failed: number;
}

/**
 * Sends a batch of pending mail. Rows are claimed for two minutes; when `stopping` is aborted (the
 * app shuts down) the mail at hand is finished and the claim on the rest is given back at once, so
 * another instance (or the next start) sends them without waiting for the claim to run out.
 */
export async function deliverPendingMail(
  db: Database,
  mailer: Mailer,
  log: Logger,
  batchSize = 50,
  stopping: AbortSignal = new AbortController().signal,
): Promise<DeliveryReport> {
  // Without an SMTP server nothing is claimed: the mail stays pending, with no attempt used up.
  if (!mailer.delivers) return { sent: 0, failed: 0 };
  const claimed = await db
    .updateTable('outbox_mail')
    .set({ locked_until: sql`now() + interval '2 minutes'` })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox_mail')
        .select('id')
        .where('sent_at', 'is', null)
        .where('attempts', '<', MAX_ATTEMPTS)
        .where('next_attempt_at', '<=', sql<Date>`now()`)
        .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<', sql<Date>`now()`)]))
        .orderBy('next_attempt_at')
        .limit(batchSize)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['id', 'to_address', 'subject', 'body_text', 'attempts', 'headers', 'attachments'])
    .execute();
  const report: DeliveryReport = { sent: 0, failed: 0 };
  for (const [index, mail] of claimed.entries()) {
    if (stopping.aborted) {
      const rest = claimed.slice(index).map((m) => m.id);
      await db.updateTable('outbox_mail').set({ locked_until: null }).where('id', 'in', rest).where('sent_at', 'is', null).execute();
      log.info({ released: rest.length }, 'shutting down: unsent mail handed back to the outbox');
      break;
    }
    try {
      await mailer.send({
        to: mail.to_address,
        subject: mail.subject,
        text: mail.body_text,
        headers: mail.headers ?? undefined,
        attachments: mail.attachments ?? undefined,
      });
      await db
        .updateTable('outbox_mail')
        .set({ sent_at: new Date(), locked_until: null, attempts: mail.attempts + 1 })
        .where('id', '=', mail.id)
        .execute();
      report.sent++;
    } catch (err) {
      const attempts = mail.attempts + 1;
      const message = err instanceof Error ? err.message.slice(0, 500) : 'unknown error';
      await db
        .updateTable('outbox_mail')
        .set({ attempts, last_error: message, locked_until: null, next_attempt_at: new Date(Date.now() + retryDelayMinutes(attempts) * 60_000) })
        .where('id', '=', mail.id)
        .execute();
      log.warn({ mailId: mail.id, attempts }, 'mail delivery failed; will retry');
      report.failed++;
    }
  }
  return report;
}

export interface OutboxBacklog {
  /** Mail waiting to be sent (and still being tried). */
  pending: number;
  /** When the oldest of those was written; null when none waits. */
  oldestPendingAt: Date | null;
  /** Mail given up on after MAX_ATTEMPTS: it needs a person to look at the SMTP settings or the address. */
  failed: number;
}

/** What waits in the outbox, for readiness and metrics: one statement over the unsent rows' partial index. */
export async function outboxBacklog(db: Database): Promise<OutboxBacklog> {
  const row = await db
    .selectFrom('outbox_mail')
    .select([
      sql<string>`count(*) filter (where attempts < ${MAX_ATTEMPTS})`.as('pending'),
      sql<Date | null>`min(created_at) filter (where attempts < ${MAX_ATTEMPTS})`.as('oldest'),
      sql<string>`count(*) filter (where attempts >= ${MAX_ATTEMPTS})`.as('failed'),
    ])
    .where('sent_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { pending: Number(row.pending), oldestPendingAt: row.oldest === null ? null : new Date(row.oldest), failed: Number(row.failed) };
}
