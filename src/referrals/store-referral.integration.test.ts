import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../test/support/databases.ts';
import { BASE_URL, contextOf, insertReferralWorld, type ReferralWorld } from './test-fixture.ts';
import { storeNewReferral, type ReferralToStore } from './store-referral.ts';

forEachDatabase('storing a new referral', (db) => {
  let w: ReferralWorld;
  before(async () => {
    w = await insertReferralWorld(db());
  });

  const input = (key: string): ReferralToStore => ({
    referral: {
      source: 'selfcheck',
      practice_id: null,
      idempotency_key: key,
      team_id: w.noord,
      patient_name: 'Zelfmelder Test',
      handover: 'team_contacts_patient',
      contact_channel: 'phone',
      requested_on: '2026-11-30',
      first_contact_due: '2026-12-03',
      first_conversation_due: '2026-12-28',
    },
    consent: { recorded_by: null, method: 'online', data_scope: ['name'], purpose: 'test', text_version: 'test', feedback_allowed: false },
    createdBy: null,
    auditDetails: { source: 'test' },
  });

  test('a reference that is already taken is replaced by a fresh one, not refused', async () => {
    const first = await storeNewReferral(db(), contextOf(w.users.staffA), input(`key-${Date.now()}-a`), BASE_URL);
    assert.ok(first);
    const references = [first.reference, first.reference, 'KL-RETRY2'];
    const second = await storeNewReferral(db(), contextOf(w.users.staffA), input(`key-${Date.now()}-b`), BASE_URL, () => references.shift()!);
    assert.equal(second?.reference, 'KL-RETRY2');
  });

  test('the same idempotency key stores nothing a second time', async () => {
    const key = `key-${Date.now()}-c`;
    assert.ok(await storeNewReferral(db(), contextOf(w.users.staffA), input(key), BASE_URL));
    assert.equal(await storeNewReferral(db(), contextOf(w.users.staffA), input(key), BASE_URL), null);
    const rows = await db().selectFrom('referrals').select('id').where('idempotency_key', '=', key).execute();
    assert.equal(rows.length, 1);
    const consents = await db().selectFrom('consents').select('id').where('referral_id', '=', rows[0]!.id).execute();
    assert.equal(consents.length, 1);
  });
});
