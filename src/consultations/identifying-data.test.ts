import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findIdentifyingData, identifyingDataMessage } from './identifying-data.ts';

const today = '2026-11-23';

describe('identifying data in an anonymous consultation', () => {
  test('a general question without identifying data passes', () => {
    const text =
      'Een man van rond de 50 in Hengelo-Noord heeft sinds 2024 een betalingsachterstand bij de zorgverzekeraar. Wie kan hem het beste helpen? Hij belt liever na 10:00 uur, spreekuur om 9.30.';
    assert.deepEqual(findIdentifyingData(text, today), []);
  });

  test('a Dutch postcode is found, with or without a space', () => {
    for (const text of ['woont op 7511 AB', 'postcode 7511AB', 'adres 7511ab 12']) {
      assert.deepEqual(findIdentifyingData(text, today), ['postcode'], text);
    }
  });

  test('ordinary Dutch with a year and a short word is not taken for a postcode', () => {
    assert.deepEqual(findIdentifyingData('In 2024 en 2025 ging het mis; 1500 of 2000 euro schuld.', today), []);
  });

  test('a complete date in the past may be a date of birth and is found', () => {
    for (const text of ['geboren 12-03-1985', 'geb. 3/7/61', '1985-03-12', 'op 12 maart 1985 geboren', '01.02.2001']) {
      assert.deepEqual(findIdentifyingData(text, today), ['birth_date'], text);
    }
  });

  test('a date in the future (an appointment) is not a date of birth', () => {
    assert.deepEqual(findIdentifyingData('Het spreekuur is op 12-01-2027.', today), []);
  });

  test('any 9-digit number is found, eleven-test or not: in an anonymous question no number may point to a person', () => {
    for (const text of ['bsn 123456782', 'nummer 1234.56.782', 'nr 123 456 782', 'factuur 123456789']) {
      assert.deepEqual(findIdentifyingData(text, today), ['bsn'], text);
    }
  });

  test('an e-mail address is found', () => {
    assert.deepEqual(findIdentifyingData('mail naar j.jansen@example.nl', today), ['email']);
  });

  test('everything found is named in one clear Dutch message', () => {
    const kinds = findIdentifyingData('7511 AB, 12-03-1985, 123456782, a@b.nl', today);
    assert.deepEqual(kinds, ['postcode', 'birth_date', 'bsn', 'email']);
    const message = identifyingDataMessage(kinds);
    assert.match(message.nl, /een postcode, een datum die een geboortedatum kan zijn, een getal van 9 cijfers \(dat lijkt op een BSN\), een e-mailadres/);
    assert.match(message.nl, /Haal dit weg/);
    assert.match(message.en, /a postcode/);
  });
});
