import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { validateValues } from '../platform/http/forms.ts';
import { translator } from '../platform/i18n.ts';
import { parseDate } from '../platform/dates.ts';
import { consentFormSchema, referralDetailsSchema } from './referral-form.ts';
import { dueState } from './labels.ts';
import { newReference } from './store-referral.ts';

const t = translator('nl');
const TODAY = '2026-11-23';
const valid: Record<string, string> = {
  idempotency_key: 'abcdefghijklmnopqrstuvwxyz012345',
  patient_name: 'Johanna Testpersoon',
  birth_date: '09-03-1971',
  phone: '06 1234 5678',
  email: '',
  postcode: '7552ab',
  house_number: '14a',
  preferred_language: 'Nederlands',
  best_time_to_call: '',
  need_debt_counselling: 'ja',
  need_admin_help: 'ja',
  question: 'Ik slaap slecht door de rekeningen.',
  urgency_eviction: 'ja',
  handover: 'phone_together',
  contact_channel: 'phone',
};
const parse = (values: Record<string, string>) => validateValues(referralDetailsSchema(t, TODAY), values);

describe('the referral form', () => {
  test('a complete form gives typed data: ISO birth date, Dutch postcode, needs and triggers as lists', () => {
    const result = parse(valid);
    assert.ok(result.ok);
    assert.equal(result.data.birth_date, '1971-03-09');
    assert.equal(result.data.postcode, '7552 AB');
    assert.deepEqual(result.data.needs, ['debt_counselling', 'admin_help']);
    assert.deepEqual(result.data.urgency_triggers, ['eviction']);
    assert.equal(result.data.email, null);
  });

  test('there is no BSN field: a posted bsn is dropped at the boundary', () => {
    const result = parse({ ...valid, bsn: '123456782' });
    assert.ok(result.ok);
    assert.ok(!('bsn' in result.data));
    assert.ok(!JSON.stringify(result.data).includes('123456782'));
  });

  test('an empty form names every required field in Dutch', () => {
    const result = parse({});
    assert.ok(!result.ok);
    for (const field of ['idempotency_key', 'patient_name', 'birth_date', 'postcode', 'house_number', 'needs', 'question', 'handover', 'contact_channel']) {
      assert.ok(result.errors[field], `no error for ${field}`);
    }
    assert.equal(result.errors['needs'], 'Kies minstens één soort hulp.');
  });

  test('a patient who wants a call needs a phone number; one who wants e-mail an address', () => {
    const byPhone = parse({ ...valid, phone: '', email: 'j@example.nl' });
    assert.ok(!byPhone.ok && /gebeld/.test(byPhone.errors['phone']!));
    const byMail = parse({ ...valid, contact_channel: 'email' });
    assert.ok(!byMail.ok && /e-mailadres/.test(byMail.errors['email']!));
    assert.ok(parse({ ...valid, contact_channel: 'via_practice' }).ok);
  });

  test('a birth date must be a real day in the past', () => {
    assert.equal(parseDate('31-02-1980'), null);
    assert.equal(parseDate('1980-4-7'), '1980-04-07');
    assert.equal(parseDate('7/4/1980'), '1980-04-07');
    assert.ok(!parse({ ...valid, birth_date: '01-01-2030' }).ok);
    assert.ok(!parse({ ...valid, birth_date: 'gisteren' }).ok);
  });

  test('an unknown need or hand-over is not accepted', () => {
    assert.deepEqual((parse({ ...valid, need_weapons: 'ja' }) as { data: { needs: string[] } }).data.needs, ['debt_counselling', 'admin_help']);
    assert.ok(!parse({ ...valid, handover: 'fax' }).ok);
  });

  test('consent: a ticked box needs the method and the separate feedback question', () => {
    const team = '00000000-0000-4000-8000-000000000001';
    const ticked = validateValues(consentFormSchema(t), { team_id: team, consent_given: 'ja' });
    assert.ok(!ticked.ok && ticked.errors['consent_method'] && ticked.errors['feedback_allowed']);
    const full = validateValues(consentFormSchema(t), { team_id: team, consent_given: 'ja', consent_method: 'written', feedback_allowed: 'nee' });
    assert.ok(full.ok);
    assert.deepEqual(full.data, { recipientTeamId: team, consent: { given: true, method: 'written', feedbackAllowed: false } });
    const none = validateValues(consentFormSchema(t), { team_id: team });
    assert.ok(none.ok && none.data.consent.given === false, 'no consent is not a form error: sending refuses it');
  });
});

describe('due badges and references', () => {
  test('a due date is on time, due today or overdue until reached; closed referrals show no clock', () => {
    assert.equal(dueState('2026-11-26', '2026-11-25', null, 'received'), 'on-time');
    assert.equal(dueState('2026-11-26', '2026-11-26', null, 'received'), 'due-today');
    assert.equal(dueState('2026-11-26', '2026-11-27', null, 'accepted'), 'overdue');
    assert.equal(dueState('2026-11-26', '2026-11-27', '2026-11-25', 'in-progress'), 'done');
    assert.equal(dueState('2026-11-26', '2026-11-27', null, 'cancelled'), 'none');
  });

  test('a reference is KL- and six characters without 0, O, 1 or I', () => {
    for (let i = 0; i < 200; i++) assert.match(newReference(), /^KL-[2-9A-HJ-NP-Z]{6}$/);
  });
});
