import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { level, resultText, score, suggestedHelp } from './scoring.ts';
import { questions } from './questions.ts';
import { selfcheckLanguages } from './languages.ts';

describe('self-check scoring', () => {
  test('there are at most 10 questions, each translated into every language', () => {
    assert.ok(questions.length <= 10);
    for (const q of questions) for (const lang of selfcheckLanguages) assert.ok(q.text[lang].length > 5, `${q.id} ${lang}`);
  });

  test('no answers means no worries', () => {
    assert.equal(level({}), 'none');
    assert.deepEqual(suggestedHelp({}), []);
  });

  test('answers outside a question’s scale do not count', () => {
    assert.equal(score({ unpaid_bills: 'always' }), 0);
  });

  test('any Wgs crisis (rent, energy or insurance arrears) makes the result urgent', () => {
    for (const id of ['rent_arrears', 'energy_arrears', 'insurance_arrears']) {
      assert.equal(level({ [id]: 'yes' }), 'urgent', id);
      assert.equal(suggestedHelp({ [id]: 'yes' })[0], 'debt_counselling');
    }
  });

  test('some strain gives "some", much strain "serious"', () => {
    assert.equal(level({ ends_meet: 'sometimes', worry_sleep: 'sometimes' }), 'some');
    assert.equal(level({ ends_meet: 'often', unpaid_bills: 'yes', worry_sleep: 'often' }), 'serious');
  });

  test('debts lead to debt counselling first; strain without debts to budget coaching', () => {
    assert.equal(suggestedHelp({ collectors: 'yes' })[0], 'debt_counselling');
    const strainOnly = suggestedHelp({ ends_meet: 'often' });
    assert.ok(strainOnly.includes('budget_coaching'));
    assert.ok(!strainOnly.includes('debt_counselling'));
  });

  test('hard letters lead to help with forms; a life event to the neighbourhood team', () => {
    assert.ok(suggestedHelp({ letters_hard: 'often' }).includes('admin_help'));
    assert.ok(suggestedHelp({ life_event: 'yes' }).includes('neighbourhood_team'));
  });

  test('the result text says "not the only one" and exists in every language', () => {
    assert.match(resultText({ ends_meet: 'sometimes', worry_sleep: 'sometimes' }, 'nl').title, /niet de enige/);
    for (const lang of selfcheckLanguages) assert.ok(resultText({ rent_arrears: 'yes' }, lang).body.length > 20);
  });
});
