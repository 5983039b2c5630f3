import type { Database, Executor } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import type { Referral } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { amsterdamToday } from '../platform/dates.ts';
import { notifyUsers, practiceRecipients } from '../platform/notifications/notify.ts';
import { inTransaction, lockForPractice } from '../referrals/change-referral.ts';
import { isWorkingDay } from '../referrals/due-dates.ts';
import { planFirstConversation } from '../referrals/plan-first-conversation.ts';
import { isClosed, type ReferralStatus } from '../referrals/state-machine.ts';
import { bookingKey, exceptionKey, freeSlots, type Slot } from './onsite-rules.ts';
import { listOnsiteHours, type OnsiteHoursView } from './onsite-hours.ts';

/**
 * "Kennismaking in de praktijk": for a referral with that hand-over, the practice books a free slot
 * of the receiving team's on-site hours at the practice for the first conversation (the action
 * study: hold the first conversation at the GP practice rather than the town hall). The booked slot
 * is the referral's planned first conversation (referrals/plan-first-conversation.ts), shows on the
 * referral for both sides, and appears in the host's iCalendar feed. A slot is booked once, however
 * many people click at the same moment (unique index); one booking per referral.
 */
export const BOOKING_WEEKS = 6;

export const notForBooking = () =>
  new AppError('onsite_not_for_booking', 409, {
    nl: 'Voor deze verwijzing kunt u geen kennismaking in de praktijk plannen: kies die vorm van overdracht, en de verwijzing moet nog lopen.',
    en: 'You cannot book an introductory meeting at the practice for this referral: choose that form of hand-over, and the referral must still be open.',
  });

export const slotTaken = () =>
  new AppError('onsite_slot_taken', 409, {
    nl: 'Dit tijdstip is niet (meer) vrij. Kies een ander tijdstip.',
    en: 'This time is not (or no longer) free. Choose another time.',
  });

export const alreadyBooked = () =>
  new AppError('onsite_already_booked', 409, {
    nl: 'Voor deze verwijzing is al een kennismaking gepland. Zeg die eerst af als u een ander tijdstip wilt.',
    en: 'An introductory meeting has already been planned for this referral. Cancel it first if you want another time.',
  });

export interface SlotChoice extends Slot {
  hostName: string;
  room: string | null;
}

export interface Booking {
  id: string;
  start: Date;
  end: Date;
  hostUserId: string;
  hostName: string;
  room: string | null;
}

export function bookable(referral: Pick<Referral, 'handover' | 'status' | 'consent_withdrawn_at' | 'personal_data_erased_at' | 'practice_id'>): boolean {
  return (
    referral.handover === 'meeting_at_practice' &&
    referral.practice_id !== null &&
    !isClosed(referral.status as ReferralStatus) &&
    referral.consent_withdrawn_at === null &&
    referral.personal_data_erased_at === null
  );
}

/** The current booking of a referral, if any. */
export async function currentBooking(db: Executor, referralId: string): Promise<Booking | null> {
  const row = await db
    .selectFrom('onsite_bookings')
    .innerJoin('onsite_hours', 'onsite_hours.id', 'onsite_bookings.onsite_hours_id')
    .innerJoin('users', 'users.id', 'onsite_hours.host_user_id')
    .select([
      'onsite_bookings.id',
      'onsite_bookings.starts_at',
      'onsite_bookings.ends_at',
      'onsite_hours.host_user_id',
      'onsite_hours.room',
      'users.name as host_name',
    ])
    .where('onsite_bookings.referral_id', '=', referralId)
    .where('onsite_bookings.cancelled_at', 'is', null)
    .executeTakeFirst();
  return row ? { id: row.id, start: row.starts_at, end: row.ends_at, hostUserId: row.host_user_id, hostName: row.host_name, room: row.room } : null;
}

/** The free slots of the team's on-site hours at the practice that sent the referral, for the next weeks. */
export async function slotChoices(db: Executor, referral: Pick<Referral, 'practice_id' | 'team_id'>, now = new Date()): Promise<SlotChoice[]> {
  if (!referral.practice_id) return [];
  const today = amsterdamToday(now);
  const hours = (await listOnsiteHours(db, { practiceId: referral.practice_id }, today)).filter((h) => h.teamId === referral.team_id);
  if (hours.length === 0) return [];
  const booked = await db
    .selectFrom('onsite_bookings')
    .select(['onsite_hours_id', 'starts_at'])
    .where(
      'onsite_hours_id',
      'in',
      hours.map((h) => h.id),
    )
    .where('cancelled_at', 'is', null)
    .where('starts_at', '>=', now)
    .execute();
  const byId = new Map<string, OnsiteHoursView>(hours.map((h) => [h.id, h]));
  return freeSlots({
    hours,
    exceptions: new Set(hours.flatMap((h) => h.exceptions.map((e) => exceptionKey(h.id, e.date)))),
    booked: new Set(booked.map((b) => bookingKey(b.onsite_hours_id, b.starts_at))),
    today,
    now,
    days: BOOKING_WEEKS * 7,
    isWorkingDay,
  }).map((slot) => ({ ...slot, hostName: byId.get(slot.hoursId)!.hostName, room: byId.get(slot.hoursId)!.room }));
}

function placeOf(practice: { name: string; street: string | null; house_number: string | null; city: string | null }, room: string | null): string {
  const address = [[practice.street, practice.house_number].filter(Boolean).join(' '), practice.city].filter(Boolean).join(', ');
  return [practice.name, address, room].filter(Boolean).join(', ');
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}

export async function bookOnsiteSlot(
  db: Database,
  ctx: RequestContext,
  input: { referralId: string; hoursId: string; start: string },
  baseUrl: string,
): Promise<void> {
  try {
    await inTransaction(db, async (trx) => {
      const referral = await lockForPractice(trx, ctx, input.referralId);
      if (!bookable(referral)) throw notForBooking();
      if (await currentBooking(trx, referral.id)) throw alreadyBooked();
      const slot = (await slotChoices(trx, referral)).find((s) => s.hoursId === input.hoursId && s.start.toISOString() === input.start);
      if (!slot) throw slotTaken();
      const practice = await trx
        .selectFrom('organisations')
        .select(['name', 'street', 'house_number', 'city'])
        .where('id', '=', referral.practice_id!)
        .executeTakeFirstOrThrow();
      const host = await trx.selectFrom('onsite_hours').select('host_user_id').where('id', '=', slot.hoursId).executeTakeFirstOrThrow();
      await trx
        .insertInto('onsite_bookings')
        .values({ onsite_hours_id: slot.hoursId, referral_id: referral.id, starts_at: slot.start, ends_at: slot.end, booked_by: ctx.actor!.userId })
        .execute();
      await planFirstConversation(trx, ctx, referral, { at: slot.start, place: placeOf(practice, slot.room) }, baseUrl);
      await notifyUsers(trx, baseUrl, { userIds: [host.host_user_id], kind: 'onsite_booked', referralId: referral.id });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw slotTaken();
    throw err;
  }
}

/** Cancels the booking of a referral: by the practice that sent it or the team that holds it. */
export async function cancelOnsiteBooking(db: Database, ctx: RequestContext, referral: Referral, baseUrl: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const booking = await currentBooking(trx, referral.id);
    if (!booking) return;
    await trx
      .updateTable('onsite_bookings')
      .set({ cancelled_at: new Date(), cancelled_by: ctx.actor?.userId ?? null })
      .where('id', '=', booking.id)
      .execute();
    const fresh = await trx.selectFrom('referrals').selectAll().where('id', '=', referral.id).forUpdate().executeTakeFirstOrThrow();
    await planFirstConversation(trx, ctx, fresh, null, baseUrl);
    const practiceSide = ctx.actor?.practiceId === referral.practice_id;
    const recipients = practiceSide ? [booking.hostUserId] : await practiceRecipients(trx, referral.practice_id!, referral.created_by);
    await notifyUsers(trx, baseUrl, { userIds: recipients.filter((id) => id !== ctx.actor?.userId), kind: 'onsite_cancelled', referralId: referral.id });
  });
}
