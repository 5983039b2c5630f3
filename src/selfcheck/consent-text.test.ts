import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { referralColumnData, sharedDataScope, type DataItem } from '../referrals/consent.ts';
import { selfcheckLanguages } from './languages.ts';
import { selfcheckConsentBox, selfcheckConsentWording, selfcheckDataScope, selfcheckItemLabels, SELFCHECK_CONSENT_TEXT_VERSION } from './consent-text.ts';

const to = { team: 'Meldpunt Geldzorgen Almelo', organisation: 'Gemeente Almelo' };
const months: Record<string, RegExp> = { nl: /12 maanden/, en: /12 months/, tr: /12 ay/, pl: /12 miesięcy/, ar: /12 شهرًا/ };

describe('the self-check consent ("neem contact met mij op")', () => {
  test('it covers every data item a referral can store, except the date of birth and strain answer the self-check never asks', () => {
    const stored = new Set(Object.values(referralColumnData).filter((item): item is DataItem => item !== null));
    assert.deepEqual([...selfcheckDataScope].sort(), [...stored].filter((item) => item !== 'birth_date' && item !== 'strain').sort());
    for (const item of selfcheckDataScope) assert.ok(sharedDataScope.includes(item));
  });

  for (const lang of selfcheckLanguages) {
    test(`${lang}: it names the receiving team and organisation, lists every item sent, and says purpose, keeping and withdrawing`, () => {
      const wording = selfcheckConsentWording(lang, to, 12);
      assert.ok(wording.lead.includes(to.team) && wording.lead.includes(to.organisation), wording.lead);
      for (const item of selfcheckDataScope) {
        const label = selfcheckItemLabels[item as keyof typeof selfcheckItemLabels][lang];
        assert.ok(label.length > 0 && wording.items.includes(label), `${lang}: ${item} is listed`);
      }
      assert.equal(wording.closing.length, 3, 'purpose, how long it is kept, how to withdraw');
      assert.match(wording.closing[1]!, months[lang]!);
      assert.ok(selfcheckConsentBox(lang, to.team).includes(to.team));
    });
  }

  test('in Arabic the Latin team name sits in a bidi isolate, so it does not jumble the sentence', () => {
    assert.ok(selfcheckConsentWording('ar', to, 12).lead.includes(`\u2068${to.team}\u2069`));
    assert.ok(!selfcheckConsentWording('nl', to, 12).lead.includes('\u2068'));
  });

  test('the wording changed, so the recorded version did too', () => {
    assert.notEqual(SELFCHECK_CONSENT_TEXT_VERSION, 'selfcheck-2026-11-v1');
  });
});
