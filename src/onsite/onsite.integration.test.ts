import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Hono } from 'hono';
import { forEachDatabase } from '../../test/support/databases.ts';
import { appError, auditEntries } from '../../test/support/fixtures.ts';
import { testApp } from '../../test/support/http.ts';
import { signedInBrowser } from '../../test/support/referral-rows.ts';
import type { AppEnv } from '../platform/http/types.ts';
import { addDaysIso, amsterdamToday } from '../platform/dates.ts';
import { sendReferral } from '../referrals/send-referral.ts';
import { BASE_URL, contextOf, insertReferralWorld, referralInput, type ReferralWorld } from '../referrals/test-fixture.ts';
import { addOnsiteHours } from './onsite-hours.ts';
import { bookOnsiteSlot, cancelOnsiteBooking, slotChoices } from './book-onsite.ts';
import { calendarFeed, renewFeed, revokeFeed } from './calendar-feed.ts';
import { isoWeekday } from './onsite-rules.ts';

forEachDatabase('on-site hours and the introductory meeting at the practice', (db) => {
  let w: ReferralWorld;
  let app: Hono<AppEnv>;
  let referralId: string;
  let reference: string;

  before(async () => {
    w = await insertReferralWorld(db());
    app = testApp(db()).app;
    // Hours on every weekday, so the test finds slots whatever day it runs.
    for (const weekday of [1, 2, 3, 4, 5]) {
      await addOnsiteHours(db(), contextOf(w.users.noordAdmin), {
        practiceId: w.practiceA,
        hostUserId: w.users.noordMember.id,
        weekday,
        startsAt: '09:00',
        endsAt: '10:00',
        slotMinutes: 30,
        room: 'spreekkamer 3',
        startsOn: amsterdamToday(),
      });
    }
    const sent = await sendReferral(db(), contextOf(w.users.staffA), referralInput(w, { handover: 'meeting_at_practice', urgency_triggers: [] }), BASE_URL);
    referralId = sent.id;
    reference = sent.reference;
  });

  test('a team member sets only their own hours, at a practice of the team’s region', async () => {
    await assert.rejects(
      addOnsiteHours(db(), contextOf(w.users.noordMember), {
        practiceId: w.practiceA,
        hostUserId: w.users.noordColleague.id,
        weekday: 2,
        startsAt: '13:00',
        endsAt: '14:00',
        slotMinutes: 30,
        room: null,
        startsOn: amsterdamToday(),
      }),
      appError('onsite_host_not_in_team', 422),
    );
    assert.ok((await auditEntries(db(), 'onsite.hours_added')).length >= 5);
  });

  test('the practice books a free slot from the referral: it is the planned first conversation, both sides see it, and the host is notified', async () => {
    const referral = await db().selectFrom('referrals').selectAll().where('id', '=', referralId).executeTakeFirstOrThrow();
    const slots = await slotChoices(db(), referral);
    assert.ok(slots.length > 0, 'there are free slots in the coming weeks');
    const slot = slots[0]!;
    await bookOnsiteSlot(db(), contextOf(w.users.staffA), { referralId, hoursId: slot.hoursId, start: slot.start.toISOString() }, BASE_URL);
    const after = await db()
      .selectFrom('referrals')
      .select(['first_conversation_planned_at', 'first_conversation_place'])
      .where('id', '=', referralId)
      .executeTakeFirstOrThrow();
    assert.equal(after.first_conversation_planned_at?.toISOString(), slot.start.toISOString());
    assert.match(after.first_conversation_place ?? '', /spreekkamer 3/);
    const notified = await db()
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', w.users.noordMember.id)
      .where('referral_id', '=', referralId)
      .execute();
    assert.ok(notified.some((n) => n.kind === 'onsite_booked'));
    for (const user of [w.users.staffA, w.users.noordMember]) {
      const page = await (await signedInBrowser(app, db(), user)).get(`/verwijzingen/${referralId}`);
      assert.match(page.html, /data-testid="planned-conversation"/, 'the referral page shows the planned conversation');
      assert.match(page.html, /Eerste gesprek gepland/);
    }
    const again = (await slotChoices(db(), referral)).find((s) => s.start.getTime() === slot.start.getTime() && s.hoursId === slot.hoursId);
    assert.equal(again, undefined, 'the booked slot is no longer free');
    await assert.rejects(
      bookOnsiteSlot(db(), contextOf(w.users.staffA), { referralId, hoursId: slots[1]!.hoursId, start: slots[1]!.start.toISOString() }, BASE_URL),
      appError('onsite_already_booked', 409),
    );
  });

  test('two practices cannot book the same slot: the second is told it is taken', async () => {
    const other = await sendReferral(
      db(),
      contextOf(w.users.staffA),
      referralInput(w, { handover: 'meeting_at_practice', urgency_triggers: [], patient_name: 'Tweede Patiënt' }),
      BASE_URL,
    );
    const booked = await db()
      .selectFrom('onsite_bookings')
      .select(['onsite_hours_id', 'starts_at'])
      .where('referral_id', '=', referralId)
      .executeTakeFirstOrThrow();
    await assert.rejects(
      bookOnsiteSlot(
        db(),
        contextOf(w.users.staffA),
        { referralId: other.id, hoursId: booked.onsite_hours_id, start: booked.starts_at.toISOString() },
        BASE_URL,
      ),
      appError('onsite_slot_taken', 409),
    );
  });

  test('a referral with another hand-over cannot be booked', async () => {
    const phone = await sendReferral(db(), contextOf(w.users.staffA), referralInput(w, { handover: 'phone_together', urgency_triggers: [] }), BASE_URL);
    const referral = await db().selectFrom('referrals').selectAll().where('id', '=', phone.id).executeTakeFirstOrThrow();
    const slot = (await slotChoices(db(), referral))[0]!;
    await assert.rejects(
      bookOnsiteSlot(db(), contextOf(w.users.staffA), { referralId: phone.id, hoursId: slot.hoursId, start: slot.start.toISOString() }, BASE_URL),
      appError('onsite_not_for_booking', 409),
    );
  });

  test('the booked slot appears in the host’s secret iCalendar feed without patient data; a new address revokes the old one', async () => {
    const token = await renewFeed(db(), contextOf(w.users.noordMember));
    const feed = await calendarFeed(db(), token, BASE_URL);
    assert.ok(feed);
    assert.match(feed, /BEGIN:VCALENDAR/);
    assert.match(feed, new RegExp(`SUMMARY:Kennismaking in de praktijk \\(${reference}\\)`));
    assert.doesNotMatch(feed, /Johanna|Testpersoon|1971/, 'no patient data in the agenda');

    const anonymous = await app.request(`http://localhost/agenda/${token}.ics`);
    assert.equal(anonymous.status, 200, 'agenda apps fetch it without a session');
    assert.match(anonymous.headers.get('content-type') ?? '', /^text\/calendar/);

    const newer = await renewFeed(db(), contextOf(w.users.noordMember));
    assert.equal(await calendarFeed(db(), token, BASE_URL), null, 'the old address stopped working');
    assert.ok(await calendarFeed(db(), newer, BASE_URL));
    await revokeFeed(db(), contextOf(w.users.noordMember));
    assert.equal((await app.request(`http://localhost/agenda/${newer}.ics`)).status, 404);
  });

  test('cancelling the booking frees the slot and clears the planned conversation; the holding team may cancel too', async () => {
    const referral = await db().selectFrom('referrals').selectAll().where('id', '=', referralId).executeTakeFirstOrThrow();
    await cancelOnsiteBooking(db(), contextOf(w.users.noordMember), referral, BASE_URL);
    const after = await db().selectFrom('referrals').select('first_conversation_planned_at').where('id', '=', referralId).executeTakeFirstOrThrow();
    assert.equal(after.first_conversation_planned_at, null);
    const events = await db().selectFrom('referral_events').select('type').where('referral_id', '=', referralId).orderBy('id').execute();
    assert.deepEqual(
      events.map((e) => e.type).filter((type) => type.startsWith('onsite_meeting_')),
      ['onsite_meeting_booked', 'onsite_meeting_cancelled'],
      'both are in the referral’s history',
    );
  });

  test('through the pages: the practice sees free slots and books one; another practice gets 404', async () => {
    const practice = await signedInBrowser(app, db(), w.users.staffA);
    const page = await practice.get(`/verwijzingen/${referralId}/kennismaking`);
    assert.equal(page.status, 200);
    const reads = (await auditEntries(db(), 'onsite.booking_read')).filter((e) => e.patient_ref === referralId);
    assert.equal(reads.length, 1, 'reading when and where the patient meets the team is recorded, for this patient');
    assert.equal(reads[0]!.actor_user_id, w.users.staffA.id);
    const refused = await practice.post(`/verwijzingen/${referralId}/kennismaking`, { slot: 'geen-tijd' });
    assert.equal(refused.status, 422);
    assert.equal(
      (await auditEntries(db(), 'onsite.booking_read')).filter((e) => e.patient_ref === referralId).length,
      2,
      'the page shown again after a refused form is a read too',
    );
    const slot = /name="slot" value="([^"]+)"/.exec(page.html)?.[1];
    assert.ok(slot, 'a free time to choose');
    const booked = await practice.post(`/verwijzingen/${referralId}/kennismaking`, { slot });
    assert.equal(booked.status, 303);
    assert.match((await practice.follow(booked)).html, /data-testid="booked-slot"/);
    assert.equal((await (await signedInBrowser(app, db(), w.users.staffB)).get(`/verwijzingen/${referralId}/kennismaking`)).status, 404);
    // Weekday sanity: the hours run on every working day, so the first slot is on one.
    assert.ok(isoWeekday(addDaysIso(amsterdamToday(), 0)) >= 1);
  });
});
