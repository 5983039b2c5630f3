import { before, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDatabase, testContext } from '../../test/support/databases.ts';
import { createTenant, createTestUser } from '../../test/support/fixtures.ts';
import { TestBrowser, testApp } from '../../test/support/http.ts';
import { createSession } from '../platform/auth/sessions.ts';
import { seedDemo } from './seed-demo.ts';

/**
 * Finding help with the words people use, on the Twente demo data (issue #11 §4): an assistant
 * types what the patient said, a resident of Almelo sees the walk-in points of Almelo first.
 */
forEachDatabase('social map search: the words people use, on the Twente demo', (db) => {
  let browser: TestBrowser;
  before(async () => {
    await seedDemo(db(), testContext());
    const tenant = await createTenant(db());
    const user = await createTestUser(db(), tenant, 'practice_staff');
    browser = new TestBrowser(testApp(db()).app);
    browser.cookies.set('kl_session', await createSession(db(), { userId: user.id, mfaPassed: true, ip: '127.0.0.1', hours: 1 }));
  });

  for (const word of ['huurachterstand', 'ontruiming', 'schulden', 'huur', 'deurwaarder']) {
    it(`on 7552 AB, "${word}" finds Schuldhulp Hengelo`, async () => {
      const page = await browser.get(`/sociale-kaart?postcode=7552+AB&hulpvraag=&zoekwoord=${word}`);
      assert.equal(page.status, 200);
      assert.ok(page.html.includes('Schuldhulp Hengelo'), word);
    });
  }

  it('the result count speaks proper Dutch: "1 resultaat", "2 resultaten"', async () => {
    const one = await browser.get('/sociale-kaart?postcode=7552+AB&hulpvraag=&zoekwoord=Schuldhulp+Hengelo');
    assert.match(one.html, />1 resultaat\.</);
    const more = await browser.get('/sociale-kaart?postcode=7552+AB&hulpvraag=&zoekwoord=schulden');
    assert.match(more.html, /\d+ resultaten, best passend eerst/);
  });

  it('"Wonen / huurachterstand" is a need to search for', async () => {
    const page = await browser.get('/sociale-kaart?postcode=7552+AB&hulpvraag=housing_arrears&zoekwoord=');
    assert.equal(page.status, 200);
    assert.match(page.html, /<option value="housing_arrears"[^>]*selected[^>]*>Wonen \/ huurachterstand<\/option>/);
    assert.ok(page.html.includes('Schuldhulp Hengelo'));
  });

  it('on /hulp?postcode=7601AB the walk-in points in Almelo come before those in Enschede', async () => {
    const page = await new TestBrowser(testApp(db()).app).get('/hulp?postcode=7601AB');
    assert.equal(page.status, 200);
    const walkIn = page.html.slice(page.html.indexOf('id="walk-in-title"'), page.html.indexOf('id="services-title"'));
    const cities = [...walkIn.matchAll(/\d{4} [A-Z]{2} (\w+)<\/p>/g)].map((m) => m[1]);
    assert.ok(cities.includes('Almelo') && cities.includes('Enschede'), cities.join(', '));
    assert.ok(cities.lastIndexOf('Almelo') < cities.indexOf('Enschede'), cities.join(', '));
  });
});
