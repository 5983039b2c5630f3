import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { forEachDatabase } from '../../test/support/databases.ts';
import { appError, createTenant, createTestUser } from '../../test/support/fixtures.ts';
import { verifyAuditChain } from '../platform/audit/audit.ts';
import { referralAccess } from './access.ts';
import { acceptReferral } from './accept-referral.ts';
import { cancelReferral } from './cancel-referral.ts';
import { closeReferral } from './close-referral.ts';
import { CONSENT_TEXT_VERSION, sharedDataScope } from './consent.ts';
import { addWorkingDays, runOnToWorkingDay } from './due-dates.ts';
import { addDaysIso, amsterdamToday } from '../platform/dates.ts';
import { forwardReferral } from './forward-referral.ts';
import { listPracticeReferrals } from './list-practice-referrals.ts';
import { listTeamInbox } from './list-team-inbox.ts';
import { markAlreadyKnown } from './mark-already-known.ts';
import { openReferral } from './open-referral.ts';
import { recordContactAttempt } from './record-contact-attempt.ts';
import { recordFirstContact } from './record-first-contact.ts';
import { recordFirstConversation } from './record-first-conversation.ts';
import { rejectReferral } from './reject-referral.ts';
import { sendReferral } from './send-referral.ts';
import { FormSentWithOtherContent } from './referral-errors.ts';
import { BASE_URL, contextOf, insertReferralWorld, referralInput, type ReferralWorld } from './test-fixture.ts';

forEachDatabase('closed-loop referral, practice and team', (db) => {
  let w: ReferralWorld;
  const today = amsterdamToday();

  before(async () => {
    w = await insertReferralWorld(db());
  });

  const send = (overrides: Parameters<typeof referralInput>[1] = {}, as = w.users.staffA) =>
    sendReferral(db(), contextOf(as), referralInput(w, overrides), BASE_URL);
  const referral = (id: string) => db().selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const count = async (table: 'referrals' | 'consents' | 'referral_events' | 'outbox_mail') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const events = (id: string) => db().selectFrom('referral_events').selectAll().where('referral_id', '=', id).orderBy('id').execute();
  const audits = (action: string, patientRef: string) =>
    db().selectFrom('audit_log').selectAll().where('action', '=', action).where('patient_ref', '=', patientRef).orderBy('id').execute();
  const notifications = (userId: string, referralId: string) =>
    db().selectFrom('notifications').select('kind').where('user_id', '=', userId).where('referral_id', '=', referralId).orderBy('created_at').execute();

  describe('sending', () => {
    it('a referral with consent goes to the team of the patient’s address (7552 → Hengelo-Noord), with due dates from today', async () => {
      const sent = await send();
      assert.equal(sent.created, true);
      assert.match(sent.reference, /^KL-[2-9A-HJ-NP-Z]{6}$/);
      const r = await referral(sent.id);
      assert.equal(r.team_id, w.noord);
      assert.equal(r.status, 'requested');
      assert.equal(r.practice_id, w.practiceA);
      assert.equal(r.created_by, w.users.staffA.id);
      assert.equal(r.requested_on, today);
      // Eviction threatens: first conversation within 3 working days (Wgs art. 4); first contact in 3 working days.
      assert.equal(r.first_contact_due, addWorkingDays(today, 3));
      assert.equal(r.first_conversation_due, addWorkingDays(today, 3));
      assert.equal(r.municipality_code, 'GM0164');
      assert.equal(r.district_code, 'WK016402');
      assert.match(r.route_explanation ?? '', /^7552 AB ligt in Hengelo, wijk Noord\. De verwijzing gaat naar Wijkteam Hengelo-Noord/);
      const consent = await db().selectFrom('consents').selectAll().where('referral_id', '=', sent.id).executeTakeFirstOrThrow();
      assert.equal(consent.recipient_team_id, w.noord);
      assert.equal(consent.recorded_by, w.users.staffA.id);
      assert.equal(consent.method, 'verbal');
      assert.equal(consent.text_version, CONSENT_TEXT_VERSION);
      assert.deepEqual(consent.data_scope, [...sharedDataScope]);
      assert.equal(consent.feedback_allowed, true);
      assert.deepEqual(
        (await events(sent.id)).map((e) => [e.type, e.to_status, e.to_team_id]),
        [['created', 'requested', w.noord]],
      );
      assert.equal((await audits('referral.created', sent.id)).length, 1);
    });

    it('the receiving team is notified in the app and by mail, and the mail carries no patient data', async () => {
      const sent = await send();
      for (const member of [w.users.noordMember, w.users.noordColleague, w.users.noordAdmin]) {
        assert.deepEqual(await notifications(member.id, sent.id), [{ kind: 'referral_received' }]);
      }
      assert.deepEqual(await notifications(w.users.hengeloMember.id, sent.id), []);
      const mail = await db().selectFrom('outbox_mail').selectAll().where('to_address', '=', w.users.noordMember.email).execute();
      assert.ok(mail.length >= 1);
      for (const m of mail) {
        for (const secret of ['Johanna', 'Testpersoon', '7552', '1971', '09-03-1971', 'rekeningen'])
          assert.ok(!`${m.subject}\n${m.body_text}`.includes(secret), `mail contains ${secret}`);
      }
    });

    it('without a threatening situation the first conversation is due in 4 weeks', async () => {
      const r = await referral((await send({ urgency_triggers: [] })).id);
      assert.equal(r.first_contact_due, addWorkingDays(today, 3));
      assert.equal(r.first_conversation_due, runOnToWorkingDay(addDaysIso(today, 28)));
    });

    it('a practice–team agreement shortens the terms', async () => {
      await db()
        .insertInto('agreements')
        .values({ practice_id: w.practiceB, team_id: w.noord, first_contact_working_days: 1, first_conversation_days: 14, updated_at: new Date() })
        .execute();
      const r = await referral((await send({ urgency_triggers: [] }, w.users.staffB)).id);
      assert.equal(r.first_contact_due, addWorkingDays(today, 1));
      assert.equal(r.first_conversation_due, runOnToWorkingDay(addDaysIso(today, 14)));
    });

    it('an agreement may give first contact more working days than the default of 3, up to 10', async () => {
      const practice = await createTenant(db());
      const staff = await createTestUser(db(), practice, 'practice_staff');
      await db()
        .insertInto('agreements')
        .values({ practice_id: practice.practiceId, team_id: w.noord, first_contact_working_days: 5, updated_at: new Date() })
        .execute();
      const r = await referral((await send({ urgency_triggers: [] }, staff)).id);
      assert.equal(r.first_contact_due, addWorkingDays(today, 5));
      await assert.rejects(
        db()
          .insertInto('agreements')
          .values({ practice_id: w.practiceA, team_id: w.hengelo, first_contact_working_days: 11, updated_at: new Date() })
          .execute(),
        'more than 10 working days is not an agreement the database keeps',
      );
    });

    it('sending the same form twice makes one referral, also when both arrive at once', async () => {
      const input = referralInput(w);
      const first = await sendReferral(db(), contextOf(w.users.staffA), input, BASE_URL);
      const before = await count('referrals');
      const again = await sendReferral(db(), contextOf(w.users.staffA), input, BASE_URL);
      assert.deepEqual(again, { ...first, created: false });
      assert.equal(await count('referrals'), before);

      const twin = referralInput(w);
      const [a, b] = await Promise.all([
        sendReferral(db(), contextOf(w.users.staffA), twin, BASE_URL),
        sendReferral(db(), contextOf(w.users.adminA), twin, BASE_URL),
      ]);
      assert.equal(a.id, b.id);
      assert.equal((await db().selectFrom('referrals').select('id').where('idempotency_key', '=', twin.idempotency_key).execute()).length, 1);
      assert.equal((await db().selectFrom('consents').select('id').where('referral_id', '=', a.id).execute()).length, 1);
    });

    it('the same form key with other details is a conflict naming the referral sent; nothing changes', async () => {
      const input = referralInput(w);
      const first = await sendReferral(db(), contextOf(w.users.staffA), input, BASE_URL);
      const changed = sendReferral(db(), contextOf(w.users.staffA), { ...input, patient_name: 'Iemand Anders' }, BASE_URL);
      await assert.rejects(changed, (err: unknown) => {
        assert.ok(err instanceof FormSentWithOtherContent);
        assert.equal(err.status, 409);
        assert.deepEqual(err.sent, { id: first.id, reference: first.reference });
        return true;
      });
      assert.equal((await referral(first.id)).patient_name, input.patient_name);
    });

    it('the form key of another practice is refused', async () => {
      const input = referralInput(w);
      await sendReferral(db(), contextOf(w.users.staffA), input, BASE_URL);
      await assert.rejects(sendReferral(db(), contextOf(w.users.staffB), input, BASE_URL), appError('idempotency_conflict', 409));
    });

    it('without consent nothing is sent', async () => {
      const before = [await count('referrals'), await count('consents'), await count('outbox_mail')];
      await assert.rejects(send({ consent: { given: false, method: null, feedbackAllowed: false } }), appError('consent_missing', 422));
      await assert.rejects(send({ consent: { given: true, method: null, feedbackAllowed: true } }), appError('consent_no_method', 422));
      assert.deepEqual([await count('referrals'), await count('consents'), await count('outbox_mail')], before);
    });

    it('consent for another team than the address routes to is refused (postcode changed after checking)', async () => {
      const before = await count('referrals');
      await assert.rejects(send({ recipientTeamId: w.hengelo }), appError('wrong_recipient', 409));
      // The consent named Hengelo-Noord, but 7557 lies outside district Noord.
      await assert.rejects(send({ postcode: '7557', recipientTeamId: w.noord }), appError('wrong_recipient', 409));
      assert.equal(await count('referrals'), before);
    });

    it('only practice staff can send; a team member, a coordinator or an administrator cannot', async () => {
      for (const user of [w.users.noordMember, w.users.regionCoordinator, w.users.admin]) {
        await assert.rejects(send({}, user), appError('forbidden', 403));
      }
    });

    it('no BSN: no table has a column for one', async () => {
      const columns = await sql<{
        table_name: string;
        column_name: string;
      }>`select table_name, column_name from information_schema.columns where table_schema = current_schema() and column_name ilike '%bsn%'`.execute(db());
      assert.deepEqual(columns.rows, []);
    });
  });

  describe('the team works the referral', () => {
    it('opening by the holding team marks it received, once; opening by the practice does not', async () => {
      const { id } = await send();
      await openReferral(db(), contextOf(w.users.staffA), id, BASE_URL);
      assert.equal((await referral(id)).status, 'requested');
      const opened = await openReferral(db(), contextOf(w.users.noordMember), id, BASE_URL);
      assert.equal(opened.referral.status, 'received');
      await openReferral(db(), contextOf(w.users.noordColleague), id, BASE_URL);
      assert.deepEqual(
        (await events(id)).map((e) => e.type),
        ['created', 'received'],
      );
      // The list shows it was received; that alone is not worth a notification.
      assert.deepEqual(await notifications(w.users.staffA.id, id), []);
    });

    it('every opening of a referral is audited with the referral as patient reference', async () => {
      const { id } = await send();
      await openReferral(db(), contextOf(w.users.staffA), id, BASE_URL);
      await openReferral(db(), contextOf(w.users.noordMember), id, BASE_URL);
      const reads = await audits('referral.read', id);
      assert.deepEqual(
        reads.map((r) => [r.actor_user_id, r.subject_id]),
        [
          [w.users.staffA.id, id],
          [w.users.noordMember.id, id],
        ],
      );
      assert.deepEqual((await verifyAuditChain(db())).ok, true);
    });

    it('accept and assign, attempts, first contact, first conversation, close with feedback: the loop closes at the practice', async () => {
      const { id } = await send();
      const ctx = contextOf(w.users.noordMember);
      await openReferral(db(), ctx, id, BASE_URL);
      await acceptReferral(db(), ctx, { referralId: id, assigneeId: w.users.noordColleague.id }, BASE_URL);
      assert.deepEqual([(await referral(id)).status, (await referral(id)).assigned_to], ['accepted', w.users.noordColleague.id]);
      assert.deepEqual(await notifications(w.users.noordColleague.id, id), [{ kind: 'referral_received' }, { kind: 'referral_assigned' }]);
      assert.equal(await recordContactAttempt(db(), ctx, { referralId: id, note: 'voicemail' }, BASE_URL), 1);
      assert.equal(await recordContactAttempt(db(), ctx, { referralId: id, note: null }, BASE_URL), 2);
      assert.equal((await referral(id)).status, 'accepted');
      await recordFirstContact(db(), ctx, { referralId: id, date: today }, BASE_URL);
      await assert.rejects(recordFirstContact(db(), ctx, { referralId: id, date: today }, BASE_URL), appError('already_recorded', 409));
      await recordFirstConversation(db(), ctx, { referralId: id, date: today }, BASE_URL);
      await markAlreadyKnown(db(), ctx, { referralId: id, known: false }, BASE_URL);
      await closeReferral(db(), ctx, { referralId: id, outcome: 'trajectory_started', feedback: 'Eerste gesprek gehad, traject gestart.' }, BASE_URL);
      const r = await referral(id);
      assert.deepEqual(
        [r.status, r.first_contact_on, r.first_conversation_on, r.contact_attempts, r.already_known, r.outcome],
        ['completed', today, today, 2, false, 'trajectory_started'],
      );
      assert.ok(r.closed_at);
      assert.deepEqual(
        (await events(id)).map((e) => `${e.type}:${e.to_status}`),
        [
          'created:requested',
          'received:received',
          'accepted:accepted',
          'contact_attempt:accepted',
          'contact_attempt:accepted',
          'first_contact:in-progress',
          'first_conversation:in-progress',
          'already_known:in-progress',
          'closed:completed',
        ],
      );
      for (const type of ['received', 'accepted', 'contact_attempt', 'first_contact', 'first_conversation', 'already_known', 'closed']) {
        assert.ok((await audits(`referral.${type}`, id)).length >= 1, `audit for ${type}`);
      }
      const kinds = (await notifications(w.users.staffA.id, id)).map((n) => n.kind);
      // Accepted, first contact (in progress), closed with feedback: told to the colleague who sent it, not the whole practice,
      // each notification saying what changed.
      assert.deepEqual(kinds, ['referral_accepted', 'contact_made', 'feedback_given']);
      assert.deepEqual(await notifications(w.users.adminA.id, id), []);
      const seen = await openReferral(db(), contextOf(w.users.staffA), id, BASE_URL);
      assert.equal(seen.referral.feedback, 'Eerste gesprek gehad, traject gestart.');
      const list = await listPracticeReferrals(db(), contextOf(w.users.staffA));
      assert.equal(list.rows.find((row) => row.id === id)?.feedback, 'Eerste gesprek gehad, traject gestart.');
    });

    it('illegal transitions are refused with a Dutch 409 and change nothing', async () => {
      const { id } = await send();
      const ctx = contextOf(w.users.noordMember);
      await assert.rejects(recordFirstContact(db(), ctx, { referralId: id, date: today }, BASE_URL), appError('illegal_transition', 409));
      await assert.rejects(
        closeReferral(db(), ctx, { referralId: id, outcome: 'no_help_needed', feedback: null }, BASE_URL),
        appError('illegal_transition', 409),
      );
      await acceptReferral(db(), ctx, { referralId: id, assigneeId: w.users.noordMember.id }, BASE_URL);
      await assert.rejects(
        rejectReferral(db(), ctx, { referralId: id, reason: 'te laat bedacht' }, BASE_URL),
        (err: { status: number; userMessage: { nl: string } }) => err.status === 409 && /heeft nu de status "Aangenomen"/.test(err.userMessage.nl),
      );
      await closeReferral(db(), ctx, { referralId: id, outcome: 'not_reachable', feedback: null }, BASE_URL);
      assert.equal((await referral(id)).status, 'failed');
      const before = (await events(id)).length;
      await assert.rejects(acceptReferral(db(), ctx, { referralId: id, assigneeId: w.users.noordMember.id }, BASE_URL), appError('illegal_transition', 409));
      await assert.rejects(markAlreadyKnown(db(), ctx, { referralId: id, known: true }, BASE_URL), appError('illegal_transition', 409));
      assert.equal((await events(id)).length, before);
    });

    it('a referral can only be assigned to someone of the holding team', async () => {
      const { id } = await send();
      await assert.rejects(
        acceptReferral(db(), contextOf(w.users.noordMember), { referralId: id, assigneeId: w.users.hengeloMember.id }, BASE_URL),
        appError('assignee_not_in_team', 422),
      );
    });

    it('rejecting needs the team to hold it and closes it; the reason reaches the practice only as feedback it may receive', async () => {
      const { id } = await send({ consent: { given: true, method: 'written', feedbackAllowed: false } });
      await assert.rejects(
        rejectReferral(db(), contextOf(w.users.hengeloMember), { referralId: id, reason: 'niet van ons' }, BASE_URL),
        appError('not_found', 404),
      );
      await rejectReferral(db(), contextOf(w.users.noordMember), { referralId: id, reason: 'Patiënt woont in Almelo' }, BASE_URL);
      assert.equal((await referral(id)).status, 'rejected');
      const seen = await openReferral(db(), contextOf(w.users.staffA), id, BASE_URL);
      assert.equal(seen.events.find((e) => e.type === 'rejected')?.note, null);
    });

    it('forwarding keeps the history and the due dates, gives the new team the referral and leaves the old team reading along', async () => {
      const { id } = await send();
      const old = contextOf(w.users.noordMember);
      await openReferral(db(), old, id, BASE_URL);
      await acceptReferral(db(), old, { referralId: id, assigneeId: w.users.noordMember.id }, BASE_URL);
      const dueBefore = await referral(id);
      // Only to a team the form offers: one in the same region.
      const elsewhere = await createTenant(db());
      await assert.rejects(
        forwardReferral(db(), old, { referralId: id, toTeamId: elsewhere.teamId, reason: 'Andere regio', consentMethod: 'verbal' }, BASE_URL),
        appError('forward_unknown_team', 422),
      );
      await forwardReferral(
        db(),
        old,
        { referralId: id, toTeamId: w.hengelo, reason: 'Adres valt onder het centrale loket', consentMethod: 'verbal' },
        BASE_URL,
      );
      const r = await referral(id);
      assert.deepEqual([r.team_id, r.status, r.assigned_to], [w.hengelo, 'requested', null]);
      assert.deepEqual(
        [r.first_contact_due, r.first_conversation_due, r.requested_on],
        [dueBefore.first_contact_due, dueBefore.first_conversation_due, dueBefore.requested_on],
      );
      const forwarded = (await events(id)).find((e) => e.type === 'forwarded');
      assert.deepEqual([forwarded?.from_team_id, forwarded?.to_team_id, forwarded?.note], [w.noord, w.hengelo, 'Adres valt onder het centrale loket']);
      assert.deepEqual(await notifications(w.users.hengeloMember.id, id), [{ kind: 'referral_forwarded' }]);

      // Consent names one team: the forwarding team recorded the patient's consent for the new one,
      // with the patient's earlier choice about feedback to the practice.
      const consents = await db().selectFrom('consents').selectAll().where('referral_id', '=', id).orderBy('given_at').execute();
      assert.deepEqual(
        consents.map((c) => [c.recipient_team_id, c.recorded_by, c.method, c.feedback_allowed]),
        [
          [w.noord, w.users.staffA.id, consents[0]!.method, consents[0]!.feedback_allowed],
          [w.hengelo, w.users.noordMember.id, 'verbal', consents[0]!.feedback_allowed],
        ],
      );
      // The practice still lists the referral once.
      assert.equal((await listPracticeReferrals(db(), contextOf(w.users.staffA))).rows.filter((row) => row.id === id).length, 1);

      assert.equal(await referralAccess(db(), contextOf(w.users.noordMember).actor!, id), 'team-former');
      assert.equal(await referralAccess(db(), contextOf(w.users.hengeloMember).actor!, id), 'team-holder');

      // The new team sees why, and opening it marks it received for them.
      const seenByNew = await openReferral(db(), contextOf(w.users.hengeloMember), id, BASE_URL);
      assert.equal(seenByNew.consent?.recipient_team_name, seenByNew.teamName);
      assert.equal(seenByNew.events.find((e) => e.type === 'forwarded')?.note, 'Adres valt onder het centrale loket');
      assert.equal(seenByNew.referral.status, 'received');
      assert.ok((await listTeamInbox(db(), contextOf(w.users.hengeloMember), 'nieuw')).rows.some((row) => row.id === id));

      // The old team reads along, but can no longer act, and no longer lists it as its own.
      const seenByOld = await openReferral(db(), old, id, BASE_URL);
      assert.equal(seenByOld.access, 'team-former');
      assert.equal(seenByOld.referral.status, 'received');
      // ...without the patient's data: the consent now covers the new team.
      assert.deepEqual([seenByOld.referral.patient_name, seenByOld.referral.patient_phone, seenByOld.referral.question], [null, null, null]);
      assert.ok(seenByNew.referral.patient_name);
      await assert.rejects(acceptReferral(db(), old, { referralId: id, assigneeId: w.users.noordMember.id }, BASE_URL), appError('not_found', 404));
      await assert.rejects(
        forwardReferral(db(), old, { referralId: id, toTeamId: w.regional, reason: 'nogmaals', consentMethod: 'verbal' }, BASE_URL),
        appError('not_found', 404),
      );
      assert.ok(!(await listTeamInbox(db(), old, 'open')).rows.some((row) => row.id === id));
      const followed = (await listTeamInbox(db(), old, 'doorgestuurd')).rows.find((row) => row.id === id);
      assert.equal(followed?.patient_name, null);
    });

    it('after forwarding, the old team sees the status and dates of what follows, not the new team’s notes', async () => {
      const { id } = await send();
      const old = contextOf(w.users.noordMember);
      await openReferral(db(), old, id, BASE_URL);
      await acceptReferral(db(), old, { referralId: id, assigneeId: w.users.noordMember.id }, BASE_URL);
      await recordContactAttempt(db(), old, { referralId: id, note: 'Voicemail ingesproken bij mevrouw' }, BASE_URL);
      await forwardReferral(db(), old, { referralId: id, toTeamId: w.hengelo, reason: 'Centraal loket', consentMethod: 'verbal' }, BASE_URL);
      const next = contextOf(w.users.hengeloMember);
      await openReferral(db(), next, id, BASE_URL);
      await acceptReferral(db(), next, { referralId: id, assigneeId: w.users.hengeloMember.id }, BASE_URL);
      await recordContactAttempt(db(), next, { referralId: id, note: 'Mevrouw vertelde over haar schulden bij de zorgverzekeraar' }, BASE_URL);

      const seenByOld = await openReferral(db(), old, id, BASE_URL);
      const attempts = seenByOld.events.filter((e) => e.type === 'contact_attempt');
      assert.equal(attempts.length, 2, 'the old team still sees that something happened, and when');
      assert.ok(attempts.every((e) => e.at instanceof Date));
      assert.deepEqual(
        seenByOld.events.map((e) => e.note),
        seenByOld.events.map(() => null),
        'no notes at all: the new team’s are about the resident, and the old team no longer has consent',
      );
      const forwardedAt = seenByOld.events.findIndex((e) => e.type === 'forwarded');
      assert.deepEqual(
        seenByOld.events.slice(forwardedAt + 1).map((e) => e.actorName),
        seenByOld.events.slice(forwardedAt + 1).map(() => null),
        'who of the new team did what stays with the new team',
      );
      // The new team and the practice's own view are unchanged.
      const seenByNew = await openReferral(db(), next, id, BASE_URL);
      assert.ok(seenByNew.events.some((e) => e.note === 'Mevrouw vertelde over haar schulden bij de zorgverzekeraar'));
    });

    it('a team outside the referral’s path never sees it', async () => {
      const { id } = await send();
      await assert.rejects(openReferral(db(), contextOf(w.users.hengeloMember), id, BASE_URL), appError('not_found', 404));
      assert.ok(!(await listTeamInbox(db(), contextOf(w.users.hengeloMember), 'open')).rows.some((row) => row.id === id));
    });
  });

  describe('the practice side', () => {
    it('a practice never sees another practice’s referral', async () => {
      const { id } = await send();
      await assert.rejects(openReferral(db(), contextOf(w.users.staffB), id, BASE_URL), appError('not_found', 404));
      assert.ok(!(await listPracticeReferrals(db(), contextOf(w.users.staffB))).rows.some((row) => row.id === id));
      await assert.rejects(cancelReferral(db(), contextOf(w.users.staffB), { referralId: id, reason: null }, BASE_URL), appError('not_found', 404));
    });

    it('region coordinators and administrators never see a referral', async () => {
      const { id } = await send();
      for (const user of [w.users.regionCoordinator, w.users.admin]) {
        await assert.rejects(openReferral(db(), contextOf(user), id, BASE_URL), appError('not_found', 404));
        await assert.rejects(listPracticeReferrals(db(), contextOf(user)), appError('forbidden', 403));
        await assert.rejects(listTeamInbox(db(), contextOf(user), 'open'), appError('forbidden', 403));
      }
    });

    it('feedback stays with the team when the patient did not allow it', async () => {
      const { id } = await send({ consent: { given: true, method: 'verbal', feedbackAllowed: false } });
      const team = contextOf(w.users.noordMember);
      await acceptReferral(db(), team, { referralId: id, assigneeId: w.users.noordMember.id }, BASE_URL);
      await closeReferral(db(), team, { referralId: id, outcome: 'declined', feedback: 'Wil nu geen hulp.' }, BASE_URL);
      const seen = await openReferral(db(), contextOf(w.users.staffA), id, BASE_URL);
      assert.deepEqual([seen.feedbackVisible, seen.referral.outcome, seen.referral.feedback, seen.referral.status], [false, null, null, 'completed']);
      const row = (await listPracticeReferrals(db(), contextOf(w.users.staffA))).rows.find((r) => r.id === id);
      assert.deepEqual([row?.outcome, row?.feedback], [null, null]);
      assert.deepEqual(
        (await notifications(w.users.staffA.id, id)).map((n) => n.kind),
        ['referral_accepted', 'referral_closed'],
      );
      // The team that did the work still reads what it wrote.
      assert.equal((await openReferral(db(), team, id, BASE_URL)).referral.feedback, 'Wil nu geen hulp.');
    });

    it('feedback stops reaching the practice once consent is withdrawn', async () => {
      const { id } = await send();
      const team = contextOf(w.users.noordMember);
      await acceptReferral(db(), team, { referralId: id, assigneeId: w.users.noordMember.id }, BASE_URL);
      await closeReferral(db(), team, { referralId: id, outcome: 'no_help_needed', feedback: 'Geregeld.' }, BASE_URL);
      await db().updateTable('consents').set({ withdrawn_at: new Date() }).where('referral_id', '=', id).execute();
      assert.equal((await openReferral(db(), contextOf(w.users.staffA), id, BASE_URL)).referral.feedback, null);
    });

    it('the practice can withdraw its referral before the team accepts it, not after', async () => {
      const first = await send();
      await cancelReferral(db(), contextOf(w.users.adminA), { referralId: first.id, reason: 'Patiënt belt zelf' }, BASE_URL);
      assert.equal((await referral(first.id)).status, 'cancelled');
      const told = await db()
        .selectFrom('notifications')
        .select('user_id')
        .where('referral_id', '=', first.id)
        .where('kind', '=', 'referral_cancelled')
        .execute();
      assert.ok(
        told.some((n) => n.user_id === w.users.noordMember.id),
        'the team is told the referral was withdrawn',
      );
      const second = await send();
      await acceptReferral(db(), contextOf(w.users.noordMember), { referralId: second.id, assigneeId: w.users.noordMember.id }, BASE_URL);
      await assert.rejects(
        cancelReferral(db(), contextOf(w.users.staffA), { referralId: second.id, reason: null }, BASE_URL),
        appError('illegal_transition', 409),
      );
    });

    it('reading the practice list and the team inbox is audited with the referrals shown', async () => {
      const { id } = await send();
      await listPracticeReferrals(db(), contextOf(w.users.staffA));
      await listTeamInbox(db(), contextOf(w.users.noordMember), 'nieuw');
      const entries = await db().selectFrom('audit_log').selectAll().where('action', '=', 'referral.list_read').orderBy('id', 'desc').limit(2).execute();
      assert.deepEqual(entries.map((e) => e.actor_user_id).sort(), [w.users.staffA.id, w.users.noordMember.id].sort());
      for (const e of entries) assert.ok(e.patient_refs.includes(id));
    });
  });

  describe('the inbox', () => {
    it('sorts referrals into new, mine, overdue and all open', async () => {
      const fresh = await send();
      const mine = await send();
      const late = await send({ urgency_triggers: [] });
      const ctx = contextOf(w.users.noordMember);
      await acceptReferral(db(), ctx, { referralId: mine.id, assigneeId: w.users.noordMember.id }, BASE_URL);
      await db()
        .updateTable('referrals')
        .set({ first_contact_due: addDaysIso(today, -1) })
        .where('id', '=', late.id)
        .execute();
      const ids = async (tab: Parameters<typeof listTeamInbox>[2]) => (await listTeamInbox(db(), ctx, tab)).rows.map((r) => r.id);
      assert.ok((await ids('nieuw')).includes(fresh.id) && !(await ids('nieuw')).includes(mine.id));
      assert.ok((await ids('mij')).includes(mine.id) && !(await ids('mij')).includes(fresh.id));
      assert.ok((await ids('te-laat')).includes(late.id) && !(await ids('te-laat')).includes(fresh.id));
      const open = await ids('open');
      for (const id of [fresh.id, mine.id, late.id]) assert.ok(open.includes(id));
      const inbox = await listTeamInbox(db(), ctx, 'te-laat');
      assert.ok(inbox.counts['te-laat'] >= 1 && inbox.counts.open >= 3);
      assert.ok(!(await ids('mij')).includes(fresh.id), 'another colleague’s inbox tab “mine” is personal');
      assert.ok(!(await listTeamInbox(db(), contextOf(w.users.noordColleague), 'mij')).rows.some((r) => r.id === mine.id));
    });
  });
});
