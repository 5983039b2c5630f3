import { sql } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import type { Referral } from '../platform/db/schema.ts';
import type { Actor, RequestContext } from '../platform/context.ts';
import { patientAccessEntries, writeAudit } from '../platform/audit/audit.ts';
import { membershipKindOf } from '../platform/auth/roles.ts';
import { notFound } from '../platform/errors.ts';
import type { FoundReferral } from '../referrals/access.ts';
import { accessLines, type AccessLine } from './access-lines.ts';
import { houseNumberKey, postcodeKey, samePerson } from './same-person.ts';

/**
 * The access report ("toegangsverslag"): who looked at or changed a patient's data, when, for which
 * organisation, what they did and from where — the client view of NEN 7513, for a practice manager
 * or team coordinator to hand to a patient who asks. For one referral, or for all referrals of the
 * same person (same-person.ts) that the practice sent or the team holds.
 *
 * Only a referral the reader's organisation sent, holds or held reaches here (the route's scope).
 * A team that forwarded a referral gets the report of that one referral, without the person's data:
 * the consent now covers the new team, so the old team may not use those data to look for other
 * referrals either. Producing the report is itself audited, with the referrals it covers.
 */
export type ReportScope = 'referral' | 'person';

export interface AccessReport {
  scope: ReportScope;
  /** The referral the report was asked for. */
  referralId: string;
  /** The referrals covered, oldest first. */
  referrals: Array<{ id: string; reference: string; requestedOn: string }>;
  /** Whom it is about: for the practice and the holding team; null for a team that forwarded it. */
  person: { name: string | null; birthDate: string | null } | null;
  lines: AccessLine[];
  /** More entries than the report shows: the oldest are left out. */
  truncated: boolean;
  producedAt: Date;
}

/** Entries a report reads at most; beyond that the oldest are left out (and the report says so). */
export const REPORT_ENTRY_LIMIT = 20_000;

export async function produceAccessReport(db: Database, ctx: RequestContext, found: FoundReferral, scope: ReportScope): Promise<AccessReport> {
  const actor = ctx.actor;
  if (!actor) throw notFound();
  if (scope === 'person' && found.access === 'team-former') throw notFound('referral');
  const referrals = scope === 'person' ? await samePersonReferrals(db, actor, found.referral) : [found.referral];
  const ids = referrals.map((r) => r.id);
  const { entries, more } = await patientAccessEntries(db, ids, REPORT_ENTRY_LIMIT);
  const lines = accessLines(entries, new Map(referrals.map((r) => [r.id, r.reference])));
  await writeAudit(db, ctx, {
    action: 'referral.access_report',
    subjectType: 'referral',
    subjectId: found.referral.id,
    patientRef: found.referral.id,
    ...(scope === 'person' ? { patientRefs: ids } : {}),
    details: { scope, referrals: ids.length, entries: entries.length },
  });
  const r = found.referral;
  return {
    scope,
    referralId: r.id,
    referrals: referrals.map((x) => ({ id: x.id, reference: x.reference, requestedOn: x.requested_on })),
    person: found.access === 'team-former' ? null : { name: r.patient_name, birthDate: r.patient_birth_date },
    lines,
    truncated: more,
    producedAt: new Date(),
  };
}

type PersonReferral = Pick<Referral, 'id' | 'reference' | 'requested_on' | 'patient_name' | 'patient_birth_date' | 'patient_postcode' | 'patient_house_number'>;

/**
 * The referrals of the practice (sent) or team (held) about the same person as `start`, oldest
 * first. The database narrows them down to the same date of birth or the same address; the rule
 * itself (same-person.ts) decides.
 */
async function samePersonReferrals(db: Database, actor: Actor, start: Referral): Promise<PersonReferral[]> {
  const postcode = start.patient_postcode ? postcodeKey(start.patient_postcode) : null;
  const houseNumber = start.patient_house_number ? houseNumberKey(start.patient_house_number) : null;
  let query = db
    .selectFrom('referrals')
    .select(['id', 'reference', 'requested_on', 'patient_name', 'patient_birth_date', 'patient_postcode', 'patient_house_number'])
    .where((eb) =>
      eb.or([
        ...(start.patient_birth_date ? [eb('patient_birth_date', '=', start.patient_birth_date)] : []),
        ...(postcode && houseNumber
          ? [
              sql<boolean>`upper(regexp_replace(patient_postcode, '\\s', '', 'g')) = ${postcode} and lower(regexp_replace(patient_house_number, '\\s', '', 'g')) = ${houseNumber}`,
            ]
          : []),
      ]),
    )
    .orderBy('requested_on')
    .orderBy('reference');
  query = membershipKindOf(actor.role) === 'practice' ? query.where('practice_id', '=', actor.practiceId) : query.where('team_id', '=', actor.teamId);
  const candidates = await query.execute();
  const same = candidates.filter((c) => c.id !== start.id && samePerson(start, c));
  return [start, ...same].sort((a, b) => a.requested_on.localeCompare(b.requested_on) || a.reference.localeCompare(b.reference));
}
