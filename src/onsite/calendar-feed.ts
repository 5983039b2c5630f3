import { createHash, randomBytes } from 'node:crypto';
import ical from 'ical-generator';
import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { forbidden } from '../platform/errors.ts';

/**
 * A personal iCalendar feed (RFC 5545, built with ical-generator) that staff subscribe to in their
 * own agenda: the introductory meetings at practices they host or booked, the visits to practices
 * they planned and the MDOs they take part in (issue 13). The address holds a
 * random secret (only its SHA-256 is stored, like session tokens); making a new address revokes the
 * old one, and so does revoking. Agenda apps copy events to other servers, so an event carries no
 * patient data: the referral's reference, the practice, the place and a link that asks to sign in
 * (an MDO names its practice, never the cases on its agenda).
 */
export const FEED_SUFFIX = '.ics';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export function feedPath(token: string): string {
  return `/agenda/${token}${FEED_SUFFIX}`;
}

/** A new secret address for the actor's feed; the previous one stops working. */
export async function renewFeed(db: Database, ctx: RequestContext): Promise<string> {
  const actor = ctx.actor;
  if (!actor) throw forbidden();
  const token = randomBytes(24).toString('base64url');
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('calendar_feeds')
      .values({ user_id: actor.userId, token_hash: hash(token) })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ token_hash: hash(token), created_at: new Date() }))
      .execute();
    await writeAudit(trx, ctx, { action: 'calendar.feed_renewed', subjectType: 'user', subjectId: actor.userId });
  });
  return token;
}

export async function revokeFeed(db: Database, ctx: RequestContext): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw forbidden();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('calendar_feeds').where('user_id', '=', actor.userId).execute();
    await writeAudit(trx, ctx, { action: 'calendar.feed_revoked', subjectType: 'user', subjectId: actor.userId });
  });
}

export async function feedCreatedAt(db: Database, userId: string): Promise<Date | null> {
  const row = await db.selectFrom('calendar_feeds').select('created_at').where('user_id', '=', userId).executeTakeFirst();
  return row?.created_at ?? null;
}

/** The feed behind a secret address, or null when the address is unknown, revoked or its user disabled. */
export async function calendarFeed(db: Database, token: string, baseUrl: string, now = new Date()): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
  const owner = await db
    .selectFrom('calendar_feeds')
    .innerJoin('users', 'users.id', 'calendar_feeds.user_id')
    .select(['users.id'])
    .where('calendar_feeds.token_hash', '=', hash(token))
    .where('users.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!owner) return null;
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const bookings = await db
    .selectFrom('onsite_bookings')
    .innerJoin('onsite_hours', 'onsite_hours.id', 'onsite_bookings.onsite_hours_id')
    .innerJoin('referrals', 'referrals.id', 'onsite_bookings.referral_id')
    .select([
      'onsite_bookings.id',
      'onsite_bookings.starts_at',
      'onsite_bookings.ends_at',
      'referrals.id as referral_id',
      'referrals.reference',
      'referrals.first_conversation_place',
    ])
    .where('onsite_bookings.cancelled_at', 'is', null)
    .where('onsite_bookings.starts_at', '>=', since)
    .where((eb) => eb.or([eb('onsite_hours.host_user_id', '=', owner.id), eb('onsite_bookings.booked_by', '=', owner.id)]))
    .orderBy('onsite_bookings.starts_at')
    .execute();
  const [visits, mdos] = await Promise.all([
    db
      .selectFrom('visits')
      .innerJoin('organisations', 'organisations.id', 'visits.practice_id')
      .select(['visits.id', 'visits.planned_on', 'organisations.name'])
      .where('visits.planned_by', '=', owner.id)
      .where('visits.status', '=', 'planned')
      .where('visits.planned_on', '>=', since.toISOString().slice(0, 10))
      .execute(),
    db
      .selectFrom('mdos')
      .innerJoin('mdo_participants', 'mdo_participants.mdo_id', 'mdos.id')
      .innerJoin('organisations', 'organisations.id', 'mdos.practice_id')
      .select(['mdos.id', 'mdos.starts_at', 'mdos.place', 'mdos.video_link', 'organisations.name'])
      .where('mdo_participants.user_id', '=', owner.id)
      .where('mdos.status', '!=', 'cancelled')
      .where('mdos.starts_at', '>=', since)
      .execute(),
  ]);
  const calendar = ical({ name: 'Korte Lijn', prodId: { company: 'Korte Lijn', product: 'agenda', language: 'NL' }, ttl: 15 * 60 });
  for (const b of bookings) {
    calendar.createEvent({
      id: `onsite-${b.id}@kortelijn`,
      start: b.starts_at,
      end: b.ends_at,
      summary: `Kennismaking in de praktijk (${b.reference})`,
      location: b.first_conversation_place ?? undefined,
      description: `Eerste gesprek, gepland via Korte Lijn. Details na inloggen: ${baseUrl}/verwijzingen/${b.referral_id}`,
      url: `${baseUrl}/verwijzingen/${b.referral_id}`,
    });
  }
  for (const v of visits) {
    // A visit is planned for a day, not an hour: an all-day event on that date.
    calendar.createEvent({
      id: `visit-${v.id}@kortelijn`,
      start: new Date(`${v.planned_on}T00:00:00Z`),
      allDay: true,
      summary: `Bezoek aan ${v.name}`,
      description: `Bezoek aan de praktijk, gepland via Korte Lijn: ${baseUrl}/bezoeken/${v.id}`,
      url: `${baseUrl}/bezoeken/${v.id}`,
    });
  }
  for (const m of mdos) {
    calendar.createEvent({
      id: `mdo-${m.id}@kortelijn`,
      start: m.starts_at,
      end: new Date(m.starts_at.getTime() + 60 * 60_000),
      summary: `MDO bij ${m.name}`,
      location: m.place ?? m.video_link ?? undefined,
      description: `Multidisciplinair overleg. Agenda en casussen na inloggen: ${baseUrl}/mdo/${m.id}`,
      url: `${baseUrl}/mdo/${m.id}`,
    });
  }
  return calendar.toString();
}
