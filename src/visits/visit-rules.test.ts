import { test } from 'node:test';
import assert from 'node:assert/strict';
import { translator } from '../platform/i18n.ts';
import { validateValues } from '../platform/http/forms.ts';
import { addMonthsIso, visitDueSince, visitOverdue } from './visit-rules.ts';
import { planVisitSchema, recordVisitSchema } from './visit-form.ts';

const t = translator('nl');

test('six months after 31 August is the last day of February', () => {
  assert.equal(addMonthsIso('2026-08-31', 6), '2027-02-28');
  assert.equal(addMonthsIso('2027-08-31', 6), '2028-02-29');
  assert.equal(addMonthsIso('2026-12-15', 12), '2027-12-15');
});

test('a practice is due a visit twelve months after the last one, or after it joined when it never had one', () => {
  assert.equal(visitDueSince('2025-11-30', '2020-01-01'), '2026-11-30');
  assert.equal(visitDueSince(null, '2026-03-01'), '2027-03-01');
});

test('a practice with no visit for twelve months is overdue, unless a visit is planned from today on', () => {
  const practice = { lastHeldOn: '2025-11-30', joinedOn: '2020-01-01' };
  assert.equal(visitOverdue({ ...practice, nextPlannedOn: null }, '2026-11-29'), false);
  assert.equal(visitOverdue({ ...practice, nextPlannedOn: null }, '2026-11-30'), true);
  assert.equal(visitOverdue({ ...practice, nextPlannedOn: '2026-12-10' }, '2026-12-01'), false);
  assert.equal(visitOverdue({ ...practice, nextPlannedOn: '2026-11-01' }, '2026-12-01'), true, 'a planned day that has passed does not count');
});

test('a visit is planned for today or later, with at least one person going', () => {
  const past = validateValues(planVisitSchema(t, '2026-12-01'), { planned_on: '30-11-2026', participant_name_1: 'Fatma' });
  assert.equal(past.ok, false);
  if (!past.ok) assert.equal(past.errors['planned_on'], 'Kies vandaag of een dag later.');
  const nobody = validateValues(planVisitSchema(t, '2026-12-01'), { planned_on: '08-12-2026' });
  assert.equal(nobody.ok, false);
  if (!nobody.ok) assert.equal(nobody.errors['participants'], 'Vul minstens één naam in: wie gaat er (ging er) op bezoek?');
  const ok = validateValues(planVisitSchema(t, '2026-12-01'), { planned_on: '08-12-2026', participant_name_2: 'Fatma', topic_routes: 'ja' });
  assert.equal(ok.ok, true);
  if (ok.ok) assert.deepEqual(ok.data.participants, [{ teamId: null, name: 'Fatma' }]);
});

test('a recorded visit took place (not in the future), has a topic, follow-ups with an owner, and a next visit after it', () => {
  const base = { held_on: '01-12-2026', participant_name_1: 'Fatma', topic_routes: 'ja', next_visit_due: '01-06-2027' };
  const future = validateValues(recordVisitSchema(t, '2026-12-01'), { ...base, held_on: '02-12-2026' });
  assert.equal(future.ok, false);
  if (!future.ok) assert.equal(future.errors['held_on'], 'Een bezoek dat geweest is, ligt niet in de toekomst.');
  const ownerless = validateValues(recordVisitSchema(t, '2026-12-01'), { ...base, followup_text_1: 'Folders nabestellen' });
  assert.equal(ownerless.ok, false);
  if (!ownerless.ok) assert.equal(ownerless.errors['follow_ups'], 'Vul in wie de vervolgafspraak oppakt.');
  const early = validateValues(recordVisitSchema(t, '2026-12-01'), { ...base, next_visit_due: '01-12-2026' });
  assert.equal(early.ok, false);
  if (!early.ok) assert.equal(early.errors['next_visit_due'], 'Het volgende bezoek ligt na dit bezoek.');
  const ok = validateValues(recordVisitSchema(t, '2026-12-01'), {
    ...base,
    followup_text_1: 'Folders nabestellen',
    followup_owner_1: 'Fatma',
    followup_due_1: '15-12-2026',
  });
  assert.equal(ok.ok, true);
  if (ok.ok) assert.deepEqual(ok.data.follow_ups, [{ description: 'Folders nabestellen', owner: 'Fatma', dueOn: '2026-12-15' }]);
});
