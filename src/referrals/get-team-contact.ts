import type { Database, Executor } from '../platform/db/database.ts';
import { notFound } from '../platform/errors.ts';

/**
 * The receiving team's fixed contact (vaste contactpersoon, docs/product.md loop step 7): the team's own
 * phone and e-mail, plus the named contact persons the social map keeps for the team's services.
 * `audience: 'public'` leaves out persons meant for professionals only (the printed card for the
 * patient); practice staff see both.
 */
export interface ContactPerson {
  name: string;
  jobTitle: string | null;
  phone: string | null;
  email: string | null;
}

export interface TeamContact {
  teamId: string;
  teamName: string;
  organisationName: string;
  phone: string | null;
  email: string | null;
  persons: ContactPerson[];
}

/** The team itself: a subquery the referral detail embeds; getTeamContact runs it on its own. */
export function teamQuery(db: Executor, teamId: string) {
  return db
    .selectFrom('teams')
    .innerJoin('organisations', 'organisations.id', 'teams.organisation_id')
    .select(['teams.id', 'teams.name', 'teams.phone', 'teams.email', 'organisations.name as organisation_name'])
    .where('teams.id', '=', teamId);
}

/** At most five named contact persons of the team's active services. */
export function contactPersonsQuery(db: Executor, teamId: string, audience: 'professional' | 'public') {
  let q = db
    .selectFrom('contacts')
    .innerJoin('services', 'services.id', 'contacts.service_id')
    .select(['contacts.name', 'contacts.job_title', 'contacts.phone', 'contacts.email'])
    .distinct()
    .where('services.team_id', '=', teamId)
    .where('services.status', '=', 'active')
    .where('contacts.ended_at', 'is', null)
    .orderBy('contacts.name')
    .limit(5);
  if (audience === 'public') q = q.where('contacts.visibility', '=', 'public');
  return q;
}

type TeamRow = { id: string; name: string; phone: string | null; email: string | null; organisation_name: string };
type PersonRow = { name: string; job_title: string | null; phone: string | null; email: string | null };

export function teamContactOf(team: TeamRow, persons: readonly PersonRow[]): TeamContact {
  return {
    teamId: team.id,
    teamName: team.name,
    organisationName: team.organisation_name,
    phone: team.phone,
    email: team.email,
    persons: persons.map((p) => ({ name: p.name, jobTitle: p.job_title, phone: p.phone, email: p.email })),
  };
}

export async function getTeamContact(db: Database, teamId: string, audience: 'professional' | 'public' = 'professional'): Promise<TeamContact> {
  const [team, persons] = await Promise.all([teamQuery(db, teamId).executeTakeFirst(), contactPersonsQuery(db, teamId, audience).execute()]);
  if (!team) throw notFound('team');
  return teamContactOf(team, persons);
}
