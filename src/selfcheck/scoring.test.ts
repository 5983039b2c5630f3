import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { level, resultText, resultTexts, score, suggestedHelp, wgsThreats } from './scoring.ts';
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

  test('rent or mortgage arrears lead to help with housing arrears, right after debt counselling', () => {
    assert.deepEqual(suggestedHelp({ rent_arrears: 'yes' }).slice(0, 2), ['debt_counselling', 'housing_arrears']);
    assert.ok(!suggestedHelp({ energy_arrears: 'yes' }).includes('housing_arrears'));
  });

  test('hard letters lead to help with forms; a life event to the neighbourhood team', () => {
    assert.ok(suggestedHelp({ letters_hard: 'often' }).includes('admin_help'));
    assert.ok(suggestedHelp({ life_event: 'yes' }).includes('neighbourhood_team'));
  });

  test('the result text says "not the only one" and exists in every language', () => {
    assert.match(resultText({ ends_meet: 'sometimes', worry_sleep: 'sometimes' }, 'nl').title, /niet de enige/);
    for (const lang of selfcheckLanguages) assert.ok(resultText({ rent_arrears: 'yes' }, lang).body.length > 20);
  });
  test('the urgent result promises 3 working days only where the Wgs gives them: eviction, a cut-off of gas, electricity, district heating or water, the end of the health insurance', () => {
    for (const lang of selfcheckLanguages) {
      // The arrear alone: ask for help quickly, no term promised.
      assert.doesNotMatch(resultTexts.urgent.body[lang], /3/, `${lang}: no term for every arrear`);
      assert.match(wgsThreats.intro[lang], /3/, `${lang}: the term, with its condition`);
      assert.deepEqual(Object.keys(wgsThreats.situations), ['eviction', 'energy_water', 'health_insurance']);
      for (const situation of Object.values(wgsThreats.situations)) assert.ok(situation[lang].length > 5, lang);
    }
    assert.match(wgsThreats.situations.eviction.nl, /uit uw huis/);
    assert.match(wgsThreats.situations.energy_water.nl, /gas, stroom, stadsverwarming of water/);
    assert.match(wgsThreats.situations.health_insurance.nl, /zorgverzekering stopt/);
    assert.match(wgsThreats.situations.energy_water.en, /district heating/);
  });
});
