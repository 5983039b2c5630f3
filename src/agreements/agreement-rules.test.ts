import { test } from 'node:test';
import assert from 'node:assert/strict';
import { translator } from '../platform/i18n.ts';
import { validateValues } from '../platform/http/forms.ts';
import { agreementState, changedParts, contactUnconfirmed, reviewDueOn, type AgreementContent } from './agreement-rules.ts';
import { agreementDraftSchema } from './agreement-form.ts';

const t = translator('nl');

test('an agreement that was never confirmed is a concept, whatever it says', () => {
  assert.equal(agreementState({ agreedAt: null, reviewDueOn: null }, '2026-12-01'), 'concept');
});

test('a confirmed agreement is agreed until its review day, and due for review from that day on', () => {
  const agreed = { agreedAt: new Date('2026-01-10T10:00:00Z'), reviewDueOn: '2027-01-10' };
  assert.equal(agreementState(agreed, '2027-01-09'), 'agreed');
  assert.equal(agreementState(agreed, '2027-01-10'), 'review_due');
});

test('the yearly review is one year after the day of agreement; 29 February moves to 28 February', () => {
  assert.equal(reviewDueOn('2026-12-01'), '2027-12-01');
  assert.equal(reviewDueOn('2028-02-29'), '2029-02-28');
});

test('a contact confirmed six months ago or longer (or never) is unconfirmed', () => {
  const now = new Date('2026-12-01T12:00:00Z');
  assert.equal(contactUnconfirmed(null, now), true);
  assert.equal(contactUnconfirmed(new Date('2026-06-01T12:00:00Z'), now), true);
  assert.equal(contactUnconfirmed(new Date('2026-06-02T12:00:00Z'), now), false);
});

test('the changed parts of a proposal are those that differ from what is in force', () => {
  const base: AgreementContent = {
    firstContactWorkingDays: 3,
    firstConversationDays: null,
    urgentFirstConversationWorkingDays: null,
    teamContactId: null,
    teamContactHours: 'di',
    practiceContactName: null,
    practiceContactRole: null,
    practiceContactPhone: null,
    practiceContactHours: null,
    handoverForms: ['phone_together'],
    consentRecording: 'a',
    feedbackArrangement: 'b',
  };
  assert.deepEqual(changedParts(base, { ...base, firstContactWorkingDays: 2, handoverForms: ['phone_together', 'home_visit'] }), [
    'firstContactWorkingDays',
    'handoverForms',
  ]);
});

const form = {
  first_contact_working_days: '2',
  team_contact_id: '7c0b7b2e-6d2a-4a55-9a39-9b0c6d0e9f11',
  team_contact_hours: 'di 9–10 uur',
  handover_meeting_at_practice: 'ja',
  consent_recording: 'Mondeling.',
  feedback_arrangement: 'Na het eerste gesprek.',
};

test('an agreed first-contact term may be 1 to 10 working days; 0 and 11 are refused with a Dutch message', () => {
  for (const ok of ['1', '10']) assert.equal(validateValues(agreementDraftSchema(t), { ...form, first_contact_working_days: ok }).ok, true, ok);
  for (const bad of ['0', '11', '2.5', 'drie']) {
    const result = validateValues(agreementDraftSchema(t), { ...form, first_contact_working_days: bad });
    assert.equal(result.ok, false, bad);
    if (!result.ok) assert.equal(result.errors['first_contact_working_days'], 'Vul een heel getal in van 1 tot en met 10.');
  }
});

test('a legal term can only be shortened: a first conversation after more than 28 days, or urgent after more than 3 working days, is refused', () => {
  const longer = validateValues(agreementDraftSchema(t), { ...form, first_conversation_days: '29', urgent_first_conversation_working_days: '4' });
  assert.equal(longer.ok, false);
  if (!longer.ok) {
    assert.equal(longer.errors['first_conversation_days'], 'Vul een heel getal in van 1 tot en met 28.');
    assert.equal(longer.errors['urgent_first_conversation_working_days'], 'Vul een heel getal in van 1 tot en met 3.');
  }
  const shorter = validateValues(agreementDraftSchema(t), { ...form, first_conversation_days: '14', urgent_first_conversation_working_days: '2' });
  assert.equal(shorter.ok, true);
  if (shorter.ok) assert.equal(shorter.data.firstConversationDays, 14);
});

test('an agreement names at least one form of hand-over', () => {
  const { handover_meeting_at_practice: _dropped, ...none } = form;
  const result = validateValues(agreementDraftSchema(t), none);
  assert.equal(result.ok, false);
  if (!result.ok) assert.equal(result.errors['handover_forms'], 'Kies minstens één vorm van overdracht.');
});
