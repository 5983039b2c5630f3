/**
 * The FHIR closed loop seen by the practice in a real browser (Debian Chromium, the real server over
 * HTTP, Twente demo data): the practice's HIS posts a transaction Bundle with its API token, the
 * team's case system works the Task to completion with its own token, and the doctor's assistant
 * reads the team's feedback on the referral page — at desktop and phone width, checked with axe.
 * Then the HIS starts a draft and the assistant opens its link: the new-referral page, prefilled.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server.ts';
import { testConfig } from '../../src/platform/config.ts';
import { DEMO_PASSWORD } from '../../src/demo/seed-demo.ts';
import { createApiToken } from '../../src/interop/hsds/create-api-token.ts';
import { systems, extensions } from '../../src/interop/fhir/terminology.ts';
import { testContext } from '../support/databases.ts';
import { closeBrowser, expectNoAxeViolations, launchBrowser, newPage, signIn } from '../support/browser.ts';

const ASSISTANT = 'assistent@demo.kortelijn.nl';
const TEAM_MEMBER = 'schuldhulp@demo.kortelijn.nl';
const FEEDBACK = 'Eerste gesprek gevoerd via het HIS-koppelvlak, budgetcoach gekoppeld.';

let server: RunningServer;
let browser: Browser;
let assistant: { context: BrowserContext; page: Page };
const tokens: { his?: string; caseSystem?: string } = {};
const story: { referralId?: string; reference?: string } = {};

before(async () => {
  [server, browser] = await Promise.all([startServer(testConfig({ seedDemo: true, port: 0 })), launchBrowser()]);
  const db = server.database.db;
  tokens.his = (await createApiToken(db, testContext(), { email: ASSISTANT, label: 'HIS' })).token;
  tokens.caseSystem = (await createApiToken(db, testContext(), { email: TEAM_MEMBER, label: 'regiesysteem' })).token;
  assistant = await newPage(browser);
});

after(async () => {
  await assistant?.context.close();
  await closeBrowser(browser);
  await server?.close();
});

async function fhir(method: string, path: string, token: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown>; headers: Headers }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/fhir+json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

const patient = {
  resourceType: 'Patient',
  name: [{ text: 'Herman Koppelaar' }],
  birthDate: '1966-02-11',
  telecom: [{ system: 'phone', value: '06 5550 9876' }],
  address: [{ postalCode: '7552 AB', line: ['Esstraat 9'] }],
};

describe('the FHIR closed loop, as the practice sees it', () => {
  test('the HIS sends the referral and the team’s case system completes it through Task updates', async () => {
    const db = server.database.db;
    const team = await db
      .selectFrom('users')
      .innerJoin('teams', 'teams.id', 'users.team_id')
      .select('teams.id')
      .where('users.email', '=', TEAM_MEMBER)
      .executeTakeFirstOrThrow();
    const sent = await fhir('POST', '/fhir', tokens.his!, {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        { resource: patient },
        {
          resource: {
            resourceType: 'ServiceRequest',
            status: 'active',
            intent: 'order',
            identifier: [{ system: 'urn:his:verwijzing', value: 'E2E-1' }],
            code: { coding: [{ system: systems.needs, code: 'debt_counselling' }] },
            subject: { reference: 'urn:uuid:patient' },
            note: [{ text: 'De huur is twee maanden achter.' }],
          },
        },
        {
          resource: {
            resourceType: 'Consent',
            status: 'active',
            extension: [
              { url: extensions.consentMethod, valueCode: 'verbal' },
              { url: extensions.feedbackAllowed, valueBoolean: true },
            ],
            provision: { actor: [{ reference: { reference: `Organization/${team.id}` } }] },
          },
        },
      ],
    });
    assert.equal(sent.status, 200, JSON.stringify(sent.json));
    const entries = sent.json['entry'] as Array<{ resource: { resourceType: string; id: string; identifier?: Array<{ value: string }> } }>;
    const serviceRequest = entries.find((e) => e.resource.resourceType === 'ServiceRequest')!.resource;
    story.referralId = serviceRequest.id;
    story.reference = serviceRequest.identifier![0]!.value;

    const polled = await fhir('GET', `/fhir/Task?owner=Organization/${team.id}&status=requested&_include=Task:patient`, tokens.caseSystem!);
    assert.ok((polled.json['entry'] as Array<{ resource: { id: string } }>).some((e) => e.resource.id === story.referralId));
    const put = (body: Record<string, unknown>) =>
      fhir('PUT', `/fhir/Task/${story.referralId}`, tokens.caseSystem!, { resourceType: 'Task', intent: 'order', ...body });
    assert.equal((await put({ status: 'requested', businessStatus: { coding: [{ system: systems.businessStatus, code: 'received' }] } })).status, 200);
    assert.equal((await put({ status: 'accepted' })).status, 200);
    assert.equal((await put({ status: 'in-progress' })).status, 200);
    const done = await put({
      status: 'completed',
      output: [{ type: { text: 'uitkomst' }, valueCodeableConcept: { coding: [{ system: systems.outcome, code: 'trajectory_started' }], text: FEEDBACK } }],
    });
    assert.equal(done.status, 200, JSON.stringify(done.json));
    assert.equal(done.json['status'], 'completed');
  });

  test('the assistant reads the team’s feedback on the referral page, at desktop and phone width', async () => {
    const { page } = assistant;
    await signIn(page, server.url, ASSISTANT, DEMO_PASSWORD, server.database.db);
    await page.goto(`${server.url}/verwijzingen/${story.referralId}`);
    await assert.doesNotReject(page.getByText(FEEDBACK).first().waitFor());
    assert.match((await page.locator('main').textContent()) ?? '', new RegExp(story.reference!));
    await expectNoAxeViolations(page, 'the practice’s referral page after a FHIR closed loop');
    await page.setViewportSize({ width: 375, height: 800 });
    await page.reload();
    await assert.doesNotReject(page.getByText(FEEDBACK).first().waitFor());
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    assert.equal(overflow, false, 'no sideways scrolling at 375 px');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  test('a draft from the HIS opens as the prefilled new-referral page; the assistant still confirms consent', async () => {
    const draft = await fhir('POST', '/fhir/ServiceRequest', tokens.his!, {
      resourceType: 'ServiceRequest',
      status: 'draft',
      intent: 'order',
      contained: [{ ...patient, id: 'patient', name: [{ text: 'Greet Concept' }] }],
      subject: { reference: '#patient' },
      code: { coding: [{ system: systems.needs, code: 'budget_coaching' }] },
      note: [{ text: 'Wil hulp bij het overzicht van de post.' }],
    });
    assert.equal(draft.status, 201, JSON.stringify(draft.json));
    // The link names PUBLIC_URL; this test server listens on a port of its own choosing.
    const link = new URL(draft.headers.get('location')!);
    const { page } = assistant;
    await page.goto(`${server.url}${link.pathname}${link.search}`);
    assert.equal(await page.getByLabel('Naam', { exact: false }).first().inputValue(), 'Greet Concept');
    assert.match(await page.locator('textarea').first().inputValue(), /overzicht van de post/);
    // Consent is never taken over from the HIS: the assistant asks the patient for the team the page names.
    assert.equal(await page.locator('input[name="consent_given"]:checked').count(), 0);
    await expectNoAxeViolations(page, 'the new-referral page prefilled from a HIS draft');
  });
});
