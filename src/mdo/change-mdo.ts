import type { Database, Executor } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { AppError, forbidden, notFound } from '../platform/errors.ts';
import { notifyUsers } from '../platform/notifications/notify.ts';
import { findReferral } from '../referrals/access.ts';
import { amsterdamInstant } from '../onsite/onsite-rules.ts';
import { mdoInScope, mdoPracticeInScope, type MdoInScope } from './mdo-access.ts';
import { bothSidesTakePart, caseRefusal, caseRefusalMessages } from './mdo-rules.ts';
import type { AddCaseInput, PlanMdoInput, RecordMdoInput } from './mdo-form.ts';

/**
 * Planning, filling and recording an MDO. Every change is audited; adding a case and recording
 * the MDO name the referrals concerned (patient_ref / patient_refs), so the patient's access report
 * (NEN 7513) lists them. Notifications and mail say only "there is something for you".
 */
export const mdoNotPlanned = () =>
  new AppError('mdo_not_planned', 409, { nl: 'Dit MDO is al gehouden of afgezegd.', en: 'This MDO has already been held or cancelled.' });

const unknownParticipant = () =>
  new AppError('mdo_unknown_participant', 422, {
    nl: 'Kies deelnemers uit de lijst: medewerkers van de praktijk en van de teams in de regio.',
    en: 'Choose participants from the list: staff of the practice and of the region’s teams.',
  });

const oneSideMissing = () =>
  new AppError('mdo_one_side', 422, {
    nl: 'Een MDO is met beide kanten: kies minstens iemand van de praktijk en iemand van een team.',
    en: 'An MDO takes both sides: choose at least someone of the practice and someone of a team.',
  });

export const caseRefused = (message: { nl: string; en: string }) => new AppError('mdo_case_refused', 422, message);

const unknownCaseOrOwner = () =>
  new AppError('mdo_action_unknown', 422, {
    nl: 'Kies bij elke actie een casus van dit MDO en een deelnemer als eigenaar.',
    en: 'Choose for every action a case of this MDO and a participant as its owner.',
  });

/** The people who may take part in an MDO at a practice: its staff and the members of the region's teams. */
export async function possibleParticipants(db: Executor, practiceId: string, regionId: string) {
  return db
    .selectFrom('users')
    .leftJoin('teams', 'teams.id', 'users.team_id')
    .leftJoin('organisations as team_org', 'team_org.id', 'teams.organisation_id')
    .select(['users.id', 'users.name', 'users.practice_id', 'users.team_id', 'teams.name as team_name'])
    .where('users.disabled_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('users.practice_id', '=', practiceId), eb('users.role', 'in', ['practice_staff', 'practice_admin'])]),
        eb.and([eb('team_org.region_id', '=', regionId), eb('users.role', 'in', ['team_member', 'team_admin'])]),
      ]),
    )
    .orderBy('teams.name')
    .orderBy('users.name')
    .execute();
}

export async function planMdo(db: Database, ctx: RequestContext, practiceId: string, input: PlanMdoInput, baseUrl: string): Promise<{ id: string }> {
  const actor = ctx.actor;
  if (!actor) throw forbidden();
  const practice = await mdoPracticeInScope(db, actor, practiceId);
  if (!practice) throw notFound('practice');
  const possible = await possibleParticipants(db, practice.id, practice.regionId);
  const ids = [...new Set([actor.userId, ...input.participants])];
  const chosen = possible.filter((p) => ids.includes(p.id));
  if (chosen.length !== ids.length) throw unknownParticipant();
  if (!bothSidesTakePart(chosen.map((p) => ({ practiceId: p.practice_id, teamId: p.team_id })))) throw oneSideMissing();
  return db.transaction().execute(async (trx) => {
    const mdo = await trx
      .insertInto('mdos')
      .values({
        practice_id: practice.id,
        starts_at: amsterdamInstant(input.starts_on, input.starts_time),
        place: input.place,
        video_link: input.video_link,
        planned_by: actor.userId,
        updated_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('mdo_participants')
      .values(ids.map((userId) => ({ mdo_id: mdo.id, user_id: userId })))
      .execute();
    await writeAudit(trx, ctx, {
      action: 'mdo.planned',
      subjectType: 'mdo',
      subjectId: mdo.id,
      details: { practice_id: practice.id, on: input.starts_on, participants: ids.length },
    });
    await notifyUsers(trx, baseUrl, { userIds: ids.filter((id) => id !== actor.userId), kind: 'mdo_planned', link: `/mdo/${mdo.id}` });
    return mdo;
  });
}

/** The team ids of an MDO's participants (both sides may see a case only when its holding team is among them). */
async function participantTeamIds(db: Executor, mdoId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('mdo_participants')
    .innerJoin('users', 'users.id', 'mdo_participants.user_id')
    .select('users.team_id')
    .where('mdo_participants.mdo_id', '=', mdoId)
    .where('users.team_id', 'is not', null)
    .execute();
  return [...new Set(rows.map((r) => r.team_id!))];
}

/**
 * Puts a referral on a planned MDO's agenda, with the patient's consent for discussion in an MDO.
 * The actor must take part and may see the referral as its practice or its holding team.
 */
export async function addMdoCase(db: Database, ctx: RequestContext, referralId: string, input: AddCaseInput): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw forbidden();
  const found = await findReferral(db, actor, referralId);
  if (!found || (found.access !== 'practice' && found.access !== 'team-holder')) throw notFound('referral');
  const scope = await mdoInScope(db, actor, input.mdo_id);
  if (!scope?.takesPart) throw caseRefused({ nl: 'Kies een MDO waaraan u meedoet.', en: 'Choose an MDO you take part in.' });
  const referral = found.referral;
  const refusal = caseRefusal(
    {
      practiceId: referral.practice_id,
      teamId: referral.team_id,
      status: referral.status,
      consentWithdrawnAt: referral.consent_withdrawn_at,
      personalDataErasedAt: referral.personal_data_erased_at,
    },
    { practiceId: scope.practiceId, participantTeamIds: await participantTeamIds(db, scope.id) },
  );
  if (refusal) throw caseRefused(caseRefusalMessages[refusal]);
  await db.transaction().execute(async (trx) => {
    const mdo = await trx.selectFrom('mdos').select('status').where('id', '=', scope.id).forUpdate().executeTakeFirstOrThrow();
    if (mdo.status !== 'planned') throw mdoNotPlanned();
    const inserted = await trx
      .insertInto('mdo_cases')
      .values({
        mdo_id: scope.id,
        referral_id: referral.id,
        consent_method: input.consent_method,
        consent_given_on: input.consent_given_on,
        added_by: actor.userId,
      })
      .onConflict((oc) => oc.columns(['mdo_id', 'referral_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) throw caseRefused({ nl: 'Deze verwijzing staat al op de agenda van dit MDO.', en: 'This referral is already on this MDO’s agenda.' });
    await writeAudit(trx, ctx, {
      action: 'mdo.case_added',
      subjectType: 'mdo',
      subjectId: scope.id,
      patientRef: referral.id,
      details: { consent_method: input.consent_method, consent_given_on: input.consent_given_on },
    });
  });
}

/** The MDO took place: short minutes, a conclusion per case and the actions with owner and due date. */
export async function recordMdo(db: Database, ctx: RequestContext, scope: MdoInScope, input: RecordMdoInput, baseUrl: string): Promise<void> {
  const actor = ctx.actor;
  if (!actor || !scope.takesPart) throw forbidden();
  await db.transaction().execute(async (trx) => {
    const mdo = await trx.selectFrom('mdos').select('status').where('id', '=', scope.id).forUpdate().executeTakeFirstOrThrow();
    if (mdo.status !== 'planned') throw mdoNotPlanned();
    const cases = await trx.selectFrom('mdo_cases').select(['id', 'referral_id']).where('mdo_id', '=', scope.id).execute();
    const caseIds = cases.map((c) => c.id);
    for (const a of input.actions) if (!caseIds.includes(a.caseId) || !scope.participantIds.includes(a.ownerId)) throw unknownCaseOrOwner();
    for (const [caseId, conclusion] of Object.entries(input.conclusions)) {
      if (!caseIds.includes(caseId)) throw unknownCaseOrOwner();
      await trx.updateTable('mdo_cases').set({ conclusion }).where('id', '=', caseId).execute();
    }
    const now = new Date();
    await trx
      .updateTable('mdos')
      .set({ status: 'held', held_at: now, minutes: input.minutes, recorded_by: actor.userId, updated_at: now })
      .where('id', '=', scope.id)
      .execute();
    if (input.actions.length > 0) {
      await trx
        .insertInto('mdo_actions')
        .values(input.actions.map((a) => ({ mdo_id: scope.id, case_id: a.caseId, description: a.description, owner_id: a.ownerId, due_on: a.dueOn })))
        .execute();
    }
    await writeAudit(trx, ctx, {
      action: 'mdo.held',
      subjectType: 'mdo',
      subjectId: scope.id,
      patientRefs: cases.map((c) => c.referral_id),
      details: { practice_id: scope.practiceId, cases: cases.length, actions: input.actions.length },
    });
    const owners = input.actions.map((a) => a.ownerId).filter((id) => id !== actor.userId);
    await notifyUsers(trx, baseUrl, { userIds: owners, kind: 'mdo_action', link: `/mdo/${scope.id}` });
  });
}

export async function cancelMdo(db: Database, ctx: RequestContext, scope: MdoInScope, baseUrl: string): Promise<void> {
  const actor = ctx.actor;
  if (!actor || !scope.takesPart) throw forbidden();
  await db.transaction().execute(async (trx) => {
    const changed = await trx
      .updateTable('mdos')
      .set({ status: 'cancelled', updated_at: new Date() })
      .where('id', '=', scope.id)
      .where('status', '=', 'planned')
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 0) throw mdoNotPlanned();
    await writeAudit(trx, ctx, { action: 'mdo.cancelled', subjectType: 'mdo', subjectId: scope.id, details: { practice_id: scope.practiceId } });
    await notifyUsers(trx, baseUrl, { userIds: scope.participantIds.filter((id) => id !== actor.userId), kind: 'mdo_cancelled', link: `/mdo/${scope.id}` });
  });
}

/** An action is done (or not after all): its owner or another participant says so. */
export async function markMdoAction(db: Database, ctx: RequestContext, scope: MdoInScope, actionId: string, done: boolean): Promise<void> {
  if (!ctx.actor || !scope.takesPart) throw forbidden();
  await db.transaction().execute(async (trx) => {
    const changed = await trx
      .updateTable('mdo_actions')
      .set({ done_at: done ? new Date() : null })
      .where('id', '=', actionId)
      .where('mdo_id', '=', scope.id)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 0) throw notFound('action');
    await writeAudit(trx, ctx, {
      action: done ? 'mdo.action_done' : 'mdo.action_reopened',
      subjectType: 'mdo',
      subjectId: scope.id,
      details: { action: actionId },
    });
  });
}
