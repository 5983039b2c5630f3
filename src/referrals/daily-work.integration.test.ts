import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { forEachDatabase } from '../../test/support/databases.ts';
import { testApp, type TestBrowser } from '../../test/support/http.ts';
import { insertConsent, insertReferral, signedInBrowser, TEST_PATIENT } from '../../test/support/referral-rows.ts';
import { addDaysIso, amsterdamToday } from '../platform/dates.ts';
import type { User } from '../platform/db/schema.ts';
import { dutchDate } from './labels.ts';
import { recordFirstConversation } from './record-first-conversation.ts';
import { BASE_URL, contextOf, insertReferralWorld, type ReferralWorld } from './test-fixture.ts';

/**
 * Pages that say what to do next (issue 11, section 5), through the real app: the start pages with
 * work, the team's referral page with the next step on top, inbox search, a planned first
 * conversation, notifications that say which referral and what changed, and the one-page
 * referral's review endpoint.
 */
forEachDatabase('pages that say what to do next', (db) => {
  let w: ReferralWorld;
  let app: ReturnType<typeof testApp>['app'];
  const today = amsterdamToday();
  const browsers = new Map<string, TestBrowser>();
  const as = async (user: User) => {
    let browser = browsers.get(user.id);
    if (!browser) browsers.set(user.id, (browser = await signedInBrowser(app, db(), user)));
    return browser;
  };
  const reference = () => `KL-${randomBytes(4).toString('hex').toUpperCase().slice(0, 6)}`;
  const referralRow = (id: string) => db().selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  /** The rows of the table captioned `caption`, as the text of their cells. */
  const tableRows = (html: string, caption: RegExp) => {
    const table = html
      .split('<table')
      .slice(1)
      .find((t) => caption.test(t.slice(0, t.indexOf('</caption>'))));
    if (!table) return [];
    const body = table.slice(table.indexOf('<tbody'), table.indexOf('</tbody>'));
    return body
      .split('<tr')
      .slice(1)
      .map((row) => [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim()));
  };
  const count = (html: string, id: string) => Number(new RegExp(`data-testid="${id}">(\\d+)<`).exec(html)?.[1]);

  before(async () => {
    w = await insertReferralWorld(db());
    app = testApp(db()).app;
  });

  describe('the team’s start page', () => {
    it('counts new, urgent, due-today and overdue referrals, and lists the user’s next steps, most pressing first, without names', async () => {
      const me = w.users.noordMember;
      const team = { practiceId: w.practiceA, teamId: w.noord, requested_on: addDaysIso(today, -3) };
      const refs = { fresh: reference(), late: reference(), colleagues: reference(), planned: reference(), closed: reference() };
      const fresh = await insertReferral(db(), {
        ...team,
        reference: refs.fresh,
        status: 'received',
        urgency_triggers: ['eviction'],
        first_contact_due: today,
        first_conversation_due: addDaysIso(today, 2),
      });
      const late = await insertReferral(db(), {
        ...team,
        reference: refs.late,
        status: 'accepted',
        assigned_to: me.id,
        first_contact_due: addDaysIso(today, -1),
        first_conversation_due: addDaysIso(today, 20),
      });
      await insertReferral(db(), {
        ...team,
        reference: refs.colleagues,
        status: 'accepted',
        assigned_to: w.users.noordColleague.id,
        first_contact_due: addDaysIso(today, 1),
        first_conversation_due: addDaysIso(today, 20),
      });
      const planned = await insertReferral(db(), {
        ...team,
        reference: refs.planned,
        status: 'in-progress',
        assigned_to: me.id,
        first_contact_due: addDaysIso(today, -1),
        first_contact_on: addDaysIso(today, -2),
        first_conversation_due: addDaysIso(today, 6),
        first_conversation_on: addDaysIso(today, 3),
      });
      await insertReferral(db(), { ...team, reference: refs.closed, status: 'completed', closed_at: new Date(), first_contact_due: addDaysIso(today, -9) });

      const page = await (await as(me)).get('/');
      assert.equal(page.status, 200);
      assert.deepEqual(
        ['count-new', 'count-urgent', 'count-today', 'count-overdue'].map((id) => count(page.html, id)),
        [1, 1, 1, 1],
        'new: the received one; urgent: the eviction; due today: its first contact; overdue: the late contact',
      );
      const steps = tableRows(page.html, /Verwijzingen voor u of nog voor niemand/);
      assert.deepEqual(
        steps.map((cells) => [cells[0], cells[2]]),
        [
          [refs.late, 'Contact opnemen met de inwoner'],
          [refs.fresh, 'Aannemen en toewijzen'],
          [refs.planned, 'Eerste gesprek houden'],
        ],
        'the user’s and unassigned referrals, overdue first; not a colleague’s, not a closed one',
      );
      assert.match(steps[2]![3]!, new RegExp(`gepland op\\s+${dutchDate(addDaysIso(today, 3))}`));
      assert.ok(!page.html.includes(TEST_PATIENT.patient_name), 'no names on the start page');
      assert.ok(!page.html.includes('Wat wilt u doen?'), 'work, not a copy of the menu');
      const audit = await db()
        .selectFrom('audit_log')
        .select(['patient_refs'])
        .where('action', '=', 'referral.list_read')
        .where('subject_type', '=', 'team_start')
        .where('actor_user_id', '=', me.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual([...audit.patient_refs].sort(), [fresh, late, planned].sort());
    });
  });

  describe('the practice’s start page', () => {
    it('shows the feedback received since the previous visit, for the whole visit, and what still waits on a team', async () => {
      const staff = w.users.adminA;
      const closedFeedback = async (ref: string, closedAt: Date, feedback: string) => {
        const id = await insertReferral(db(), {
          practiceId: w.practiceA,
          teamId: w.noord,
          reference: ref,
          status: 'completed',
          outcome: 'trajectory_started',
          feedback,
          closed_at: closedAt,
          first_contact_on: today,
          first_conversation_on: today,
        });
        await insertConsent(db(), id, w.noord, staff.id);
        return id;
      };
      const earlier = reference();
      await closedFeedback(earlier, new Date(Date.now() - 60 * 60_000), 'Budgetcoach gekoppeld.');
      const waitingRef = reference();
      const waitingId = await insertReferral(db(), { practiceId: w.practiceA, teamId: w.noord, reference: waitingRef, status: 'requested' });

      const browser = await as(staff);
      const first = (await browser.get('/')).html;
      assert.match(
        first,
        new RegExp(`${earlier}</a> · [^<]+ · <strong>Hulptraject gestart</strong>: Budgetcoach gekoppeld\\.`),
        'a first visit shows the last two weeks',
      );
      assert.ok(tableRows(first, /langst wachtend eerst/).some((cells) => cells[0] === waitingRef && cells[2] === 'Verstuurd, nog niet geopend'));
      assert.match((await browser.get('/')).html, new RegExp(earlier), 'the news stays for the whole visit');

      // The previous visit ended 40 minutes ago; what came back since is new, what came back before is not.
      await db()
        .updateTable('users')
        .set({ home_seen_at: new Date(Date.now() - 40 * 60_000) })
        .where('id', '=', staff.id)
        .execute();
      const later = reference();
      const laterId = await closedFeedback(later, new Date(Date.now() - 20 * 60_000), 'Eerste gesprek gehad.');
      const next = (await browser.get('/')).html;
      assert.match(next, new RegExp(later));
      assert.doesNotMatch(next, new RegExp(earlier));
      const audit = await db()
        .selectFrom('audit_log')
        .select('patient_refs')
        .where('action', '=', 'referral.list_read')
        .where('subject_type', '=', 'practice_start')
        .where('actor_user_id', '=', staff.id)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      assert.ok(audit.patient_refs.includes(laterId), 'reading feedback is audited with the referral');
      assert.ok(audit.patient_refs.includes(waitingId), 'the waiting list on the start page is audited with its referrals too');
    });
  });

  describe('the team’s referral page', () => {
    it('puts the next step at the top and folds the other forms away; a folded form that comes back with an error is open', async () => {
      const id = await insertReferral(db(), { practiceId: w.practiceA, teamId: w.noord, status: 'accepted', assigned_to: w.users.noordMember.id });
      await insertConsent(db(), id, w.noord, w.users.staffA.id);
      const browser = await as(w.users.noordMember);
      const page = (await browser.get(`/verwijzingen/${id}`)).html;
      const next = page.indexOf('id="section-next"');
      assert.ok(next > 0 && next < page.indexOf('id="section-status"'), 'the next step comes before everything else');
      assert.match(
        page.slice(next, page.indexOf('</section>', next)),
        /Volgende stap: Contact opnemen met de inwoner[\s\S]*action="\/verwijzingen\/[^"]+\/eerste-contact"/,
      );
      const folded = [...page.matchAll(/<details class="kl-details kl-action"( open="")? data-action="([a-z]+)"/g)];
      assert.deepEqual(
        folded.map((m) => m[2]),
        ['accept', 'attempt', 'conversation', 'close', 'known', 'forward'],
        'every other action of an accepted referral (declining is only possible before accepting)',
      );
      assert.ok(
        folded.every((m) => !m[1]),
        'all folded',
      );

      const refused = await browser.post(`/verwijzingen/${id}/afsluiten`, { feedback: 'Klaar.' });
      assert.equal(refused.status, 422);
      assert.match(refused.html, /<details class="kl-details kl-action" open="" data-action="close"/);
      assert.doesNotMatch(refused.html, /open="" data-action="(?!close)/);
      assert.match(refused.html, />Klaar\.<\/textarea>/, 'what was typed is kept');
    });
  });

  describe('a planned first conversation', () => {
    it('is recorded with a date still to come, shows as planned, can be moved until its day, and then counts as held', async () => {
      const id = await insertReferral(db(), {
        practiceId: w.practiceA,
        teamId: w.noord,
        status: 'accepted',
        assigned_to: w.users.noordMember.id,
        created_by: w.users.staffA.id,
        requested_on: today,
        first_contact_due: addDaysIso(today, 3),
        first_conversation_due: addDaysIso(today, 10),
      });
      const browser = await as(w.users.noordMember);
      const day = addDaysIso(today, 5);
      const planned = await browser.post(`/verwijzingen/${id}/eerste-gesprek`, { first_conversation_on: dutchDate(day) });
      assert.equal(planned.status, 303);
      const row = await referralRow(id);
      assert.deepEqual([row.status, row.first_conversation_on, row.first_contact_on], ['in-progress', day, today], 'making the appointment was contact, today');
      const events = await db().selectFrom('referral_events').select(['type', 'note']).where('referral_id', '=', id).execute();
      assert.deepEqual(events, [{ type: 'conversation_planned', note: dutchDate(day) }]);
      const told = await db().selectFrom('notifications').select('kind').where('referral_id', '=', id).where('user_id', '=', w.users.staffA.id).execute();
      assert.deepEqual(told, [{ kind: 'conversation_planned' }], 'the practice hears of the appointment');

      const shown = (await browser.get(`/verwijzingen/${id}`)).html;
      assert.match(shown, new RegExp(`${dutchDate(addDaysIso(today, 10))} · <strong>gepland op</strong>\\s*${dutchDate(day)}`));
      assert.match(shown, /Volgende stap: Eerste gesprek houden/);

      const moved = addDaysIso(today, 7);
      assert.equal((await browser.post(`/verwijzingen/${id}/eerste-gesprek`, { first_conversation_on: dutchDate(moved) })).status, 303);
      assert.equal((await referralRow(id)).first_conversation_on, moved);
      const tooFar = await browser.post(`/verwijzingen/${id}/eerste-gesprek`, { first_conversation_on: dutchDate(addDaysIso(today, 200)) });
      assert.equal(tooFar.status, 422);
      assert.match(tooFar.html, /hooguit drie maanden vooruit/);

      // On its day it took place: held is held.
      await assert.rejects(
        recordFirstConversation(db(), contextOf(w.users.noordMember), { referralId: id, date: addDaysIso(today, 8), today: moved }, BASE_URL),
        (err: { code?: string }) => err.code === 'already_recorded',
      );
    });
  });

  describe('inbox search', () => {
    it('finds the team’s referrals by part of a name or by KL number, closed ones too, never another team’s, and does not log the term', async () => {
      const name = `Fatima El Amrani-${randomBytes(3).toString('hex')}`;
      const ours = reference();
      const oursId = await insertReferral(db(), {
        practiceId: w.practiceA,
        teamId: w.noord,
        reference: ours,
        patient_name: name,
        status: 'completed',
        closed_at: new Date(),
      });
      await insertReferral(db(), { practiceId: w.practiceA, teamId: w.hengelo, reference: reference(), patient_name: name });
      const browser = await as(w.users.noordMember);

      const byName = await browser.get(`/inbox?zoek=${encodeURIComponent(name.slice(6).toLowerCase())}`);
      assert.equal(byName.status, 200);
      const rows = tableRows(byName.html, /Gevonden bij/);
      assert.deepEqual(
        rows.map((cells) => [cells[0], cells[1]]),
        [[ours, name]],
      );
      const byNumber = tableRows((await browser.get(`/inbox?zoek=${ours.slice(3).toLowerCase()}`)).html, /Gevonden bij/);
      assert.deepEqual(
        byNumber.map((cells) => cells[0]),
        [ours],
      );

      const audits = await db()
        .selectFrom('audit_log')
        .select(['details', 'patient_refs'])
        .where('action', '=', 'referral.list_read')
        .where('actor_user_id', '=', w.users.noordMember.id)
        .orderBy('id', 'desc')
        .limit(2)
        .execute();
      for (const audit of audits) {
        assert.equal(audit.details['tab'], 'zoeken');
        assert.deepEqual(audit.patient_refs, [oursId]);
        assert.ok(!JSON.stringify(audit.details).toLowerCase().includes('amrani'), 'the search term is not in the audit log');
      }

      const tooShort = await browser.get('/inbox?zoek=a');
      assert.equal(tooShort.status, 400);
      assert.match(tooShort.html, /Typ minstens 2 tekens/);
    });
  });

  describe('notifications', () => {
    it('say which referral (its KL number) and what changed, never who it is about', async () => {
      const ref = reference();
      const id = await insertReferral(db(), { practiceId: w.practiceA, teamId: w.noord, reference: ref, status: 'received', created_by: w.users.staffA.id });
      await insertConsent(db(), id, w.noord, w.users.staffA.id);
      assert.equal((await (await as(w.users.noordMember)).post(`/verwijzingen/${id}/accepteren`, { assignee: w.users.noordMember.id })).status, 303);
      const list = (await (await as(w.users.staffA)).get('/meldingen')).html;
      assert.match(list, new RegExp(`>${ref}: Het team heeft de verwijzing aangenomen\\.</a>`));
      assert.ok(!list.includes(TEST_PATIENT.patient_name));
    });
  });

  describe('the one-page referral', () => {
    it('the review endpoint answers with the team, its contact and the consent for the address, or says why not', async () => {
      const browser = await as(w.users.staffA);
      await browser.get('/verwijzingen/nieuw');
      const review = await browser.post('/verwijzingen/nieuw/route', { postcode: '7552ab', house_number: '14', need_debt_counselling: 'ja' });
      assert.equal(review.status, 200);
      assert.ok(review.html.startsWith('<div class="kl-referral-review"'), 'a fragment, not a page');
      assert.match(review.html, new RegExp(`data-route-team="${w.noord}"`));
      assert.match(review.html, /name="consent_given"/);
      assert.match(review.html, /<blockquote class="kl-consent-text">/);
      const bad = await browser.post('/verwijzingen/nieuw/route', { postcode: '75', house_number: '14' });
      assert.equal(bad.status, 422);
      assert.match(bad.html, /data-route-problem="Vul de postcode van de patiënt in, zoals 7552 AB\."/);
    });

    it('started from the social map, the form has the postcode and the need filled in, and “Telefoon” chosen', async () => {
      const page = (await (await as(w.users.staffA)).get(`/verwijzingen/nieuw?postcode=7552ab&hulpvraag=debt_counselling&team=${w.noord}`)).html;
      assert.match(page, /name="postcode" type="text" value="7552 AB"/);
      assert.match(page, /name="need_debt_counselling" value="ja" checked=""/);
      assert.match(page, new RegExp(`name="via_team" value="${w.noord}"`));
      assert.match(page, /name="contact_channel" value="phone" checked=""/);
    });
  });
});
