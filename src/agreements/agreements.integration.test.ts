import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import { forEachDatabase } from '../../test/support/databases.ts';
import { appError, auditEntries } from '../../test/support/fixtures.ts';
import { testApp } from '../../test/support/http.ts';
import { signedInBrowser } from '../../test/support/referral-rows.ts';
import type { Database } from '../platform/db/database.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { amsterdamToday } from '../platform/dates.ts';
import { addWorkingDays } from '../referrals/due-dates.ts';
import { sendReferral } from '../referrals/send-referral.ts';
import { checkReferralRoute } from '../referrals/check-referral-route.ts';
import { BASE_URL, contextOf, insertReferralWorld, referralInput, type ReferralWorld } from '../referrals/test-fixture.ts';
import { replaceContact } from '../socialmap/replace-contact.ts';
import { findAgreement } from './agreement-access.ts';
import type { AgreementContent } from './agreement-rules.ts';
import { reviewDueOn } from './agreement-rules.ts';
import { confirmAgreement, confirmPracticeContact } from './confirm-agreement.ts';
import { draftAgreement } from './draft-agreement.ts';
import { followContactChanges } from './contact-changes.ts';
import { listFixedContacts } from './fixed-contacts.ts';
import { getAgreementDetail, listAgreements } from './read-agreements.ts';
import { actorOf } from '../../test/support/databases.ts';

const PRACTICE_CONTACT = {
  practice_contact_name: 'Mark Jansen',
  practice_contact_role: 'Praktijkmanager',
  practice_contact_phone: '053 000 0001',
  practice_contact_hours: 'ma–vr 8–17 uur',
};

async function notificationKinds(db: Database, userId: string): Promise<string[]> {
  return (await db.selectFrom('notifications').select('kind').where('user_id', '=', userId).orderBy('created_at').execute()).map((n) => n.kind);
}

forEachDatabase('collaboration agreements', (db) => {
  let w: ReferralWorld;
  let app: Hono<AppEnv>;
  let serviceId: string;
  let ricardo: string;

  const content = (overrides: Partial<AgreementContent> = {}): AgreementContent => ({
    firstContactWorkingDays: 1,
    firstConversationDays: null,
    urgentFirstConversationWorkingDays: null,
    teamContactId: ricardo,
    teamContactHours: 'di en do 8.30–9.30 uur',
    practiceContactName: null,
    practiceContactRole: null,
    practiceContactPhone: null,
    practiceContactHours: null,
    handoverForms: ['meeting_at_practice', 'phone_together'],
    consentRecording: 'Mondeling, vastgelegd in Korte Lijn.',
    feedbackArrangement: 'Na het eerste gesprek en bij afsluiten, via Korte Lijn.',
    ...overrides,
  });

  const proposedAt = async (id: string) =>
    (await db().selectFrom('agreements').select('proposed_at').where('id', '=', id).executeTakeFirstOrThrow()).proposed_at?.toISOString();

  before(async () => {
    w = await insertReferralWorld(db());
    app = testApp(db()).app;
    const team = await db().selectFrom('teams').select('organisation_id').where('id', '=', w.noord).executeTakeFirstOrThrow();
    serviceId = (
      await db()
        .insertInto('services')
        .values({ organisation_id: team.organisation_id, team_id: w.noord, name: 'Wijkteam Hengelo-Noord', updated_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    ricardo = (
      await db()
        .insertInto('contacts')
        .values({
          organisation_id: team.organisation_id,
          service_id: serviceId,
          name: 'Ricardo Wolters',
          job_title: 'Wijkcoach geldzaken',
          phone: '06 1234 5606',
          last_verified_at: new Date(),
          updated_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  });

  test('a drafted agreement is a concept: its terms do not apply to referrals until the practice manager confirms it', async () => {
    const { id } = await draftAgreement(db(), contextOf(w.users.noordAdmin), { practiceId: w.practiceA, teamId: w.noord }, content(), BASE_URL);
    const found = await findAgreement(db(), actorOf(w.users.adminA), id);
    assert.ok(found);
    const detail = await getAgreementDetail(db(), found);
    assert.equal(detail.state, 'concept');
    assert.equal(detail.inForce, null);
    assert.equal(detail.proposal?.firstContactWorkingDays, 1);
    assert.deepEqual(await notificationKinds(db(), w.users.adminA.id), ['agreement_proposed'], 'the practice manager is asked to confirm');

    const today = amsterdamToday();
    const sent = await sendReferral(db(), contextOf(w.users.staffA), referralInput(w, { urgency_triggers: [] }), BASE_URL);
    const referral = await db().selectFrom('referrals').select('first_contact_due').where('id', '=', sent.id).executeTakeFirstOrThrow();
    assert.equal(referral.first_contact_due, addWorkingDays(today, 3), 'the default of 3 working days, not the proposed 1');
  });

  test('the practice manager confirms: the agreement is in force with both contacts, new referrals get its term, and the review is due a year later', async () => {
    const id = (await listAgreements(db(), actorOf(w.users.adminA)))[0]!.id;
    await confirmAgreement(db(), contextOf(w.users.adminA), { agreementId: id, proposedAt: await proposedAt(id), contact: PRACTICE_CONTACT }, BASE_URL);
    const detail = await getAgreementDetail(db(), (await findAgreement(db(), actorOf(w.users.noordAdmin), id))!);
    assert.equal(detail.state, 'agreed');
    assert.equal(detail.proposal, null);
    assert.equal(detail.inForce?.practiceContactName, 'Mark Jansen');
    assert.equal(detail.contacts.get(ricardo)?.name, 'Ricardo Wolters');
    assert.equal(detail.reviewDueOn, reviewDueOn(amsterdamToday()));
    assert.ok((await notificationKinds(db(), w.users.noordAdmin.id)).includes('agreement_confirmed'), 'the team coordinator hears it');

    const sent = await sendReferral(db(), contextOf(w.users.staffA), referralInput(w, { urgency_triggers: [] }), BASE_URL);
    const referral = await db().selectFrom('referrals').select('first_contact_due').where('id', '=', sent.id).executeTakeFirstOrThrow();
    assert.equal(referral.first_contact_due, addWorkingDays(amsterdamToday(), 1), 'the agreed 1 working day');
  });

  test('a change to an agreed agreement waits for the practice; the terms in force stay until it is confirmed', async () => {
    const id = (await listAgreements(db(), actorOf(w.users.adminA)))[0]!.id;
    await draftAgreement(db(), contextOf(w.users.regionCoordinator), { agreementId: id }, content({ firstContactWorkingDays: 5 }), BASE_URL);
    const row = await db().selectFrom('agreements').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.first_contact_working_days, 1, 'still the confirmed term');
    const [listed] = await listAgreements(db(), actorOf(w.users.regionCoordinator));
    assert.equal(listed?.pendingChange, true);
    assert.equal(listed?.state, 'agreed');
  });

  test('a proposal changed after the practice manager read it cannot be confirmed: they confirm only what they saw', async () => {
    const id = (await listAgreements(db(), actorOf(w.users.adminA)))[0]!.id;
    const seen = await proposedAt(id);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await draftAgreement(db(), contextOf(w.users.noordAdmin), { agreementId: id }, content({ firstContactWorkingDays: 10 }), BASE_URL);
    await assert.rejects(
      confirmAgreement(db(), contextOf(w.users.adminA), { agreementId: id, proposedAt: seen, contact: PRACTICE_CONTACT }, BASE_URL),
      appError('agreement_proposal_changed', 409),
    );
    await confirmAgreement(db(), contextOf(w.users.adminA), { agreementId: id, proposedAt: await proposedAt(id), contact: PRACTICE_CONTACT }, BASE_URL);
    const row = await db().selectFrom('agreements').select('first_contact_working_days').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.first_contact_working_days, 10);
  });

  test('every draft and confirmation is kept in the history and written to the audit log', async () => {
    const id = (await listAgreements(db(), actorOf(w.users.adminA)))[0]!.id;
    const history = await db().selectFrom('agreement_history').select('kind').where('agreement_id', '=', id).orderBy('id').execute();
    assert.deepEqual(
      history.map((h) => h.kind),
      ['drafted', 'confirmed', 'drafted', 'drafted', 'confirmed'],
    );
    const audited = [...(await auditEntries(db(), 'agreement.drafted')), ...(await auditEntries(db(), 'agreement.confirmed'))].filter(
      (e) => e.subject_id === id,
    );
    assert.equal(audited.length, 5);
  });

  test('a team coordinator drafts only for their own team, and only with a practice of their region; nobody of another practice sees the agreement', async () => {
    const other = await db()
      .insertInto('regions')
      .values({ name: `Elders ${Date.now()}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    const farPractice = (
      await db()
        .insertInto('organisations')
        .values({
          kind: 'practice',
          name: 'Praktijk Elders',
          region_id: other.id,
          agb_code: `0${Date.now() % 10_000_000}`.padEnd(8, '7').slice(0, 8),
          updated_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await assert.rejects(
      draftAgreement(db(), contextOf(w.users.noordAdmin), { practiceId: farPractice, teamId: w.noord }, content(), BASE_URL),
      appError('not_found', 404),
    );
    await assert.rejects(
      draftAgreement(db(), contextOf(w.users.noordAdmin), { practiceId: w.practiceB, teamId: w.hengelo }, content(), BASE_URL),
      appError('not_found', 404),
    );
    const id = (await listAgreements(db(), actorOf(w.users.adminA)))[0]!.id;
    assert.equal(await findAgreement(db(), actorOf(w.users.staffA), id), null, 'practice staff do not open agreements');
    assert.deepEqual(await listAgreements(db(), actorOf(w.users.hengeloMember)), []);
  });

  test('the fixed contact must be a person of the team on the social map', async () => {
    await assert.rejects(
      draftAgreement(
        db(),
        contextOf(w.users.noordAdmin),
        { practiceId: w.practiceB, teamId: w.noord },
        content({ teamContactId: '00000000-0000-4000-8000-000000000000' }),
        BASE_URL,
      ),
      appError('agreement_contact_not_of_team', 422),
    );
  });

  test('the practice sees “uw vaste contactpersoon” per team; when that person is replaced on the social map, the agreement names the successor and the practice is told once', async () => {
    const before = await listFixedContacts(db(), w.practiceA);
    assert.equal(before.find((f) => f.teamId === w.noord)?.person?.name, 'Ricardo Wolters');

    const successor = await replaceContact(db(), contextOf(w.users.noordAdmin), ricardo, {
      name: 'Sevda Kaya',
      job_title: 'Wijkcoach geldzaken',
      email: null,
      phone: '06 1234 5699',
      visibility: 'professional',
      phone_hours: [],
      last_verified_at: new Date(),
    } as Parameters<typeof replaceContact>[3]);
    const shown = (await listFixedContacts(db(), w.practiceA)).find((f) => f.teamId === w.noord);
    assert.equal(shown?.person?.name, 'Sevda Kaya', 'the practice sees the new person at once');
    assert.equal(shown?.replaced?.name, 'Ricardo Wolters');

    const job = contextOf(w.users.admin);
    const first = await followContactChanges(db(), { ...job, actor: null }, { baseUrl: BASE_URL });
    const second = await followContactChanges(db(), { ...job, actor: null }, { baseUrl: BASE_URL });
    assert.equal(first.replaced, 1);
    assert.equal(second.replaced, 0, 'a second run changes nothing');
    const row = await db()
      .selectFrom('agreements')
      .select('team_contact_id')
      .where('practice_id', '=', w.practiceA)
      .where('team_id', '=', w.noord)
      .executeTakeFirstOrThrow();
    assert.equal(row.team_contact_id, successor.id);
    for (const user of [w.users.staffA, w.users.adminA]) {
      assert.equal((await notificationKinds(db(), user.id)).filter((k) => k === 'contact_replaced').length, 1, 'everyone at the practice is told once');
    }
    ricardo = successor.id;
  });

  test('the new-referral check and the referral page show the agreement in force: its terms and the fixed contacts, to the practice and to the holding team', async () => {
    const route = await checkReferralRoute(db(), contextOf(w.users.staffA), { postcode: '7552 AB', houseNumber: '14', need: 'debt_counselling' });
    assert.equal(route.teamId, w.noord);
    assert.equal(route.agreement?.teamContact?.name, 'Sevda Kaya');
    assert.equal(route.agreement?.practiceContact?.name, 'Mark Jansen');
    const sent = await sendReferral(db(), contextOf(w.users.staffA), referralInput(w, { urgency_triggers: [] }), BASE_URL);
    for (const user of [w.users.staffA, w.users.noordMember]) {
      const page = await (await signedInBrowser(app, db(), user)).get(`/verwijzingen/${sent.id}`);
      assert.equal(page.status, 200);
      assert.match(page.html, /data-testid="agreement-summary"/, 'the agreement is on the page');
      assert.match(page.html, /binnen 10 werkdagen/, 'with its first-contact term');
      assert.match(page.html, /data-testid="agreement-team-contact">Sevda Kaya</, 'and the team’s fixed contact');
    }
    const concept = await sendReferral(db(), contextOf(w.users.staffB), referralInput(w, { urgency_triggers: [] }), BASE_URL);
    const pageB = await (await signedInBrowser(app, db(), w.users.staffB)).get(`/verwijzingen/${concept.id}`);
    assert.doesNotMatch(pageB.html, /agreement-summary/, 'a practice without an agreement in force sees none');
  });

  test('a fixed contact unconfirmed for six months prompts the team coordinators, and not again within 30 days', async () => {
    const longAgo = new Date(Date.now() - 200 * 86_400_000);
    await db().updateTable('contacts').set({ last_verified_at: longAgo }).where('id', '=', ricardo).execute();
    const ctx = { ...contextOf(w.users.admin), actor: null };
    const first = await followContactChanges(db(), ctx, { baseUrl: BASE_URL });
    const again = await followContactChanges(db(), ctx, { baseUrl: BASE_URL });
    assert.ok(first.prompted >= 1);
    assert.equal(again.prompted, 0);
    assert.equal((await notificationKinds(db(), w.users.noordAdmin.id)).filter((k) => k === 'contact_unconfirmed').length, 1);
    const later = await followContactChanges(db(), ctx, { baseUrl: BASE_URL, now: new Date(Date.now() + 31 * 86_400_000) });
    assert.ok(later.prompted >= 1, 'after 30 days the prompt comes back');
  });

  test('the practice manager confirms that the practice’s contact is still right', async () => {
    const id = (await listAgreements(db(), actorOf(w.users.adminA)))[0]!.id;
    await db()
      .updateTable('agreements')
      .set({ practice_contact_confirmed_at: new Date(Date.now() - 200 * 86_400_000) })
      .where('id', '=', id)
      .execute();
    await confirmPracticeContact(db(), contextOf(w.users.adminA), id);
    const row = await db().selectFrom('agreements').select('practice_contact_confirmed_at').where('id', '=', id).executeTakeFirstOrThrow();
    assert.ok(row.practice_contact_confirmed_at!.getTime() > Date.now() - 60_000);
    await assert.rejects(confirmPracticeContact(db(), contextOf(w.users.staffA), id), appError('forbidden', 403));
  });

  test('through the pages: a term outside 1–10 working days is refused with a Dutch message; the practice manager confirms on the agreement page', async () => {
    const coordinator = await signedInBrowser(app, db(), w.users.noordAdmin);
    const form = await coordinator.get(`/afspraken/nieuw?praktijk=${w.practiceB}`);
    assert.equal(form.status, 200);
    assert.match(form.html, /Vaste contactpersoon van het team/);
    const fields = {
      practice_id: w.practiceB,
      team_id: w.noord,
      first_contact_working_days: '11',
      team_contact_id: ricardo,
      team_contact_hours: 'dinsdag 9–10 uur',
      handover_meeting_at_practice: 'ja',
      consent_recording: 'Mondeling.',
      feedback_arrangement: 'Na het eerste gesprek.',
    };
    const refused = await coordinator.post('/afspraken', fields);
    assert.equal(refused.status, 422);
    assert.match(refused.html, /Vul een heel getal in van 1 tot en met 10\./);
    const saved = await coordinator.post('/afspraken', { ...fields, first_contact_working_days: '2' });
    assert.equal(saved.status, 303);
    const id = saved.location!.split('/')[2]!.split('?')[0]!;

    const manager = await signedInBrowser(
      app,
      db(),
      await db()
        .insertInto('users')
        .values({
          email: `manager-b-${Date.now()}@test.kortelijn.nl`,
          name: 'Manager B',
          role: 'practice_admin',
          practice_id: w.practiceB,
          password_hash: 'x',
          updated_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
    const page = await manager.get(`/afspraken/${id}`);
    assert.equal(page.status, 200);
    assert.match(page.html, /Voorstel dat wacht op bevestiging/);
    const version = /name="versie" value="([^"]+)"/.exec(page.html)?.[1];
    assert.ok(version);
    const missing = await manager.post(`/afspraken/${id}/bevestigen`, { versie: version, practice_contact_name: '' });
    assert.equal(missing.status, 422);
    assert.match(missing.html, /Vul de naam van de vaste contactpersoon van de praktijk in\./);
    const confirmed = await manager.post(`/afspraken/${id}/bevestigen`, { versie: version, ...PRACTICE_CONTACT });
    assert.equal(confirmed.status, 303);
    assert.match((await manager.follow(confirmed)).html, /De afspraak is bevestigd en geldt vanaf nu\./);
    assert.equal((await signedInBrowser(app, db(), w.users.adminA).then((b) => b.get(`/afspraken/${id}`))).status, 404, 'another practice does not see it');
  });
});
