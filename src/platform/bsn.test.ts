import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { bsnMessage, containsBsn, containsBsnLikeNumber, passesElevenTest, withoutBsn } from './bsn.ts';
import { translator } from './i18n.ts';

describe('the eleven-test of a BSN', () => {
  test('a number whose weighted sum is a multiple of 11 passes: 111222333 and 123456782', () => {
    // 9·1 + 8·1 + 7·1 + 6·2 + 5·2 + 4·2 + 3·3 + 2·3 − 1·3 = 66 = 6·11
    assert.equal(passesElevenTest('111222333'), true);
    assert.equal(passesElevenTest('123456782'), true);
    assert.equal(passesElevenTest('012345672'), true);
  });

  test('a number one digit off fails, and so do nine zeros', () => {
    for (const n of ['123456789', '111222334', '000000000']) assert.equal(passesElevenTest(n), false, n);
  });
});

describe('a BSN in free text (the eleven-test rule)', () => {
  test('a 9-digit number that passes the eleven-test is a BSN, together or written with dots or spaces', () => {
    for (const text of ['Betalingsachterstand, BSN 111222333, graag bellen', 'nummer 1112.22.333', 'nr 111 222 333', '123456782', '(123456782)']) {
      assert.equal(containsBsn(text), true, text);
    }
  });

  test('a 9-digit number that fails the eleven-test is an ordinary number: an invoice number, an amount', () => {
    for (const text of ['factuurnummer 123456789', 'kenmerk 1234.56.789', 'nr 123 456 789', 'schuld 123456789 cent']) {
      assert.equal(containsBsn(text), false, text);
    }
  });

  test('a number the text calls a BSN is refused, eleven-test or not, also with 8 digits (a BSN without its leading 0)', () => {
    for (const text of ['BSN 12345672', 'bsn: 123456789', 'bsn-nummer 1234.56.789', 'burgerservicenummer is 12345672', 'sofinummer 123 456 789']) {
      assert.equal(containsBsn(text), true, text);
    }
  });

  test('an unlabelled 8-digit number is allowed: a KvK number, an AGB code, a date', () => {
    for (const text of ['KvK 12345672', 'AGB-code 01012345', 'datum 20261123']) assert.equal(containsBsn(text), false, text);
  });

  test('a 10-digit phone number, an IBAN or an amount is not a BSN', () => {
    for (const text of ['bel 0612345678', 'bel 06-12345678', 'IBAN NL91ABNA0417164300', 'bedrag 1.234.567,89', 'bedrag 111.222.333,00']) {
      assert.equal(containsBsn(text), false, text);
      assert.equal(containsBsnLikeNumber(text), false, text);
    }
  });
});

describe('a BSN-like number in anonymous text (the stricter rule)', () => {
  test('any 9-digit number counts, also written with dots or spaces, eleven-test or not', () => {
    for (const text of ['bsn 123456782', 'nummer 1234.56.782', 'nr 123 456 782', 'factuur 123456789']) {
      assert.equal(containsBsnLikeNumber(text), true, text);
    }
  });
});

describe('the check on a free-text field', () => {
  const t = translator('nl');
  const field = z.string().trim().max(500).check(withoutBsn(t));

  test('refuses a BSN with one Dutch message that names no field, with an English twin', () => {
    const parsed = field.safeParse('Betalingsachterstand, BSN 111222333, graag bellen');
    assert.equal(parsed.success, false);
    assert.equal(parsed.error?.issues[0]?.message, bsnMessage.nl);
    assert.match(bsnMessage.nl, /^Uw tekst bevat een nummer dat lijkt op een BSN/);
    assert.match(bsnMessage.en, /^Your text contains a number that looks like a citizen service number \(BSN\)/);
  });

  test('lets an ordinary 9-digit number through, and an empty optional field', () => {
    assert.equal(field.safeParse('factuur 123456789').success, true);
    assert.equal(z.string().nullable().check(withoutBsn(t)).safeParse(null).success, true);
  });

  test('with anyNineDigits, refuses every 9-digit number', () => {
    assert.equal(
      z
        .string()
        .check(withoutBsn(t, { anyNineDigits: true }))
        .safeParse('factuur 123456789').success,
      false,
    );
  });
});
