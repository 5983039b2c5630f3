import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { strainScale } from '../signals/checklist.ts';
import { closeReason, closesWithoutHelp, isReasonCode, parseStrain, reasonCodes, reasonLabels, strainAnswers, strainLabel, strainQuestion } from './reasons.ts';
import { outcomes } from './state-machine.ts';
import { closeSchema, rejectSchema } from './action-forms.ts';
import { translator } from '../platform/i18n.ts';
import { validateValues } from '../platform/http/forms.ts';

const t = translator('nl');

describe('reason codes for declining and closing without help', () => {
  test('the six reasons of issue 12 each have a Dutch label and an English twin', () => {
    assert.deepEqual([...reasonCodes], ['outside_area', 'no_capacity', 'not_eligible', 'in_trajectory_elsewhere', 'not_reached', 'declined']);
    for (const code of reasonCodes) {
      assert.ok(reasonLabels[code].nl.length > 3 && reasonLabels[code].en.length > 3, code);
      assert.notEqual(reasonLabels[code].nl, reasonLabels[code].en, `${code} is translated`);
    }
    assert.equal(isReasonCode('outside_area'), true);
    assert.equal(isReasonCode('because'), false);
  });

  test('a trajectory started and "no help needed" close with help and store no reason, even one chosen', () => {
    assert.deepEqual(closeReason('trajectory_started', 'no_capacity'), { ok: true, reason: null });
    assert.deepEqual(closeReason('no_help_needed', null), { ok: true, reason: null });
  });

  test('referred elsewhere is closing without help: without a chosen reason it is refused', () => {
    assert.equal(closesWithoutHelp('referred_elsewhere'), true);
    assert.deepEqual(closeReason('referred_elsewhere', null), { ok: false });
    assert.deepEqual(closeReason('referred_elsewhere', 'outside_area'), { ok: true, reason: 'outside_area' });
  });

  test('"not reachable" and "declined" store their own reason unless the team chose a more precise one', () => {
    assert.deepEqual(closeReason('not_reachable', null), { ok: true, reason: 'not_reached' });
    assert.deepEqual(closeReason('declined', null), { ok: true, reason: 'declined' });
    assert.deepEqual(closeReason('declined', 'in_trajectory_elsewhere'), { ok: true, reason: 'in_trajectory_elsewhere' });
  });

  test('every closing without help ends with a stored reason or a refusal, never silently without one', () => {
    for (const outcome of outcomes) {
      if (!closesWithoutHelp(outcome)) continue;
      for (const chosen of [null, ...reasonCodes]) {
        const result = closeReason(outcome, chosen);
        assert.ok(!result.ok || result.reason !== null, `${outcome} with ${chosen}`);
      }
    }
  });

  test('the decline form needs a reason from the list; the explanation beside it is optional', () => {
    const missing = validateValues(rejectSchema(t), { reject_reason: 'Woont in Almelo' });
    assert.equal(missing.ok, false);
    assert.equal(!missing.ok && missing.errors['reject_code'], 'Kies waarom u de verwijzing afwijst.');
    const made = validateValues(rejectSchema(t), { reject_code: 'no_capacity', reject_reason: '' });
    assert.deepEqual(made.ok && made.data, { reject_code: 'no_capacity', reject_reason: null });
    assert.equal(validateValues(rejectSchema(t), { reject_code: 'too_busy' }).ok, false);
  });

  test('the close form names the missing reason on the reason field, and carries the strain answer', () => {
    const missing = validateValues(closeSchema(t), { outcome: 'referred_elsewhere', close_code: '', feedback: '' });
    assert.equal(missing.ok, false);
    assert.match((!missing.ok && missing.errors['close_code']) || '', /Kies waarom/);
    const made = validateValues(closeSchema(t), { outcome: 'not_reachable', close_code: '', feedback: '', strain: '3' });
    assert.deepEqual(made.ok && made.data, { outcome: 'not_reachable', closeReason: 'not_reached', feedback: null, strainAtClose: 3 });
  });
});

describe('the strain question', () => {
  test('it uses the validated wording "… at the end of the month" and the signals aid’s five answers', () => {
    assert.match(strainQuestion.nl, /^Hoe moeilijk is het om rond te komen aan het eind van de maand\?$/);
    assert.match(strainQuestion.en, /at the end of the month\?$/);
    assert.deepEqual(
      strainAnswers.map((a) => a.label),
      [...strainScale],
    );
    assert.deepEqual(
      strainAnswers.map((a) => a.value),
      [0, 1, 2, 3, 4],
    );
  });

  test('an empty answer is "not asked"; only the scale’s values are accepted', () => {
    assert.deepEqual(parseStrain(''), { ok: true, value: null });
    assert.deepEqual(parseStrain(undefined), { ok: true, value: null });
    assert.deepEqual(parseStrain('0'), { ok: true, value: 0 });
    assert.deepEqual(parseStrain('4'), { ok: true, value: 4 });
    for (const bad of ['5', '-1', '2.5', 'twee', '12', ['1']]) assert.deepEqual(parseStrain(bad), { ok: false }, String(bad));
  });

  test('a stored answer reads as its label; "not asked" reads as nothing', () => {
    assert.equal(strainLabel(3)?.nl, 'Erg moeilijk');
    assert.equal(strainLabel(null), null);
  });
});
