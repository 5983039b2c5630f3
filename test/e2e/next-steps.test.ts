/**
 * Pages that say what to do next (issue 11, section 5), in a real browser against the real app
 * (in-memory PGlite, Twente demo data, with its two demo referrals for Wijkteam Hengelo-Noord):
 * start pages with work, the team's referral page with the next step on top and the other forms
 * folded away, inbox search, a sent message confirmed where it was written, and checkboxes and
 * radio buttons before their label on every form (NL Design System order). Every page is checked
 * with axe.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server.ts';
import { testConfig } from '../../src/platform/config.ts';
import { DEMO_PASSWORD } from '../../src/demo/seed-demo.ts';
import { closeBrowser, expectNoAxeViolations, follow, launchBrowser, newPage, signIn } from '../support/browser.ts';

const ASSISTANT = 'assistent@demo.kortelijn.nl';
const TEAM_MEMBER = 'schuldhulp@demo.kortelijn.nl';
const COORDINATOR = 'teamcoordinator@demo.kortelijn.nl';
const ADMIN = 'beheer@demo.kortelijn.nl';

let server: RunningServer;
let browser: Browser;
const people = new Map<string, { context: BrowserContext; page: Page }>();

before(async () => {
  [server, browser] = await Promise.all([startServer(testConfig({ seedDemo: true, port: 0 })), launchBrowser()]);
});

after(async () => {
  for (const { context } of people.values()) await context.close();
  await closeBrowser(browser);
  await server?.close();
});

/** One signed-in page per person for the whole file (a TOTP code is accepted once). */
async function as(email: string): Promise<Page> {
  let person = people.get(email);
  if (!person) {
    person = await newPage(browser);
    await person.page.setViewportSize({ width: 1280, height: 900 });
    assert.equal(await signIn(person.page, server.url, email, DEMO_PASSWORD, server.services.db), 'home');
    people.set(email, person);
  }
  return person.page;
}

/** Each visible checkbox and radio button with its label: the box must stand left of the label's text. */
async function choicesAfterTheirBox(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const wrong: string[] = [];
    for (const input of Array.from(document.querySelectorAll<HTMLInputElement>('input[type="checkbox"], input[type="radio"]'))) {
      const box = input.getBoundingClientRect();
      if (box.width === 0 || !input.id) continue;
      const label = document.querySelector<HTMLLabelElement>(`label[for="${CSS.escape(input.id)}"]`);
      if (!label) continue;
      const text = label.getBoundingClientRect();
      if (box.right > text.left + 1) wrong.push(`${input.name}: box at ${Math.round(box.left)}, label at ${Math.round(text.left)}`);
    }
    return wrong;
  });
}

async function countChoices(page: Page): Promise<number> {
  return page.locator('input[type="checkbox"]:visible, input[type="radio"]:visible').count();
}

describe('pages that say what to do next', () => {
  test('the team’s start page shows the counts of its work and the next steps, not a copy of the menu', async () => {
    const page = await as(TEAM_MEMBER);
    await page.goto(server.url);
    assert.ok(await page.getByRole('heading', { name: 'Werk van uw team' }).isVisible());
    // The demo has two referrals for the team, not opened yet; one threatens a cut-off of energy.
    assert.equal(await page.getByTestId('count-new').textContent(), '2');
    assert.equal(await page.getByTestId('count-urgent').textContent(), '1');
    const steps = page.getByRole('table', { name: 'Verwijzingen voor u of nog voor niemand, de dringendste eerst' });
    assert.deepEqual(await steps.getByTestId('next-action').allTextContents(), ['Aannemen en toewijzen', 'Aannemen en toewijzen']);
    assert.equal(await page.getByRole('heading', { name: 'Wat wilt u doen?' }).count(), 0);
    assert.ok(!(await page.content()).includes('Karim Demo'), 'no names on the start page');
    await expectNoAxeViolations(page, 'the team’s start page');
  });

  test('the team’s referral page has the next step at the top and every other form folded away', async () => {
    const page = await as(TEAM_MEMBER);
    await page.goto(`${server.url}/inbox`);
    await follow(page, page.getByRole('row').filter({ hasText: 'Karim Demo' }).getByRole('link').first());
    const next = page.getByRole('group', { name: 'Aannemen en toewijzen' });
    const top = await next.boundingBox();
    assert.ok(top && top.y < 600, `the next step is at the top of the page (y = ${top?.y})`);
    const actions = page.locator('[data-action]');
    const folded = page.locator('details[data-action]');
    assert.equal(await folded.count(), (await actions.count()) - 1, 'one action open, the others folded');
    assert.equal(await page.locator('details[data-action][open]').count(), 0);
    await expectNoAxeViolations(page, 'the team’s referral page with folded actions');

    // Accepting makes first contact the next step, at the top again.
    assert.equal(await follow(page, next.getByRole('button', { name: 'Aannemen' })), 200);
    assert.ok(await page.getByRole('heading', { name: 'Volgende stap: Contact opnemen met de inwoner' }).isVisible());
    // A folded form opens with a click on its summary (no script needed).
    await page.locator('details[data-action="known"] summary').click();
    assert.ok(await page.getByRole('group', { name: 'Al bekend bij ons?' }).getByRole('radio', { name: 'Nee, nieuw' }).isVisible());
  });

  test('a message sent on a referral is confirmed where it was written', async () => {
    const page = await as(TEAM_MEMBER);
    await page.getByLabel(/Nieuw bericht/).fill('Ik bel morgen om 10 uur.');
    assert.equal(await follow(page, page.getByRole('button', { name: 'Bericht versturen' })), 200);
    const confirmation = page.getByText('Uw bericht is verstuurd. De ander krijgt een melding.');
    assert.ok(await confirmation.isVisible());
    const box = await confirmation.boundingBox();
    assert.ok(box && box.y >= 0 && box.y < 900, `the confirmation is in view (y = ${box?.y})`);
    await expectNoAxeViolations(page, 'the referral after sending a message');
  });

  test('the inbox finds a referral by name or KL number', async () => {
    const page = await as(TEAM_MEMBER);
    await page.goto(`${server.url}/inbox`);
    const search = page.getByRole('search', { name: 'Verwijzingen zoeken' });
    await search.getByLabel('Zoek op naam of KL-nummer').fill('voorbeeld');
    await follow(page, search.getByRole('button', { name: 'Zoeken' }));
    const found = page.getByRole('table', { name: 'Gevonden bij "voorbeeld", nieuwste eerst' });
    assert.deepEqual(
      (await found.getByRole('row').allTextContents()).slice(1).map((row) => row.includes('Ans Voorbeeld (demo)')),
      [true],
    );
    const reference = ((await found.getByRole('link').first().textContent()) ?? '').trim();
    await search.getByLabel('Zoek op naam of KL-nummer').fill(reference.toLowerCase());
    await follow(page, search.getByRole('button', { name: 'Zoeken' }));
    assert.equal(
      (
        await page
          .getByRole('table', { name: /Gevonden bij/ })
          .getByRole('link')
          .first()
          .textContent()
      )?.trim(),
      reference,
    );
    await expectNoAxeViolations(page, 'inbox search results');
  });

  test('the practice’s start page shows the feedback since the last visit and what waits on the team', async () => {
    const page = await as(ASSISTANT);
    await page.goto(server.url);
    assert.ok(await page.getByRole('heading', { name: 'Terugkoppeling sinds uw vorige bezoek' }).isVisible());
    const waiting = page.getByRole('table', { name: /langst wachtend eerst/ });
    assert.equal(await waiting.getByRole('row').count(), 3, 'a header and the two demo referrals');
    assert.ok(await page.getByRole('heading', { name: 'Wachten op het team (2)' }).isVisible());
    await expectNoAxeViolations(page, 'the practice’s start page');
  });

  test('checkboxes and radio buttons stand before their label on every form (NL Design System order)', async () => {
    const visit = async (page: Page, path: string, what: string, prepare?: (page: Page) => Promise<void>) => {
      await page.goto(`${server.url}${path}`);
      if (prepare) await prepare(page);
      assert.ok((await countChoices(page)) > 0, `${what} has choices`);
      assert.deepEqual(await choicesAfterTheirBox(page), [], what);
    };
    const assistant = await as(ASSISTANT);
    await visit(assistant, '/verwijzingen/nieuw', 'the referral form');
    await visit(assistant, '/verwijzingen/nieuw?postcode=7552AB&hulpvraag=debt_counselling', 'the referral form with its consent', async (page) => {
      await page.getByLabel('Huisnummer', { exact: true }).pressSequentially('14');
      await page.getByRole('checkbox', { name: /De patiënt geeft toestemming/ }).waitFor();
    });
    await visit(assistant, '/signalen', 'the signals aid');
    const team = await as(COORDINATOR);
    await team.goto(`${server.url}/inbox?tab=open`);
    const referral = await team.getByRole('table').getByRole('link').first().getAttribute('href');
    await visit(team, referral!, 'the team’s referral page, every action unfolded', async (page) => {
      await page.locator('details[data-action]').evaluateAll((all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    });
    await visit(team, '/sociale-kaart/beheer', 'the social map editor', async (page) => {
      await follow(page, page.getByRole('link', { name: /wijzigen/i }).first());
    });
    const admin = await as(ADMIN);
    await admin.goto(`${server.url}/beheer/gebruikers`);
    await follow(admin, admin.getByRole('table').getByRole('link').first());
    assert.deepEqual(await choicesAfterTheirBox(admin), [], 'the user page');
    const { context, page: resident } = await newPage(browser);
    try {
      await visit(resident, '/zelftest', 'the self-check');
    } finally {
      await context.close();
    }
  });
});
