import { sql } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import type { Actor } from '../platform/context.ts';
import { actorRegionId } from '../visits/visit-access.ts';
import type { EventKind } from './event-rules.ts';

/** The region's network events, with how many signed up and whether the reader did. */
export interface EventView {
  id: string;
  kind: EventKind;
  title: string;
  description: string | null;
  startsAt: Date;
  endsAt: Date;
  place: string;
  capacity: number | null;
  cancelledAt: Date | null;
  organiserName: string | null;
  signedUp: number;
  mine: boolean;
}

function eventsQuery(db: Database, userId: string) {
  return db
    .selectFrom('network_events')
    .leftJoin('users', 'users.id', 'network_events.organised_by')
    .select((eb) => [
      'network_events.id',
      'network_events.kind',
      'network_events.title',
      'network_events.description',
      'network_events.starts_at',
      'network_events.ends_at',
      'network_events.place',
      'network_events.capacity',
      'network_events.cancelled_at',
      'users.name as organiser_name',
      eb
        .selectFrom('network_event_signups')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('network_event_signups.event_id', '=', 'network_events.id')
        .as('signed_up'),
      eb
        .exists(
          eb
            .selectFrom('network_event_signups as own')
            .select('own.user_id')
            .whereRef('own.event_id', '=', 'network_events.id')
            .where('own.user_id', '=', userId),
        )
        .as('mine'),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof eventsQuery>['execute']>>[number];

const toView = (r: Row): EventView => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  description: r.description,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  place: r.place,
  capacity: r.capacity,
  cancelledAt: r.cancelled_at,
  organiserName: r.organiser_name,
  signedUp: Number(r.signed_up ?? 0),
  mine: Boolean(r.mine),
});

/** Upcoming events of the actor's region, soonest first, and the last few that passed. */
export async function regionEvents(db: Database, actor: Actor): Promise<{ upcoming: EventView[]; past: EventView[] }> {
  const regionId = await actorRegionId(db, actor);
  if (!regionId) return { upcoming: [], past: [] };
  const [upcoming, past] = await Promise.all([
    eventsQuery(db, actor.userId)
      .where('network_events.region_id', '=', regionId)
      .where('network_events.ends_at', '>', sql<Date>`now()`)
      .orderBy('network_events.starts_at')
      .limit(100)
      .execute(),
    eventsQuery(db, actor.userId)
      .where('network_events.region_id', '=', regionId)
      .where('network_events.ends_at', '<=', sql<Date>`now()`)
      .orderBy('network_events.starts_at', 'desc')
      .limit(10)
      .execute(),
  ]);
  return { upcoming: upcoming.map(toView), past: past.map(toView) };
}

export async function getEvent(db: Database, eventId: string, userId: string): Promise<EventView | null> {
  const row = await eventsQuery(db, userId).where('network_events.id', '=', eventId).executeTakeFirst();
  return row ? toView(row) : null;
}

/** The names of who signed up, for the organisers. */
export async function signedUpNames(db: Database, eventId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('network_event_signups')
    .innerJoin('users', 'users.id', 'network_event_signups.user_id')
    .select('users.name')
    .where('network_event_signups.event_id', '=', eventId)
    .orderBy('users.name')
    .execute();
  return rows.map((r) => r.name);
}
