import { sql } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import { contactViews, type ContactView } from './read-agreements.ts';

/**
 * "Uw vaste contactpersoon": for each team that serves the practice's patients, the one person the
 * practice calls (docs/product.md loop step 7; the action study: "er is behoefte aan een vaste,
 * bekende contactpersoon"). A team serves the practice when they have an agreement in force, or
 * when it received a referral from the practice in the last twelve months. The person is the one
 * the agreement names; when that person left, their successor on the social map is shown at once.
 */
export interface FixedContact {
  teamId: string;
  teamName: string;
  organisationName: string;
  teamPhone: string | null;
  agreementId: string | null;
  /** The person to call now (the successor when the named person left); null without an agreement. */
  person: ContactView | null;
  /** Set when the agreement still names someone who left: "since …, X took over from Y". */
  replaced: ContactView | null;
  whenToCall: string | null;
}

export async function listFixedContacts(db: Database, practiceId: string): Promise<FixedContact[]> {
  const [agreed, referredTo] = await Promise.all([
    db
      .selectFrom('agreements')
      .innerJoin('teams', 'teams.id', 'agreements.team_id')
      .innerJoin('organisations', 'organisations.id', 'teams.organisation_id')
      .select([
        'agreements.id',
        'agreements.team_id',
        'agreements.team_contact_id',
        'agreements.team_contact_hours',
        'teams.name as team_name',
        'teams.phone as team_phone',
        'organisations.name as organisation_name',
      ])
      .where('agreements.practice_id', '=', practiceId)
      .where('agreements.agreed_at', 'is not', null)
      .orderBy('teams.name')
      .execute(),
    db
      .selectFrom('referrals')
      .innerJoin('teams', 'teams.id', 'referrals.team_id')
      .innerJoin('organisations', 'organisations.id', 'teams.organisation_id')
      .select(['teams.id as team_id', 'teams.name as team_name', 'teams.phone as team_phone', 'organisations.name as organisation_name'])
      .distinct()
      .where('referrals.practice_id', '=', practiceId)
      .where('referrals.created_at', '>', sql<Date>`now() - interval '12 months'`)
      .orderBy('teams.name')
      .execute(),
  ]);
  const named = await contactViews(
    db,
    agreed.map((a) => a.team_contact_id).filter((id): id is string => id !== null),
  );
  const successors = await contactViews(
    db,
    [...named.values()].map((c) => c.successor?.id).filter((id): id is string => id !== undefined),
  );
  const withAgreement: FixedContact[] = agreed.map((a) => {
    const contact = a.team_contact_id ? named.get(a.team_contact_id) : undefined;
    const successor = contact?.successor ? successors.get(contact.successor.id) : undefined;
    return {
      teamId: a.team_id,
      teamName: a.team_name,
      organisationName: a.organisation_name,
      teamPhone: a.team_phone,
      agreementId: a.id,
      person: successor ?? (contact && !contact.endedAt ? contact : null),
      replaced: successor && contact ? contact : null,
      whenToCall: a.team_contact_hours,
    };
  });
  const covered = new Set(agreed.map((a) => a.team_id));
  const withoutAgreement: FixedContact[] = referredTo
    .filter((r) => !covered.has(r.team_id))
    .map((r) => ({
      teamId: r.team_id,
      teamName: r.team_name,
      organisationName: r.organisation_name,
      teamPhone: r.team_phone,
      agreementId: null,
      person: null,
      replaced: null,
      whenToCall: null,
    }));
  return [...withAgreement, ...withoutAgreement];
}
