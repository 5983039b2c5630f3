import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../../test/support/databases.ts';
import { createLogger } from '../log.ts';
import type { Mailer, OutgoingMail } from './mailer.ts';
import { deliverPendingMail, enqueueMail } from './outbox.ts';

/** A mailer that keeps what it was given, to see what the outbox hands over. */
function keepingMailer(): Mailer & { sent: OutgoingMail[] } {
  const sent: OutgoingMail[] = [];
  return { delivers: true, sent, send: async (mail) => void sent.push(mail), close: () => {} };
}

forEachDatabase('mail outbox: headers and attachments', (db) => {
  test('a mail written with extra headers and an attachment is delivered with exactly those', async () => {
    const to = `outbox-extras-${Date.now()}@kortelijn.test`;
    const headers = { 'List-Unsubscribe': '<https://kortelijn.test/afmelden/x>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
    const attachments = [
      { filename: 'uitnodiging.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' },
    ];
    await enqueueMail(db(), { to, subject: 'Uitnodiging', text: 'Welkom', headers, attachments });
    const mailer = keepingMailer();
    await deliverPendingMail(db(), mailer, createLogger('silent'));
    const mail = mailer.sent.find((m) => m.to === to);
    assert.ok(mail, 'delivered');
    assert.deepEqual(mail.headers, headers);
    assert.deepEqual(mail.attachments, attachments);
  });

  test('a plain mail is delivered without headers or attachments', async () => {
    const to = `outbox-plain-${Date.now()}@kortelijn.test`;
    await enqueueMail(db(), { to, subject: 'Iets nieuws', text: 'Log in' });
    const mailer = keepingMailer();
    await deliverPendingMail(db(), mailer, createLogger('silent'));
    const mail = mailer.sent.find((m) => m.to === to);
    assert.equal(mail?.headers, undefined);
    assert.equal(mail?.attachments, undefined);
  });
});
