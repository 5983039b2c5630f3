/**
 * The closed loop in a real browser against the real app (in-memory PGlite, Twente demo data, a
 * real SMTP server in this process): the doctor's assistant of Huisartsenpraktijk De Esch
 * (Enschede) refers a patient who lives in Hengelo (7552) with an eviction threat; the page shows
 * Wijkteam Hengelo-Noord before sending; the team member finds it in the inbox with a due date 3
 * working days out, accepts it, records contact and the first conversation, and closes it with
 * feedback; the assistant reads that feedback under "Mijn verwijzingen". The team's mail says only
 * "there is something for you". Every page visited is checked with axe; every read of the
 * patient's data left an audit entry, and the practice manager prints that as the access report.
 *
 * The tests in this file build on each other (one server, one story), so they run in order.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { startServer, type RunningServer } from '../../src/server.ts';
import { testConfig } from '../../src/platform/config.ts';
import { createLogger } from '../../src/platform/log.ts';
import { deliverPendingMail } from '../../src/platform/mail/outbox.ts';
import { DEMO_PASSWORD } from '../../src/demo/seed-demo.ts';
import { addWorkingDays } from '../../src/referrals/due-dates.ts';
import { amsterdamToday } from '../../src/platform/dates.ts';
import { dutchDate } from '../../src/referrals/labels.ts';
import { closeBrowser, expectNoAxeViolations, follow, launchBrowser, newPage, signIn } from '../support/browser.ts';

const ASSISTANT = 'assistent@demo.kortelijn.nl';
const TEAM_MEMBER = 'schuldhulp@demo.kortelijn.nl';
const PRACTICE_MANAGER = 'praktijkmanager@demo.kortelijn.nl';
const PATIENT = {
  name: 'Willemijn Vrolijk',
  birthDate: '14-08-1979',
  phone: '06 5550 1234',
  postcode: '7552 AB',
  houseNumber: '14',
  question: 'Ik heb een brief van de deurwaarder en durf de post niet meer open te maken.',
};
const FEEDBACK = 'Eerste gesprek gevoerd, budgetcoach gekoppeld.';

interface ReceivedMail {
  to: string[];
  raw: string;
}

let smtp: SMTPServer;
const mailbox: ReceivedMail[] = [];
let server: RunningServer;
let browser: Browser;
let assistant: { context: BrowserContext; page: Page };
let teamMember: { context: BrowserContext; page: Page };
const story: { referralPath?: string; reference?: string } = {};

async function startSmtp(): Promise<number> {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (raw += chunk));
      stream.on('end', () => {
        mailbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  return (smtp.server.address() as AddressInfo).port;
}

before(async () => {
  const port = await startSmtp();
  [server, browser] = await Promise.all([startServer(testConfig({ seedDemo: true, port: 0, smtpUrl: `smtp://127.0.0.1:${port}` })), launchBrowser()]);
  assistant = await newPage(browser);
  teamMember = await newPage(browser);
});

after(async () => {
  await assistant?.context.close();
  await teamMember?.context.close();
  await closeBrowser(browser);
  await server?.close();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
});

function mainMenu(page: Page) {
  return page.getByRole('navigation', { name: 'Hoofdmenu' });
}

async function heading(page: Page): Promise<string> {
  const h1 = page.getByRole('heading', { level: 1 });
  await h1.waitFor();
  return ((await h1.textContent()) ?? '').trim();
}

async function referralId(): Promise<string> {
  return story.referralPath!.split('/').pop()!;
}

describe('a referral from a GP practice in Enschede reaches the team of a patient in Hengelo, and the practice hears back', () => {
  test('the assistant fills in the referral; as soon as the address is in, the page shows Wijkteam Hengelo-Noord and its contact before anything is sent', async () => {
    const { page } = assistant;
    assert.equal(await signIn(page, server.url, ASSISTANT, DEMO_PASSWORD, server.services.db), 'home');
    await follow(page, mainMenu(page).getByRole('link', { name: 'Nieuwe verwijzing' }));
    assert.equal(await heading(page), 'Nieuwe verwijzing');
    await expectNoAxeViolations(page, 'the empty referral form');

    await page.getByLabel('Naam', { exact: true }).fill(PATIENT.name);
    await page.getByLabel('Geboortedatum').fill(PATIENT.birthDate);
    await page.getByLabel('Telefoonnummer').fill(PATIENT.phone);
    await page.getByLabel('Postcode', { exact: true }).fill(PATIENT.postcode);
    await page.getByLabel('Huisnummer', { exact: true }).fill(PATIENT.houseNumber);
    await page.getByLabel('Beste moment om te bellen').fill('ochtend');
    await page.getByRole('checkbox', { name: 'Schuldhulpverlening' }).check();
    await page.getByLabel(/Wat viel op/).fill(PATIENT.question);
    await page.getByRole('checkbox', { name: 'Dreigende huisuitzetting' }).check();
    await page.getByRole('radio', { name: 'Samen bellen vanuit de praktijk' }).check();
    await page.getByRole('radio', { name: 'Telefoon', exact: true }).check();
    // One page: no "Controleren" step with JavaScript (one-page-referral.test.ts); the review is there already.
    await page.getByRole('checkbox', { name: 'De patiënt geeft toestemming om deze gegevens te delen met Wijkteam Hengelo-Noord' }).waitFor();

    assert.equal(
      (await page.getByTestId('route-explanation').textContent())?.trim(),
      '7552 AB ligt in Hengelo, wijk Noord. De verwijzing gaat naar Wijkteam Hengelo-Noord.',
    );
    const route = page.getByRole('region', { name: 'Naar dit team gaat de verwijzing' });
    assert.match((await route.textContent()) ?? '', /Wijkteam Hengelo-Noord/);
    assert.match((await route.textContent()) ?? '', /074 245 0000/);
    assert.match((await route.textContent()) ?? '', /Ricardo Wolters/, 'the fixed contact from the social map');
    const consentBox = page.getByRole('checkbox', { name: 'De patiënt geeft toestemming om deze gegevens te delen met Wijkteam Hengelo-Noord' });
    assert.ok(await consentBox.isVisible());
    // WCAG 2.5.8 Target Size: every box and round button is at least 24 × 24 px, not the browser's 13 px.
    for (const target of [consentBox, page.getByRole('checkbox', { name: 'Schuldhulpverlening' }), page.getByRole('radio', { name: 'Mondeling' })]) {
      const box = await target.boundingBox();
      assert.ok(box && box.width >= 24 && box.height >= 24, `${JSON.stringify(box)} is at least 24 × 24 px`);
    }
    assert.equal(await page.getByLabel('Naam', { exact: true }).inputValue(), PATIENT.name, 'what was typed is kept');
    await expectNoAxeViolations(page, 'the checked referral form with route and consent');
    const sent = await server.services.db.selectFrom('referrals').select('id').where('patient_name', '=', PATIENT.name).execute();
    assert.equal(sent.length, 0, 'checking sends nothing');
  });

  test('without consent it cannot be sent, and the page offers the team’s contact card for the patient', async () => {
    const { page } = assistant;
    assert.equal(await follow(page, page.getByRole('button', { name: 'Versturen', exact: true })), 422);
    assert.match((await page.getByRole('alert').first().textContent()) ?? '', /Zonder toestemming van de patiënt kan de verwijzing niet worden verstuurd/);
    assert.ok(await page.getByRole('link', { name: 'Contactgegevens van het team afdrukken voor de patiënt' }).isVisible());
    // The other way out: the link lands on the consent box, which says itself what is missing.
    await page.getByRole('link', { name: 'Toestemming vastleggen' }).click();
    const focused = await page.evaluate(() => ({ id: document.activeElement?.id, invalid: document.activeElement?.getAttribute('aria-invalid') }));
    assert.deepEqual(focused, { id: 'field-consent_given', invalid: 'true' });
    await expectNoAxeViolations(page, 'the referral form refused for lack of consent');
  });

  test('with consent recorded, “Versturen” sends it and shows the referral', async () => {
    const { page } = assistant;
    await page.getByRole('checkbox', { name: 'De patiënt geeft toestemming om deze gegevens te delen met Wijkteam Hengelo-Noord' }).check();
    await page.getByRole('radio', { name: 'Mondeling' }).check();
    await page.getByRole('group', { name: 'Mag het team de praktijk laten weten hoe het ging?' }).getByRole('radio', { name: 'Ja' }).check();
    assert.equal(await follow(page, page.getByRole('button', { name: 'Versturen', exact: true })), 200);
    assert.match(new URL(page.url()).pathname, /^\/verwijzingen\/[0-9a-f-]{36}$/);
    story.referralPath = new URL(page.url()).pathname;
    story.reference = (await heading(page)).replace('Verwijzing ', '');
    assert.match(story.reference, /^KL-[A-Z2-9]{6}$/);
    assert.match((await page.getByRole('status').first().textContent()) ?? '', /De verwijzing is verstuurd/);
    assert.equal((await page.getByTestId('referral-status').textContent())?.trim(), 'Verstuurd, nog niet geopend');
    await expectNoAxeViolations(page, 'the sent referral, as the practice sees it');
  });

  test('the team is told by mail that there is something new — without any patient data', async () => {
    const report = await deliverPendingMail(server.services.db, server.mailer, createLogger('silent'));
    assert.ok(report.sent >= 1, `mail delivered: ${JSON.stringify(report)}`);
    const deadline = Date.now() + 10_000;
    while (!mailbox.some((m) => m.to.includes(TEAM_MEMBER)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const mail = mailbox.find((m) => m.to.includes(TEAM_MEMBER));
    assert.ok(mail, `a mail arrived for ${TEAM_MEMBER}; got mail for ${mailbox.flatMap((m) => m.to).join(', ')}`);
    assert.match(mail.raw, /\/meldingen/);
    for (const secret of ['Willemijn', 'Vrolijk', '7552', '1979', '14-08', 'deurwaarder', '06 5550 1234']) {
      assert.ok(!mail.raw.includes(secret), `the mail contains ${secret}`);
    }
  });

  test('the team member finds it in the inbox with the first contact due in 3 working days, and opens it', async () => {
    const { page } = teamMember;
    assert.equal(await signIn(page, server.url, TEAM_MEMBER, DEMO_PASSWORD, server.services.db), 'home');
    await follow(page, mainMenu(page).getByRole('link', { name: 'Binnengekomen' }));
    assert.equal(await heading(page), 'Binnengekomen');
    const row = page.getByRole('table', { name: 'Verwijzingen: Nieuw' }).getByRole('row').filter({ hasText: story.reference! });
    const cells = (await row.getByRole('cell').allTextContents()).map((s) => s.trim());
    const due = dutchDate(addWorkingDays(amsterdamToday(), 3));
    assert.equal(cells[1], PATIENT.name);
    assert.match(cells[2] ?? '', /Schuldhulpverlening spoed/);
    assert.match(cells[5] ?? '', new RegExp(`^${due} · op tijd$`), `first contact due: ${cells[5]}`);
    assert.match(cells[6] ?? '', new RegExp(`^${due} · op tijd$`), 'eviction threatens: first conversation within 3 working days too');
    await expectNoAxeViolations(page, 'the team inbox');

    await follow(page, row.getByRole('link', { name: story.reference! }));
    assert.equal(new URL(page.url()).pathname, story.referralPath);
    assert.equal((await page.getByTestId('referral-status').textContent())?.trim(), 'Ontvangen door het team');
    const patient = (await page.getByRole('region', { name: 'Inwoner' }).textContent()) ?? '';
    for (const needed of [PATIENT.name, PATIENT.phone, '7552 AB 14', 'ochtend', 'Samen bellen vanuit de praktijk'])
      assert.ok(patient.includes(needed), `shows ${needed}`);
    assert.match((await page.getByRole('region', { name: 'Soort hulp' }).textContent()) ?? '', /Dreigende huisuitzetting/);
    await expectNoAxeViolations(page, 'the referral, as the holding team sees it');
  });

  test('the team member accepts it (assigned to herself), records first contact and the first conversation, and closes it with feedback', async () => {
    const { page } = teamMember;
    const accept = page.getByRole('group', { name: 'Aannemen en toewijzen' });
    assert.equal(await accept.getByLabel('Wie pakt het op?').locator('option:checked').textContent(), 'Fatma Yilmaz');
    assert.equal(await follow(page, accept.getByRole('button', { name: 'Aannemen' })), 200);
    assert.equal((await page.getByTestId('referral-status').textContent())?.trim(), 'Aangenomen');

    assert.equal(
      await follow(page, page.getByRole('group', { name: 'Eerste contact vastleggen' }).getByRole('button', { name: 'Eerste contact vastleggen' })),
      200,
    );
    assert.equal((await page.getByTestId('referral-status').textContent())?.trim(), 'Contact gelegd, hulp loopt');
    assert.equal(
      await follow(page, page.getByRole('group', { name: 'Eerste gesprek vastleggen' }).getByRole('button', { name: 'Eerste gesprek vastleggen' })),
      200,
    );
    await expectNoAxeViolations(page, 'the referral in progress');

    const close = page.getByRole('group', { name: 'Afsluiten met uitkomst' });
    await close.getByRole('radio', { name: 'Hulptraject gestart' }).check();
    await close.getByLabel('Terugkoppeling voor de praktijk').fill(FEEDBACK);
    assert.equal(await follow(page, close.getByRole('button', { name: 'Afsluiten' })), 200);
    assert.equal((await page.getByTestId('referral-status').textContent())?.trim(), 'Afgesloten');
    await expectNoAxeViolations(page, 'the closed referral, as the team sees it');
  });

  test('the assistant sees the team’s feedback under “Mijn verwijzingen”', async () => {
    const { page } = assistant;
    await follow(page, mainMenu(page).getByRole('link', { name: 'Mijn verwijzingen' }));
    assert.equal(await heading(page), 'Mijn verwijzingen');
    const row = page.getByRole('table', { name: 'Verwijzingen van uw praktijk, nieuwste eerst' }).getByRole('row').filter({ hasText: story.reference! });
    const cells = (await row.getByRole('cell').allTextContents()).map((s) => s.trim());
    assert.equal(cells[1], PATIENT.name);
    assert.equal(cells[2], 'Wijkteam Hengelo-Noord');
    assert.equal(cells[3], 'Afgesloten');
    assert.equal(cells[6], `Hulptraject gestart: ${FEEDBACK}`);
    await expectNoAxeViolations(page, 'the practice’s referral list');

    await follow(page, row.getByRole('link', { name: story.reference! }));
    assert.equal((await page.getByTestId('referral-feedback').textContent())?.trim(), FEEDBACK);
    await expectNoAxeViolations(page, 'the closed referral, as the practice sees it');
  });

  test('every read of the patient’s data left an audit entry naming who read it', async () => {
    const db = server.services.db;
    const id = await referralId();
    const users = await db.selectFrom('users').select(['id', 'email']).where('email', 'in', [ASSISTANT, TEAM_MEMBER]).execute();
    const idOf = (email: string) => users.find((u) => u.email === email)!.id;
    const reads = await db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'actor_role'])
      .where('action', '=', 'referral.read')
      .where('patient_ref', '=', id)
      .execute();
    assert.ok(
      reads.some((r) => r.actor_user_id === idOf(ASSISTANT) && r.actor_role === 'practice_staff'),
      'the assistant’s reads',
    );
    assert.ok(
      reads.some((r) => r.actor_user_id === idOf(TEAM_MEMBER) && r.actor_role === 'team_member'),
      'the team member’s reads',
    );
    // Every page that showed the referral to someone (after sending, 4 team actions, the practice's last look).
    assert.ok(reads.length >= 7, `${reads.length} reads audited`);
    const lists = await db.selectFrom('audit_log').select(['actor_user_id', 'patient_refs']).where('action', '=', 'referral.list_read').execute();
    for (const email of [ASSISTANT, TEAM_MEMBER]) {
      assert.ok(
        lists.some((l) => l.actor_user_id === idOf(email) && l.patient_refs.includes(id)),
        `${email}'s list read names the referral`,
      );
    }
    const changes = await db
      .selectFrom('audit_log')
      .select('action')
      .where('patient_ref', '=', id)
      .where('action', 'in', [
        'referral.created',
        'referral.received',
        'referral.accepted',
        'referral.first_contact',
        'referral.first_conversation',
        'referral.closed',
      ])
      .execute();
    assert.equal(new Set(changes.map((c) => c.action)).size, 6);
  });

  test('the practice manager prints who looked at the patient’s data: the access report passes axe and prints without the menus', async () => {
    const manager = await newPage(browser);
    try {
      const { page } = manager;
      assert.equal(await signIn(page, server.url, PRACTICE_MANAGER, DEMO_PASSWORD, server.services.db), 'home');
      await page.goto(`${server.url}${story.referralPath!}`);
      await follow(page, page.getByRole('link', { name: 'Toegangsverslag van deze verwijzing' }));
      assert.match(await heading(page), /^Toegangsverslag verwijzing /);
      const table = page.getByRole('table', { name: /Wie de gegevens bekeek of veranderde/ });
      const text = (await table.textContent()) ?? '';
      for (const expected of ['Lijst met verwijzingen bekeken', 'Verwijzing bekeken', 'Verwijzing aangenomen en toegewezen', 'Verwijzing afgesloten']) {
        assert.ok(text.includes(expected), expected);
      }
      await expectNoAxeViolations(page, 'the access report');
      await page.emulateMedia({ media: 'print' });
      assert.equal(await mainMenu(page).isVisible(), false, 'no menu on paper');
      assert.equal(await table.isVisible(), true, 'the report itself is printed');
    } finally {
      await manager.context.close();
    }
  });
});
