/**
 * The signal record form's rules, without a database: the note must stay anonymous
 * (looksIdentifying), and a record needs at least one signal or the strain answer.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { translator } from '../platform/i18n.ts';
import { validateValues } from '../platform/http/forms.ts';
import { bsnMessage } from '../platform/bsn.ts';
import { looksIdentifying, signalRecordSchema } from './signal-records.ts';

const schema = signalRecordSchema(translator('nl'));
const parse = (values: Record<string, unknown>) => validateValues(schema, values as Record<string, string>);

describe('looksIdentifying', () => {
  const identifying: Array<[string, string]> = [
    ['postcode with space', 'Woont op 7601 AB, bovenwoning'],
    ['postcode without space', 'adres 7601AB'],
    ['postcode in lower case', 'adres 7511ab'],
    ['postcode in lower case with a space', 'adres 7511 ab'],
    ['postcode whose digits look like a year', 'Haarlem 2011 AB'],
    ['date of birth with dashes', 'geboren 12-03-1980'],
    ['date of birth with slashes', 'geb. 1/2/1975'],
    ['date of birth with dots', '03.11.2001'],
    ['9-digit (BSN-like) number', 'bsn 123456782'],
    ['9-digit number written with dots, as on a tax letter', 'nummer 1234.56.789'],
    ['9-digit number written with spaces', 'nummer 123 456 789'],
    ['e-mail address', 'mail naar j.jansen@example.nl'],
  ];
  for (const [what, text] of identifying) {
    test(`recognises a ${what}`, () => assert.equal(looksIdentifying(text), true, text));
  }

  const anonymous: Array<[string, string]> = [
    ['plain text', 'Zorgen over de huur, wil eerst met partner praten'],
    ['amount of money', 'Schuld van ongeveer 3000 euro bij de zorgverzekeraar'],
    ['a year followed by a short word', 'Sinds 2024 is zij werkloos'],
    ['a year followed by "al"', 'in 2023 al een betalingsregeling getroffen'],
    ['a month and year', 'sinds maart 2025'],
    ['a phone-length number is not 9 digits', 'kosten 12345678'],
    ['a time', 'bellen na 15.00 uur'],
  ];
  for (const [what, text] of anonymous) {
    test(`lets through ${what}`, () => assert.equal(looksIdentifying(text), false, text));
  }
});

describe('the signal record form', () => {
  test('two signals, a strain answer and an outcome are a valid record; an empty note becomes null', () => {
    const result = parse({ signals: ['stress', 'insurer_arrears'], strain: '3', outcome: 'referred', note: '' });
    assert.ok(result.ok);
    assert.deepEqual(result.data, { signals: ['stress', 'insurer_arrears'], strain: 3, outcome: 'referred', note: null });
  });

  test('only the strain answer is enough; only a signal is enough', () => {
    assert.ok(parse({ strain: '2', outcome: 'later' }).ok);
    assert.ok(parse({ signals: ['sleep'], outcome: 'conversation_held' }).ok);
  });

  test('neither a signal nor a strain answer is refused with a Dutch message on the signals', () => {
    const result = parse({ signals: [], strain: '', outcome: 'later' });
    assert.ok(!result.ok);
    assert.equal(result.errors['signals'], 'Kies minstens één signaal of beantwoord de vraag over rondkomen.');
  });

  test('an unknown signal code, a strain outside 0–4 or a missing outcome is refused', () => {
    const unknown = parse({ signals: ['sleep', 'hacked'], outcome: 'later' });
    assert.ok(!unknown.ok);
    assert.ok(unknown.errors['signals']);
    const strain = parse({ signals: ['sleep'], strain: '7', outcome: 'later' });
    assert.ok(!strain.ok);
    assert.equal(strain.errors['strain'], 'Kies een antwoord op de vraag over rondkomen.');
    const noOutcome = parse({ signals: ['sleep'] });
    assert.ok(!noOutcome.ok);
    assert.equal(noOutcome.errors['outcome'], 'Kies wat er is afgesproken.');
  });

  for (const [what, note] of [
    ['a postcode', 'woont in 7601 AB'],
    ['a date of birth', 'geboren 12-03-1980'],
    ['an e-mail address', 'jan@example.nl'],
  ] as const) {
    test(`a note with ${what} is refused: the record is anonymous`, () => {
      const result = parse({ signals: ['stress'], outcome: 'later', note });
      assert.ok(!result.ok);
      assert.equal(result.errors['note'], 'Zet geen naam, geboortedatum, postcode, BSN of e-mailadres in de notitie. Dit overzicht is anoniem.');
    });
  }

  test('a note with any 9-digit number is refused with the one BSN message: the record is anonymous, so the eleven-test does not matter', () => {
    for (const note of ['nummer 123456782', 'factuur 123456789']) {
      const result = parse({ signals: ['stress'], outcome: 'later', note });
      assert.ok(!result.ok, note);
      assert.equal(result.errors['note'], bsnMessage.nl, note);
    }
  });

  test('a note longer than 500 characters is refused', () => {
    const result = parse({ signals: ['stress'], outcome: 'later', note: 'a'.repeat(501) });
    assert.ok(!result.ok);
    assert.match(result.errors['note'] ?? '', /hooguit 500 tekens/);
  });

  test('the messages are in English for an English page', () => {
    const result = validateValues(signalRecordSchema(translator('en')), { signals: ['stress'], outcome: 'later', note: 'jan@example.nl' } as unknown as Record<
      string,
      string
    >);
    assert.ok(!result.ok);
    assert.match(result.errors['note'] ?? '', /This record is anonymous/);
  });
});
