import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import { createRequire } from 'node:module';
import { getDocumentProxy } from 'unpdf';
import { forEachDatabase } from '../../test/support/databases.ts';
import { auditEntries } from '../../test/support/fixtures.ts';
import { testApp, type TestBrowser } from '../../test/support/http.ts';
import { insertConsent, insertReferral, signedInBrowser, TEST_PATIENT } from '../../test/support/referral-rows.ts';
import type { AppEnv } from '../platform/http/types.ts';
import type { Database } from '../platform/db/database.ts';
import { insertReferralWorld, type ReferralWorld } from '../referrals/test-fixture.ts';
import { qrModules } from './pdf-canvas.ts';
import { loadPracticeMaterials } from './load-practice-materials.ts';
import { cardContent } from './material-content.ts';

const PUBLIC_URL = 'https://kortelijn.test';
/** jsQR is a CommonJS module whose types declare an ES default export: loaded as Node loads it. */
const jsQR = createRequire(import.meta.url)('jsqr') as (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

/** The text of a PDF as a parsing library reads it: per item, with its position (x grows to the right). */
async function pdfItems(pdf: Uint8Array): Promise<Array<{ str: string; x: number; y: number }>> {
  const doc = await getDocumentProxy(pdf);
  const items: Array<{ str: string; x: number; y: number }> = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    for (const item of content.items)
      if ('str' in item && item.str.trim()) items.push({ str: item.str, x: item.transform[4] as number, y: item.transform[5] as number });
  }
  return items;
}

async function pdfText(pdf: Uint8Array): Promise<string> {
  return (await pdfItems(pdf)).map((i) => i.str).join(' ');
}

/** Decodes a QR matrix the way a phone camera would, from pixels (jsQR), 4 px a module with its quiet zone. */
function decodeQr(modules: boolean[][]): string | null {
  const scale = 4;
  const size = (modules.length + 8) * scale;
  const pixels = new Uint8ClampedArray(size * size * 4).fill(255);
  modules.forEach((row, r) =>
    row.forEach((dark, c) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy++)
        for (let dx = 0; dx < scale; dx++) {
          const at = (((r + 4) * scale + dy) * size + (c + 4) * scale + dx) * 4;
          pixels[at] = pixels[at + 1] = pixels[at + 2] = 0;
        }
    }),
  );
  return jsQR(pixels, size, size)?.data ?? null;
}

forEachDatabase('materials from live data', (db) => {
  let w: ReferralWorld;
  let app: Hono<AppEnv>;
  let serviceId: string;

  async function download(browser: TestBrowser, path: string): Promise<{ status: number; type: string | null; body: Uint8Array }> {
    const res = await app.request(path, { headers: { cookie: browser.cookieHeader } });
    return { status: res.status, type: res.headers.get('content-type'), body: new Uint8Array(await res.arrayBuffer()) };
  }

  async function insertSocialMap(database: Database) {
    const org = await database.selectFrom('teams').select('organisation_id').where('id', '=', w.hengelo).executeTakeFirstOrThrow();
    serviceId = (
      await database
        .insertInto('services')
        .values({
          organisation_id: org.organisation_id,
          team_id: w.hengelo,
          name: 'Schuldhulp Hengelo',
          phone: '074 111 1111',
          categories: ['debt_counselling', 'walk_in'],
          updated_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await database.insertInto('service_areas').values({ service_id: serviceId, municipality_code: 'GM0164' }).execute();
    const location = await database
      .insertInto('locations')
      .values({
        organisation_id: org.organisation_id,
        name: 'Wijkwijzer Hengelo-Noord',
        street: 'Marktstraat',
        house_number: '1',
        postcode: '7551 AA',
        city: 'Hengelo',
        is_walk_in: true,
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.insertInto('service_locations').values({ service_id: serviceId, location_id: location.id }).execute();
    await database
      .insertInto('schedules')
      .values(
        [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
          location_id: location.id,
          kind: 'walk_in' as const,
          weekday,
          opens_at: '09:00',
          closes_at: '12:00',
          note: null,
        })),
      )
      .execute();
  }

  before(async () => {
    w = await insertReferralWorld(db());
    app = testApp(db(), { publicUrl: PUBLIC_URL }).app;
    await db()
      .updateTable('organisations')
      .set({ postcode: '7552 AB', street: 'Esweg', house_number: '3', city: 'Hengelo' })
      .where('id', '=', w.practiceA)
      .execute();
    await insertSocialMap(db());
  });

  test('a phone number changed on the social map appears in the next PDF, the old one no longer', async () => {
    const staff = await signedInBrowser(app, db(), w.users.staffA);
    for (const path of [`/materialen/praktijk/${w.practiceA}/kaarten/pdf?taal=nl`, `/materialen/praktijk/${w.practiceA}/placemat/pdf?taal=nl`]) {
      const before = await download(staff, path);
      assert.equal(before.status, 200, path);
      assert.equal(before.type, 'application/pdf');
      assert.match(await pdfText(before.body), /074 111 1111/, path);
    }
    await db().updateTable('services').set({ phone: '074 999 2222' }).where('id', '=', serviceId).execute();
    for (const path of [`/materialen/praktijk/${w.practiceA}/kaarten/pdf?taal=nl`, `/materialen/praktijk/${w.practiceA}/placemat/pdf?taal=nl`]) {
      const text = await pdfText((await download(staff, path)).body);
      assert.match(text, /074 999 2222/, path);
      assert.doesNotMatch(text, /074 111 1111/, path);
    }
    await db().updateTable('services').set({ phone: '074 111 1111' }).where('id', '=', serviceId).execute();
  });

  test('the QR code leads to the live /hulp page of the practice’s postcode, and that page shows the help', async () => {
    const materials = await loadPracticeMaterials(db(), w.practiceA, PUBLIC_URL);
    const payload = cardContent(materials, 'nl').helpUrl;
    assert.equal(payload, `${PUBLIC_URL}/hulp?postcode=7552AB`);
    assert.equal(decodeQr(qrModules(payload)), payload, 'the matrix drawn on the card decodes to the address');
    const help = await app.request(new URL(payload).pathname + new URL(payload).search);
    assert.equal(help.status, 200);
    assert.match(await help.text(), /Schuldhulp Hengelo/);
    // The placemat prints the same address under its code.
    const staff = await signedInBrowser(app, db(), w.users.staffA);
    assert.match(await pdfText((await download(staff, `/materialen/praktijk/${w.practiceA}/placemat/pdf`)).body), /hulp\?postcode=7552AB/);
  });

  test('the cards come in Dutch, English, Turkish, Polish and Arabic, with their letters embedded and Arabic right to left', async () => {
    const staff = await signedInBrowser(app, db(), w.users.staffA);
    const expected: Record<string, RegExp> = {
      nl: /Zorgen over geld\? Hier kunt u terecht/,
      en: /Worried about money\?/,
      tr: /Para endişeniz mi var\? Buraya başvurabilirsiniz/,
      pl: /Martwisz się o pieniądze\? Tu znajdziesz pomoc/,
    };
    for (const [lang, title] of Object.entries(expected)) {
      const pdf = await download(staff, `/materialen/praktijk/${w.practiceA}/kaarten/pdf?taal=${lang}`);
      assert.equal(pdf.status, 200);
      assert.match(await pdfText(pdf.body), title, lang);
      const html = await staff.get(`/materialen/praktijk/${w.practiceA}/kaarten?taal=${lang}`);
      assert.equal(html.status, 200);
      assert.match(html.html, title);
    }
    const arabic = await pdfItems((await download(staff, `/materialen/praktijk/${w.practiceA}/kaarten/pdf?taal=ar`)).body);
    // The first words of the title, each read back in logical order, stand right to left on one line.
    const words = ['هل', 'لديك', 'مخاوف', 'بشأن'].map((word) => arabic.find((i) => i.str === word));
    assert.ok(
      words.every((i) => i !== undefined),
      `Arabic words found: ${arabic
        .slice(0, 12)
        .map((i) => i.str)
        .join(' | ')}`,
    );
    const [first, second, third] = words as Array<{ x: number; y: number }>;
    assert.ok(first!.x > second!.x && second!.x > third!.x, 'each next word stands to the left of the one before');
    assert.equal(first!.y, second!.y);
    const page = await staff.get(`/materialen/praktijk/${w.practiceA}/kaarten?taal=ar`);
    assert.match(page.html, /<html lang="ar" dir="rtl">/);
    const bad = await staff.get(`/materialen/praktijk/${w.practiceA}/kaarten?taal=xx`);
    assert.equal(bad.status, 400);
    assert.match(bad.html, /Deze taal hebben we niet/);
  });

  test('the hand-over card is made in the patient’s language for whoever may see the referral, and every print is audited', async () => {
    const referralId = await insertReferral(db(), { practiceId: w.practiceA, teamId: w.noord, preferred_language: 'Turks', first_contact_due: '2026-12-03' });
    await insertConsent(db(), referralId, w.noord, w.users.staffA.id);
    const staff = await signedInBrowser(app, db(), w.users.staffA);
    const detail = await staff.get(`/verwijzingen/${referralId}`);
    assert.match(detail.html, new RegExp(`href="/materialen/overdrachtskaart/${referralId}"`), 'the referral page offers the card');
    const card = await staff.get(`/materialen/overdrachtskaart/${referralId}`);
    assert.equal(card.status, 200);
    assert.match(card.html, /<html lang="tr"/);
    assert.match(card.html, /Bundan sonra ne olacak/);
    assert.match(card.html, /3 Aralık 2026/);
    assert.match(card.html, /074 245 0000/, 'the team’s own number');
    assert.doesNotMatch(card.html, new RegExp(TEST_PATIENT.patient_phone));
    const pdf = await download(staff, `/materialen/overdrachtskaart/${referralId}/pdf?taal=nl`);
    assert.equal(pdf.status, 200);
    const text = await pdfText(pdf.body);
    assert.match(text, /Zo gaat het verder/);
    assert.match(text, /3 december 2026/);
    assert.match(text, /074 245 0000/);
    const audited = (await auditEntries(db(), 'referral.handover_card')).filter((e) => e.subject_id === referralId);
    assert.equal(audited.length, 2);
    assert.ok(audited.every((e) => e.patient_ref === referralId));

    const otherPractice = await signedInBrowser(app, db(), w.users.staffB);
    assert.equal((await otherPractice.get(`/materialen/overdrachtskaart/${referralId}`)).status, 404);
    const team = await signedInBrowser(app, db(), w.users.noordMember);
    assert.equal((await team.get(`/materialen/overdrachtskaart/${referralId}`)).status, 403);
    assert.equal((await auditEntries(db(), 'referral.handover_card')).filter((e) => e.subject_id === referralId).length, 2);
  });

  test('a closed referral gets no hand-over card, with a clear message', async () => {
    const referralId = await insertReferral(db(), { practiceId: w.practiceA, teamId: w.noord, status: 'cancelled' });
    const staff = await signedInBrowser(app, db(), w.users.staffA);
    const res = await staff.get(`/materialen/overdrachtskaart/${referralId}`);
    assert.equal(res.status, 409);
    assert.match(res.html, /geen overdrachtskaart meer/);
  });

  test('the waiting-room screen opens with its secret address only: no cookie, no patient data, nothing from elsewhere; a new address or revoking ends the old one', async () => {
    await insertReferral(db(), { practiceId: w.practiceA, teamId: w.noord });
    const staff = await signedInBrowser(app, db(), w.users.staffA);
    await staff.get('/materialen');
    const made = await staff.post(`/materialen/praktijk/${w.practiceA}/wachtkamer`, {});
    assert.equal(made.status, 201);
    const url = /data-testid="screen-url">([^<]+)</.exec(made.html)?.[1];
    assert.ok(url?.startsWith(`${PUBLIC_URL}/wachtkamer/`), url);
    const path = new URL(url!).pathname;

    const screen = await app.request(path);
    assert.equal(screen.status, 200);
    assert.deepEqual(screen.headers.getSetCookie(), [], 'no cookie');
    const html = await screen.text();
    assert.match(html, /Wijkwijzer Hengelo-Noord/);
    assert.match(html, /09:00–12:00/);
    // Its one script (fetching the slides again every 5 minutes) is the app's own file.
    assert.deepEqual(
      [...html.matchAll(/<script([^>]*)>/g)].map((m) => /src="(\/assets\/screen-refresh\.[0-9a-f]{12}\.js)"/.test(m[1]!)),
      [true],
    );
    const script = await app.request(/src="(\/assets\/screen-refresh[^"]+)"/.exec(html)![1]!);
    assert.match(await script.text(), /setInterval\(refresh, FIVE_MINUTES\)/);
    for (const asset of [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!)) {
      const res = await app.request(asset);
      assert.equal(res.status, 200, asset);
      assert.deepEqual(res.headers.getSetCookie(), [], `${asset} sets no cookie`);
    }
    for (const value of [TEST_PATIENT.patient_name, TEST_PATIENT.patient_phone, TEST_PATIENT.patient_email, TEST_PATIENT.question])
      assert.ok(!html.includes(value), value);
    const addresses = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(addresses.length > 0);
    assert.ok(
      addresses.every((a) => a.startsWith('/')),
      `same-origin only: ${addresses.join(', ')}`,
    );

    const renewed = await staff.post(`/materialen/praktijk/${w.practiceA}/wachtkamer`, {});
    const newPath = new URL(/data-testid="screen-url">([^<]+)</.exec(renewed.html)![1]!).pathname;
    assert.equal((await app.request(path)).status, 404, 'the old address stops');
    assert.equal((await app.request(newPath)).status, 200);
    const revoked = await staff.post(`/materialen/praktijk/${w.practiceA}/wachtkamer/intrekken`, {});
    assert.equal(revoked.status, 303);
    assert.equal((await app.request(newPath)).status, 404, 'revoked');
    assert.equal((await app.request('/wachtkamer/not-a-secret')).status, 404);
    assert.equal((await auditEntries(db(), 'materials.screen_revoked')).length >= 1, true);
  });

  test('a team coordinator chooses a practice of the region; a practice elsewhere is not found', async () => {
    const coordinator = await signedInBrowser(app, db(), w.users.noordAdmin);
    const index = await coordinator.get('/materialen');
    assert.equal(index.status, 200);
    assert.match(index.html, new RegExp(`/materialen\\?praktijk=${w.practiceA}`));
    const chosen = await coordinator.get(`/materialen?praktijk=${w.practiceA}`);
    assert.match(chosen.html, new RegExp(`/materialen/praktijk/${w.practiceA}/placemat/pdf\\?taal=nl`));
    assert.doesNotMatch(chosen.html, /wachtkamer"/, 'only the practice manages its screen');
    const placemat = await download(coordinator, `/materialen/praktijk/${w.practiceA}/placemat/pdf?taal=en`);
    assert.equal(placemat.status, 200);
    assert.match(await pdfText(placemat.body), /Help with money worries/);
  });
});
