/**
 * The network around the referrals in a real browser against the real app (in-memory PGlite, Twente
 * demo data): the team coordinator of Wijkteam Hengelo-Noord drafts a collaboration agreement with
 * Huisartsenpraktijk De Esch; the practice manager confirms it; the team coordinator plans a visit
 * to De Esch and records it; the doctor's assistant books a slot of the team member's on-site hours
 * from a referral with "Kennismaking in de praktijk", and the team member finds it in her iCalendar
 * feed; the doctor's assistant plans an MDO with the team member, puts that referral on its agenda with
 * the patient's consent and records it as held with one action, which the team member finds on her
 * start page; the regional coordinator sees all of it on /netwerk, without a patient, organises a
 * network meeting that the team member signs up for, and sends the newsletter that the assistant
 * reads in the archive. Every page visited is checked with axe.
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
import { addDaysIso, amsterdamToday } from '../../src/platform/dates.ts';
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

  test('the assistant plans an MDO with the team, puts the referral on its agenda with consent and records it with one action', async () => {
    const page = await as(ASSISTANT);
    await follow(page, menu(page).getByRole('link', { name: 'MDO', exact: true }));
    await expectNoAxeViolations(page, '/mdo');
    await follow(page, page.getByRole('link', { name: `MDO plannen bij ${PRACTICE}` }));
    await expectNoAxeViolations(page, 'planning an MDO');
    await page.getByLabel('Datum', { exact: true }).fill(dutchDate(amsterdamToday()));
    await page.getByLabel('Tijd', { exact: true }).fill('16:00');
    await page.getByLabel(/^Plaats/).fill('Spreekkamer 2');
    await page.getByLabel(`Fatma Yilmaz (${TEAM})`).check();
    await follow(page, page.getByRole('button', { name: 'MDO plannen' }));
    assert.ok(await page.getByText('Het MDO is gepland.').isVisible());
    await expectNoAxeViolations(page, 'the planned MDO');
    const mdoPath = pathOf(page);

    await page.goto(`${server.url}/verwijzingen/${story.referralId}`);
    await follow(page, page.getByRole('link', { name: 'Bespreken in een MDO' }));
    await expectNoAxeViolations(page, 'putting the referral on an MDO’s agenda');
    await page.getByLabel('Mondeling').check();
    await page.getByLabel('De patiënt gaf toestemming om de verwijzing in een MDO te bespreken.').check();
    await follow(page, page.getByRole('button', { name: 'Op de agenda zetten' }));
    assert.equal(pathOf(page), mdoPath);
    assert.ok(await page.getByText('De verwijzing staat op de agenda van het MDO.').isVisible());
    assert.match((await page.getByTestId('mdo-case-patient').textContent()) ?? '', /Noor Kennismaking/, 'the practice sees who its case is about');

    await page.getByLabel(/^Afspraak bij casus 1/).fill('Eerst samen het budget op orde brengen.');
    await page.getByLabel('Actie 1', { exact: true }).fill('Budgetcoach inschakelen');
    await page.getByLabel('Eigenaar van actie 1').selectOption({ label: `Fatma Yilmaz (${TEAM})` });
    await page.getByLabel('Uiterlijk (actie 1)').fill(dutchDate(amsterdamToday()));
    await expectNoAxeViolations(page, 'recording the MDO');
    const viewport = page.viewportSize();
    await page.setViewportSize({ width: 375, height: 800 });
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 375, 'the MDO page with its form fits a 375 px phone');
    if (viewport) await page.setViewportSize(viewport);
    await follow(page, page.getByRole('button', { name: 'MDO vastleggen als gehouden' }));
    assert.equal(((await page.getByTestId('mdo-status').textContent()) ?? '').trim(), 'Gehouden');
    assert.ok(await page.getByRole('cell', { name: 'Budgetcoach inschakelen', exact: true }).isVisible());
    await expectNoAxeViolations(page, 'the held MDO');

    const member = await as(TEAM_MEMBER);
    await member.goto(`${server.url}/`);
    assert.match(
      (await member.locator('section[aria-labelledby="section-mdo-actions"]').textContent()) ?? '',
      /Budgetcoach inschakelen/,
      'the owner sees her action on the start page',
    );
    await expectNoAxeViolations(member, 'the start page with an MDO action');
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
    assert.match(text, new RegExp(`MDOlaatst gehouden ${dutchDate(amsterdamToday())} · 1 open actie`), 'the MDO held, with its open action');
    assert.doesNotMatch(text, /Noor Kennismaking/);
    await expectNoAxeViolations(page, '/netwerk');
    await follow(page, card.getByRole('link', { name: PRACTICE }));
    assert.ok(await page.getByTestId('checklist-visit_held').getByText('Gedaan:').isVisible());
    await follow(page, page.getByRole('button', { name: /^Afvinken – Materialen vernieuwd/ }));
    assert.ok(await page.getByText('De jaarlijst is bijgewerkt.').isVisible());
    await expectNoAxeViolations(page, 'the practice’s yearly checklist');
    await follow(page, page.getByRole('link', { name: 'Multidisciplinair overleg (MDO)' }));
    await follow(page, page.locator('main').getByRole('link', { name: /16:00/ }));
    assert.equal(((await page.getByTestId('mdo-status').textContent()) ?? '').trim(), 'Gehouden');
    assert.doesNotMatch((await page.locator('main').textContent()) ?? '', /Noor Kennismaking/, 'the coordinator sees the MDO, never the patient');
    await expectNoAxeViolations(page, 'the MDO as the regional coordinator');
  });

  test('the regional coordinator organises a network meeting with an invitation by mail, and the team member signs up', async () => {
    const page = await as(COORDINATOR);
    await follow(page, menu(page).getByRole('link', { name: 'Bijeenkomsten' }));
    await follow(page, page.getByRole('link', { name: 'Bijeenkomst organiseren' }));
    await expectNoAxeViolations(page, 'organising an event');
    await page.getByLabel('Netwerkbijeenkomst').check();
    await page.getByLabel('Naam', { exact: true }).fill('Netwerkavond Hengelo');
    await page.getByLabel('Datum', { exact: true }).fill(dutchDate(addDaysIso(amsterdamToday(), 14)));
    await page.getByLabel('Begint om').fill('19:00');
    await page.getByLabel('Eindigt om').fill('21:00');
    await page.getByLabel('Waar', { exact: true }).fill('Wijkcentrum De Kern');
    await follow(page, page.getByRole('button', { name: 'Bijeenkomst aanmaken en uitnodigen' }));
    assert.ok(await page.getByText('De bijeenkomst staat klaar.').isVisible());
    await expectNoAxeViolations(page, 'the new event');
    const eventId = pathOf(page).split('/').pop()!;
    const invitation = await server.services.db
      .selectFrom('outbox_mail')
      .select(['attachments'])
      .where('dedupe_key', 'like', `event-invitation:${eventId}:%`)
      .where('to_address', '=', TEAM_MEMBER)
      .executeTakeFirstOrThrow();
    assert.match(JSON.stringify(invitation.attachments), /BEGIN:VCALENDAR/, 'the invitation carries the event for the agenda');

    const member = await as(TEAM_MEMBER);
    await member.goto(`${server.url}/bijeenkomsten`);
    await expectNoAxeViolations(member, '/bijeenkomsten');
    await follow(member, member.getByRole('link', { name: 'Netwerkavond Hengelo' }));
    await follow(member, member.getByRole('button', { name: 'Aanmelden' }));
    assert.ok(await member.getByText('U bent aangemeld.').first().isVisible());
    await expectNoAxeViolations(member, 'signed up for the event');
  });

  test('the regional coordinator composes the newsletter from what changed, sends it, and the assistant reads it in the archive', async () => {
    const page = await as(COORDINATOR);
    await follow(page, menu(page).getByRole('link', { name: 'Nieuwsbrief' }));
    await expectNoAxeViolations(page, '/nieuwsbrief');
    await follow(page, page.getByRole('button', { name: 'Nieuwe nieuwsbrief samenstellen' }));
    assert.match(await page.getByLabel(/^Tekst/).inputValue(), /Netwerkavond Hengelo/, 'the coming event is in the draft');
    await expectNoAxeViolations(page, 'the newsletter draft');
    await page.getByLabel(/^Titel/).fill('Nieuwsbrief Twente, december');
    await follow(page, page.getByRole('button', { name: 'Opslaan' }));
    await follow(page, page.getByRole('button', { name: 'Versturen aan iedereen in de regio' }));
    assert.ok(await page.getByText('De nieuwsbrief is verstuurd.').isVisible());
    const mail = await server.services.db
      .selectFrom('outbox_mail')
      .select(['headers'])
      .where('subject', '=', 'Nieuwsbrief Twente, december')
      .where('to_address', '=', ASSISTANT)
      .executeTakeFirstOrThrow();
    assert.equal(mail.headers?.['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click');

    const assistant = await as(ASSISTANT);
    await assistant.goto(`${server.url}/nieuwsbrief`);
    await follow(assistant, assistant.getByRole('link', { name: 'Nieuwsbrief Twente, december' }));
    assert.ok(
      await assistant
        .getByText(/Netwerkavond Hengelo/)
        .first()
        .isVisible(),
    );
    await expectNoAxeViolations(assistant, 'a newsletter in the archive');
  });
});
