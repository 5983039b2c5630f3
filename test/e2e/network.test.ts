/**
 * The network around the referrals in a real browser against the real app (in-memory PGlite, Twente
 * demo data): the team coordinator of Wijkteam Hengelo-Noord drafts a collaboration agreement with
 * Huisartsenpraktijk De Esch; the practice manager confirms it; the team coordinator plans a visit
 * to De Esch and records it; the doctor's assistant books a slot of the team member's on-site hours
 * from a referral with "Kennismaking in de praktijk", and the team member finds it in her iCalendar
 * feed; the regional coordinator sees all of it on /netwerk. Every page visited is checked with axe.
 *
 * The tests in this file build on each other (one server, one story), so they run in order.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server.ts';
import { testConfig } from '../../src/platform/config.ts';
import { DEMO_PASSWORD } from '../../src/demo/seed-demo.ts';
import { amsterdamToday } from '../../src/platform/dates.ts';
import { dutchDate } from '../../src/referrals/labels.ts';
import { sendReferral } from '../../src/referrals/send-referral.ts';
import { checkReferralRoute } from '../../src/referrals/check-referral-route.ts';
import { closeBrowser, expectNoAxeViolations, follow, launchBrowser, newPage, signIn } from '../support/browser.ts';

const TEAM_ADMIN = 'teamcoordinator@demo.kortelijn.nl';
const TEAM_MEMBER = 'schuldhulp@demo.kortelijn.nl';
const PRACTICE_MANAGER = 'praktijkmanager@demo.kortelijn.nl';
const ASSISTANT = 'assistent@demo.kortelijn.nl';
const COORDINATOR = 'aanjager@demo.kortelijn.nl';
const PRACTICE = 'Huisartsenpraktijk De Esch';
const TEAM = 'Wijkteam Hengelo-Noord';

let server: RunningServer;
let browser: Browser;
const people: Record<string, { context: BrowserContext; page: Page }> = {};
const story: { agreementPath?: string; referralId?: string; reference?: string } = {};

before(async () => {
  [server, browser] = await Promise.all([startServer(testConfig({ seedDemo: true, port: 0 })), launchBrowser()]);
});

after(async () => {
  for (const p of Object.values(people)) await p.context.close();
  await closeBrowser(browser);
  await server?.close();
});

async function as(email: string): Promise<Page> {
  if (!people[email]) {
    people[email] = await newPage(browser);
    assert.equal(await signIn(people[email].page, server.url, email, DEMO_PASSWORD, server.services.db), 'home');
  }
  return people[email].page;
}

const menu = (page: Page) => page.getByRole('navigation', { name: 'Hoofdmenu' });
const pathOf = (page: Page) => new URL(page.url()).pathname;

async function heading(page: Page): Promise<string> {
  return ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();
}

describe('the network that keeps the short line short', () => {
  test('the team coordinator drafts an agreement with De Esch: a proposal for the practice to confirm', async () => {
    const page = await as(TEAM_ADMIN);
    await follow(page, menu(page).getByRole('link', { name: 'Afspraken', exact: true }));
    assert.equal(await heading(page), 'Samenwerkingsafspraken');
    await expectNoAxeViolations(page, '/afspraken as the team coordinator');
    await follow(page, page.getByRole('link', { name: 'Nieuwe afspraak opstellen' }));
    await page.getByLabel('Met welke praktijk?').selectOption({ label: PRACTICE });
    await expectNoAxeViolations(page, 'choosing the practice');
    await follow(page, page.getByRole('button', { name: 'Verder' }));
    assert.match(await heading(page), new RegExp(`${PRACTICE} – ${TEAM}`));
    await page.getByLabel('Eerste contact met de patiënt binnen … werkdagen').fill('2');
    await page.getByLabel('Vaste contactpersoon van het team').selectOption({ label: 'Ricardo Wolters · Wijkcoach geldzaken · 06 1234 5606' });
    await page.getByLabel('Wanneer kan de praktijk bellen?').fill('dinsdag en donderdag 8.30–9.30 uur');
    await page.getByLabel('Kennismaking in de praktijk').check();
    await page.getByLabel('Hoe legt de praktijk de toestemming van de patiënt vast?').fill('Mondeling, vastgelegd in Korte Lijn.');
    await page.getByLabel('Hoe en wanneer krijgt de praktijk terugkoppeling?').fill('Na het eerste gesprek, via Korte Lijn.');
    await expectNoAxeViolations(page, 'the agreement form');
    await follow(page, page.getByRole('button', { name: 'Voorstel opslaan en voorleggen aan de praktijk' }));
    assert.match(pathOf(page), /^\/afspraken\/[0-9a-f-]{36}$/);
    assert.ok(await page.getByText('Concept: wacht op bevestiging van de praktijk').first().isVisible());
    story.agreementPath = pathOf(page);
    await expectNoAxeViolations(page, 'the drafted agreement');
  });

  test('the practice manager confirms the agreement and names the practice’s contact', async () => {
    const page = await as(PRACTICE_MANAGER);
    await page.goto(`${server.url}/meldingen`);
    await follow(page, page.getByRole('link', { name: 'Er ligt een samenwerkingsafspraak klaar. Wilt u die bevestigen?' }).first());
    assert.equal(pathOf(page), story.agreementPath);
    await expectNoAxeViolations(page, 'the agreement to confirm');
    await page.getByLabel('Vaste contactpersoon van de praktijk').fill('Mark Jansen');
    await page.getByLabel('Direct telefoonnummer').fill('053 000 0001');
    await follow(page, page.getByRole('button', { name: 'Afspraak bevestigen' }));
    assert.ok(await page.getByText('De afspraak is bevestigd en geldt vanaf nu.').isVisible());
    assert.ok(await page.getByText('Afgesproken', { exact: true }).first().isVisible());
    await expectNoAxeViolations(page, 'the confirmed agreement');
    await page.goto(`${server.url}/vaste-contactpersonen`);
    const hengelo = page.locator('.kl-card').filter({ hasText: TEAM });
    assert.equal(((await hengelo.getByTestId('fixed-contact-name').textContent()) ?? '').trim(), 'Ricardo Wolters');
    await expectNoAxeViolations(page, '/vaste-contactpersonen');
  });

  test('the team coordinator plans a visit to De Esch in the shared calendar and records it', async () => {
    const page = await as(TEAM_ADMIN);
    await follow(page, menu(page).getByRole('link', { name: 'Bezoeken' }));
    await expectNoAxeViolations(page, '/bezoeken');
    await follow(page, page.getByRole('link', { name: PRACTICE }));
    await expectNoAxeViolations(page, 'the practice calendar');
    await page.getByLabel('Datum', { exact: true }).fill(dutchDate(amsterdamToday()));
    await follow(page, page.getByRole('button', { name: 'Bezoek plannen' }));
    assert.ok(await page.getByText('Het bezoek is gepland.').isVisible());
    await expectNoAxeViolations(page, 'the planned visit');
    await page.getByLabel('Routes en afspraken doorgenomen').check();
    await page.getByLabel('Afspraak 1', { exact: true }).fill('Nieuwe kaartjes brengen');
    await page.getByLabel('Eigenaar van afspraak 1').fill('Peter Bakker');
    await follow(page, page.getByRole('button', { name: 'Bezoek vastleggen' }));
    assert.equal(((await page.getByTestId('visit-status').textContent()) ?? '').trim(), 'Geweest');
    assert.ok(await page.getByRole('cell', { name: 'Nieuwe kaartjes brengen', exact: true }).isVisible(), 'the follow-up with its owner');
    await expectNoAxeViolations(page, 'the recorded visit');
  });

  test('the assistant books a slot of the on-site hours from a referral, and it lands in the team member’s agenda feed', async () => {
    const db = server.services.db;
    const assistant = await db.selectFrom('users').selectAll().where('email', '=', ASSISTANT).executeTakeFirstOrThrow();
    const ctx = {
      requestId: 'e2e',
      ip: '127.0.0.1',
      lang: 'nl' as const,
      log: server.services.log,
      actor: {
        userId: assistant.id,
        role: assistant.role,
        name: assistant.name,
        email: assistant.email,
        practiceId: assistant.practice_id,
        teamId: null,
        regionId: null,
      },
    };
    const route = await checkReferralRoute(db, ctx, { postcode: '7552 AB', houseNumber: '14', need: 'debt_counselling' });
    const sent = await sendReferral(
      db,
      ctx,
      {
        idempotency_key: randomBytes(24).toString('base64url'),
        patient_name: 'Noor Kennismaking',
        birth_date: '1984-02-11',
        phone: '06 5550 9876',
        email: null,
        postcode: '7552 AB',
        house_number: '14',
        preferred_language: 'Nederlands',
        best_time_to_call: 'ochtend',
        needs: ['debt_counselling'],
        question: 'Ik wil graag eerst kennismaken in de praktijk.',
        urgency_triggers: [],
        handover: 'meeting_at_practice',
        contact_channel: 'phone',
        recipientTeamId: route.teamId,
        consent: { given: true, method: 'verbal', feedbackAllowed: true },
      },
      server.url,
    );
    story.referralId = sent.id;
    story.reference = sent.reference;

    const page = await as(ASSISTANT);
    await page.goto(`${server.url}/verwijzingen/${sent.id}`);
    assert.ok(await page.getByTestId('agreement-summary').isVisible(), 'the referral shows the agreement just confirmed');
    assert.equal(((await page.getByTestId('agreement-team-contact').textContent()) ?? '').trim(), 'Ricardo Wolters');
    await follow(page, page.getByRole('link', { name: 'Tijdstip kiezen in het spreekuur van het team' }));
    await expectNoAxeViolations(page, 'choosing a slot');
    await follow(page, page.getByRole('button', { name: 'Dit tijdstip plannen' }));
    assert.ok(await page.getByText('De kennismaking is gepland.').isVisible());
    await expectNoAxeViolations(page, 'the booked slot');
    await page.goto(`${server.url}/verwijzingen/${sent.id}`);
    assert.match((await page.getByTestId('planned-conversation').textContent()) ?? '', /De Esch/);
    await expectNoAxeViolations(page, 'the referral with the planned conversation');

    const member = await as(TEAM_MEMBER);
    await member.goto(`${server.url}/agenda`);
    await expectNoAxeViolations(member, '/agenda');
    await follow(member, member.getByRole('button', { name: 'Adres maken' }));
    const url = ((await member.getByTestId('feed-url').textContent()) ?? '').trim();
    await expectNoAxeViolations(member, '/agenda with the new address');
    const feed = await (await fetch(url.replace(/^https?:\/\/[^/]+/, server.url))).text();
    assert.match(feed, new RegExp(`Kennismaking in de praktijk \\(${sent.reference}\\)`));
    assert.doesNotMatch(feed, /Noor Kennismaking/, 'no patient data in the feed');
  });

  test('the regional coordinator sees it all on /netwerk: the agreement, the visit and the on-site hours', async () => {
    const page = await as(COORDINATOR);
    await follow(page, menu(page).getByRole('link', { name: 'Netwerk' }));
    assert.equal(await heading(page), 'Netwerk van de regio');
    const card = page.getByTestId('network-practice').filter({ hasText: PRACTICE });
    const text = (await card.textContent()) ?? '';
    assert.match(text, new RegExp(`${TEAM}: Afgesproken`));
    assert.match(text, /Ricardo Wolters/);
    assert.match(text, new RegExp(`Laatste bezoek${dutchDate(amsterdamToday())}`));
    assert.match(text, /Dinsdag 09:00–12:00 \(Fatma Yilmaz/);
    assert.doesNotMatch(text, /Noor Kennismaking/);
    await expectNoAxeViolations(page, '/netwerk');
    await follow(page, card.getByRole('link', { name: PRACTICE }));
    assert.ok(await page.getByTestId('checklist-visit_held').getByText('Gedaan:').isVisible());
    await follow(page, page.getByRole('button', { name: /^Afvinken – Materialen vernieuwd/ }));
    assert.ok(await page.getByText('De jaarlijst is bijgewerkt.').isVisible());
    await expectNoAxeViolations(page, 'the practice’s yearly checklist');
  });
});
