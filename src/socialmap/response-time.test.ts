import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MIN_RESPONSE_REFERRALS, typicalResponse, typicalResponseText, workingDaysNumber } from './response-time.ts';

describe('a team’s typical time to first contact', () => {
  test('fewer than 10 referrals in the window show nothing; 10 or more show the median', () => {
    assert.equal(MIN_RESPONSE_REFERRALS, 10);
    assert.equal(typicalResponse(undefined), null);
    assert.equal(typicalResponse({ referrals: 9, medianWorkingDays: 1 }), null);
    assert.deepEqual(typicalResponse({ referrals: 10, medianWorkingDays: 2 }), { referrals: 10, medianWorkingDays: 2 });
  });

  test('a median that is not a number (no rows) shows nothing', () => {
    assert.equal(typicalResponse({ referrals: 12, medianWorkingDays: Number.NaN }), null);
  });

  test('a half working day keeps its half, with a Dutch decimal comma', () => {
    assert.equal(workingDaysNumber(2.5, 'nl'), '2,5');
    assert.equal(workingDaysNumber(2.5, 'en'), '2.5');
    assert.equal(workingDaysNumber(3, 'nl'), '3');
  });

  test('the text says it is measured, over how many referrals and which window', () => {
    assert.equal(
      typicalResponseText({ medianWorkingDays: 2, referrals: 34 }, 'nl'),
      'Eerste contact: meestal na 2 werkdagen (gemeten: mediaan van 34 verwijzingen, laatste 90 dagen)',
    );
    assert.equal(
      typicalResponseText({ medianWorkingDays: 1, referrals: 10 }, 'en'),
      'First contact: usually after 1 working day (measured: median of 10 referrals, last 90 days)',
    );
  });
});
