import { z } from 'zod';
import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/errors.ts';
import type { Translate } from '../platform/i18n.ts';
import { optionalText } from '../platform/http/forms.ts';
import { withoutBsn } from '../platform/bsn.ts';

export const teamSchema = (t: Translate) =>
  z.object({
    organisation_id: z.uuid(t({ nl: 'Kies de organisatie waar het team bij hoort.', en: 'Choose the organisation the team belongs to.' })),
    name: z
      .string()
      .trim()
      .min(2, t({ nl: 'Vul de naam van het team in.', en: "Enter the team's name." }))
      .max(200)
      .check(withoutBsn(t)),
    phone: optionalText(30),
    email: optionalText(254).refine(
      (v) => v === null || z.email().safeParse(v).success,
      t({ nl: 'Vul een geldig e-mailadres in.', en: 'Enter a valid e-mail address.' }),
    ),
  });

export type TeamInput = z.infer<ReturnType<typeof teamSchema>>;

export interface TeamWithOrganisation {
  id: string;
  name: string;
  phone: string | null;
  email: string | null;
  organisation_id: string;
  organisation_name: string;
  region_id: string;
}

export async function listTeams(
  db: Database,
  filter: { organisationId?: string | undefined; teamId?: string | undefined } = {},
): Promise<TeamWithOrganisation[]> {
  let q = db
    .selectFrom('teams')
    .innerJoin('organisations', 'organisations.id', 'teams.organisation_id')
    .select([
      'teams.id',
      'teams.name',
      'teams.phone',
      'teams.email',
      'teams.organisation_id',
      'organisations.name as organisation_name',
      'organisations.region_id',
    ])
    .orderBy('organisations.name')
    .orderBy('teams.name');
  if (filter.organisationId) q = q.where('teams.organisation_id', '=', filter.organisationId);
  if (filter.teamId) q = q.where('teams.id', '=', filter.teamId);
  return q.execute();
}

export async function getTeam(db: Database, id: string): Promise<TeamWithOrganisation> {
  const team = (await listTeams(db, { teamId: id }))[0];
  if (!team) throw notFound('team');
  return team;
}

const duplicateTeam = () =>
  new AppError('duplicate_team', 409, { nl: 'Deze organisatie heeft al een team met die naam.', en: 'This organisation already has a team with that name.' });

async function assertTeamOwner(db: Database, organisationId: string) {
  const org = await db.selectFrom('organisations').select('kind').where('id', '=', organisationId).executeTakeFirst();
  if (!org) throw notFound('organisation');
  // Teams receive referrals; a GP practice is the sender, never a receiving team.
  if (org.kind === 'practice') {
    throw new AppError('team_owner_kind', 422, {
      nl: 'Een team hoort bij een gemeente of een organisatie in het sociaal domein, niet bij een huisartsenpraktijk.',
      en: 'A team belongs to a municipality or social domain organisation, not to a GP practice.',
    });
  }
}

export async function createTeam(db: Database, ctx: RequestContext, input: TeamInput) {
  await assertTeamOwner(db, input.organisation_id);
  try {
    return await db.transaction().execute(async (trx) => {
      const team = await trx
        .insertInto('teams')
        .values({ ...input, updated_at: new Date() })
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeAudit(trx, ctx, { action: 'admin.team_created', subjectType: 'team', subjectId: team.id });
      return team;
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw duplicateTeam();
    throw err;
  }
}

export async function updateTeam(db: Database, ctx: RequestContext, id: string, input: TeamInput) {
  await assertTeamOwner(db, input.organisation_id);
  try {
    return await db.transaction().execute(async (trx) => {
      const team = await trx
        .updateTable('teams')
        .set({ ...input, updated_at: new Date() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (!team) throw notFound('team');
      await writeAudit(trx, ctx, { action: 'admin.team_updated', subjectType: 'team', subjectId: id });
      return team;
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw duplicateTeam();
    throw err;
  }
}
