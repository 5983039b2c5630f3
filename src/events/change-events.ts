import { sql } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { AppError, forbidden } from '../platform/errors.ts';
import { enqueueMail } from '../platform/mail/outbox.ts';
import { amsterdamInstant } from '../onsite/onsite-rules.ts';
import { organiserRegion, type EventInScope } from './event-access.ts';
import type { EventInput } from './event-form.ts';
import { signUpRefusal, signUpRefusalMessages } from './event-rules.ts';
import { invitationMail } from './invitation.ts';

/**
 * Organising a network event and signing up for it. The invitation goes by mail through the outbox
 * (in the same transaction as the event, so it is sent if and only if the event exists), with an
 * iCalendar attachment; one mail per person and event (dedupe key).
 */
export async function createEvent(db: Database, ctx: RequestContext, input: EventInput, baseUrl: string): Promise<{ id: string; invited: number }> {
  const actor = ctx.actor;
  if (!actor) throw forbidden();
  const scope = await organiserRegion(db, actor);
  if (!scope) throw forbidden();
  return db.transaction().execute(async (trx) => {
    const startsAt = amsterdamInstant(input.date, input.starts);
    const endsAt = amsterdamInstant(input.date, input.ends);
    const event = await trx
      .insertInto('network_events')
      .values({
        region_id: scope.regionId,
        kind: input.kind,
        title: input.title,
        description: input.description,
        starts_at: startsAt,
        ends_at: endsAt,
        place: input.place,
        capacity: input.capacity,
        organised_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const roles = [
      ...(input.audiences.includes('practices') ? (['practice_staff', 'practice_admin'] as const) : []),
      ...(input.audiences.includes('teams') ? (['team_member', 'team_admin'] as const) : []),
    ];
    const invitees = await trx
      .selectFrom('users')
      .leftJoin('organisations as practice', 'practice.id', 'users.practice_id')
      .leftJoin('teams', 'teams.id', 'users.team_id')
      .leftJoin('organisations as team_org', 'team_org.id', 'teams.organisation_id')
      .select(['users.id', 'users.email'])
      .where('users.disabled_at', 'is', null)
      .where('users.role', 'in', roles)
      .where((eb) => eb.or([eb('practice.region_id', '=', scope.regionId), eb('team_org.region_id', '=', scope.regionId)]))
      .execute();
    const mail = invitationMail(
      { id: event.id, kind: input.kind, title: input.title, description: input.description, startsAt, endsAt, place: input.place },
      baseUrl,
    );
    for (const invitee of invitees) {
      await enqueueMail(trx, { to: invitee.email, ...mail, dedupeKey: `event-invitation:${event.id}:${invitee.id}` });
    }
    await writeAudit(trx, ctx, {
      action: 'event.created',
      subjectType: 'network_event',
      subjectId: event.id,
      details: { kind: input.kind, audiences: input.audiences, invited: invitees.length },
    });
    return { id: event.id, invited: invitees.length };
  });
}

export async function signUp(db: Database, ctx: RequestContext, scope: EventInScope, now = new Date()): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw forbidden();
  await db.transaction().execute(async (trx) => {
    // Lock the event so two last sign-ups cannot both take the last place.
    const event = await trx
      .selectFrom('network_events')
      .select(['starts_at', 'cancelled_at', 'capacity'])
      .where('id', '=', scope.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const already = await trx
      .selectFrom('network_event_signups')
      .select('user_id')
      .where('event_id', '=', scope.id)
      .where('user_id', '=', actor.userId)
      .executeTakeFirst();
    if (already) return;
    const count = await trx
      .selectFrom('network_event_signups')
      .select(sql<string>`count(*)`.as('n'))
      .where('event_id', '=', scope.id)
      .executeTakeFirstOrThrow();
    const refusal = signUpRefusal({ startsAt: event.starts_at, cancelledAt: event.cancelled_at, capacity: event.capacity, signedUp: Number(count.n) }, now);
    if (refusal) throw new AppError(`event_${refusal}`, 409, signUpRefusalMessages[refusal]);
    await trx.insertInto('network_event_signups').values({ event_id: scope.id, user_id: actor.userId }).execute();
    await writeAudit(trx, ctx, { action: 'event.signed_up', subjectType: 'network_event', subjectId: scope.id });
  });
}

export async function signOff(db: Database, ctx: RequestContext, scope: EventInScope): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw forbidden();
  await db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('network_event_signups').where('event_id', '=', scope.id).where('user_id', '=', actor.userId).executeTakeFirst();
    if (Number(removed.numDeletedRows) > 0) await writeAudit(trx, ctx, { action: 'event.signed_off', subjectType: 'network_event', subjectId: scope.id });
  });
}
