/**
 * Issue 12, figures that flow back into the work, in a real browser against the real app (in-memory
 * PGlite, Twente demo data): the team coordinator of Wijkteam Hengelo-Noord puts one of the team's
 * services on a waiting list; the doctor's assistant sees that on the social map's search results
 * (also at 375 px wide); the team declines a referral with the reason "no capacity", and the
 * assistant reads that reason on the referral page. Every page is checked with axe.
 *
 * The tests build on each other (one server, one story), so they run in order.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server.ts';
import { testConfig } from '../../src/platform/config.ts';
import { DEMO_PASSWORD } from '../../src/demo/seed-demo.ts';
import { sendReferral } from '../../src/referrals/send-referral.ts';
import { actorOf, testContext } from '../support/databases.ts';
import { closeBrowser, expectNoAxeViolations, follow, launchBrowser, newPage, signIn } from '../support/browser.ts';

const ASSISTANT = 'assistent@demo.kortelijn.nl';
const TEAM_COORDINATOR = 'teamcoordinator@demo.kortelijn.nl';
const TEAM_MEMBER = 'schuldhulp@demo.kortelijn.nl';

let server: RunningServer;
let browser: Browser;
const pages: Record<'assistant' | 'coordinator' | 'member', { context: BrowserContext; page: Page } | undefined> = {
  assistant: undefined,
  coordinator: undefined,
  member: undefined,
};
const story: { serviceId?: string; serviceName?: string; referralId?: string } = {};

before(async () => {
  [server, browser] = await Promise.all([startServer(testConfig({ seedDemo: true, port: 0 })), launchBrowser()]);
});

after(async () => {
  for (const open of Object.values(pages)) await open?.context.close();
  await closeBrowser(browser);
  await server?.close();
});

async function as(who: keyof typeof pages, email: string): Promise<Page> {
  if (!pages[who]) {
    pages[who] = await newPage(browser);
    assert.equal(await signIn(pages[who].page, server.url, email, DEMO_PASSWORD, server.services.db), 'home');
  }
  return pages[who].page;
}

const user = (email: string) => server.services.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();

describe('capacity on the social map and the reason for declining, seen by the practice', () => {
  test('the team coordinator puts a service of the team on a waiting list of 6 weeks', async () => {
    const coordinator = await user(TEAM_COORDINATOR);
    const service = await server.services.db
      .selectFrom('services')
      .select(['id', 'name'])
      .where('team_id', '=', coordinator.team_id!)
      .where('status', '=', 'active')
      .orderBy('name')
      .executeTakeFirstOrThrow();
    story.serviceId = service.id;
    story.serviceName = service.name;
    const page = await as('coordinator', TEAM_COORDINATOR);
    await page.goto(`${server.url}/sociale-kaart/diensten/${service.id}`);
    await expectNoAxeViolations(page, 'the service page with the capacity form');
    const form = page.getByRole('region', { name: 'Capaciteit doorgeven' });
    await form.getByRole('radio', { name: 'Wachtlijst' }).check();
    await form.getByLabel('Hoeveel weken wachten, ongeveer?').fill('6');
    assert.equal(await follow(page, form.getByRole('button', { name: 'Capaciteit opslaan' })), 200);
    assert.match((await page.locator('.kl-facts').first().textContent()) ?? '', /Wachtlijst: ongeveer 6 weken/);
  });

  test('the assistant sees the waiting list on the search results, also on a 375 px wide phone screen', async () => {
    const page = await as('assistant', ASSISTANT);
    await page.goto(`${server.url}/sociale-kaart?postcode=7552AB`);
    const result = page.getByRole('article', { name: story.serviceName! });
    await result.waitFor();
    assert.match((await result.textContent()) ?? '', /Capaciteit\s*Wachtlijst: ongeveer 6 weken \(bevestigd \d\d-\d\d-\d{4}\)/);
    await expectNoAxeViolations(page, 'the search results with capacity');
    await page.setViewportSize({ width: 375, height: 800 });
    await result.getByText(/Wachtlijst: ongeveer 6 weken/).scrollIntoViewIfNeeded();
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= 375, `no sideways scrolling at 375 px (page is ${scrollWidth} px wide)`);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  test('the team member declines a referral: the reason is required and chosen from the list', async () => {
    const assistant = await user(ASSISTANT);
    const coordinator = await user(TEAM_COORDINATOR);
    const sent = await sendReferral(
      server.services.db,
      testContext({ actor: actorOf(assistant) }),
      {
        idempotency_key: `e2e-capacity-${Date.now()}-abcdefghijklmnop`,
        patient_name: 'Gerrit Wachtlijst',
        birth_date: '1966-06-06',
        phone: '06 1111 2222',
        email: null,
        postcode: '7552 AB',
        house_number: '14',
        preferred_language: 'Nederlands',
        best_time_to_call: null,
        needs: ['debt_counselling'],
        question: 'Rekeningen stapelen zich op.',
        urgency_triggers: [],
        handover: 'team_contacts_patient',
        contact_channel: 'phone',
        recipientTeamId: coordinator.team_id!,
        consent: { given: true, method: 'verbal', feedbackAllowed: false },
      },
      server.url,
    );
    story.referralId = sent.id;
    const page = await as('member', TEAM_MEMBER);
    await page.goto(`${server.url}/verwijzingen/${sent.id}`);
    await page.locator('summary', { hasText: 'Afwijzen' }).click();
    const decline = page.getByRole('group', { name: 'Afwijzen' });
    await expectNoAxeViolations(page, 'the referral page with the decline form open');
    assert.equal(await follow(page, decline.getByRole('button', { name: 'Afwijzen' })), 422);
    assert.match((await page.getByRole('alert').first().textContent()) ?? '', /Kies waarom u de verwijzing afwijst\./);
    const again = page.getByRole('group', { name: 'Afwijzen' });
    await again.getByRole('radio', { name: 'Geen plek: wachtlijst of vol' }).check();
    await again.getByLabel('Toelichting').fill('Wachtlijst tot februari');
    assert.equal(await follow(page, again.getByRole('button', { name: 'Afwijzen' })), 200);
    assert.equal((await page.getByTestId('referral-status').textContent())?.trim(), 'Afgewezen door het team');
  });

  test('the assistant reads why the team declined, though the patient allowed no feedback', async () => {
    const page = await as('assistant', ASSISTANT);
    await page.goto(`${server.url}/verwijzingen/${story.referralId}`);
    assert.equal((await page.getByTestId('referral-reason').textContent())?.trim(), 'Geen plek: wachtlijst of vol');
    assert.equal(await page.getByText('Wachtlijst tot februari').count(), 0, 'the explanation is feedback the patient did not allow');
    await expectNoAxeViolations(page, 'the declined referral, practice side');
  });
});
