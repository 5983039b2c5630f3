import assert from 'node:assert/strict';
import { test } from 'node:test';
import { selfReferralSummary } from './create-self-referral.ts';

test('a team reads how a self-referral came in, in words and not in code values', () => {
  const text = selfReferralSummary('tr', 'urgent', ['debt_counselling', 'housing_arrears']);
  assert.equal(text, 'Aangemeld via de zelftest, in het Turks. Uitslag: spoed, er dreigt iets. Past bij: Schuldhulpverlening, Wonen / huurachterstand.');
  assert.doesNotMatch(selfReferralSummary('pl', 'some', []), /\(pl\)|"some"|Zelftest \(/);
});
