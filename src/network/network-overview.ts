import { sql } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import type { Actor } from '../platform/context.ts';
import type { Role } from '../platform/db/schema.ts';
import { amsterdamToday } from '../platform/dates.ts';
import { agreementState, contactUnconfirmed, type AgreementState } from '../agreements/agreement-rules.ts';
import { actorRegionId } from '../visits/visit-access.ts';
import { regionVisitStates, type PracticeVisitState } from '../visits/read-visits.ts';
import { addMonthsIso } from '../visits/visit-rules.ts';
import { practiceMdoSummaries, type PracticeMdoSummary } from '../mdo/read-mdo.ts';
import { checklistDone, isManualItem, type ChecklistItem, type ManualItem } from './checklist.ts';

/**
 * The region's network view (/netwerk): every practice of the region with its agreements and
 * fixed contacts (and how fresh they are), its last and next visit, its on-site hours, how many
 * referrals it sent (counts only: no patient), and the yearly checklist. For the regional
 * coordinator every practice of their region; for a team coordinator the practices of the region
 * their team works in, with their own team's agreement first.
 */
export const networkRoles: readonly Role[] = ['region_coordinator', 'team_admin'];

export interface AgreementLine {
  agreementId: string;
  teamId: string;
  teamName: string;
  state: AgreementState;
  pendingChange: boolean;
  teamContactName: string | null;
  teamContactVerifiedAt: Date | null;
  teamContactLeft: boolean;
  practiceContactName: string | null;
  practiceContactConfirmedAt: Date | null;
}

export interface OnsiteLine {
  teamName: string;
  hostName: string;
  weekday: number;
  startsAt: string;
  endsAt: string;
}

export interface PracticeNetworkRow {
  practiceId: string;
  practiceName: string;
  agreements: AgreementLine[];
  visits: PracticeVisitState;
  onsite: OnsiteLine[];
  referralsLastQuarter: number;
  referralsLastHalfYear: number;
  /** Multidisciplinary consultations at the practice: dates and open actions, never a patient. */
  mdo: PracticeMdoSummary;
  done: Set<ChecklistItem>;
}

export async function networkOverview(db: Database, actor: Actor, now = new Date()): Promise<PracticeNetworkRow[]> {
  const regionId = await actorRegionId(db, actor);
  if (!regionId || !networkRoles.includes(actor.role)) return [];
  return regionRows(db, regionId, actor.role === 'team_admin' ? actor.teamId : null, now);
}

/** The rows for a region (or one practice of it), with `ownTeamId`'s agreement listed first. */
export async function regionRows(
  db: Database,
  regionId: string,
  ownTeamId: string | null,
  now = new Date(),
  onlyPracticeId?: string,
): Promise<PracticeNetworkRow[]> {
  const today = amsterdamToday(now);
  const year = Number(today.slice(0, 4));
  const visitStates = (await regionVisitStates(db, regionId, today)).filter((v) => !onlyPracticeId || v.practiceId === onlyPracticeId);
  const practiceIds = visitStates.map((v) => v.practiceId);
  if (practiceIds.length === 0) return [];
  const [agreements, counts, checklist, onsite, mdos] = await Promise.all([
    db
      .selectFrom('agreements')
      .innerJoin('teams', 'teams.id', 'agreements.team_id')
      .leftJoin('contacts', 'contacts.id', 'agreements.team_contact_id')
      .select([
        'agreements.id',
        'agreements.practice_id',
        'agreements.team_id',
        'agreements.agreed_at',
        'agreements.review_due_on',
        'agreements.proposal',
        'agreements.practice_contact_name',
        'agreements.practice_contact_confirmed_at',
        'teams.name as team_name',
        'contacts.name as contact_name',
        'contacts.last_verified_at as contact_verified_at',
        'contacts.ended_at as contact_ended_at',
      ])
      .where('agreements.practice_id', 'in', practiceIds)
      .orderBy('teams.name')
      .execute(),
    db
      .selectFrom('referrals')
      .select([
        'practice_id',
        sql<string>`count(*) filter (where created_at > now() - interval '3 months')`.as('quarter'),
        sql<string>`count(*) filter (where created_at > now() - interval '6 months')`.as('half_year'),
      ])
      .where('practice_id', 'in', practiceIds)
      .where('created_at', '>', sql<Date>`now() - interval '6 months'`)
      .groupBy('practice_id')
      .execute(),
    db.selectFrom('practice_checklist').select(['practice_id', 'item']).where('practice_id', 'in', practiceIds).where('year', '=', year).execute(),
    db
      .selectFrom('onsite_hours')
      .innerJoin('teams', 'teams.id', 'onsite_hours.team_id')
      .innerJoin('users', 'users.id', 'onsite_hours.host_user_id')
      .select([
        'onsite_hours.practice_id',
        'onsite_hours.weekday',
        'onsite_hours.starts_at',
        'onsite_hours.ends_at',
        'teams.name as team_name',
        'users.name as host_name',
      ])
      .where('onsite_hours.practice_id', 'in', practiceIds)
      .where('onsite_hours.ended_on', 'is', null)
      .orderBy('onsite_hours.weekday')
      .orderBy('onsite_hours.starts_at')
      .execute(),
    practiceMdoSummaries(db, practiceIds),
  ]);
  const yearAgo = addMonthsIso(today, -12);
  return visitStates.map((visits) => {
    const lines: AgreementLine[] = agreements
      .filter((a) => a.practice_id === visits.practiceId)
      .map((a) => ({
        agreementId: a.id,
        teamId: a.team_id,
        teamName: a.team_name,
        state: agreementState({ agreedAt: a.agreed_at, reviewDueOn: a.review_due_on }, today),
        pendingChange: a.agreed_at !== null && a.proposal !== null,
        teamContactName: a.contact_ended_at ? null : a.contact_name,
        teamContactVerifiedAt: a.contact_verified_at,
        teamContactLeft: a.contact_ended_at !== null,
        practiceContactName: a.practice_contact_name,
        practiceContactConfirmedAt: a.practice_contact_confirmed_at,
      }))
      .sort((x, y) => Number(y.teamId === ownTeamId) - Number(x.teamId === ownTeamId));
    const inForce = lines.filter((l) => l.state !== 'concept');
    const count = counts.find((c) => c.practice_id === visits.practiceId);
    const manual = new Set<ManualItem>(
      checklist
        .filter((c) => c.practice_id === visits.practiceId)
        .map((c) => c.item)
        .filter(isManualItem),
    );
    return {
      practiceId: visits.practiceId,
      practiceName: visits.practiceName,
      agreements: lines,
      visits,
      onsite: onsite
        .filter((o) => o.practice_id === visits.practiceId)
        .map((o) => ({ teamName: o.team_name, hostName: o.host_name, weekday: o.weekday, startsAt: o.starts_at, endsAt: o.ends_at })),
      referralsLastQuarter: Number(count?.quarter ?? 0),
      referralsLastHalfYear: Number(count?.half_year ?? 0),
      mdo: mdos.get(visits.practiceId) ?? { lastHeldAt: null, nextPlannedAt: null, openActions: 0 },
      done: checklistDone({
        agreementReviewed: lines.some((l) => l.state === 'agreed'),
        visitHeldLastYear: visits.lastHeldOn !== null && visits.lastHeldOn > yearAgo,
        contactsConfirmed:
          inForce.length > 0 &&
          inForce.every(
            (l) => l.teamContactName !== null && !contactUnconfirmed(l.teamContactVerifiedAt, now) && !contactUnconfirmed(l.practiceContactConfirmedAt, now),
          ),
        manual,
      }),
    };
  });
}
