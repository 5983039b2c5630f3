import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { categories, categoryLabels, isCategory } from './categories.ts';
import { everydayWords, foldWord, needsForWord, searchWordsOf } from './everyday-words.ts';

describe('everyday words for needs', () => {
  test('every line is a folded word that points to at least one known need, each need once', () => {
    for (const [word, needs] of Object.entries(everydayWords)) {
      assert.match(word, /^[a-z0-9]+$/, `${word} is written folded, as the search folds what is typed`);
      assert.ok(needs.length > 0, `${word} points to a need`);
      assert.ok(needs.every(isCategory), `${word}: ${needs.join(', ')}`);
      assert.equal(new Set(needs).size, needs.length, `${word} names each need once`);
    }
  });

  test('the words residents and assistants use for rent, debts, collection, energy, insurance, allowances, fines and DUO all find help', () => {
    const words = [
      'huur',
      'huurachterstand',
      'ontruiming',
      'deurwaarder',
      'incasso',
      'beslag',
      'energie',
      'afsluiting',
      'zorgverzekering',
      'toeslagen',
      'boete',
      'DUO',
      'schulden',
    ];
    for (const word of words) assert.ok(needsForWord(word).length > 0, word);
  });

  test('rent arrears and eviction lead to the housing need and to debt counselling', () => {
    for (const word of ['huur', 'huurachterstand', 'Huurachterstanden', 'ontruiming', 'huisuitzetting']) {
      assert.ok(needsForWord(word).includes('housing_arrears'), word);
      assert.ok(needsForWord(word).includes('debt_counselling'), word);
    }
  });

  test('plurals and compounds match the word they start with', () => {
    assert.deepEqual(needsForWord('schulden'), ['debt_counselling']);
    assert.deepEqual(needsForWord('deurwaarders'), everydayWords['deurwaarder']);
    assert.deepEqual(needsForWord('energierekening'), everydayWords['energie']);
  });

  test('the longest word a search word starts with wins: "huurtoeslag" is an allowance, not rent arrears', () => {
    assert.ok(!needsForWord('huurtoeslag').includes('housing_arrears'));
    assert.ok(needsForWord('huurtoeslag').includes('income_support'));
  });

  test('a word no line starts with points to no need', () => {
    assert.deepEqual(needsForWord('fiets'), []);
    assert.deepEqual(needsForWord(''), []);
  });

  test('every need can be found by the longest word of its Dutch name', () => {
    for (const c of categories) {
      const longest = searchWordsOf(categoryLabels[c].nl).reduce((a, b) => (b.length > a.length ? b : a));
      assert.ok(needsForWord(longest).includes(c), `${c}: "${longest}"`);
    }
  });

  test('search words are folded and split on anything but letters and digits', () => {
    assert.deepEqual(searchWordsOf('  Café-inloop, DUO!  7511 '), ['cafe', 'inloop', 'duo', '7511']);
    assert.deepEqual(searchWordsOf(null), []);
    assert.equal(foldWord('Ëën'), 'een');
  });
});
