/**
 * The public self-check on both databases: anonymous day counts only, the "please contact me"
 * self-referral (routed by postcode like a practice referral, same terms, online consent, no
 * feedback), and the public pages driven over HTTP (bot checks, postcode errors, consent, limits).
 */
import { createHash, randomUUID } from 'node:crypto';
import { before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Hono } from 'hono';
import { actorOf, forEachDatabase, testContext } from '../../test/support/databases.ts';
import { appError, createTestUser, nextAgbCode, type Tenant } from '../../test/support/fixtures.ts';
import { testApp, TestBrowser } from '../../test/support/http.ts';
import type { Database } from '../platform/db/database.ts';
import type { User } from '../platform/db/schema.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { loadShippedPostcodeAreas } from '../routing/reference-data.ts';
import { addRule } from '../routing/manage-rules.ts';
import { addWorkingDays, dueDates, runOnToWorkingDay } from '../referrals/due-dates.ts';
import { addDaysIso, amsterdamToday } from '../platform/dates.ts';
import { sendReferral } from '../referrals/send-referral.ts';
import { referralColumnData } from '../referrals/consent.ts';
import { countAnswers } from './record-answers.ts';
import { createSelfReferral } from './create-self-referral.ts';
import { selfReferralInput } from './test-fixture.ts';
import { questions } from './questions.ts';
import { ui } from './texts.ts';
import { loadResult, purgeExpiredResults, saveResult } from './result-store.ts';
import { wgsThreats } from './scoring.ts';
import { SELFCHECK_CONSENT_TEXT_VERSION, selfcheckConsentWording } from './consent-text.ts';

/** A text as it stands in the page's HTML: Hono escapes quotes in text too. */
const asHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

const BASE_URL = 'http://korte-lijn.test';
const TEAM_NAME = 'Meldpunt Geldzorgen Almelo';

/** Row counts of every table of the app's schema. */
async function tableCounts(db: Database): Promise<Record<string, number>> {
  const tables = await sql<{
    table_name: string;
  }>`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const counts: Record<string, number> = {};
  for (const { table_name } of tables.rows) {
    const row = await sql<{ n: string }>`select count(*) as n from ${sql.table(table_name)}`.execute(db);
    counts[table_name] = Number(row.rows[0]!.n);
  }
  return counts;
}

function changedTables(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys(after)
    .filter((t) => after[t] !== before[t])
    .sort();
}

forEachDatabase('self-check', (db) => {
  const today = amsterdamToday();
  let tenant: Tenant;
  let almeloTeam: string;
  let members: User[];
  let outsider: User;
  let staff: User;

  before(async () => {
    assert.ok((await loadShippedPostcodeAreas(db())) > 100, 'the shipped PC4 table is loaded');
    const now = new Date();
    const region = await db().insertInto('regions').values({ name: 'Twente' }).returning('id').executeTakeFirstOrThrow();
    const org = async (values: { kind: 'municipality' | 'practice'; name: string; cbs_code?: string; agb_code?: string; city: string }) =>
      (
        await db()
          .insertInto('organisations')
          .values({ region_id: region.id, updated_at: now, ...values })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const almelo = await org({ kind: 'municipality', name: 'Gemeente Almelo', cbs_code: 'GM0141', city: 'Almelo' });
    const enschede = await org({ kind: 'municipality', name: 'Gemeente Enschede', cbs_code: 'GM0153', city: 'Enschede' });
    const practice = await org({ kind: 'practice', name: 'Huisartsenpraktijk Almelo-Noord', agb_code: nextAgbCode(), city: 'Almelo' });
    const team = async (organisationId: string, name: string) =>
      (
        await db()
          .insertInto('teams')
          .values({ organisation_id: organisationId, name, phone: '0546 54 0000', email: null, updated_at: now })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    almeloTeam = await team(almelo, TEAM_NAME);
    const enschedeTeam = await team(enschede, 'Schuldhulpverlening Enschede');
    await addRule(db(), testContext(), { municipality_code: 'GM0141', district_code: null, category: null, team_id: almeloTeam });
    await addRule(db(), testContext(), { municipality_code: 'GM0153', district_code: null, category: null, team_id: enschedeTeam });

    tenant = { regionId: region.id, practiceId: practice, municipalityId: almelo, teamId: almeloTeam };
    members = [
      await createTestUser(db(), tenant, 'team_member', { name: 'Sevda Demir' }),
      await createTestUser(db(), tenant, 'team_member', { name: 'Bart Wessels' }),
      await createTestUser(db(), tenant, 'team_admin', { name: 'Ilse Kamphuis' }),
    ];
    outsider = await createTestUser(db(), { ...tenant, teamId: enschedeTeam }, 'team_member');
    staff = await createTestUser(db(), tenant, 'practice_staff');
  });

  const referral = (id: string) => db().selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const selfReferrals = () => db().selectFrom('referrals').selectAll().where('source', '=', 'selfcheck').orderBy('created_at').execute();
  const count = async (table: 'referrals' | 'consents' | 'referral_events' | 'notifications' | 'outbox_mail' | 'audit_log') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  const selfInput = selfReferralInput;

  /** A practice referral to the Almelo team, as the form delivers it (eviction threatens). */
  const sendPracticeReferral = (overrides: Partial<Parameters<typeof sendReferral>[2]> = {}) =>
    sendReferral(
      db(),
      testContext({ actor: actorOf(staff) }),
      {
        idempotency_key: randomUUID(),
        patient_name: 'Johanna Testpersoon',
        birth_date: '1971-03-09',
        phone: '06 1234 5678',
        email: null,
        postcode: '7601 AB',
        house_number: '3',
        preferred_language: 'Nederlands',
        best_time_to_call: null,
        needs: ['debt_counselling'],
        question: 'Ik slaap slecht door de rekeningen.',
        urgency_triggers: ['eviction'],
        handover: 'phone_together',
        contact_channel: 'phone',
        recipientTeamId: almeloTeam,
        consent: { given: true, method: 'verbal', feedbackAllowed: true },
        ...overrides,
      },
      BASE_URL,
    );

  describe('anonymous counts', () => {
    const dayCounts = async () => ({
      results: await db().selectFrom('selfcheck_result_counts').selectAll().where('day', '=', today).execute(),
      answers: await db().selectFrom('selfcheck_answer_counts').selectAll().where('day', '=', today).execute(),
    });

    it('two submissions are kept only as day counts (count 2), and no other table changes', async () => {
      const tablesBefore = await tableCounts(db());
      const answers = { ends_meet: 'often', unpaid_bills: 'yes', worry_sleep: 'sometimes' } as const;
      await countAnswers(db(), answers, { lang: 'tr', level: 'serious' });
      await countAnswers(db(), answers, { lang: 'tr', level: 'serious' });
      const tablesAfter = await tableCounts(db());
      assert.deepEqual(changedTables(tablesBefore, tablesAfter), ['selfcheck_answer_counts', 'selfcheck_result_counts']);

      const { results, answers: answerRows } = await dayCounts();
      assert.deepEqual(
        results.map((r) => ({ lang: r.lang, level: r.level, municipality_code: r.municipality_code, count: r.count })),
        [{ lang: 'tr', level: 'serious', municipality_code: '', count: 2 }],
      );
      assert.deepEqual(answerRows.map((r) => [r.question_id, r.answer, r.count]).sort(), [
        ['ends_meet', 'often', 2],
        ['unpaid_bills', 'yes', 2],
        ['worry_sleep', 'sometimes', 2],
      ]);
    });

    it('the count tables have no column that could hold anything about a person', async () => {
      const columns = await sql<{ table_name: string; column_name: string }>`
        select table_name, column_name from information_schema.columns
        where table_schema = current_schema() and table_name in ('selfcheck_answer_counts', 'selfcheck_result_counts')
        order by table_name, ordinal_position`.execute(db());
      assert.deepEqual(
        columns.rows.map((c) => `${c.table_name}.${c.column_name}`),
        [
          'selfcheck_answer_counts.day',
          'selfcheck_answer_counts.question_id',
          'selfcheck_answer_counts.answer',
          'selfcheck_answer_counts.count',
          'selfcheck_result_counts.day',
          'selfcheck_result_counts.lang',
          'selfcheck_result_counts.level',
          'selfcheck_result_counts.municipality_code',
          'selfcheck_result_counts.count',
        ],
      );
    });

    it('answers outside a question’s scale and unknown questions are not counted; no answers still count the result', async () => {
      const before = await dayCounts();
      await countAnswers(db(), { unpaid_bills: 'always', made_up: 'yes' } as never, { lang: 'pl', level: 'none' });
      const after = await dayCounts();
      assert.equal(after.answers.length, before.answers.length, 'no answer row added');
      assert.deepEqual(after.answers.map((r) => r.count).sort(), before.answers.map((r) => r.count).sort());
      const pl = after.results.find((r) => r.lang === 'pl');
      assert.equal(pl?.level, 'none');
      assert.equal(pl?.count, 1);
      assert.ok(questions.every((q) => q.id !== 'made_up'));
    });
  });

  describe('self-referral ("neem contact met mij op")', () => {
    it('a request for postcode 7601 arrives at the Almelo team: source selfcheck, online consent without feedback, notified, audited', async () => {
      const tablesBefore = await tableCounts(db());
      const sent = await createSelfReferral(db(), testContext({ ip: '198.51.100.7' }), selfInput(), BASE_URL);
      assert.equal(sent.created, true);
      assert.equal(sent.teamName, TEAM_NAME);

      const r = await referral(sent.id);
      assert.equal(r.team_id, almeloTeam);
      assert.equal(r.source, 'selfcheck');
      assert.equal(r.status, 'requested');
      assert.equal(r.practice_id, null);
      assert.equal(r.created_by, null);
      assert.equal(r.patient_name, 'Fatima El Amrani');
      assert.equal(r.patient_phone, '06 1122 3344');
      assert.equal(r.patient_birth_date, null, 'the self-check never asks a date of birth');
      assert.equal(r.patient_postcode, '7601');
      assert.equal(r.patient_house_number, '12');
      assert.equal(r.contact_channel, 'phone');
      assert.equal(r.handover, 'team_contacts_patient');
      assert.equal(r.municipality_code, 'GM0141');
      assert.deepEqual(r.needs, ['debt_counselling', 'money_buddy']);
      assert.deepEqual(r.urgency_triggers, []);
      assert.match(r.question ?? '', /^Aangemeld via de zelftest, in het Nederlands\. Uitslag: veel geldzorgen\. Past bij: Schuldhulpverlening/);
      assert.match(r.route_explanation ?? '', /Almelo/);
      assert.match(r.reference, /^KL-[2-9A-HJ-NP-Z]{6}$/);
      // Same terms as a practice referral without an agreement: first contact in 3 working days, first conversation within 4 weeks.
      assert.equal(r.requested_on, today);
      assert.equal(r.first_contact_due, addWorkingDays(today, 3));
      assert.equal(r.first_conversation_due, runOnToWorkingDay(addDaysIso(today, 28)));

      const consents = await db().selectFrom('consents').selectAll().where('referral_id', '=', sent.id).execute();
      assert.equal(consents.length, 1);
      const consent = consents[0]!;
      assert.equal(consent.method, 'online');
      assert.equal(consent.feedback_allowed, false);
      assert.equal(consent.recipient_team_id, almeloTeam);
      assert.equal(consent.recorded_by, null);
      assert.match(consent.text_version, /^selfcheck-/);

      const events = await db().selectFrom('referral_events').selectAll().where('referral_id', '=', sent.id).execute();
      assert.deepEqual(
        events.map((e) => [e.type, e.to_status, e.to_team_id]),
        [['created', 'requested', almeloTeam]],
      );

      for (const member of members) {
        const notes = await db().selectFrom('notifications').select('kind').where('user_id', '=', member.id).where('referral_id', '=', sent.id).execute();
        assert.deepEqual(notes, [{ kind: 'referral_received' }], `${member.name} is notified`);
      }
      const others = await db().selectFrom('notifications').select('id').where('user_id', '=', outsider.id).execute();
      assert.equal(others.length, 0, 'a member of another team is not notified');
      const mails = await db()
        .selectFrom('outbox_mail')
        .selectAll()
        .where(
          'to_address',
          'in',
          members.map((m) => m.email),
        )
        .execute();
      assert.equal(mails.length, 3);
      for (const m of mails) {
        for (const secret of ['Fatima', 'Amrani', '7601', '1122', 'Zelftest'])
          assert.ok(!`${m.subject}\n${m.body_text}`.includes(secret), `the mail carries no patient data (${secret})`);
      }

      const audit = await db().selectFrom('audit_log').selectAll().where('action', '=', 'referral.created').where('patient_ref', '=', sent.id).execute();
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.actor_user_id, null, 'an anonymous resident, no user');
      assert.equal(audit[0]!.subject_id, sent.id);
      assert.equal(audit[0]!.ip, '198.51.100.7');
      assert.equal(audit[0]!.details['source'], 'selfcheck');
      assert.ok(!JSON.stringify(audit[0]!.details).includes('Fatima'), 'no personal data in the audit details');

      assert.deepEqual(changedTables(tablesBefore, await tableCounts(db())), [
        'audit_log',
        'consents',
        'notifications',
        'outbox_mail',
        'referral_events',
        'referral_figure_counts',
        'referrals',
      ]);
    });

    it('an urgent self-referral gets the same due dates as a practice referral: first conversation within 3 working days', async () => {
      const self = await createSelfReferral(db(), testContext(), selfInput({ level: 'urgent', urgency: ['eviction'] }), BASE_URL);
      const practice = await sendPracticeReferral();
      const [s, p] = [await referral(self.id), await referral(practice.id)];
      assert.equal(p.team_id, almeloTeam, 'the practice referral goes to the same team');
      assert.equal(s.first_contact_due, addWorkingDays(today, 3));
      assert.equal(s.first_conversation_due, addWorkingDays(today, 3));
      assert.deepEqual([s.first_contact_due, s.first_conversation_due], [p.first_contact_due, p.first_conversation_due]);
      assert.deepEqual({ firstContactDue: s.first_contact_due, firstConversationDue: s.first_conversation_due }, dueDates(today, true));
      assert.deepEqual(s.urgency_triggers, ['eviction']);
    });

    it('the consent on record covers every kind of data stored about the person, for a self-referral and a practice referral alike', async () => {
      const self = await createSelfReferral(db(), testContext(), selfInput({ email: 'f@example.org', urgency: ['eviction'] }), BASE_URL);
      const practice = await sendPracticeReferral({ email: 'j@example.org', best_time_to_call: 'ochtend' });
      for (const id of [self.id, practice.id]) {
        const row = await referral(id);
        const consent = await db().selectFrom('consents').select(['data_scope', 'text_version']).where('referral_id', '=', id).executeTakeFirstOrThrow();
        for (const [column, value] of Object.entries(row)) {
          const item = referralColumnData[column as keyof typeof referralColumnData];
          const stored = value !== null && !(Array.isArray(value) && value.length === 0);
          if (item && stored)
            assert.ok(consent.data_scope.includes(item), `${row.source}: ${column} is stored, so ${item} is in the consent (${consent.text_version})`);
        }
      }
    });

    it('an e-mail address alone is enough: the team then writes', async () => {
      const sent = await createSelfReferral(db(), testContext(), selfInput({ phone: null, email: 'f.elamrani@example.org', lang: 'ar' }), BASE_URL);
      const r = await referral(sent.id);
      assert.equal(r.contact_channel, 'email');
      assert.equal(r.patient_email, 'f.elamrani@example.org');
      assert.equal(r.preferred_language, 'ar');
    });

    it('the same idempotency key twice creates one referral, one consent, one audit entry and one round of notifications', async () => {
      const input = selfInput();
      const first = await createSelfReferral(db(), testContext(), input, BASE_URL);
      const counts = {
        referrals: await count('referrals'),
        consents: await count('consents'),
        notifications: await count('notifications'),
        audit: await count('audit_log'),
      };
      const again = await createSelfReferral(db(), testContext(), input, BASE_URL);
      assert.deepEqual(again, { id: first.id, teamName: TEAM_NAME, created: false });
      assert.deepEqual(
        {
          referrals: await count('referrals'),
          consents: await count('consents'),
          notifications: await count('notifications'),
          audit: await count('audit_log'),
        },
        counts,
      );
    });

    it('two simultaneous submits with the same key (a double click) make one referral, and neither fails', async () => {
      const input = selfInput();
      const before = await count('referrals');
      const [a, b] = await Promise.all([createSelfReferral(db(), testContext(), input, BASE_URL), createSelfReferral(db(), testContext(), input, BASE_URL)]);
      assert.equal(a.id, b.id);
      assert.deepEqual([a.created, b.created].sort(), [false, true]);
      assert.equal(await count('referrals'), before + 1);
      assert.equal(
        Number(
          (
            await db()
              .selectFrom('consents')
              .select((eb) => eb.fn.countAll<string>().as('n'))
              .where('referral_id', '=', a.id)
              .executeTakeFirstOrThrow()
          ).n,
        ),
        1,
      );
    });

    it('a postcode for which no team exists is refused with a Dutch message that says where to turn, and nothing is written', async () => {
      const before = await count('referrals');
      await assert.rejects(createSelfReferral(db(), testContext(), selfInput({ postcode: '1011 AB' }), BASE_URL), appError('no_team', 422));
      await assert.rejects(createSelfReferral(db(), testContext(), selfInput({ postcode: '1011 AB' }), BASE_URL), (err: { userMessage?: { nl: string } }) =>
        /Bel gratis naar Geldfit: 0800-8115\. .*Of bel uw gemeente\./.test(err.userMessage?.nl ?? ''),
      );
      assert.equal(await count('referrals'), before);
    });
  });

  describe('the public pages over HTTP', () => {
    let app: Hono<AppEnv>;
    const counted = async () =>
      Number(
        (
          await db()
            .selectFrom('selfcheck_result_counts')
            .select((eb) => eb.fn.sum<string>('count').as('n'))
            .executeTakeFirstOrThrow()
        ).n ?? 0,
      );
    const humanAnswers = { ends_meet: 'often', unpaid_bills: 'yes', collectors: 'no', rent_arrears: 'yes', worry_sleep: 'always' };
    const secondsAgo = (s: number) => String(Date.now() - s * 1000);
    /** What the answers of humanAnswers lead to; none of it may show up in an address. */
    const answerWords = ['often', 'always', 'ends_meet', 'unpaid_bills', 'rent_arrears', 'urgent', 'serious', 'debt_counselling', 'eviction', 'n=', 'h=', 'u='];

    before(() => {
      app = testApp(db()).app;
    });
    // Every request of app.request() comes from the same address: start each test with fresh limits.
    beforeEach(async () => {
      await db().deleteFrom('rate_limit_hits').execute();
    });

    /**
     * GETs a page like a browser, following redirects: `?lang=nl` and `?lang=en` are the site's own
     * languages, which the app remembers in a cookie and then drops from the address (303).
     */
    async function open(browser: TestBrowser, path: string) {
      let page = await browser.get(path);
      for (let i = 0; i < 3 && page.status === 303; i++) page = await browser.follow(page);
      return page;
    }

    /** A browser that has opened the questions (so it holds the form's CSRF token). */
    async function onQuestions(lang = 'nl') {
      const browser = new TestBrowser(app);
      const page = await open(browser, `/zelftest?lang=${lang}`);
      assert.equal(page.status, 200);
      return { browser, page };
    }

    /** A browser that did the self-check and looks at its result. */
    async function onResult(answers: Record<string, string> = { ends_meet: 'often', unpaid_bills: 'yes', worry_sleep: 'often' }, lang = 'nl') {
      const { browser } = await onQuestions(lang);
      const sent = await browser.post('/zelftest', { lang, started: secondsAgo(5), website: '', ...answers });
      assert.equal(sent.status, 303);
      const page = await open(browser, sent.location!);
      assert.equal(page.status, 200);
      return { browser, sent, page };
    }

    /** Every address a page leads to: links, form actions, and the redirect that brought it. */
    const addressesOf = (html: string) => [...html.matchAll(/\s(?:href|action)="([^"]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));

    it('GET /zelftest shows the questions in Dutch by default, and Arabic right to left', async () => {
      const { page } = await onQuestions();
      assert.match(page.html, /<html lang="nl" dir="ltr"/);
      assert.match(page.html, /Zelftest geldzorgen/);
      for (const q of questions) assert.ok(page.html.includes(`name="${q.id}"`), q.id);
      assert.match(page.html, /name="website"/, 'the honeypot is there');
      const ar = await onQuestions('ar');
      assert.match(ar.page.html, /<html lang="ar" dir="rtl"/);
      assert.ok(ar.page.html.includes(questions[0]!.text.ar));
    });

    it('a filled-in honeypot is refused (422) and nothing is counted', async () => {
      const { browser } = await onQuestions();
      const before = await counted();
      const res = await browser.post('/zelftest', { lang: 'nl', started: secondsAgo(10), website: 'http://spam.example', ...humanAnswers });
      assert.equal(res.status, 422);
      assert.ok(res.html.includes(ui.tooFast.nl));
      assert.equal(await counted(), before);
    });

    it('a form sent inhumanly fast (or without its start time) is refused (422) and nothing is counted', async () => {
      const { browser } = await onQuestions();
      const before = await counted();
      for (const started of [String(Date.now()), secondsAgo(1), 'not-a-time', undefined]) {
        const res = await browser.post('/zelftest', { lang: 'nl', ...(started === undefined ? {} : { started }), ...humanAnswers });
        assert.equal(res.status, 422, `started=${started}`);
        assert.match(res.html, /Dat ging erg snel/);
      }
      assert.equal(await counted(), before);
    });

    it('no address carries the answers: the submission leads to /zelftest/uitslag with only the language, and is counted once', async () => {
      const before = await counted();
      const { sent, page } = await onResult(humanAnswers);
      const location = new URL(sent.location!, 'http://x');
      assert.equal(location.pathname, '/zelftest/uitslag');
      assert.deepEqual([...location.searchParams.keys()], ['lang']);
      for (const word of answerWords) assert.ok(!sent.location!.includes(word), `the redirect does not carry ${word}`);
      assert.equal(await counted(), before + 1);
      assert.match(page.html, /Vraag vandaag nog hulp/, 'rent arrears make it urgent');
      assert.match(page.html, /Hulp bij schulden/);
    });

    it('no link or form on the result page carries the answers, and every form on it posts', async () => {
      const { browser, page } = await onResult(humanAnswers);
      const search = await browser.post('/zelftest/uitslag', { lang: 'nl', postcode: '7601' });
      assert.equal(search.status, 303);
      const withHelp = await open(browser, search.location!);
      const contact = await browser.post('/zelftest/contact', {
        lang: 'nl',
        started: secondsAgo(20),
        name: 'Fatima El Amrani',
        phone: '06 1122 3344',
        postcode: '7601',
        stap: 'controleren',
      });
      for (const [label, html] of [
        ['result', page.html],
        ['result with local help', withHelp.html],
        ['contact step', contact.html],
      ] as const) {
        for (const address of addressesOf(html))
          for (const word of answerWords) assert.ok(!address.includes(word), `${label}: ${address} does not carry ${word}`);
        for (const form of html.matchAll(/<form[^>]*>/g)) assert.match(form[0], /method="post"/, `${label}: ${form[0]}`);
        assert.doesNotMatch(html, /name="(n|h|u)"/, `${label}: no hidden field with the level, help or crises`);
      }
      assert.ok(!search.location!.includes('7601'), 'the postcode is not in the address either');
    });

    it('every self-check page is sent with Cache-Control: no-store', async () => {
      const { browser, page: questionsPage } = await onQuestions();
      const sent = await browser.post('/zelftest', { lang: 'nl', started: secondsAgo(5), ...humanAnswers });
      const result = await open(browser, sent.location!);
      const search = await browser.post('/zelftest/uitslag', { lang: 'nl', postcode: '76' });
      const contact = await browser.post('/zelftest/contact', { lang: 'nl', started: secondsAgo(20), name: 'X', postcode: '7601', stap: 'controleren' });
      const cleared = await browser.post('/zelftest/wissen', { lang: 'nl' });
      const gone = await browser.get('/zelftest/uitslag');
      for (const [label, res] of Object.entries({ questionsPage, sent, result, search, contact, cleared, gone })) {
        assert.equal(res.headers.get('cache-control'), 'no-store', label);
      }
    });

    it('"Sluit en wis" is a plain form; after it the result is erased and cannot be opened again', async () => {
      const { browser, page } = await onResult(humanAnswers);
      assert.match(page.html, /<form method="post" action="\/zelftest\/wissen"[^>]*>[\s\S]*?<button[^>]*type="submit"[^>]*>Sluit en wis<\/button>/);
      const rows = async () =>
        Number(
          (
            await db()
              .selectFrom('selfcheck_results')
              .select((eb) => eb.fn.countAll<string>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await rows();
      const cleared = await browser.post('/zelftest/wissen', { lang: 'nl' });
      assert.equal(cleared.status, 303);
      assert.equal(cleared.location, '/zelftest?lang=nl&gewist=1');
      assert.equal(browser.cookies.has('kl_selfcheck'), false, 'the key is gone from the browser');
      assert.equal(await rows(), before - 1, 'and from the server');
      const after = await open(browser, cleared.location!);
      assert.ok(after.html.includes(ui.cleared.nl));
      const back = await browser.get('/zelftest/uitslag');
      assert.equal(back.status, 200);
      assert.ok(back.html.includes(asHtml(ui.noResult.nl)));
      assert.doesNotMatch(back.html, /Vraag vandaag nog hulp|Hulp bij schulden/);
    });

    it('a result not used for 30 minutes is gone for good; each use keeps it 30 minutes longer', async () => {
      const t0 = new Date('2026-12-01T10:00:00Z');
      const minutes = (m: number) => new Date(t0.getTime() + m * 60_000);
      const key = await saveResult(db(), { level: 'serious', help: ['debt_counselling'], urgency: [] }, t0);
      assert.equal((await loadResult(db(), key, minutes(29)))?.level, 'serious');
      assert.equal((await loadResult(db(), key, minutes(58)))?.level, 'serious', 'the use at 29 minutes kept it alive');
      assert.equal(await loadResult(db(), key, minutes(89)), null, '31 minutes without use');
      assert.equal(await loadResult(db(), key, minutes(120)), null, 'and it does not come back');
      const hash = createHash('sha256').update(key).digest('hex');
      await saveResult(db(), { level: 'none', help: [], urgency: [] }, minutes(90));
      assert.equal(
        (await db().selectFrom('selfcheck_results').select('key_hash').where('key_hash', '=', hash).execute()).length,
        0,
        'expired rows are removed',
      );
      // Also when nobody does the test any more: the background job removes what expired.
      await saveResult(db(), { level: 'some', help: [], urgency: [] }, minutes(200));
      await purgeExpiredResults(db(), minutes(240));
      assert.equal((await db().selectFrom('selfcheck_results').select('key_hash').where('expires_at', '<=', minutes(240)).execute()).length, 0);
    });

    it('the server keeps only the key’s hash and the result, never the answers', async () => {
      const { browser } = await onResult(humanAnswers);
      const key = browser.cookies.get('kl_selfcheck')!;
      const rows = await db().selectFrom('selfcheck_results').selectAll().execute();
      assert.ok(!rows.some((r) => r.key_hash === key), 'not the key itself');
      const row = rows.find((r) => r.key_hash === createHash('sha256').update(key).digest('hex'))!;
      assert.deepEqual(Object.keys(row).sort(), ['expires_at', 'help', 'key_hash', 'level', 'postcode', 'urgency']);
      assert.equal(row.level, 'urgent');
      assert.deepEqual(row.urgency, ['eviction']);
    });

    it('the urgent result names the three situations in which the Wgs gives a first conversation within 3 working days', async () => {
      const { page } = await onResult(humanAnswers);
      assert.ok(page.html.includes(wgsThreats.intro.nl));
      for (const situation of Object.values(wgsThreats.situations)) assert.ok(page.html.includes(situation.nl), situation.nl);
      assert.doesNotMatch(page.html, /Dan moet de gemeente u snel helpen: binnen 3 werkdagen/);
      const mild = await onResult({ ends_meet: 'sometimes', worry_sleep: 'sometimes' });
      assert.ok(!mild.page.html.includes(wgsThreats.intro.nl), 'not with a milder result');
    });

    it('answers in Polish lead to a Polish result; a milder result is "some"', async () => {
      const { sent, page } = await onResult({ ends_meet: 'sometimes', worry_sleep: 'sometimes' }, 'pl');
      assert.equal(sent.location, '/zelftest/uitslag?lang=pl');
      assert.match(page.html, /<html lang="pl" dir="ltr"/);
      assert.match(page.html, /Nie jest Pan\/Pani sam\/sama/);
    });

    it('local help: a bad postcode answers 422 with the message in the page’s language; a good one shows help after a redirect', async () => {
      const { browser } = await onResult();
      const nl = await browser.post('/zelftest/uitslag', { lang: 'nl', postcode: '75 AB' });
      assert.equal(nl.status, 422);
      assert.ok(nl.html.includes('Vul een postcode in zoals 7511 AB.'));
      assert.match(nl.html, /aria-invalid="true"/);
      const en = await browser.post('/zelftest/uitslag', { lang: 'en', postcode: 'hello' });
      assert.equal(en.status, 422);
      assert.ok(en.html.includes('Enter a postcode like 7511 AB.'));
      const ok = await browser.post('/zelftest/uitslag', { lang: 'nl', postcode: '7601' });
      assert.equal(ok.status, 303);
      const shown = await open(browser, ok.location!);
      assert.equal(shown.status, 200);
      assert.match(shown.html, /Hulp bij u in de buurt/);
      assert.match(shown.html, /value="7601"/, 'the postcode is shown again, from the server');
    });

    it('without a result (never made, erased or expired) the result page says so and offers the test', async () => {
      const browser = new TestBrowser(app);
      const page = await open(browser, '/zelftest/uitslag?lang=tr');
      assert.equal(page.status, 200);
      assert.ok(page.html.includes(ui.noResult.tr));
      assert.match(page.html, /href="\/zelftest\?lang=tr"/);
      const old = await open(browser, '/zelftest/uitslag?n=urgent&h=debt_counselling&u=eviction&lang=nl');
      assert.ok(old.html.includes(asHtml(ui.noResult.nl)), 'an old address with answers in it shows nothing of them');
      assert.doesNotMatch(old.html, /Vraag vandaag nog hulp/);
      await open(browser, '/zelftest?lang=nl');
      const contact = await browser.post('/zelftest/contact', contactForm());
      assert.ok(contact.html.includes(asHtml(ui.noResult.nl)), 'a contact form without a result behind it sends nothing');
    });

    /** The contact form as a person fills it in on the result page. */
    const contactForm = (overrides: Record<string, string> = {}) => ({
      lang: 'nl',
      started: secondsAgo(20),
      key: randomUUID(),
      website: '',
      name: 'Fatima El Amrani',
      phone: '06 1122 3344',
      email: '',
      postcode: '7601',
      house_number: '',
      best_time: '',
      stap: 'versturen',
      consent_team_id: almeloTeam,
      consent: 'ja',
      ...overrides,
    });

    it('"Verder" names the receiving team and its organisation, lists what is sent, and sends nothing yet', async () => {
      const { browser } = await onResult();
      const before = await count('referrals');
      const { consent: _, consent_team_id: __, ...details } = contactForm({ stap: 'controleren' });
      const res = await browser.post('/zelftest/contact', details);
      assert.equal(res.status, 200);
      const wording = selfcheckConsentWording('nl', { team: TEAM_NAME, organisation: 'Gemeente Almelo' }, 12);
      assert.ok(res.html.includes(wording.lead), 'the team and organisation are named');
      for (const item of wording.items) assert.ok(res.html.includes(item), item);
      for (const line of wording.closing) assert.ok(res.html.includes(line), line);
      assert.ok(res.html.includes(`Ik geef toestemming om deze gegevens naar ${TEAM_NAME} te sturen.`));
      assert.ok(res.html.includes(`name="consent_team_id" value="${almeloTeam}"`));
      assert.match(res.html, /value="Fatima El Amrani"/, 'what was typed stays');
      assert.equal(await count('referrals'), before);
    });

    it('consent given for one team is not used for another: an address edited since then is asked again (409)', async () => {
      const { browser } = await onResult();
      const before = await count('referrals');
      const res = await browser.post('/zelftest/contact', contactForm({ postcode: '7511', consent_team_id: almeloTeam }));
      assert.equal(res.status, 409);
      assert.ok(res.html.includes(ui.otherTeam.nl));
      assert.ok(res.html.includes('naar Schuldhulpverlening Enschede te sturen'), 'the consent now names the Enschede team');
      const without = await browser.post('/zelftest/contact', contactForm({ consent_team_id: '' }));
      assert.equal(without.status, 409, 'a consent that named no team is no consent');
      assert.equal(await count('referrals'), before);
    });

    it('POST /zelftest/contact without consent answers 422 with the consent message, keeps what was typed and the team, and sends nothing', async () => {
      const { browser } = await onResult();
      const before = await count('referrals');
      const { consent: _, ...withoutConsent } = contactForm();
      const res = await browser.post('/zelftest/contact', withoutConsent);
      assert.equal(res.status, 422);
      assert.ok(res.html.includes(ui.consentNeeded.nl), 'the consent message is shown');
      assert.match(res.html, /Controleer het formulier/);
      assert.match(res.html, /href="#field-consent"/, 'the error links to the consent box');
      const box = /<input[^>]*id="field-consent"[^>]*>/.exec(res.html)?.[0] ?? '';
      assert.match(box, /aria-invalid="true"/, 'the box itself is marked wrong');
      assert.match(box, /aria-describedby="field-consent-error"/, 'and says why');
      assert.ok(new RegExp(`id="field-consent-error"[^>]*>\\s*${ui.consentNeeded.nl}`).test(res.html), 'the message sits at the box');
      assert.match(res.html, /value="Fatima El Amrani"/, 'the name typed is kept');
      assert.ok(res.html.includes(TEAM_NAME), 'the consent still names the team');
      assert.equal(await count('referrals'), before);
    });

    it('POST /zelftest/contact without phone or e-mail, or too fast, is refused (422)', async () => {
      const { browser } = await onResult();
      const before = await count('referrals');
      const noChannel = await browser.post('/zelftest/contact', contactForm({ phone: '', email: '' }));
      assert.equal(noChannel.status, 422);
      assert.ok(noChannel.html.includes(ui.phoneOrEmail.nl));
      const fast = await browser.post('/zelftest/contact', contactForm({ started: String(Date.now()) }));
      assert.equal(fast.status, 422);
      const bot = await browser.post('/zelftest/contact', contactForm({ website: 'x' }));
      assert.equal(bot.status, 422);
      const badPostcode = await browser.post('/zelftest/contact', contactForm({ postcode: '12' }));
      assert.equal(badPostcode.status, 422);
      assert.ok(badPostcode.html.includes(ui.badPostcode.nl));
      assert.equal(await count('referrals'), before);
    });

    it('POST /zelftest/contact with consent answers 200 naming the team, and the referral is in the database; the same form again adds nothing', async () => {
      const { browser } = await onResult({ ends_meet: 'often', unpaid_bills: 'yes', worry_sleep: 'often' });
      const form = contactForm({ name: 'Kees Postma', house_number: '8', best_time: 'ochtend' });
      const res = await browser.post('/zelftest/contact', form);
      assert.equal(res.status, 200);
      assert.ok(res.html.includes(`Uw vraag is doorgegeven aan: ${TEAM_NAME}.`), 'the confirmation names the team');
      assert.doesNotMatch(res.html, /name="consent"/, 'the form is gone');
      const rows = (await selfReferrals()).filter((r) => r.patient_name === 'Kees Postma');
      assert.equal(rows.length, 1);
      const r = rows[0]!;
      assert.equal(r.team_id, almeloTeam);
      assert.equal(r.idempotency_key, `selfcheck:${form.key}`);
      assert.equal(r.needs[0], 'debt_counselling');
      assert.equal(r.best_time_to_call, 'ochtend');
      assert.equal(r.patient_house_number, '8');
      const consent = await db().selectFrom('consents').selectAll().where('referral_id', '=', r.id).executeTakeFirstOrThrow();
      assert.equal(consent.method, 'online');
      assert.equal(consent.feedback_allowed, false);
      assert.equal(consent.text_version, SELFCHECK_CONSENT_TEXT_VERSION);

      const again = await browser.post('/zelftest/contact', form);
      assert.equal(again.status, 200, 'a resubmit (back button, double click) is answered the same');
      assert.equal((await selfReferrals()).filter((r) => r.patient_name === 'Kees Postma').length, 1);
    });

    it('a contact request in Turkish is confirmed in Turkish and carries the language and urgency', async () => {
      const { browser } = await onResult({ rent_arrears: 'yes', energy_arrears: 'yes' }, 'tr');
      const res = await browser.post('/zelftest/contact', contactForm({ lang: 'tr', name: 'Ayşe Yılmaz' }));
      assert.equal(res.status, 200);
      assert.match(res.html, /<html lang="tr"/);
      assert.ok(res.html.includes(`Talebiniz şuraya iletildi: ${TEAM_NAME}.`));
      const r = (await selfReferrals()).find((x) => x.patient_name === 'Ayşe Yılmaz')!;
      assert.equal(r.preferred_language, 'tr');
      assert.deepEqual(r.urgency_triggers, ['eviction', 'energy_water']);
      assert.equal(r.first_conversation_due, addWorkingDays(today, 3));
    });

    it('the sixth contact request within an hour from the same address is refused with 429, and not sent', async () => {
      const { browser } = await onResult();
      const before = await count('referrals');
      for (let i = 1; i <= 5; i++) {
        const res = await browser.post('/zelftest/contact', contactForm({ name: `Bewoner ${i}` }));
        assert.equal(res.status, 200, `request ${i} is accepted`);
      }
      const sixth = await browser.post('/zelftest/contact', contactForm({ name: 'Bewoner 6' }));
      assert.equal(sixth.status, 429);
      assert.ok(sixth.html.includes(ui.tooMany.nl));
      assert.equal(await count('referrals'), before + 5);
      const stored = await db().selectFrom('rate_limit_hits').select(['bucket', 'key_hash']).where('bucket', '=', 'selfcheck-contact').execute();
      assert.equal(stored.length, 5);
      for (const hit of stored) assert.match(hit.key_hash, /^[0-9a-f]{64}$/);
    });

    it('the self-check itself is limited too: the 31st submission within an hour gets 429 and is not counted', async () => {
      const { browser } = await onQuestions();
      for (let i = 1; i <= 30; i++) {
        const res = await browser.post('/zelftest', { lang: 'nl', started: secondsAgo(5), ends_meet: 'never' });
        assert.equal(res.status, 303, `submission ${i}`);
      }
      const before = await counted();
      const res = await browser.post('/zelftest', { lang: 'nl', started: secondsAgo(5), ends_meet: 'never' });
      assert.equal(res.status, 429);
      assert.ok(res.html.includes(ui.tooMany.nl));
      assert.equal(await counted(), before);
    });

    it('a form without the CSRF token is refused and nothing is sent', async () => {
      const { browser } = await onResult();
      const before = await count('referrals');
      const res = await browser.post('/zelftest/contact', contactForm(), { csrf: null });
      // Refused: the resident is sent to start again in their own language (selfcheck-forms.integration.test.ts).
      assert.equal(res.status, 303);
      assert.match(res.location ?? '', /^\/zelftest\/verlopen\?lang=/);
      assert.equal(await count('referrals'), before);
    });
  });
});
