import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checklistDone, shownCount } from './checklist.ts';

test('the yearly checklist counts what Korte Lijn knows itself and what was ticked', () => {
  const done = checklistDone({ agreementReviewed: true, visitHeldLastYear: false, contactsConfirmed: true, manual: new Set(['staff_trained']) });
  assert.deepEqual([...done].sort(), ['agreement_reviewed', 'contacts_confirmed', 'staff_trained']);
});

test('a referral count of 1 to 4 is shown as fewer than 5; none stays 0, so a practice that does not refer stands out', () => {
  assert.deepEqual(shownCount(0), { kind: 'exact', value: 0 });
  assert.deepEqual(shownCount(1), { kind: 'fewer_than_5' });
  assert.deepEqual(shownCount(4), { kind: 'fewer_than_5' });
  assert.deepEqual(shownCount(5), { kind: 'exact', value: 5 });
});
