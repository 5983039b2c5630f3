import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { createTenant, createTestUser, type Tenant } from '../../../test/support/fixtures.ts';
import { insertReferral, TEST_PATIENT } from '../../../test/support/referral-rows.ts';
import type { Database } from '../db/database.ts';
import type { User } from '../db/schema.ts';
import { createLogger } from '../log.ts';
import { MAIL_SUBJECT, notifyUsers } from './notify.ts';
import { createMailer, type Mailer } from '../mail/mailer.ts';
import { deliverPendingMail, MAX_ATTEMPTS, retryDelayMinutes } from '../mail/outbox.ts';

/**
 * The mail outbox against a real SMTP server, run in-process (smtp-server) on a free port of
 * 127.0.0.1: what arrives, what happens while the server is down, and several deliverers at once.
 */
interface Received {
  to: string[];
  subject: string;
  text: string;
}

/** Just enough MIME for nodemailer's plain-text mail: unfold headers, decode quoted-printable. */
function parseMail(raw: string): { subject: string; text: string } {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = head.replace(/\r?\n[ \t]+/g, ' ');
  const subject = /^Subject: (.*)$/im.exec(headers)?.[1] ?? '';
  let body = rest.join('\n\n');
  if (/^Content-Transfer-Encoding: quoted-printable$/im.test(headers)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    body = Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return { subject, text: body.replace(/\r\n/g, '\n') };
}

class TestSmtpServer {
  readonly received: Received[] = [];
  private server: SMTPServer | null = null;

  /** Starts listening on `port` (0: any free port) and returns the port. */
  async start(port = 0): Promise<number> {
    const server = new SMTPServer({
      // Plain SMTP on localhost: no TLS upgrade (no certificate to trust), no sign-in.
      disabledCommands: ['STARTTLS', 'AUTH'],
      authOptional: true,
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const mail = parseMail(Buffer.concat(chunks).toString('utf8'));
          this.received.push({ to: session.envelope.rcptTo.map((r) => r.address), ...mail });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    return (server.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string): Received[] {
    return this.received.filter((m) => m.to.includes(address));
  }
}

const log = createLogger('silent');
const BASE_URL = 'https://kortelijn.test';

async function outboxRowsFor(db: Database, address: string) {
  return db.selectFrom('outbox_mail').selectAll().where('to_address', '=', address).execute();
}

describe('retry back-off', () => {
  test('the wait after a failed attempt doubles: 1, 2, 4, 8 minutes …', () => {
    assert.deepEqual([1, 2, 3, 4, 5].map(retryDelayMinutes), [1, 2, 4, 8, 16]);
  });
  test('the wait is never longer than 6 hours', () => {
    assert.equal(retryDelayMinutes(12), 360);
    assert.equal(retryDelayMinutes(MAX_ATTEMPTS), 360);
  });
});

forEachDatabase('mail outbox over SMTP', (db) => {
  let tenant: Tenant;
  const smtp = new TestSmtpServer();
  let port: number;
  let mailer: Mailer;

  before(async () => {
    tenant = await createTenant(db());
    port = await smtp.start();
    mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Korte Lijn <no-reply@kortelijn.test>', log });
  });
  after(async () => {
    mailer.close();
    await smtp.stop();
  });

  test('a notification reaches the SMTP server with the fixed subject, a link to the notifications and no patient data', async () => {
    const user: User = await createTestUser(db(), tenant, 'team_member');
    const referralId = await insertReferral(db(), { practiceId: tenant.practiceId, teamId: tenant.teamId });
    const reference = (await db().selectFrom('referrals').select('reference').where('id', '=', referralId).executeTakeFirstOrThrow()).reference;
    await notifyUsers(db(), BASE_URL, { userIds: [user.id], kind: 'message_received', referralId });

    const report = await deliverPendingMail(db(), mailer, log);
    assert.equal(report.failed, 0);
    assert.ok(report.sent >= 1);
    const [mail, ...more] = smtp.to(user.email);
    assert.ok(mail, 'the mail arrived');
    assert.equal(more.length, 0, 'exactly once');
    assert.equal(mail.subject, MAIL_SUBJECT);
    assert.match(mail.text, /Er staat iets nieuws voor u klaar in Korte Lijn/);
    assert.ok(mail.text.includes(`${BASE_URL}/meldingen`));
    assert.match(mail.text, /Om privacyredenen staan er in deze e-mail geen gegevens van patiënten\./);
    for (const value of [...Object.values(TEST_PATIENT).filter((v) => v.length > 2), reference, referralId]) {
      assert.ok(!`${mail.subject}\n${mail.text}`.includes(value), `the mail must not contain ${value}`);
    }
    const [row] = await outboxRowsFor(db(), user.email);
    assert.ok(row!.sent_at);
    assert.equal(row!.attempts, 1);
  });

  test('while the SMTP server is down the mail is kept, with one more attempt and a later retry; once it is up the mail is sent, once', async () => {
    const user = await createTestUser(db(), tenant, 'practice_staff');
    const down = new TestSmtpServer();
    const downPort = await down.start();
    await down.stop();
    const downMailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${downPort}`, from: 'Korte Lijn <no-reply@kortelijn.test>', log });
    try {
      await notifyUsers(db(), BASE_URL, { userIds: [user.id], kind: 'referral_updated' });
      const startedAt = Date.now();
      const first = await deliverPendingMail(db(), downMailer, log);
      assert.deepEqual(first, { sent: 0, failed: 1 });
      let [row] = await outboxRowsFor(db(), user.email);
      assert.equal(row!.sent_at, null);
      assert.equal(row!.attempts, 1);
      assert.ok(row!.last_error, 'the error is kept for operators');
      assert.ok(row!.next_attempt_at.getTime() >= startedAt + 55_000, 'the next attempt is about a minute later');
      assert.equal(row!.locked_until, null);

      // Before the retry time nothing is tried again.
      assert.deepEqual(await deliverPendingMail(db(), downMailer, log), { sent: 0, failed: 0 });

      // The server comes back on the same port; the retry time arrives.
      await down.start(downPort);
      await db()
        .updateTable('outbox_mail')
        .set({ next_attempt_at: new Date(Date.now() - 1000) })
        .where('id', '=', row!.id)
        .execute();
      assert.deepEqual(await deliverPendingMail(db(), downMailer, log), { sent: 1, failed: 0 });
      assert.equal(down.to(user.email).length, 1);
      [row] = await outboxRowsFor(db(), user.email);
      assert.ok(row!.sent_at);
      assert.equal(row!.attempts, 2);
      assert.deepEqual(await deliverPendingMail(db(), downMailer, log), { sent: 0, failed: 0 });
      assert.equal(down.to(user.email).length, 1, 'not sent a second time');
    } finally {
      downMailer.close();
      await down.stop();
    }
  });

  test('a mail that failed the maximum number of times is no longer tried', async () => {
    const user = await createTestUser(db(), tenant, 'practice_admin');
    await notifyUsers(db(), BASE_URL, { userIds: [user.id], kind: 'referral_updated' });
    await db()
      .updateTable('outbox_mail')
      .set({ attempts: MAX_ATTEMPTS, next_attempt_at: new Date(Date.now() - 1000) })
      .where('to_address', '=', user.email)
      .execute();
    await deliverPendingMail(db(), mailer, log);
    assert.equal(smtp.to(user.email).length, 0);
  });

  test('two deliverers at the same time (two app instances) send every mail exactly once', async () => {
    const users = await Promise.all(Array.from({ length: 8 }, () => createTestUser(db(), tenant, 'team_member')));
    await notifyUsers(db(), BASE_URL, { userIds: users.map((u) => u.id), kind: 'referral_received' });
    const second = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Korte Lijn <no-reply@kortelijn.test>', log });
    try {
      const [a, b] = await Promise.all([deliverPendingMail(db(), mailer, log, 3), deliverPendingMail(db(), second, log, 3)]);
      // Each run takes at most one batch of 3; run again until the outbox is empty.
      let sent = a.sent + b.sent;
      for (let i = 0; i < 5 && sent < users.length; i++) {
        const [c, d] = await Promise.all([deliverPendingMail(db(), mailer, log, 3), deliverPendingMail(db(), second, log, 3)]);
        sent += c.sent + d.sent;
      }
      assert.equal(sent, users.length);
      for (const user of users) assert.equal(smtp.to(user.email).length, 1, `${user.email} got exactly one mail`);
    } finally {
      second.close();
    }
  });
});
