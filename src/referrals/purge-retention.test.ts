import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { forEachDatabase, testContext } from '../../test/support/databases.ts';
import { createTenant, createTestUser, type Tenant } from '../../test/support/fixtures.ts';
import type { Database } from '../platform/db/database.ts';
import type { User } from '../platform/db/schema.ts';
import { purgeExpiredPersonalData } from './purge-retention.ts';
import { insertReferral, monthsAgo, TEST_PATIENT } from '../../test/support/referral-rows.ts';

async function referral(db: Database, id: string) {
  return db.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

forEachDatabase('retention purge', (db) => {
  let tenant: Tenant;
  let member: User;
  let staff: User;

  before(async () => {
    tenant = await createTenant(db());
    member = await createTestUser(db(), tenant, 'team_member');
    staff = await createTestUser(db(), tenant, 'practice_staff');
  });

  async function closedReferral(closedMonthsAgo: number, extra: { outcome?: string } = {}) {
    const id = await insertReferral(db(), {
      practiceId: tenant.practiceId,
      teamId: tenant.teamId,
      status: 'completed',
      closed_at: monthsAgo(closedMonthsAgo),
      outcome: extra.outcome ?? 'trajectory_started',
      feedback: 'Contact gehad met mevrouw Pietersen op 10 november.',
      urgency_triggers: ['eviction'],
      first_contact_on: '2026-11-04',
    });
    await db()
      .insertInto('messages')
      .values([
        { referral_id: id, author_id: staff.id, author_side: 'practice', body: 'Mevrouw Pietersen is het best bereikbaar na 10 uur.' },
        { referral_id: id, author_id: member.id, author_side: 'team', body: 'Dank, ik bel haar morgen.' },
      ])
      .execute();
    await db()
      .insertInto('referral_events')
      .values({ referral_id: id, actor_user_id: member.id, type: 'forwarded', note: 'Woont sinds kort in Hengelo-Noord.' })
      .execute();
    return id;
  }

  test('a referral closed longer ago than the retention period loses its personal data, and keeps its counts', async () => {
    const id = await closedReferral(13);
    const report = await purgeExpiredPersonalData(db(), testContext(), { retentionMonths: 12 });
    assert.ok(report.erased >= 1);
    const row = await referral(db(), id);
    for (const field of [
      'patient_name',
      'patient_birth_date',
      'patient_phone',
      'patient_email',
      'patient_postcode',
      'patient_house_number',
      'preferred_language',
      'best_time_to_call',
      'question',
      'route_explanation',
      'feedback',
    ] as const) {
      assert.equal(row[field], null, `${field} is erased`);
    }
    assert.ok(row.personal_data_erased_at);
    // Kept for monitoring: what was asked, how urgent, where (municipality, district), when, and how it ended.
    assert.deepEqual(row.needs, ['debt_counselling']);
    assert.deepEqual(row.urgency_triggers, ['eviction']);
    assert.equal(row.municipality_code, 'GM0164');
    assert.equal(row.district_code, 'WK016402');
    assert.equal(row.outcome, 'trajectory_started');
    assert.equal(row.status, 'completed');
    assert.equal(row.first_contact_on, '2026-11-04');
    const messages = await db().selectFrom('messages').select(['body', 'author_side']).where('referral_id', '=', id).execute();
    assert.equal(messages.length, 2, 'the messages stay (who wrote when), their text goes');
    assert.ok(messages.every((m) => m.body === null));
    const events = await db().selectFrom('referral_events').select(['type', 'note']).where('referral_id', '=', id).execute();
    assert.deepEqual(events, [{ type: 'forwarded', note: null }]);
  });

  test('the erasure is audited per referral, without any personal data in the log', async () => {
    const id = await closedReferral(14);
    await purgeExpiredPersonalData(db(), testContext(), { retentionMonths: 12 });
    const entries = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'referral.personal_data_erased')
      .where('patient_ref', '=', id)
      .execute();
    assert.equal(entries.length, 1);
    assert.equal(entries[0]!.actor_user_id, null, 'done by the system');
    assert.deepEqual(entries[0]!.details, { reason: 'retention', retention_months: 12 });
    const everything = JSON.stringify(await db().selectFrom('audit_log').select(['details', 'subject_id', 'subject_type']).execute());
    // (The house number '12' is left out: it would match the retention period of 12 months.)
    for (const value of Object.values(TEST_PATIENT).filter((v) => v.length > 2)) assert.ok(!everything.includes(value), `audit log must not contain ${value}`);
  });

  test('a referral closed within the retention period, or still open, keeps its data', async () => {
    const recent = await closedReferral(11);
    const open = await insertReferral(db(), { practiceId: tenant.practiceId, teamId: tenant.teamId, status: 'in-progress' });
    await purgeExpiredPersonalData(db(), testContext(), { retentionMonths: 12 });
    for (const id of [recent, open]) {
      const row = await referral(db(), id);
      assert.equal(row.patient_name, TEST_PATIENT.patient_name);
      assert.equal(row.question, TEST_PATIENT.question);
      assert.equal(row.personal_data_erased_at, null);
    }
    const messages = await db().selectFrom('messages').select('body').where('referral_id', '=', recent).execute();
    assert.ok(messages.every((m) => m.body !== null));
  });

  test('the retention period is configurable: with 6 months a referral closed 7 months ago is erased', async () => {
    const id = await closedReferral(7);
    await purgeExpiredPersonalData(db(), testContext(), { retentionMonths: 12 });
    assert.equal((await referral(db(), id)).personal_data_erased_at, null);
    await purgeExpiredPersonalData(db(), testContext(), { retentionMonths: 6 });
    assert.ok((await referral(db(), id)).personal_data_erased_at);
  });

  test('a second run erases nothing again and writes no new audit entries', async () => {
    await closedReferral(20);
    await purgeExpiredPersonalData(db(), testContext(), { retentionMonths: 12 });
    const before = await db().selectFrom('audit_log').select('id').where('action', '=', 'referral.personal_data_erased').execute();
    const report = await purgeExpiredPersonalData(db(), testContext(), { retentionMonths: 12 });
    assert.equal(report.erased, 0);
    const after = await db().selectFrom('audit_log').select('id').where('action', '=', 'referral.personal_data_erased').execute();
    assert.equal(after.length, before.length);
  });

  test('many referrals are erased in bounded batches, and two runs at once erase each one once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push(await closedReferral(15));
    const [a, b] = await Promise.all([
      purgeExpiredPersonalData(db(), testContext(), { retentionMonths: 12, batchSize: 5 }),
      purgeExpiredPersonalData(db(), testContext(), { retentionMonths: 12, batchSize: 5 }),
    ]);
    assert.equal(a.erased + b.erased, 12);
    for (const id of ids) {
      const entries = await db()
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'referral.personal_data_erased')
        .where('patient_ref', '=', id)
        .execute();
      assert.equal(entries.length, 1);
    }
  });
});

function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy['DATABASE_URL'];
  return copy;
}

describe('retention purge from the command line', () => {
  test('`npm run cli -- retention:purge` runs the purge and says how many referrals it erased', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'kl-retention-'));
    try {
      const tsx = path.resolve('node_modules/.bin/tsx');
      const { stdout } = await promisify(execFile)(tsx, ['src/cli/main.ts', 'retention:purge'], {
        env: { ...withoutDatabaseUrl(process.env), DATA_DIR: dataDir, RETENTION_MONTHS: '12', LOG_LEVEL: 'silent' },
        timeout: 180_000,
      });
      assert.match(stdout, /Personal data erased of 0 referral\(s\) closed more than 12 months ago\./);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
