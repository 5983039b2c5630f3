import type { Database, Executor } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { AppError, forbidden, notFound } from '../platform/errors.ts';
import { practiceInScope, visitInScope } from './visit-access.ts';
import type { ParticipantInput, PlanVisitInput, RecordVisitInput } from './visit-form.ts';

/**
 * Planning and recording visits. Every change is audited (who planned or recorded what, for which
 * practice); notes and follow-ups are about the collaboration, never about a patient.
 */
export const unknownTeam = () => new AppError('visit_unknown_team', 422, { nl: 'Kies een team uit de lijst.', en: 'Choose a team from the list.' });

export const visitNotPlanned = () =>
  new AppError('visit_not_planned', 409, {
    nl: 'Dit bezoek is al vastgelegd of afgezegd.',
    en: 'This visit has already been recorded or cancelled.',
  });

async function checkTeams(db: Executor, regionId: string, participants: ParticipantInput[]): Promise<void> {
  const ids = [...new Set(participants.map((p) => p.teamId).filter((id): id is string => id !== null))];
  if (ids.length === 0) return;
  const found = await db
    .selectFrom('teams')
    .innerJoin('organisations', 'organisations.id', 'teams.organisation_id')
    .select('teams.id')
    .where('teams.id', 'in', ids)
    .where('organisations.region_id', '=', regionId)
    .execute();
  if (found.length !== ids.length) throw unknownTeam();
}

async function replaceParticipants(trx: Executor, visitId: string, participants: ParticipantInput[]): Promise<void> {
  await trx.deleteFrom('visit_participants').where('visit_id', '=', visitId).execute();
  await trx
    .insertInto('visit_participants')
    .values(participants.map((p) => ({ visit_id: visitId, team_id: p.teamId, name: p.name })))
    .execute();
}

export async function planVisit(db: Database, ctx: RequestContext, practiceId: string, input: PlanVisitInput): Promise<{ id: string }> {
  const actor = ctx.actor;
  if (!actor) throw forbidden();
  const practice = await practiceInScope(db, actor, practiceId);
  if (!practice) throw notFound('practice');
  if (!practice.mayPlan) throw forbidden();
  await checkTeams(db, practice.regionId, input.participants);
  return db.transaction().execute(async (trx) => {
    const visit = await trx
      .insertInto('visits')
      .values({
        practice_id: practice.id,
        planned_on: input.planned_on,
        topics: input.topics,
        notes: input.notes,
        planned_by: actor.userId,
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await replaceParticipants(trx, visit.id, input.participants);
    await writeAudit(trx, ctx, {
      action: 'visit.planned',
      subjectType: 'visit',
      subjectId: visit.id,
      details: { practice_id: practice.id, on: input.planned_on },
    });
    return visit;
  });
}

/** The visit took place: who came, what was discussed, the follow-ups with their owners, and when the next one is due. */
export async function recordVisit(db: Database, ctx: RequestContext, visitId: string, input: RecordVisitInput): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw forbidden();
  const scope = await visitInScope(db, actor, visitId);
  if (!scope) throw notFound('visit');
  if (!scope.mayPlan) throw forbidden();
  await checkTeams(db, scope.regionId, input.participants);
  await db.transaction().execute(async (trx) => {
    const visit = await trx.selectFrom('visits').select(['id', 'status']).where('id', '=', visitId).forUpdate().executeTakeFirstOrThrow();
    if (visit.status !== 'planned') throw visitNotPlanned();
    await trx
      .updateTable('visits')
      .set({
        status: 'held',
        held_on: input.held_on,
        topics: input.topics,
        notes: input.notes,
        next_visit_due: input.next_visit_due,
        recorded_by: actor.userId,
        updated_at: new Date(),
      })
      .where('id', '=', visitId)
      .execute();
    await replaceParticipants(trx, visitId, input.participants);
    if (input.follow_ups.length > 0) {
      await trx
        .insertInto('visit_follow_ups')
        .values(input.follow_ups.map((f) => ({ visit_id: visitId, description: f.description, owner: f.owner, due_on: f.dueOn })))
        .execute();
    }
    await writeAudit(trx, ctx, {
      action: 'visit.recorded',
      subjectType: 'visit',
      subjectId: visitId,
      details: { practice_id: scope.id, on: input.held_on, topics: input.topics, follow_ups: input.follow_ups.length },
    });
  });
}

export async function cancelVisit(db: Database, ctx: RequestContext, visitId: string): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw forbidden();
  const scope = await visitInScope(db, actor, visitId);
  if (!scope) throw notFound('visit');
  if (!scope.mayPlan) throw forbidden();
  await db.transaction().execute(async (trx) => {
    const changed = await trx
      .updateTable('visits')
      .set({ status: 'cancelled', updated_at: new Date() })
      .where('id', '=', visitId)
      .where('status', '=', 'planned')
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 0) throw visitNotPlanned();
    await writeAudit(trx, ctx, { action: 'visit.cancelled', subjectType: 'visit', subjectId: visitId, details: { practice_id: scope.id } });
  });
}

/** A follow-up of a visit is done (or not after all). */
export async function markFollowUp(db: Database, ctx: RequestContext, visitId: string, followUpId: string, done: boolean): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw forbidden();
  const scope = await visitInScope(db, actor, visitId);
  if (!scope?.mayPlan) throw notFound('visit');
  await db.transaction().execute(async (trx) => {
    const changed = await trx
      .updateTable('visit_follow_ups')
      .set({ done_at: done ? new Date() : null })
      .where('id', '=', followUpId)
      .where('visit_id', '=', visitId)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 0) throw notFound('follow-up');
    await writeAudit(trx, ctx, {
      action: done ? 'visit.follow_up_done' : 'visit.follow_up_reopened',
      subjectType: 'visit',
      subjectId: visitId,
      details: { follow_up: followUpId },
    });
  });
}
