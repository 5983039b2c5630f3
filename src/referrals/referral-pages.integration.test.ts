import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachDatabase } from '../../test/support/databases.ts';
import { signInOverHttp, TestBrowser, testApp } from '../../test/support/http.ts';
import { TEST_PASSWORD } from '../../test/support/fixtures.ts';
import type { User } from '../platform/db/schema.ts';
import { amsterdamToday } from '../platform/dates.ts';
import { insertReferralWorld, type ReferralWorld } from './test-fixture.ts';
import { dataItemLabels, forwardConsentWording, referralConsentWording, sharedDataScope } from './consent.ts';

/**
 * The referral pages through the real app (every middleware, CSRF, sign-in with two steps), without
 * a browser: the no-JavaScript flow "Controleren" → "Versturen", and the team's side.
 */
forEachDatabase('referral pages over HTTP', (db) => {
  let w: ReferralWorld;
  let app: ReturnType<typeof testApp>['app'];
  const teamName = async (id: string) => (await db().selectFrom('teams').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name;
  const recipient = async (id: string) => {
    const row = await db()
      .selectFrom('teams')
      .innerJoin('organisations', 'organisations.id', 'teams.organisation_id')
      .select(['teams.name as team', 'organisations.name as organisation'])
      .where('teams.id', '=', id)
      .executeTakeFirstOrThrow();
    return { team: row.team, organisation: row.organisation };
  };

  before(async () => {
    w = await insertReferralWorld(db());
    app = testApp(db()).app;
  });

  // One signed-in browser per user for the whole suite: a TOTP code is accepted only once.
  const browsers = new Map<string, TestBrowser>();
  async function signedIn(user: User): Promise<TestBrowser> {
    let browser = browsers.get(user.id);
    if (!browser) {
      browser = new TestBrowser(app);
      await signInOverHttp(browser, db(), { email: user.email, password: TEST_PASSWORD });
      browsers.set(user.id, browser);
    }
    return browser;
  }

  const keyOf = (html: string) => /name="idempotency_key" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const patient = (key: string, extra: Record<string, string> = {}) => ({
    idempotency_key: key,
    patient_name: 'Pieter Proefpatiënt',
    birth_date: '12-05-1968',
    phone: '06 9876 5432',
    email: '',
    postcode: '7552 AB',
    house_number: '14',
    preferred_language: 'Nederlands',
    best_time_to_call: 'na 15.00 uur',
    need_debt_counselling: 'ja',
    question: 'Ik krijg steeds aanmaningen.',
    urgency_eviction: 'ja',
    handover: 'meeting_at_practice',
    contact_channel: 'phone',
    ...extra,
  });
  const consent = (teamId: string) => ({ team_id: teamId, consent_given: 'ja', consent_method: 'verbal', feedback_allowed: 'ja', stap: 'versturen' });
  const referralCount = async () =>
    Number(
      (
        await db()
          .selectFrom('referrals')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  describe('the practice sends a referral without JavaScript', () => {
    it('the form asks no BSN and carries a fresh form key each time it is opened', async () => {
      const browser = await signedIn(w.users.staffA);
      const first = await browser.get('/verwijzingen/nieuw');
      assert.equal(first.status, 200);
      assert.doesNotMatch(first.html, /name="[^"]*bsn[^"]*"/i);
      assert.match(first.html, /Geen BSN/);
      const second = await browser.get('/verwijzingen/nieuw');
      assert.ok(keyOf(first.html).length >= 32);
      assert.notEqual(keyOf(first.html), keyOf(second.html));
    });

    it('“Controleren” shows the receiving team, its contact and the consent for that team, and sends nothing', async () => {
      const browser = await signedIn(w.users.staffA);
      const key = keyOf((await browser.get('/verwijzingen/nieuw')).html);
      const before = await referralCount();
      const checked = await browser.post('/verwijzingen/nieuw', { ...patient(key), stap: 'controleren' });
      assert.equal(checked.status, 200);
      const noord = await teamName(w.noord);
      assert.match(checked.html, new RegExp(`7552 AB ligt in Hengelo, wijk Noord\\. De verwijzing gaat naar ${noord}`));
      assert.match(checked.html, /074 245 0000/);
      assert.match(checked.html, new RegExp(`name="team_id" value="${w.noord}"`));
      assert.match(checked.html, new RegExp(`De patiënt geeft toestemming om deze gegevens te delen met ${noord}`));
      assert.match(checked.html, /value="Pieter Proefpatiënt"/, 'what was typed is kept');
      assert.equal(await referralCount(), before);
    });

    it('the consent read to the patient names the team and its organisation, every kind of data sent, how long it is kept and how to withdraw', async () => {
      const browser = await signedIn(w.users.staffA);
      const key = keyOf((await browser.get('/verwijzingen/nieuw')).html);
      const checked = await browser.post('/verwijzingen/nieuw', { ...patient(key), stap: 'controleren' });
      const wording = referralConsentWording('nl', await recipient(w.noord), 12);
      const quote = /<blockquote[^>]*kl-consent-text[^>]*>([\s\S]*?)<\/blockquote>/.exec(checked.html)?.[1] ?? '';
      assert.ok(quote.includes(wording.lead), 'the text names the team and its organisation');
      for (const item of sharedDataScope) assert.ok(quote.includes(dataItemLabels[item].nl), `the text lists ${item}`);
      assert.match(quote, /tot 12 maanden nadat uw vraag is afgesloten/);
      assert.match(quote, /Zeg het dan tegen de praktijk of tegen het team\. Het team stopt dan/);
    });

    it('“Versturen” without consent is refused and offers the team’s contact card, which carries no patient data', async () => {
      const browser = await signedIn(w.users.staffA);
      const key = keyOf((await browser.get('/verwijzingen/nieuw')).html);
      const before = await referralCount();
      const refused = await browser.post('/verwijzingen/nieuw', { ...patient(key), team_id: w.noord, stap: 'versturen' });
      assert.equal(refused.status, 422);
      assert.match(refused.html, /Zonder toestemming van de patiënt kan de verwijzing niet worden verstuurd/);
      assert.match(refused.html, new RegExp(`href="/verwijzingen/contactkaart/${w.noord}"`));
      assert.equal(await referralCount(), before);
    });

    it('a referral refused for lack of consent links to the consent box, and the box itself says what is missing', async () => {
      const browser = await signedIn(w.users.staffA);
      const key = keyOf((await browser.get('/verwijzingen/nieuw')).html);
      const refused = await browser.post('/verwijzingen/nieuw', { ...patient(key), team_id: w.noord, stap: 'versturen' });
      assert.match(refused.html, /<a[^>]*href="#field-consent_given"[^>]*>Toestemming vastleggen<\/a>/);
      const box = /<input[^>]*id="field-consent_given"[^>]*>/.exec(refused.html)?.[0] ?? '';
      assert.match(box, /aria-invalid="true"/);
      assert.match(box, /aria-describedby="field-consent_given-error"/);
      assert.match(refused.html, /id="field-consent_given-error"[\s\S]*?Zet een vinkje als de patiënt toestemming geeft\./);
      const card = await browser.get(`/verwijzingen/contactkaart/${w.noord}`);
      assert.equal(card.status, 200);
      assert.match(card.html, /074 245 0000/);
      for (const secret of ['Pieter', '7552', '1968', 'aanmaningen']) assert.ok(!card.html.includes(secret), `the card shows ${secret}`);
    });

    it('“Versturen” with consent sends once: the same form again lands on the same referral', async () => {
      const browser = await signedIn(w.users.staffA);
      const key = keyOf((await browser.get('/verwijzingen/nieuw')).html);
      const fields = { ...patient(key, { bsn: '123456782' }), ...consent(w.noord) };
      const sent = await browser.post('/verwijzingen/nieuw', fields);
      assert.equal(sent.status, 303);
      assert.match(sent.location ?? '', /^\/verwijzingen\/[0-9a-f-]{36}\?melding=verstuurd$/);
      const again = await browser.post('/verwijzingen/nieuw', fields);
      assert.equal(again.location, sent.location);
      const rows = await db().selectFrom('referrals').selectAll().where('idempotency_key', '=', key).execute();
      assert.equal(rows.length, 1);
      assert.ok(!JSON.stringify(rows).includes('123456782'), 'a posted bsn is ignored');
      const page = await browser.follow(sent);
      assert.equal(page.status, 200);
      assert.match(page.html, /De verwijzing is verstuurd/);
      assert.match(page.html, /Verstuurd, nog niet geopend/);
    });

    it('the same form sent again with another patient name gets a 409 page that leads to the referral sent, and changes nothing', async () => {
      const browser = await signedIn(w.users.staffA);
      const key = keyOf((await browser.get('/verwijzingen/nieuw')).html);
      const sent = await browser.post('/verwijzingen/nieuw', { ...patient(key), ...consent(w.noord) });
      assert.equal(sent.status, 303);
      const sentPath = sent.location!.split('?')[0]!;
      const changed = await browser.post('/verwijzingen/nieuw', { ...patient(key, { patient_name: 'Iemand Anders' }), ...consent(w.noord) });
      assert.equal(changed.status, 409);
      assert.match(changed.html, /Deze verwijzing is al verstuurd/);
      assert.match(changed.html, /Er is nu niets nieuws verstuurd/);
      assert.ok(changed.html.includes(`href="${sentPath}"`), 'a link to the referral that was sent');
      const rows = await db().selectFrom('referrals').select(['patient_name']).where('idempotency_key', '=', key).execute();
      assert.deepEqual(rows, [{ patient_name: 'Pieter Proefpatiënt' }]);
    });

    it('a postcode edited after checking is refused, and the page shows the new team and asks consent again', async () => {
      const browser = await signedIn(w.users.staffA);
      const key = keyOf((await browser.get('/verwijzingen/nieuw')).html);
      await browser.post('/verwijzingen/nieuw', { ...patient(key), stap: 'controleren' });
      const before = await referralCount();
      const refused = await browser.post('/verwijzingen/nieuw', { ...patient(key, { postcode: '7557' }), ...consent(w.noord) });
      assert.equal(refused.status, 409);
      assert.match(refused.html, /De toestemming gaat over een ander team/);
      assert.match(refused.html, new RegExp(`name="team_id" value="${w.hengelo}"`));
      assert.match(refused.html, new RegExp(await teamName(w.hengelo)));
      assert.doesNotMatch(refused.html, /name="consent_given" value="ja" checked/);
      assert.equal(await referralCount(), before);
    });

    it('“Mijn verwijzingen” lists the practice’s referrals only', async () => {
      const a = await signedIn(w.users.staffA);
      const list = await a.get('/verwijzingen');
      assert.equal(list.status, 200);
      assert.match(list.html, /Pieter Proefpatiënt/);
      const b = await signedIn(w.users.staffB);
      assert.doesNotMatch((await b.get('/verwijzingen')).html, /Pieter Proefpatiënt/);
    });
  });

  describe('the team works it', () => {
    it('the inbox lists it; opening shows what is needed to call; illegal actions get a Dutch 409; the loop closes', async () => {
      const practice = await signedIn(w.users.staffA);
      const key = keyOf((await practice.get('/verwijzingen/nieuw')).html);
      const sent = await practice.post('/verwijzingen/nieuw', { ...patient(key, { patient_name: 'Greet Inboxtest' }), ...consent(w.noord) });
      const path = sent.location!.split('?')[0]!;

      const team = await signedIn(w.users.noordMember);
      const inbox = await team.get('/inbox');
      assert.equal(inbox.status, 200);
      assert.match(inbox.html, /Greet Inboxtest/);
      const opened = await team.get(path);
      assert.equal(opened.status, 200);
      for (const needed of [
        'Greet Inboxtest',
        '06 9876 5432',
        '7552 AB 14',
        'na 15.00 uur',
        'Ik krijg steeds aanmaningen.',
        'Dreigende huisuitzetting',
        'Ontvangen door het team',
      ]) {
        assert.ok(opened.html.includes(needed), `the referral shows ${needed}`);
      }

      const early = await team.post(`${path}/afsluiten`, { outcome: 'no_help_needed', feedback: '' });
      assert.equal(early.status, 409);
      assert.match(early.html, /Dit kan niet \(meer\): de verwijzing heeft nu de status &quot;Ontvangen door het team&quot;/);

      assert.equal((await team.post(`${path}/accepteren`, { assignee: w.users.noordMember.id })).status, 303);
      const badDate = await team.post(`${path}/eerste-contact`, { first_contact_on: '31-02-2026' });
      assert.equal(badDate.status, 422);
      assert.match(badDate.html, /Vul een datum in, zoals 27-11-2026/);
      // Today in Amsterdam, as the app counts days: between 23:00 and 24:00 UTC the UTC date is still yesterday.
      assert.equal((await team.post(`${path}/eerste-gesprek`, { first_conversation_on: amsterdamToday() })).status, 303);
      assert.equal((await team.post(`${path}/afsluiten`, { outcome: 'trajectory_started', feedback: 'Eerste gesprek gevoerd.' })).status, 303);

      const list = await practice.get('/verwijzingen');
      assert.match(list.html, /Hulptraject gestart/);
      assert.match(list.html, /Eerste gesprek gevoerd\./);
    });

    it('forwarding asks the resident’s consent for the new team, and records it', async () => {
      const practice = await signedIn(w.users.staffA);
      const key = keyOf((await practice.get('/verwijzingen/nieuw')).html);
      const path = (
        await practice.post('/verwijzingen/nieuw', { ...patient(key, { patient_name: 'Wim Doorstuurtest' }), ...consent(w.noord) })
      ).location!.split('?')[0]!;
      const team = await signedIn(w.users.noordMember);
      const page = await team.get(path);
      assert.match(page.html, /Voor een ander team is nieuwe toestemming nodig/);

      assert.doesNotMatch(page.html, /name="consent_team_id"/, 'no consent text before a team is chosen');

      // "Tekst voor dit team tonen": the text to read out names the chosen team and its organisation.
      const shown = await team.post(`${path}/doorsturen`, { to_team_id: w.hengelo, forward_reason: 'Valt onder het centrale loket', stap: 'kiezen' });
      assert.equal(shown.status, 200);
      const wording = forwardConsentWording('nl', await recipient(w.hengelo), 12);
      const quote = /<blockquote[^>]*kl-consent-text[^>]*>([\s\S]*?)<\/blockquote>/.exec(shown.html)?.[1] ?? '';
      assert.ok(quote.includes(wording.lead), 'the text names the next team and its organisation');
      for (const item of wording.items) assert.ok(quote.includes(item), item);
      assert.doesNotMatch(quote, /Stuur dan niet door|Sluit de verwijzing af/, 'the staff instruction is not read aloud');
      assert.match(
        shown.html,
        /data-testid="forward-consent-instruction">[^<]*Stuur dan niet door\. Sluit de verwijzing af met &quot;Doorverwezen naar andere hulp&quot;/,
      );
      assert.match(shown.html, new RegExp(`name="consent_team_id" value="${w.hengelo}"`));
      assert.match(shown.html, /Valt onder het centrale loket/, 'what was typed stays');

      // Consent ticked without the text for that team having been shown: refused.
      const unread = await team.post(`${path}/doorsturen`, {
        to_team_id: w.hengelo,
        forward_reason: 'Valt onder het centrale loket',
        forward_consent: 'ja',
        forward_consent_method: 'written',
        stap: 'doorsturen',
      });
      assert.equal(unread.status, 422);
      assert.match(unread.html, /De toestemming moet voor het gekozen team zijn/);

      const without = await team.post(`${path}/doorsturen`, {
        to_team_id: w.hengelo,
        forward_reason: 'Valt onder het centrale loket',
        consent_team_id: w.hengelo,
        stap: 'doorsturen',
      });
      assert.equal(without.status, 422);
      assert.match(without.html, /Stuur alleen door als de inwoner ermee instemt/);
      assert.match(without.html, /Kies hoe de inwoner toestemming gaf/);
      // What was typed stays.
      assert.match(without.html, /Valt onder het centrale loket/);

      const forwarded = await team.post(`${path}/doorsturen`, {
        to_team_id: w.hengelo,
        forward_reason: 'Valt onder het centrale loket',
        forward_consent: 'ja',
        forward_consent_method: 'written',
        consent_team_id: w.hengelo,
        stap: 'doorsturen',
      });
      assert.equal(forwarded.status, 303);
      const seen = await (await signedIn(w.users.hengeloMember)).get(path);
      assert.equal(seen.status, 200);
      assert.match(seen.html, new RegExp(`schriftelijk`));
      assert.ok(seen.html.includes(await teamName(w.hengelo)));
    });

    it('lists come a page at a time; a page number that is not one gets a Dutch 400', async () => {
      const team = await signedIn(w.users.noordMember);
      const bad = await team.get('/inbox?tab=open&pagina=twee');
      assert.equal(bad.status, 400);
      assert.match(bad.html, /Deze pagina bestaat niet/);
      assert.equal((await (await signedIn(w.users.staffA)).get('/verwijzingen?pagina=0')).status, 400);
      const beyond = await team.get('/inbox?tab=open&pagina=99');
      assert.equal(beyond.status, 200);
      assert.match(beyond.html, /Hier staat nu niets/);
    });

    it('another practice and a team outside the path get 404; coordinators and administrators 403', async () => {
      const practice = await signedIn(w.users.staffA);
      const key = keyOf((await practice.get('/verwijzingen/nieuw')).html);
      const path = (await practice.post('/verwijzingen/nieuw', { ...patient(key), ...consent(w.noord) })).location!.split('?')[0]!;
      assert.equal((await (await signedIn(w.users.staffB)).get(path)).status, 404);
      assert.equal((await (await signedIn(w.users.hengeloMember)).get(path)).status, 404);
      assert.equal((await (await signedIn(w.users.hengeloMember)).post(`${path}/accepteren`, { assignee: w.users.hengeloMember.id })).status, 404);
      assert.equal((await (await signedIn(w.users.regionCoordinator)).get(path)).status, 403);
      assert.equal((await (await signedIn(w.users.admin)).get(path)).status, 403);
    });
  });
});
