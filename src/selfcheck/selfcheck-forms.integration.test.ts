/**
 * The self-check's forms for people who are quick, use a keyboard or read right to left: answers
 * kept after a refusal, the error list focused, postcodes that read left to right in Arabic.
 */
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../test/support/databases.ts';
import { testApp, TestBrowser } from '../../test/support/http.ts';
import { ui } from './texts.ts';

const secondsAgo = (s: number) => String(Date.now() - s * 1000);

async function open(browser: TestBrowser, path: string) {
  let page = await browser.get(path);
  for (let i = 0; i < 3 && page.status === 303; i++) page = await browser.follow(page);
  return page;
}

forEachDatabase('self-check forms', (db) => {
  beforeEach(async () => {
    await db().deleteFrom('rate_limit_hits').execute();
  });

  describe('refusals keep what was filled in', () => {
    it('answers sent too fast come back still ticked, under a focused message that says they are still there', async () => {
      const browser = new TestBrowser(testApp(db()).app);
      await open(browser, '/zelftest?lang=nl');
      const res = await browser.post('/zelftest', {
        lang: 'nl',
        started: secondsAgo(1),
        website: '',
        ends_meet: 'often',
        rent_arrears: 'yes',
        skip_care: 'never',
      });
      assert.equal(res.status, 422);
      assert.ok(res.html.includes(ui.tooFast.nl));
      assert.match(res.html, /Uw antwoorden staan er nog/);
      for (const [q, a] of [
        ['ends_meet', 'often'],
        ['rent_arrears', 'yes'],
        ['skip_care', 'never'],
      ]) {
        assert.match(res.html, new RegExp(`id="q-${q}-${a}"[^>]*checked`), `${q}=${a} is still ticked`);
      }
      assert.equal((res.html.match(/checked/g) ?? []).length, 3, 'no other answer is ticked');
      assert.match(res.html, /role="alert" id="error-summary" tabindex="-1" autofocus/);
    });
  });

  it('the questions sent without a single answer come back with a focused message, not a confident result', async () => {
    const browser = new TestBrowser(testApp(db()).app);
    await open(browser, '/zelftest?lang=nl');
    const res = await browser.post('/zelftest', { lang: 'nl', started: secondsAgo(10), website: '' });
    assert.equal(res.status, 422);
    assert.ok(res.html.includes(ui.noAnswers.nl));
    assert.match(res.html, /role="alert" id="error-summary" tabindex="-1" autofocus/);
  });

  it('/hulp and the self-check point to each other, and /hulp speaks to residents, not to staff', async () => {
    const browser = new TestBrowser(testApp(db()).app);
    const hulp = await open(browser, '/hulp');
    assert.match(hulp.html, /<a[^>]*href="\/zelftest\?lang=nl"[^>]*>Doe de zelftest\.<\/a>/);
    assert.ok(hulp.html.includes('Hulp bij geldzorgen is er voor iedereen. De hulp is meestal gratis.'), 'the residents’ footer');
    assert.doesNotMatch(hulp.html, /sociaal domein/, 'no staff jargon');
    assert.match(hulp.html, /class="kl-brand" href="\/hulp"/, 'the brand link does not lead to the staff sign-in');
    await open(browser, '/zelftest?lang=pl');
    const answered = await browser.post('/zelftest', { lang: 'pl', started: secondsAgo(10), website: '', ends_meet: 'often' });
    const withPostcode = await browser.post('/zelftest/uitslag', { lang: 'pl', postcode: '7601 AB' });
    const result = await open(browser, withPostcode.location ?? answered.location!);
    assert.match(result.html, /href="\/hulp\?postcode=7601AB&(amp;)?lang=en"[^>]*hreflang="en"/);
    assert.ok(result.html.includes(ui.allLocalHelp.pl));
  });

  it('a self-check form that expired sends the resident to start again in their own language, not to the staff sign-in', async () => {
    const browser = new TestBrowser(testApp(db()).app);
    await open(browser, '/zelftest?lang=tr');
    const res = await browser.post('/zelftest', { lang: 'tr', started: secondsAgo(10), ends_meet: 'often' }, { csrf: 'x'.repeat(43) });
    assert.equal(res.status, 303);
    assert.equal(res.location, '/zelftest/verlopen?lang=tr');
    const page = await browser.follow(res);
    assert.equal(page.status, 200);
    assert.match(page.html, /<html lang="tr" dir="ltr"/);
    assert.ok(page.html.includes(ui.expiredTitle.tr));
    assert.match(page.html, /href="\/zelftest\?lang=tr"/);
    assert.doesNotMatch(page.html, /href="\/(inloggen)?"/, 'no way to the staff sign-in');
  });

  describe('focus and reading order', () => {
    async function onResult(lang: string) {
      const browser = new TestBrowser(testApp(db()).app);
      await open(browser, `/zelftest?lang=${lang}`);
      const sent = await browser.post('/zelftest', { lang, started: secondsAgo(5), website: '', ends_meet: 'often' });
      assert.equal(sent.status, 303);
      return { browser, page: await open(browser, sent.location!) };
    }

    it('the contact form’s error list gets focus, like the staff error summary', async () => {
      const { browser } = await onResult('nl');
      const res = await browser.post('/zelftest/contact', { lang: 'nl', started: secondsAgo(10), website: '', stap: 'controleren', name: '' });
      assert.equal(res.status, 422);
      assert.match(res.html, /<div\s+class="utrecht-alert utrecht-alert--error kl-error-summary"[^>]*id="error-summary"[^>]*tabindex="-1"[^>]*autofocus/);
      assert.match(res.html, /href="#field-name"/);
    });

    it('phone or e-mail is one question: a hint says so at both fields, and a missing one is named in the first round', async () => {
      const { browser } = await onResult('nl');
      const res = await browser.post('/zelftest/contact', { lang: 'nl', started: secondsAgo(10), website: '', stap: 'controleren', name: '', postcode: '' });
      assert.equal(res.status, 422);
      assert.ok(res.html.includes(ui.phoneOrEmailHint.nl));
      for (const name of ['phone', 'email']) {
        const input = new RegExp(`<input[^>]*id="field-${name}"[^>]*>`).exec(res.html)?.[0] ?? '';
        assert.match(input, /aria-describedby="field-phone-or-email-hint/, `${name} reads the hint`);
      }
      assert.doesNotMatch(res.html, /for="field-phone"[^<]*<span class="kl-optional"/, 'the phone is not labelled optional');
      const summary = /id="error-summary"[\s\S]*?<\/ul>/.exec(res.html)?.[0] ?? '';
      for (const href of ['#field-name', '#field-postcode', '#field-phone']) assert.ok(summary.includes(`href="${href}"`), `${href} in the same round`);
    });

    it('a postcode in Arabic text reads left to right: it sits in a left-to-right isolate', async () => {
      const { browser, page } = await onResult('ar');
      assert.match(page.html, /<html lang="ar" dir="rtl"/);
      assert.match(page.html, /مثلًا <bdi dir="ltr">7511 AB<\/bdi>/);
      const bad = await browser.post('/zelftest/uitslag', { lang: 'ar', postcode: 'XX' });
      assert.equal(bad.status, 422);
      assert.match(bad.html, /<bdi dir="ltr">7511 AB<\/bdi>/);
    });
  });
});
