import type { Database, Executor } from '../platform/db/database.ts';
import type { Actor, RequestContext } from '../platform/context.ts';
import type { Role } from '../platform/db/schema.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { AppError, forbidden, notFound } from '../platform/errors.ts';
import { amsterdamToday } from '../platform/dates.ts';
import { actorRegionId } from '../visits/visit-access.ts';
import type { RecurringHours } from './onsite-rules.ts';

/**
 * Managing on-site hours. A team member sets their own hours at a practice of the team's region;
 * the team coordinator sets them for any member of the team. Practices read the hours held at
 * their practice. Every change is audited.
 */
export const onsiteManagerRoles: readonly Role[] = ['team_member', 'team_admin'];
export const onsiteViewerRoles: readonly Role[] = ['practice_staff', 'practice_admin', 'team_member', 'team_admin'];

export interface OnsiteHoursView extends RecurringHours {
  practiceId: string;
  practiceName: string;
  teamId: string;
  teamName: string;
  hostUserId: string;
  hostName: string;
  room: string | null;
  exceptions: Array<{ date: string; reason: 'holiday' | 'cancelled'; note: string | null }>;
}

export const notInRegion = () =>
  new AppError('onsite_practice_not_in_region', 422, { nl: 'Kies een praktijk uit de lijst.', en: 'Choose a practice from the list.' });
export const notATeamMember = () =>
  new AppError('onsite_host_not_in_team', 422, { nl: 'Kies een medewerker van uw team.', en: 'Choose a member of your team.' });

/** On-site hours still running (not ended), of a team or at a practice, with their exceptions from today on. */
export async function listOnsiteHours(db: Executor, where: { teamId?: string; practiceId?: string }, today = amsterdamToday()): Promise<OnsiteHoursView[]> {
  let q = db
    .selectFrom('onsite_hours')
    .innerJoin('organisations', 'organisations.id', 'onsite_hours.practice_id')
    .innerJoin('teams', 'teams.id', 'onsite_hours.team_id')
    .innerJoin('users', 'users.id', 'onsite_hours.host_user_id')
    .select([
      'onsite_hours.id',
      'onsite_hours.weekday',
      'onsite_hours.starts_at',
      'onsite_hours.ends_at',
      'onsite_hours.slot_minutes',
      'onsite_hours.starts_on',
      'onsite_hours.ended_on',
      'onsite_hours.room',
      'onsite_hours.practice_id',
      'onsite_hours.team_id',
      'onsite_hours.host_user_id',
      'organisations.name as practice_name',
      'teams.name as team_name',
      'users.name as host_name',
    ])
    .where((eb) => eb.or([eb('onsite_hours.ended_on', 'is', null), eb('onsite_hours.ended_on', '>=', today)]))
    .orderBy('onsite_hours.weekday')
    .orderBy('onsite_hours.starts_at');
  if (where.teamId) q = q.where('onsite_hours.team_id', '=', where.teamId);
  if (where.practiceId) q = q.where('onsite_hours.practice_id', '=', where.practiceId);
  const rows = await q.execute();
  const exceptions =
    rows.length === 0
      ? []
      : await db
          .selectFrom('onsite_exceptions')
          .select(['onsite_hours_id', 'on_date', 'reason', 'note'])
          .where(
            'onsite_hours_id',
            'in',
            rows.map((r) => r.id),
          )
          .where('on_date', '>=', today)
          .orderBy('on_date')
          .execute();
  return rows.map((r) => ({
    id: r.id,
    weekday: r.weekday,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    slotMinutes: r.slot_minutes,
    startsOn: r.starts_on,
    endedOn: r.ended_on,
    room: r.room,
    practiceId: r.practice_id,
    practiceName: r.practice_name,
    teamId: r.team_id,
    teamName: r.team_name,
    hostUserId: r.host_user_id,
    hostName: r.host_name,
    exceptions: exceptions.filter((e) => e.onsite_hours_id === r.id).map((e) => ({ date: e.on_date, reason: e.reason, note: e.note })),
  }));
}

export interface NewOnsiteHours {
  practiceId: string;
  hostUserId: string;
  weekday: number;
  startsAt: string;
  endsAt: string;
  slotMinutes: number;
  room: string | null;
  startsOn: string;
}

function requireTeamActor(ctx: RequestContext): Actor & { teamId: string } {
  const actor = ctx.actor;
  if (!actor || !onsiteManagerRoles.includes(actor.role) || !actor.teamId) throw forbidden();
  return actor as Actor & { teamId: string };
}

export async function addOnsiteHours(db: Database, ctx: RequestContext, input: NewOnsiteHours): Promise<{ id: string }> {
  const actor = requireTeamActor(ctx);
  const regionId = await actorRegionId(db, actor);
  const practice = await db.selectFrom('organisations').select(['id', 'kind', 'region_id']).where('id', '=', input.practiceId).executeTakeFirst();
  if (!practice || practice.kind !== 'practice' || practice.region_id !== regionId) throw notInRegion();
  // A team member sets their own hours; the coordinator those of any member of the team.
  const host = await db.selectFrom('users').select(['id', 'team_id']).where('id', '=', input.hostUserId).where('disabled_at', 'is', null).executeTakeFirst();
  if (!host || host.team_id !== actor.teamId || (actor.role === 'team_member' && host.id !== actor.userId)) throw notATeamMember();
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('onsite_hours')
      .values({
        practice_id: practice.id,
        team_id: actor.teamId,
        host_user_id: host.id,
        weekday: input.weekday,
        starts_at: input.startsAt,
        ends_at: input.endsAt,
        slot_minutes: input.slotMinutes,
        room: input.room,
        starts_on: input.startsOn,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, {
      action: 'onsite.hours_added',
      subjectType: 'onsite_hours',
      subjectId: row.id,
      details: { practice_id: practice.id, weekday: input.weekday, from: input.startsAt, to: input.endsAt },
    });
    return row;
  });
}

/** The on-site hours of the actor's own team, for the routes' scope. */
export async function ownTeamHours(db: Executor, actor: Actor, hoursId: string | undefined): Promise<{ id: string } | null> {
  if (!hoursId || !/^[0-9a-f-]{36}$/i.test(hoursId) || !actor.teamId || !onsiteManagerRoles.includes(actor.role)) return null;
  const row = await db.selectFrom('onsite_hours').select(['id', 'team_id', 'host_user_id']).where('id', '=', hoursId).executeTakeFirst();
  if (!row || row.team_id !== actor.teamId) return null;
  if (actor.role === 'team_member' && row.host_user_id !== actor.userId) return null;
  return { id: row.id };
}

export async function addOnsiteException(
  db: Database,
  ctx: RequestContext,
  hoursId: string,
  input: { date: string; reason: 'holiday' | 'cancelled'; note: string | null },
): Promise<void> {
  const actor = requireTeamActor(ctx);
  if (!(await ownTeamHours(db, actor, hoursId))) throw notFound('onsite hours');
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('onsite_exceptions')
      .values({ onsite_hours_id: hoursId, on_date: input.date, reason: input.reason, note: input.note })
      .onConflict((oc) => oc.columns(['onsite_hours_id', 'on_date']).doUpdateSet({ reason: input.reason, note: input.note }))
      .execute();
    await writeAudit(trx, ctx, {
      action: 'onsite.exception_added',
      subjectType: 'onsite_hours',
      subjectId: hoursId,
      details: { on: input.date, reason: input.reason },
    });
  });
}

export async function endOnsiteHours(db: Database, ctx: RequestContext, hoursId: string): Promise<void> {
  const actor = requireTeamActor(ctx);
  if (!(await ownTeamHours(db, actor, hoursId))) throw notFound('onsite hours');
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('onsite_hours').set({ ended_on: amsterdamToday() }).where('id', '=', hoursId).execute();
    await writeAudit(trx, ctx, { action: 'onsite.hours_ended', subjectType: 'onsite_hours', subjectId: hoursId });
  });
}

/** For the form: the practices of the team's region, and who may hold the hours (a member: only themselves). */
export async function onsiteChoices(
  db: Database,
  actor: Actor,
): Promise<{ practices: Array<{ id: string; label: string }>; hosts: Array<{ id: string; label: string }> }> {
  const regionId = await actorRegionId(db, actor);
  if (!regionId || !actor.teamId) return { practices: [], hosts: [] };
  const [practices, hosts] = await Promise.all([
    db.selectFrom('organisations').select(['id', 'name']).where('kind', '=', 'practice').where('region_id', '=', regionId).orderBy('name').execute(),
    db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('team_id', '=', actor.teamId)
      .where('disabled_at', 'is', null)
      .$if(actor.role === 'team_member', (q) => q.where('id', '=', actor.userId))
      .orderBy('name')
      .execute(),
  ]);
  return { practices: practices.map((p) => ({ id: p.id, label: p.name })), hosts: hosts.map((h) => ({ id: h.id, label: h.name })) };
}

/** Is this a practice of the region the actor's team works in? */
export async function practiceOfRegion(db: Executor, actor: Actor, practiceId: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(practiceId)) return false;
  const [regionId, practice] = await Promise.all([
    actorRegionId(db, actor),
    db.selectFrom('organisations').select(['kind', 'region_id']).where('id', '=', practiceId).executeTakeFirst(),
  ]);
  return practice?.kind === 'practice' && regionId !== null && practice.region_id === regionId;
}
