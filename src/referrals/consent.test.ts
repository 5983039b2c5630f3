import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { migrateToLatest, openDatabase } from '../platform/db/database.ts';
import { languages } from '../platform/i18n.ts';
import {
  CONSENT_TEXT_VERSION,
  dataItemLabels,
  dataItems,
  FORWARD_CONSENT_TEXT_VERSION,
  forwardConsentInstruction,
  forwardConsentWording,
  forwardedConsent,
  referralColumnData,
  referralConsentWording,
  sharedDataScope,
  type ConsentWording,
} from './consent.ts';

const to = { team: 'Wijkteam Hengelo-Noord', organisation: 'Gemeente Hengelo' };
const plain = (w: ConsentWording) => [w.lead, ...w.items, ...w.closing].join('\n');

/** The data items of every stored column that is data about the person. */
const storedItems = new Set(Object.values(referralColumnData).filter((item) => item !== null));

describe('what a referral consent says is shared', () => {
  test('every column a referral stores about the person is a data item that sharedDataScope covers', () => {
    for (const [column, item] of Object.entries(referralColumnData)) {
      if (item !== null) assert.ok(sharedDataScope.includes(item), `${column} (${item}) is in sharedDataScope`);
    }
    // And the scope names nothing that is not stored.
    assert.deepEqual([...sharedDataScope].sort(), [...storedItems].sort());
  });

  test('the referrals table has no column that the consent mapping does not know', async () => {
    const { db, close } = await openDatabase({ dataDir: 'memory://' });
    try {
      await migrateToLatest(db);
      const columns = await sql<{ column_name: string }>`
        select column_name from information_schema.columns where table_schema = current_schema() and table_name = 'referrals'`.execute(db);
      const known = Object.keys(referralColumnData);
      for (const { column_name } of columns.rows)
        assert.ok(known.includes(column_name), `referrals.${column_name} is mapped to a consent data item (or to none)`);
      assert.equal(columns.rows.length, known.length, 'the mapping names no column that does not exist');
    } finally {
      await close();
    }
  });

  for (const lang of languages) {
    test(`${lang}: the consent read to the patient names the team, its organisation and every data item sent`, () => {
      const wording = referralConsentWording(lang, to, 12);
      assert.ok(wording.lead.includes(to.team) && wording.lead.includes(to.organisation), wording.lead);
      for (const item of sharedDataScope) assert.ok(wording.items.includes(dataItemLabels[item][lang]), `${item} is listed`);
      assert.equal(wording.items.length, dataItems.length);
    });

    test(`${lang}: the consent read to the patient says the purpose, how long the data is kept, and how to withdraw`, () => {
      const text = plain(referralConsentWording(lang, to, 18));
      assert.match(text, lang === 'nl' ? /hulp bij geldzaken/ : /help with money matters/);
      assert.match(text, lang === 'nl' ? /tot 18 maanden nadat uw vraag is afgesloten/ : /until 18 months after your request is closed/);
      assert.match(text, lang === 'nl' ? /tegen de praktijk of tegen het team\. Het team stopt dan/ : /tell the practice or the team\. The team then stops/);
      assert.match(plain(referralConsentWording(lang, to, 1)), lang === 'nl' ? /tot 1 maand nadat/ : /until 1 month after/);
    });

    test(`${lang}: the forward consent names the next team and its organisation, every data item, keeping and withdrawing`, () => {
      const wording = forwardConsentWording(lang, to, 12);
      assert.ok(wording.lead.includes(to.team) && wording.lead.includes(to.organisation), wording.lead);
      for (const item of sharedDataScope) assert.ok(wording.items.includes(dataItemLabels[item][lang]), `${item} is listed`);
      const text = plain(wording);
      assert.match(text, lang === 'nl' ? /tot 12 maanden nadat/ : /until 12 months after/);
      assert.match(text, lang === 'nl' ? /Zeg het dan tegen het team/ : /tell the team/);
    });

    test(`${lang}: what staff do without consent is not part of the forward text read aloud`, () => {
      const text = plain(forwardConsentWording(lang, to, 12));
      assert.doesNotMatch(
        text,
        /niet door, maar|Stuur dan niet door|do not forward|Sluit de verwijzing|sluit af|Close the referral|elders naartoe verwezen|referred elsewhere/i,
      );
      assert.match(forwardConsentInstruction[lang], lang === 'nl' ? /Stuur dan niet door/ : /do not forward/);
      assert.match(forwardConsentInstruction[lang], /\{outcome\}/, 'the instruction names the real closing label, filled in by the page');
    });
  }

  test('the changed wording has new text versions, and a forward records the new one', () => {
    // v3 names the optional strain answer (migration 2026_11_30_0050) among the data sent.
    for (const old of ['2026-11-v1', '2026-11-v2']) assert.notEqual(CONSENT_TEXT_VERSION, old);
    for (const old of ['2026-11-forward-v1', '2026-11-forward-v2']) assert.notEqual(FORWARD_CONSENT_TEXT_VERSION, old);
    const consent = forwardedConsent(undefined, { recordedBy: 'coach', method: 'verbal', toTeamId: 'next', at: new Date() });
    assert.equal(consent.text_version, FORWARD_CONSENT_TEXT_VERSION);
    assert.deepEqual(consent.data_scope, [...sharedDataScope]);
  });
});
