/**
 * The signals aid on both databases: a saved record holds no patient identity and the needs derived
 * from what was ticked; another practice's record does not exist for you (404); and the pages over
 * HTTP, signed in as practice staff.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Hono } from 'hono';
import { actorOf, forEachDatabase, testContext } from '../../test/support/databases.ts';
import { appError, createTenant, createTestUser, TEST_PASSWORD, type Tenant } from '../../test/support/fixtures.ts';
import { signInOverHttp, testApp, TestBrowser } from '../../test/support/http.ts';
import type { User } from '../platform/db/schema.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { translator } from '../platform/i18n.ts';
import { validateValues } from '../platform/http/forms.ts';
import { amsterdamToday } from '../platform/dates.ts';
import { suggestedNeeds } from './checklist.ts';
import { getSignalRecord, recentSignalRecords, saveSignalRecord, signalRecordSchema } from './signal-records.ts';

forEachDatabase('signals aid', (db) => {
  let tenantA: Tenant;
  let tenantB: Tenant;
  let staffA: User;
  let managerA: User;
  let staffB: User;
  let teamMember: User;

  before(async () => {
    tenantA = await createTenant(db());
    tenantB = await createTenant(db());
    staffA = await createTestUser(db(), tenantA, 'practice_staff');
    managerA = await createTestUser(db(), tenantA, 'practice_admin');
    staffB = await createTestUser(db(), tenantB, 'practice_staff');
    teamMember = await createTestUser(db(), tenantA, 'team_member');
  });

  const inputOf = (values: Record<string, unknown>) => {
    const parsed = validateValues(signalRecordSchema(translator('nl')), values as Record<string, string>);
    if (!parsed.ok) throw new Error(`invalid test input: ${JSON.stringify(parsed.errors)}`);
    return parsed.data;
  };
  const save = (user: User, values: Record<string, unknown>) => saveSignalRecord(db(), testContext({ actor: actorOf(user) }), inputOf(values));

  describe('storage', () => {
    it('a saved record holds the practice, the day, what was seen and the needs derived from it — nothing about the patient', async () => {
      const id = await save(staffA, {
        signals: ['skips_medication', 'mentions_bills'],
        strain: '3',
        outcome: 'referred',
        note: 'Wil eerst met partner praten',
      });
      const record = await db().selectFrom('signal_records').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(record.practice_id, tenantA.practiceId);
      assert.equal(record.recorded_by, staffA.id);
      assert.equal(record.recorded_on, amsterdamToday());
      assert.deepEqual(record.signals, ['skips_medication', 'mentions_bills']);
      assert.equal(record.strain, 3);
      assert.equal(record.outcome, 'referred');
      assert.deepEqual(record.needs, ['income_support', 'debt_counselling']);
      assert.deepEqual(record.needs, suggestedNeeds(['skips_medication', 'mentions_bills'], 3));
      assert.equal(record.note, 'Wil eerst met partner praten');
      assert.equal(record.referral_id, null);
    });

    it('strain alone suggests budget coaching; no note is stored as null', async () => {
      const id = await save(staffA, { strain: '4', outcome: 'later' });
      const record = await getSignalRecord(db(), tenantA.practiceId, id);
      assert.deepEqual(record.signals, []);
      assert.deepEqual(record.needs, ['budget_coaching']);
      assert.equal(record.note, null);
    });

    it('the table has no column for a name, date of birth, address, contact details or BSN', async () => {
      const columns = await sql<{ column_name: string }>`
        select column_name from information_schema.columns
        where table_schema = current_schema() and table_name = 'signal_records' order by ordinal_position`.execute(db());
      assert.deepEqual(
        columns.rows.map((c) => c.column_name),
        ['id', 'practice_id', 'recorded_by', 'recorded_on', 'signals', 'strain', 'outcome', 'needs', 'note', 'referral_id', 'created_at'],
      );
    });

    it('the schema refuses a note with a postcode, date of birth, 9-digit number or e-mail address, so nothing is saved', async () => {
      for (const note of ['woont in 7601 AB', 'geboren 09-03-1971', 'BSN 123456782', 'mail j.jansen@example.nl']) {
        const parsed = validateValues(signalRecordSchema(translator('nl')), { signals: ['stress'], outcome: 'later', note } as unknown as Record<
          string,
          string
        >);
        assert.ok(!parsed.ok, note);
        // A BSN-like number gets the one BSN message of every free-text field; the rest the note's own.
        assert.match(parsed.errors['note'] ?? '', note.startsWith('BSN') ? /Korte Lijn bewaart nooit een BSN/ : /Dit overzicht is anoniem/, note);
      }
    });

    it('a record of another practice is a 404, for staff and manager alike; the own practice finds it', async () => {
      const id = await save(staffB, { signals: ['stress'], outcome: 'declined' });
      await assert.rejects(getSignalRecord(db(), tenantA.practiceId, id), appError('not_found', 404));
      assert.equal((await getSignalRecord(db(), tenantB.practiceId, id)).id, id);
      assert.equal(
        (await getSignalRecord(db(), managerA.practice_id!, await save(managerA, { signals: ['sleep'], outcome: 'later' }))).practice_id,
        tenantA.practiceId,
      );
    });

    it('the recent list shows only the own practice’s records, newest first', async () => {
      const recentA = await recentSignalRecords(db(), tenantA.practiceId);
      assert.ok(recentA.length >= 3);
      assert.ok(recentA.every((r) => r.practice_id === tenantA.practiceId));
      const times = recentA.map((r) => r.created_at.getTime());
      assert.deepEqual(
        times,
        [...times].sort((a, b) => b - a),
      );
      assert.equal((await recentSignalRecords(db(), tenantA.practiceId, 2)).length, 2);
    });
  });

  describe('pages', () => {
    let app: Hono<AppEnv>;
    before(() => {
      app = testApp(db()).app;
    });

    // One sign-in per user: each sign-in uses up a TOTP step, and only the current and next are accepted.
    const sessions = new Map<string, TestBrowser>();
    async function signedIn(user: User) {
      let browser = sessions.get(user.id);
      if (!browser) {
        browser = new TestBrowser(app);
        await signInOverHttp(browser, db(), { email: user.email, password: TEST_PASSWORD });
        sessions.set(user.id, browser);
      }
      return browser;
    }

    it('staff record two signals, a strain answer and an outcome; they land on the record with a confirmation and a link to start a referral', async () => {
      const browser = await signedIn(staffA);
      const page = await browser.get('/signalen');
      assert.equal(page.status, 200);
      assert.match(page.html, /Signalen van geldzorgen/);
      assert.match(page.html, /Hoe moeilijk is het om rond te komen aan het eind van de maand\?/);

      const res = await browser.post('/signalen', { signals: 'insurer_arrears', outcome: 'referred', strain: '2', note: '' });
      assert.equal(res.status, 303);
      const location = new URL(res.location!, 'http://x');
      assert.match(location.pathname, /^\/signalen\/[0-9a-f-]{36}$/);
      assert.equal(location.searchParams.get('melding'), 'opgeslagen');
      const id = location.pathname.split('/')[2]!;

      const shown = await browser.follow(res);
      assert.equal(shown.status, 200);
      assert.match(shown.html, /Opgeslagen, zonder gegevens van de patiënt\./);
      assert.match(shown.html, /Achterstand of opzegbrief van de zorgverzekeraar/);
      assert.ok(shown.html.includes(`href="/verwijzingen/nieuw?signaal=${id}"`), 'the referral link carries the record');
      assert.match(shown.html, /Verwijzing starten/);
      const record = await getSignalRecord(db(), tenantA.practiceId, id);
      assert.deepEqual(record.needs, ['debt_counselling']);
      assert.equal(record.recorded_by, staffA.id);
    });

    it('several ticked signals in one form are all stored', async () => {
      const browser = await signedIn(staffA);
      await browser.get('/signalen');
      const form = new URLSearchParams([
        ['_csrf', browser.csrf!],
        ['signals', 'stress'],
        ['signals', 'job_loss'],
        ['strain', '1'],
        ['outcome', 'conversation_held'],
        ['note', ''],
      ]);
      const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const res = await app.request('/signalen', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: form.toString(),
      });
      assert.equal(res.status, 303);
      const id = new URL(res.headers.get('location')!, 'http://x').pathname.split('/')[2]!;
      const record = await getSignalRecord(db(), tenantA.practiceId, id);
      assert.deepEqual(record.signals, ['stress', 'job_loss']);
      assert.deepEqual(record.needs, ['money_buddy', 'welfare_on_prescription', 'income_support', 'budget_coaching']);
      assert.equal(record.strain, 1);
    });

    it('a note with a date of birth is refused (422) with the Dutch message, what was ticked stays, and nothing is saved', async () => {
      const browser = await signedIn(staffA);
      await browser.get('/signalen');
      const before = (await db().selectFrom('signal_records').select('id').execute()).length;
      const res = await browser.post('/signalen', { signals: 'sleep', outcome: 'later', note: 'mevr. geboren 09-03-1971' });
      assert.equal(res.status, 422);
      assert.match(res.html, /Zet geen naam, geboortedatum, postcode, BSN of e-mailadres in de notitie\./);
      assert.match(res.html, /Controleer het formulier/);
      assert.match(res.html, /id="signal-sleep" name="signals" value="sleep" checked/);
      assert.equal((await db().selectFrom('signal_records').select('id').execute()).length, before);
    });

    it('an empty form is refused (422): first the missing outcome, then that nothing was ticked', async () => {
      const browser = await signedIn(staffA);
      await browser.get('/signalen');
      const empty = await browser.post('/signalen', { note: '' });
      assert.equal(empty.status, 422);
      assert.match(empty.html, /Kies wat er is afgesproken\./);
      // (The "nothing ticked" rule is checked once the fields themselves are valid.)
      const nothingTicked = await browser.post('/signalen', { outcome: 'later', note: '' });
      assert.equal(nothingTicked.status, 422);
      assert.match(nothingTicked.html, /Kies minstens één signaal of beantwoord de vraag over rondkomen\./);
      assert.match(nothingTicked.html, /id="outcome-later" name="outcome" value="later" checked/, 'the chosen outcome stays');
    });

    it('another practice’s record is a 404 page; the printable aid opens', async () => {
      const other = await save(staffB, { signals: ['shame'], outcome: 'later' });
      const browser = await signedIn(staffA);
      const res = await browser.get(`/signalen/${other}`);
      assert.equal(res.status, 404);
      assert.doesNotMatch(res.html, /Schaamte/);
      const print = await browser.get('/signalen/afdrukken');
      assert.equal(print.status, 200);
      assert.match(print.html, /Geldzorgen in de spreekkamer/);
    });

    it('a team member may not use the signals aid (403); without signing in it asks to sign in', async () => {
      const member = await signedIn(teamMember);
      assert.equal((await member.get('/signalen')).status, 403);
      const anonymous = await new TestBrowser(app).get('/signalen');
      assert.equal(anonymous.status, 303);
      assert.match(anonymous.location ?? '', /^\/inloggen/);
    });
  });
});
