import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDatabase, testContext } from '../../test/support/databases.ts';
import { createTenant, createTestUser, type Tenant } from '../../test/support/fixtures.ts';
import type { Database } from '../platform/db/database.ts';
import type { User } from '../platform/db/schema.ts';
import { escalateOverdueReferrals } from './escalate-overdue.ts';
import { insertReferral, TEST_PATIENT } from '../../test/support/referral-rows.ts';

const BASE_URL = 'https://kortelijn.test';
const TODAY = '2026-11-23';

async function notificationsOf(db: Database, referralId: string) {
  return db.selectFrom('notifications').select(['user_id', 'kind']).where('referral_id', '=', referralId).execute();
}

async function escalationAudits(db: Database, referralId: string) {
  return db
    .selectFrom('audit_log')
    .select(['action', 'patient_ref', 'details'])
    .where('action', '=', 'referral.escalated')
    .where('patient_ref', '=', referralId)
    .execute();
}

forEachDatabase('escalation of overdue referrals', (db, kind) => {
  let tenant: Tenant;
  let member: User;
  let coordinator: User;
  let staff: User;
  let recipients: string[];
  const run = (options: { today?: string; batchSize?: number } = {}) =>
    escalateOverdueReferrals(db(), testContext(), { baseUrl: BASE_URL, today: TODAY, ...options });

  before(async () => {
    tenant = await createTenant(db());
    member = await createTestUser(db(), tenant, 'team_member');
    coordinator = await createTestUser(db(), tenant, 'team_admin');
    staff = await createTestUser(db(), tenant, 'practice_staff');
    await createTestUser(db(), tenant, 'team_member', { disabled: true });
    recipients = [member.id, coordinator.id, staff.id].sort();
  });

  test('an open referral past its first-contact day is escalated once: team members, coordinator and practice are told', async () => {
    const id = await insertReferral(db(), {
      practiceId: tenant.practiceId,
      teamId: tenant.teamId,
      first_contact_due: '2026-11-20',
      first_conversation_due: '2026-12-20',
    });
    await run();
    const referral = await db()
      .selectFrom('referrals')
      .select(['contact_escalated_at', 'conversation_escalated_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.ok(referral.contact_escalated_at, 'contact_escalated_at is set');
    assert.equal(referral.conversation_escalated_at, null, 'the conversation term has not passed yet');
    const notes = await notificationsOf(db(), id);
    assert.deepEqual(notes.map((n) => n.user_id).sort(), recipients, 'active team members, the coordinator and practice staff; not the disabled user');
    assert.ok(notes.every((n) => n.kind === 'referral_overdue'));
    const audits = await escalationAudits(db(), id);
    assert.equal(audits.length, 1);
    assert.equal(audits[0]!.details['milestone'], 'first_contact');
  });

  test('a second run escalates nothing again and sends no second mail', async () => {
    const id = await insertReferral(db(), {
      practiceId: tenant.practiceId,
      teamId: tenant.teamId,
      first_contact_due: '2026-11-19',
      first_conversation_due: '2026-12-20',
    });
    await run();
    const mailsBefore = await db().selectFrom('outbox_mail').select('id').where('dedupe_key', 'like', `overdue-contact:${id}:%`).execute();
    assert.equal(mailsBefore.length, 3, 'one mail per recipient');
    const again = await run();
    assert.deepEqual(again, { first_contact: 0, first_conversation: 0 });
    assert.equal((await notificationsOf(db(), id)).length, 3);
    assert.equal((await escalationAudits(db(), id)).length, 1);
    const mailsAfter = await db().selectFrom('outbox_mail').select('id').where('dedupe_key', 'like', `overdue-contact:${id}:%`).execute();
    assert.equal(mailsAfter.length, 3);
  });

  test('the first-conversation term is escalated on its own, once, after the first-contact one', async () => {
    const id = await insertReferral(db(), {
      practiceId: tenant.practiceId,
      teamId: tenant.teamId,
      first_contact_due: '2026-11-10',
      first_conversation_due: '2026-11-30',
    });
    await run();
    assert.equal((await escalationAudits(db(), id)).length, 1);
    await run({ today: '2026-12-01' });
    const audits = await escalationAudits(db(), id);
    assert.deepEqual(
      audits.map((a) => a.details['milestone']),
      ['first_contact', 'first_conversation'],
    );
    await run({ today: '2026-12-02' });
    assert.equal((await escalationAudits(db(), id)).length, 2);
    assert.equal((await notificationsOf(db(), id)).length, 6, 'three people, two milestones');
  });

  test('a term is not missed on its due day itself, only the day after (Amsterdam calendar)', async () => {
    const id = await insertReferral(db(), {
      practiceId: tenant.practiceId,
      teamId: tenant.teamId,
      first_contact_due: TODAY,
      first_conversation_due: '2026-12-20',
    });
    await run();
    const referral = await db().selectFrom('referrals').select('contact_escalated_at').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(referral.contact_escalated_at, null);
    assert.equal((await notificationsOf(db(), id)).length, 0);
  });

  test('a milestone that was reached is not escalated, even when its due day has passed', async () => {
    const id = await insertReferral(db(), {
      practiceId: tenant.practiceId,
      teamId: tenant.teamId,
      status: 'in-progress',
      first_contact_due: '2026-11-05',
      first_contact_on: '2026-11-04',
      first_conversation_due: '2026-11-20',
      first_conversation_on: '2026-11-18',
    });
    await run();
    const referral = await db()
      .selectFrom('referrals')
      .select(['contact_escalated_at', 'conversation_escalated_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(referral.contact_escalated_at, null);
    assert.equal(referral.conversation_escalated_at, null);
    assert.equal((await escalationAudits(db(), id)).length, 0);
  });

  test('a first conversation planned after its due day is escalated once that day has passed: a plan is not a conversation', async () => {
    const id = await insertReferral(db(), {
      practiceId: tenant.practiceId,
      teamId: tenant.teamId,
      status: 'in-progress',
      first_contact_due: '2026-11-05',
      first_contact_on: '2026-11-04',
      first_conversation_due: '2026-11-20',
      first_conversation_on: '2026-11-27',
    });
    await run();
    assert.deepEqual(
      (await escalationAudits(db(), id)).map((a) => a.details['milestone']),
      ['first_conversation'],
    );
  });

  test('a first conversation planned before its due day counts on the day it takes place: not escalated after it', async () => {
    const id = await insertReferral(db(), {
      practiceId: tenant.practiceId,
      teamId: tenant.teamId,
      status: 'in-progress',
      first_contact_due: '2026-11-05',
      first_contact_on: '2026-11-04',
      first_conversation_due: '2026-11-26',
      first_conversation_on: '2026-11-24',
    });
    await run({ today: '2026-11-27' });
    assert.equal((await escalationAudits(db(), id)).length, 0);
  });

  test('closed referrals (completed, rejected, cancelled, failed) are not escalated', async () => {
    const ids: string[] = [];
    for (const status of ['completed', 'rejected', 'cancelled', 'failed'] as const) {
      ids.push(
        await insertReferral(db(), {
          practiceId: tenant.practiceId,
          teamId: tenant.teamId,
          status,
          closed_at: new Date(),
          first_contact_due: '2026-11-05',
          first_conversation_due: '2026-11-10',
        }),
      );
    }
    await run();
    for (const id of ids) {
      assert.equal((await escalationAudits(db(), id)).length, 0);
      assert.equal((await notificationsOf(db(), id)).length, 0);
    }
  });

  test('a self-referral without a practice escalates to the team only', async () => {
    const id = await insertReferral(db(), { practiceId: null, teamId: tenant.teamId, first_contact_due: '2026-11-05', first_conversation_due: '2026-12-20' });
    await run();
    assert.deepEqual((await notificationsOf(db(), id)).map((n) => n.user_id).sort(), [member.id, coordinator.id].sort());
  });

  test('the mail says only that there is something new: no patient data, no reference', async () => {
    const id = await insertReferral(db(), {
      practiceId: tenant.practiceId,
      teamId: tenant.teamId,
      first_contact_due: '2026-11-06',
      first_conversation_due: '2026-12-20',
    });
    await run();
    const reference = (await db().selectFrom('referrals').select('reference').where('id', '=', id).executeTakeFirstOrThrow()).reference;
    const mails = await db().selectFrom('outbox_mail').select(['subject', 'body_text']).where('dedupe_key', 'like', `overdue-contact:${id}:%`).execute();
    assert.equal(mails.length, 3);
    for (const mail of mails) {
      const text = `${mail.subject}\n${mail.body_text}`;
      for (const value of [...Object.values(TEST_PATIENT), reference, id]) assert.ok(!text.includes(value), `mail must not contain ${value}`);
      assert.match(mail.body_text, /https:\/\/kortelijn\.test\/meldingen/);
    }
    const audit = (await escalationAudits(db(), id))[0]!;
    assert.ok(!JSON.stringify(audit.details).includes(TEST_PATIENT.patient_name));
  });

  test(`two runs at the same time${kind === 'postgres' ? ' (two connections)' : ''} escalate each referral exactly once, in bounded batches`, async () => {
    const other = await createTenant(db());
    const otherMember = await createTestUser(db(), other, 'team_member');
    const ids: string[] = [];
    for (let i = 0; i < 24; i++)
      ids.push(await insertReferral(db(), { practiceId: null, teamId: other.teamId, first_contact_due: '2026-11-04', first_conversation_due: '2026-11-12' }));
    const [a, b] = await Promise.all([run({ batchSize: 5 }), run({ batchSize: 5 })]);
    assert.equal(a.first_contact + b.first_contact, 24, 'every overdue first contact escalated, by one run or the other');
    assert.equal(a.first_conversation + b.first_conversation, 24);
    for (const id of ids) {
      const audits = await escalationAudits(db(), id);
      assert.deepEqual(audits.map((x) => x.details['milestone']).sort(), ['first_contact', 'first_conversation'], `referral ${id}`);
      assert.equal((await notificationsOf(db(), id)).length, 2, 'one notification per milestone for the one team member');
    }
    const mails = await db().selectFrom('outbox_mail').select('dedupe_key').where('to_address', '=', otherMember.email).execute();
    assert.equal(mails.length, 48);
  });
});
