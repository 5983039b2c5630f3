import { jsonObjectFrom } from 'kysely/helpers/postgres';
import type { Database } from '../../platform/db/database.ts';
import type { Consent, Referral } from '../../platform/db/schema.ts';
import type { Actor, RequestContext } from '../../platform/context.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { notFound } from '../../platform/errors.ts';
import { mayShareFeedback } from '../../referrals/consent.ts';
import type { ReferralView } from './to-fhir.ts';

/**
 * The referrals an API token may read, as the web app scopes them (referrals/access.ts): a practice
 * reads the referrals it sent, a team those it holds now. A team that forwarded a referral follows it
 * in the web app without the person's data; the API, which is about the person, gives it no access.
 * Region coordinators and administrators never read a referral.
 */
export type ApiAccess = { side: 'practice'; practiceId: string } | { side: 'team'; teamId: string };

export function apiAccessOf(actor: Actor): ApiAccess | null {
  if ((actor.role === 'practice_staff' || actor.role === 'practice_admin') && actor.practiceId) return { side: 'practice', practiceId: actor.practiceId };
  if ((actor.role === 'team_member' || actor.role === 'team_admin') && actor.teamId) return { side: 'team', teamId: actor.teamId };
  return null;
}

export interface ReferralFilter {
  ids?: readonly string[];
  /** Task.status values of the SDOH set; `requested` covers a referral the team opened too. */
  statuses?: readonly Referral['status'][];
  teamId?: string;
  practiceId?: string;
  idempotencyKey?: string;
  updatedAfter?: { op: '>' | '>=' | '<' | '<='; at: Date };
  limit: number;
  offset: number;
}

/** The referrals the access reaches that match the filter, oldest change first (polling reads on from where it stopped). */
export async function findReferralViews(db: Database, access: ApiAccess, filter: ReferralFilter): Promise<{ views: ReferralView[]; total: number }> {
  let base = db.selectFrom('referrals as r');
  base = access.side === 'practice' ? base.where('r.practice_id', '=', access.practiceId) : base.where('r.team_id', '=', access.teamId);
  if (filter.ids) base = base.where('r.id', 'in', filter.ids.length > 0 ? [...filter.ids] : ['00000000-0000-0000-0000-000000000000']);
  if (filter.statuses) base = base.where('r.status', 'in', filter.statuses.length > 0 ? [...filter.statuses] : ['requested']);
  if (filter.teamId) base = base.where('r.team_id', '=', filter.teamId);
  if (filter.practiceId) base = base.where('r.practice_id', '=', filter.practiceId);
  if (filter.idempotencyKey) base = base.where('r.idempotency_key', '=', filter.idempotencyKey);
  if (filter.updatedAfter) base = base.where('r.updated_at', filter.updatedAfter.op, filter.updatedAfter.at);
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
    base
      .innerJoin('teams as t', 't.id', 'r.team_id')
      .leftJoin('organisations as p', 'p.id', 'r.practice_id')
      .leftJoin('users as u', 'u.id', 'r.created_by')
      .selectAll('r')
      .select(['t.name as team_name', 'p.name as practice_name', 'p.agb_code as practice_agb', 'u.name as creator_name'])
      .select((eb) => [
        jsonObjectFrom(eb.selectFrom('consents as c').selectAll('c').whereRef('c.referral_id', '=', 'r.id').orderBy('c.given_at', 'desc').limit(1)).as(
          'consent',
        ),
        eb
          .selectFrom('referral_events as e')
          .select('e.note')
          .whereRef('e.referral_id', '=', 'r.id')
          .where('e.type', 'in', ['rejected', 'closed'])
          .orderBy('e.id', 'desc')
          .limit(1)
          .as('status_note'),
      ])
      .orderBy('r.updated_at')
      .orderBy('r.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
  ]);
  const views = rows.map(({ team_name, practice_name, practice_agb, creator_name, consent: rawConsent, status_note, ...referral }) => {
    const consent = rawConsent
      ? ({
          ...rawConsent,
          given_at: new Date(rawConsent.given_at),
          withdrawn_at: rawConsent.withdrawn_at ? new Date(rawConsent.withdrawn_at) : null,
        } as Consent)
      : null;
    const withdrawn = Boolean(referral.consent_withdrawn_at || consent?.withdrawn_at);
    // Within the patient's consent only (consent.ts), as on the practice's pages.
    const feedbackVisible = access.side === 'team' || (consent ? mayShareFeedback(consent.feedback_allowed, withdrawn) : false);
    const visible: Referral = feedbackVisible ? referral : { ...referral, outcome: null, feedback: null };
    const noteVisible = access.side === 'team' || (referral.status === 'rejected' && feedbackVisible);
    return {
      referral: visible,
      feedbackVisible,
      practice: referral.practice_id && practice_name ? { id: referral.practice_id, name: practice_name, agbCode: practice_agb } : null,
      team: { id: referral.team_id, name: team_name },
      creatorName: creator_name,
      consent,
      statusNote: noteVisible ? (status_note ?? null) : null,
    } satisfies ReferralView;
  });
  return { views, total: Number(total) };
}

/**
 * One referral by id for the actor, audited as a read of patient data (NEN 7513), like opening it
 * in the web app; 404 when the actor does not reach it.
 */
export async function readReferralView(db: Database, ctx: RequestContext, access: ApiAccess, id: string, resource: string): Promise<ReferralView> {
  const { views } = await findReferralViews(db, access, { ids: [id], limit: 1, offset: 0 });
  const view = views[0];
  if (!view) throw notFound('referral');
  await writeAudit(db, ctx, {
    action: 'referral.read',
    subjectType: 'referral',
    subjectId: id,
    patientRef: id,
    details: { access: access.side, via: 'fhir', resource },
  });
  return view;
}

/** A search that returned referrals: audited with every referral it showed, like the web app's lists. */
export async function auditSearch(db: Database, ctx: RequestContext, resource: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await writeAudit(db, ctx, {
    action: 'referral.list_read',
    subjectType: 'referral',
    subjectId: ids.length === 1 ? ids[0]! : 'fhir-search',
    patientRefs: ids,
    details: { via: 'fhir', resource, count: ids.length },
  });
}
