/**
 * The public self-check in a real browser against the real app (in-memory PGlite, Twente demo
 * data): a resident completes it in Arabic (right to left) and in Dutch, sees local help for
 * postcode 7601 and asks to be contacted; the request reaches the Almelo team. Every page is checked
 * with axe, in every language the self-check speaks. No address the browser visits carries the
 * answers, and "Sluit en wis" works with JavaScript switched off.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server.ts';
import { testConfig } from '../../src/platform/config.ts';
import { selfcheckLanguages, type SelfcheckLang } from '../../src/selfcheck/languages.ts';
import { answerLabels, questions, type AnswerKey } from '../../src/selfcheck/questions.ts';
import { resultTexts, urgentNextStep, wgsThreats } from '../../src/selfcheck/scoring.ts';
import { helpLabels, ui } from '../../src/selfcheck/texts.ts';
import { selfcheckConsentWording } from '../../src/selfcheck/consent-text.ts';
import { closeBrowser, expectNoAxeViolations, follow, launchBrowser, newPage } from '../support/browser.ts';

let server: RunningServer;
let browser: Browser;

before(async () => {
  [server, browser] = await Promise.all([startServer(testConfig({ seedDemo: true, port: 0 })), launchBrowser()]);
});

after(async () => {
  await closeBrowser(browser);
  await server?.close();
});

async function withPage(run: (page: Page) => Promise<void>): Promise<void> {
  const { context, page } = await newPage(browser);
  try {
    await run(page);
  } finally {
    await context.close();
  }
}

/** The server refuses forms sent within 3 seconds of being shown (a bot check); a person is slower. */
const MIN_FILL_MS = 3_100;
async function waitUntilHumanlySlow(shownAt: number): Promise<void> {
  const left = shownAt + MIN_FILL_MS - Date.now();
  if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
}

async function heading(page: Page): Promise<string> {
  const h1 = page.getByRole('heading', { level: 1 });
  await h1.waitFor();
  return ((await h1.textContent()) ?? '').trim();
}

async function htmlAttributes(page: Page): Promise<{ lang: string | null; dir: string | null }> {
  const html = page.locator('html');
  return { lang: await html.getAttribute('lang'), dir: await html.getAttribute('dir') };
}

/** Each question is a group named by its text; the answers are radio buttons named by their label. */
function question(page: Page, id: string, lang: SelfcheckLang) {
  const q = questions.find((x) => x.id === id)!;
  return page.getByRole('group', { name: q.text[lang] });
}

async function answer(page: Page, lang: SelfcheckLang, answers: Record<string, AnswerKey>): Promise<void> {
  for (const [id, a] of Object.entries(answers)) {
    await question(page, id, lang).getByRole('radio', { name: answerLabels[a][lang], exact: true }).check();
  }
}

/** Opens the questions in `lang` and checks the page speaks it, in the right direction. */
async function openQuestions(page: Page, lang: SelfcheckLang): Promise<number> {
  const response = await page.goto(`${server.url}/zelftest?lang=${lang}`);
  assert.equal(response?.status(), 200);
  const shownAt = Date.now();
  assert.deepEqual(await htmlAttributes(page), { lang, dir: lang === 'ar' ? 'rtl' : 'ltr' });
  assert.equal(await heading(page), ui.title[lang]);
  return shownAt;
}

/** The result page's address holds the language and nothing else: not the level, help, crises, answers or postcode. */
function assertNoAnswersIn(url: string): void {
  const address = new URL(url);
  assert.equal(address.pathname, '/zelftest/uitslag');
  assert.ok(
    [...address.searchParams.keys()].every((k) => k === 'lang'),
    `only the language in ${url}`,
  );
  for (const word of ['urgent', 'serious', 'debt', 'eviction', 'energy', 'often', 'always', 'yes', '7601'])
    assert.ok(!url.includes(word), `${url} does not carry ${word}`);
}

/** Answers that make the result urgent (energy arrears) with several kinds of help. */
const urgentAnswers: Record<string, AnswerKey> = {
  ends_meet: 'often',
  unpaid_bills: 'yes',
  energy_arrears: 'yes',
  worry_sleep: 'always',
  letters_hard: 'sometimes',
};

/** Does the self-check in `lang` with `answers` and waits for the result page. */
async function doSelfcheck(page: Page, lang: SelfcheckLang, answers: Record<string, AnswerKey>): Promise<void> {
  const shownAt = await openQuestions(page, lang);
  await answer(page, lang, answers);
  await waitUntilHumanlySlow(shownAt);
  assert.equal(await follow(page, page.getByRole('button', { name: ui.submit[lang] })), 200);
  assertNoAnswersIn(page.url());
}

describe('a resident does the self-check in Arabic', () => {
  test('the page is right to left in Arabic, every question is visible, and the Arabic result passes axe', async () => {
    await withPage(async (page) => {
      const shownAt = await openQuestions(page, 'ar');
      assert.equal(await page.locator('body').evaluate((b) => getComputedStyle(b).direction), 'rtl', 'the browser lays the page out right to left');
      for (const q of questions) {
        assert.ok(await question(page, q.id, 'ar').isVisible(), `question ${q.id} is visible`);
        for (const a of q.answers)
          assert.ok(await question(page, q.id, 'ar').getByRole('radio', { name: answerLabels[a].ar, exact: true }).isVisible(), `${q.id}: ${a}`);
      }
      assert.ok(
        await page.getByRole('navigation', { name: ui.languageNav.ar }).getByRole('link', { name: 'Nederlands' }).isVisible(),
        'a language switch to Dutch',
      );
      await expectNoAxeViolations(page, 'the self-check questions in Arabic');

      await answer(page, 'ar', { ends_meet: 'often', unpaid_bills: 'yes', energy_arrears: 'yes', worry_sleep: 'always' });
      await waitUntilHumanlySlow(shownAt);
      assert.equal(await follow(page, page.getByRole('button', { name: ui.submit.ar })), 200);

      assertNoAnswersIn(page.url());
      assert.equal(new URL(page.url()).searchParams.get('lang'), 'ar');
      assert.deepEqual(await htmlAttributes(page), { lang: 'ar', dir: 'rtl' });
      assert.equal(await heading(page), resultTexts.urgent.title.ar, 'energy arrears make it urgent');
      const status = (await page.getByRole('status').first().textContent()) ?? '';
      assert.ok(status.includes(wgsThreats.intro.ar), 'the 3 working days, with their condition');
      for (const situation of Object.values(wgsThreats.situations)) assert.ok(status.includes(situation.ar), situation.ar);
      const nextStep = async () => (await page.getByTestId('urgent-next-step').textContent())?.trim();
      assert.equal(await nextStep(), urgentNextStep.withoutNumbers.ar, 'no "call the numbers below" before there are numbers');
      const reloaded = await page.reload();
      assert.equal(reloaded?.headers()['cache-control'], 'no-store', 'the result is not kept in the browser cache');
      assert.ok(await page.getByRole('listitem').filter({ hasText: helpLabels.debt_counselling.ar }).first().isVisible());
      await expectNoAxeViolations(page, 'the self-check result in Arabic');

      // Local help, still in Arabic.
      const search = page.getByRole('search', { name: ui.localHelp.ar });
      await search.getByLabel(ui.postcode.ar).fill('7601');
      assert.equal(await follow(page, search.getByRole('button', { name: ui.showHelp.ar })), 200);
      assertNoAnswersIn(page.url());
      assert.deepEqual(await htmlAttributes(page), { lang: 'ar', dir: 'rtl' });
      assert.ok(await page.getByRole('heading', { level: 3, name: 'Schuldhulpverlening Almelo' }).isVisible());
      assert.equal(await nextStep(), urgentNextStep.withNumbers.ar, 'with the numbers below, the advice to call them today');
      await expectNoAxeViolations(page, 'the self-check result with local help in Arabic');
    });
  });
});

describe('the self-check passes axe in every language', () => {
  for (const lang of selfcheckLanguages) {
    test(`${lang}: the questions, the result with local help for 7601, and a postcode error`, async () => {
      await withPage(async (page) => {
        await openQuestions(page, lang);
        assert.equal(await page.getByRole('group').count(), questions.length, 'one group per question');
        await expectNoAxeViolations(page, `the self-check questions (${lang})`);

        await doSelfcheck(page, lang, urgentAnswers);
        assert.deepEqual(await htmlAttributes(page), { lang, dir: lang === 'ar' ? 'rtl' : 'ltr' });
        assert.equal(await heading(page), resultTexts.urgent.title[lang]);
        assert.ok(await page.getByRole('button', { name: ui.closeAndClear[lang] }).first().isVisible(), '"Sluit en wis"');
        const search = page.getByRole('search', { name: ui.localHelp[lang] });
        await search.getByLabel(ui.postcode[lang]).fill('7601');
        assert.equal(await follow(page, search.getByRole('button', { name: ui.showHelp[lang] })), 200);
        assertNoAnswersIn(page.url());
        assert.ok(await page.getByRole('heading', { level: 3, name: 'Schuldhulpverlening Almelo' }).isVisible(), 'local help for 7601');
        assert.ok(await page.getByRole('button', { name: ui.next[lang] }).isVisible(), 'the contact form');
        await expectNoAxeViolations(page, `the self-check result with local help (${lang})`);

        await search.getByLabel(ui.postcode[lang]).fill('76');
        assert.equal(await follow(page, search.getByRole('button', { name: ui.showHelp[lang] })), 422);
        assert.ok(await page.getByRole('alert').filter({ hasText: ui.badPostcode[lang] }).isVisible());
        await expectNoAxeViolations(page, `the self-check result with a postcode error (${lang})`);
      });
    });
  }
});

describe('a resident does the self-check in Dutch and asks to be contacted', () => {
  test('answers, sees local help for 7601, asks for contact with consent, and the request lands in the Almelo team’s inbox', async () => {
    await withPage(async (page) => {
      const db = server.services.db;
      // The demo has no accounts in the Almelo team: add a consultant, who should be told.
      const almelo = await db.selectFrom('teams').select('id').where('name', '=', 'Meldpunt Geldzorgen Almelo').executeTakeFirstOrThrow();
      const consultant = await db
        .insertInto('users')
        .values({
          email: 'consulent-almelo@test.kortelijn.nl',
          name: 'Consulent Almelo (test)',
          role: 'team_member',
          team_id: almelo.id,
          password_hash: 'not-used',
          updated_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      let shownAt = await openQuestions(page, 'nl');
      await expectNoAxeViolations(page, 'the self-check questions');
      await answer(page, 'nl', {
        ends_meet: 'often',
        unpaid_bills: 'yes',
        collectors: 'yes',
        rent_arrears: 'no',
        energy_arrears: 'no',
        insurance_arrears: 'no',
        skip_care: 'sometimes',
        worry_sleep: 'often',
        life_event: 'no',
        letters_hard: 'sometimes',
      });
      await waitUntilHumanlySlow(shownAt);
      assert.equal(await follow(page, page.getByRole('button', { name: 'Bekijk de uitslag' })), 200);

      assertNoAnswersIn(page.url());
      assert.equal(await heading(page), 'U bent niet de enige: er is hulp');
      const helps = page.getByRole('heading', { level: 2, name: 'Wat kan helpen' }).locator('xpath=following-sibling::ul[1]');
      assert.equal((await helps.getByRole('listitem').first().textContent())?.trim(), 'Hulp bij schulden', 'debts first');

      // Local help for the postcode.
      const search = page.getByRole('search', { name: 'Hulp bij u in de buurt' });
      await search.getByLabel('Uw postcode').fill('7601');
      assert.equal(await follow(page, search.getByRole('button', { name: 'Laat hulp zien' })), 200);
      assertNoAnswersIn(page.url());
      shownAt = Date.now();
      const results = page.getByRole('list').filter({ has: page.getByRole('article') });
      const names = (await results.getByRole('heading', { level: 3 }).allTextContents()).map((s) => s.trim());
      assert.equal(names[0], 'Schuldhulpverlening Almelo', `debt help first: ${names.join(', ')}`);
      assert.ok(names.includes('Meldpunt Geldzorgen Almelo'), `the Almelo Meldpunt is listed: ${names.join(', ')}`);
      assert.ok(!names.some((n) => /Enschede|Hengelo/.test(n) && !/Juridisch/.test(n)), `no municipal help of other towns: ${names.join(', ')}`);
      const first = results.getByRole('article').first();
      assert.ok((await first.locator('a[href^="tel:"]').count()) > 0, 'a phone number to call');
      const main = (await page.locator('main').textContent()) ?? '';
      assert.ok(main.includes('Bas Timmer'), 'a public contact is shown');
      assert.ok(!main.includes('Sevda Demir') && !main.includes('06 1234 5604'), 'no professional contact on the public result');
      await expectNoAxeViolations(page, 'the result with local help');

      // "Verder": the consent then names the team and organisation that will get the request, and what is sent.
      await page.getByLabel('Uw naam').fill('Fatima El Amrani');
      await page.getByLabel(/^Telefoonnummer/).fill('06 1122 3344');
      const postcode = page.getByRole('textbox', { name: 'Uw postcode' }).last();
      assert.equal(await postcode.inputValue(), '7601', 'the postcode already typed is carried over');
      await waitUntilHumanlySlow(shownAt);
      assert.equal(await follow(page, page.getByRole('button', { name: 'Verder' })), 200);
      assert.equal(new URL(page.url()).pathname, '/zelftest/contact', 'the contact details went in the body of a POST');
      shownAt = Date.now();
      const organisation = await db
        .selectFrom('teams')
        .innerJoin('organisations', 'organisations.id', 'teams.organisation_id')
        .select('organisations.name')
        .where('teams.name', '=', 'Meldpunt Geldzorgen Almelo')
        .executeTakeFirstOrThrow();
      const consentText = page.getByRole('region', { name: 'Toestemming' });
      const wording = selfcheckConsentWording('nl', { team: 'Meldpunt Geldzorgen Almelo', organisation: organisation.name }, 12);
      assert.equal(((await consentText.getByRole('paragraph').first().textContent()) ?? '').trim(), wording.lead);
      assert.deepEqual(
        (await consentText.getByRole('listitem').allTextContents()).map((item) => item.trim()),
        wording.items,
      );
      await expectNoAxeViolations(page, 'the contact form with the consent for the Almelo team');

      // First without ticking consent: a clear message, nothing sent.
      await waitUntilHumanlySlow(shownAt);
      assert.equal(await follow(page, page.getByRole('button', { name: 'Neem contact met mij op' })), 422);
      shownAt = Date.now();
      const summary = page.getByRole('alert').filter({ hasText: 'Controleer het formulier' });
      assert.ok(await summary.getByRole('link', { name: ui.consentNeeded.nl }).isVisible());
      assert.equal(await page.getByLabel('Uw naam').inputValue(), 'Fatima El Amrani', 'what was typed is kept');
      assert.equal(
        await db
          .selectFrom('referrals')
          .select('id')
          .where('patient_name', '=', 'Fatima El Amrani')
          .execute()
          .then((r) => r.length),
        0,
      );
      await expectNoAxeViolations(page, 'the contact form with a missing consent');

      // Then with consent.
      await page.getByRole('checkbox', { name: /Ik geef toestemming/ }).check();
      await waitUntilHumanlySlow(shownAt);
      assert.equal(await follow(page, page.getByRole('button', { name: 'Neem contact met mij op' })), 200);
      const confirmation = page.getByRole('status').filter({ hasText: 'Bedankt.' });
      assert.equal(
        ((await confirmation.textContent()) ?? '').trim(),
        'Bedankt. Uw vraag is doorgegeven aan: Meldpunt Geldzorgen Almelo. Zij nemen contact met u op, meestal binnen 3 werkdagen.',
      );
      assert.equal(await page.getByRole('button', { name: 'Neem contact met mij op' }).count(), 0, 'the form is gone');
      await expectNoAxeViolations(page, 'the confirmation');

      // In the database: a self-referral in the Almelo team's inbox, with online consent.
      const team = await db.selectFrom('teams').select('id').where('name', '=', 'Meldpunt Geldzorgen Almelo').executeTakeFirstOrThrow();
      const referrals = await db.selectFrom('referrals').selectAll().where('patient_name', '=', 'Fatima El Amrani').execute();
      assert.equal(referrals.length, 1);
      const r = referrals[0]!;
      assert.equal(r.source, 'selfcheck');
      assert.equal(r.team_id, team.id);
      assert.equal(r.status, 'requested');
      assert.equal(r.practice_id, null);
      assert.equal(r.patient_phone, '06 1122 3344');
      assert.equal(r.municipality_code, 'GM0141');
      assert.equal(r.needs[0], 'debt_counselling');
      const consent = await db.selectFrom('consents').selectAll().where('referral_id', '=', r.id).executeTakeFirstOrThrow();
      assert.equal(consent.method, 'online');
      assert.equal(consent.feedback_allowed, false);
      assert.equal(consent.recipient_team_id, team.id);
      const members = await db.selectFrom('users').select('id').where('team_id', '=', team.id).where('disabled_at', 'is', null).execute();
      assert.ok(members.some((m) => m.id === consultant.id));
      const notified = await db.selectFrom('notifications').select('user_id').where('referral_id', '=', r.id).execute();
      assert.deepEqual(notified.map((n) => n.user_id).sort(), members.map((m) => m.id).sort(), 'every member of the team is notified');
    });
  });
});

describe('a resident on a shared computer closes and clears the result', () => {
  test('"Sluit en wis" works with JavaScript switched off: it leaves for the start page, and Back does not bring the result again', async () => {
    const context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', javaScriptEnabled: false });
    context.setDefaultTimeout(30_000);
    try {
      const page = await context.newPage();
      await doSelfcheck(page, 'nl', urgentAnswers);
      assert.equal(await heading(page), resultTexts.urgent.title.nl);
      assert.equal(await follow(page, page.getByRole('button', { name: 'Sluit en wis' }).first()), 200);
      const start = new URL(page.url());
      assert.equal(start.pathname, '/zelftest');
      assert.equal(await heading(page), ui.title.nl);
      assert.ok(await page.getByRole('status').filter({ hasText: ui.cleared.nl }).isVisible());
      // (axe needs JavaScript in the page: the start page is checked with it in the tests above.)

      await page.goBack();
      await page.waitForLoadState('load');
      assert.equal(new URL(page.url()).pathname, '/zelftest/uitslag');
      const main = (await page.locator('main').textContent()) ?? '';
      assert.ok(main.includes(ui.noResult.nl), 'the result is gone');
      assert.ok(!main.includes(resultTexts.urgent.title.nl) && !main.includes(helpLabels.debt_counselling.nl), 'nothing of it is shown');
    } finally {
      await context.close();
    }
  });
});
