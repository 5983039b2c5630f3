import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signals, strainIsSignal, strainScale, suggestedNeeds } from './checklist.ts';

describe('signals aid', () => {
  test('signal codes are unique', () => {
    assert.equal(new Set(signals.map((s) => s.code)).size, signals.length);
  });
  test('the strain question has a 5-point scale; from "quite hard" it is a signal', () => {
    assert.equal(strainScale.length, 5);
    assert.equal(strainIsSignal(1), false);
    assert.equal(strainIsSignal(2), true);
    assert.equal(strainIsSignal(null), false);
  });
  test('ticked signals suggest needs for a referral, without duplicates', () => {
    assert.deepEqual(suggestedNeeds(['insurer_arrears', 'mentions_bills'], null), ['debt_counselling']);
    assert.deepEqual(suggestedNeeds(['job_loss'], null), ['income_support', 'budget_coaching']);
  });
  test('strain alone suggests budget coaching', () => {
    assert.deepEqual(suggestedNeeds([], 3), ['budget_coaching']);
    assert.deepEqual(suggestedNeeds([], 0), []);
  });
});
