import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import type { Role } from '../platform/db/schema.ts';
import { createOrganisation } from '../admin/organisations.ts';
import { createTeam } from '../admin/teams.ts';
import { createUser } from '../admin/users.ts';
import { twenteMunicipalities } from './twente.ts';

/** Shown at start-up. Everyone in the demo is fictitious. */
export const DEMO_PASSWORD = 'Korte-Lijn-demo-2026';

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  where: string;
}

export const demoAccounts: DemoAccount[] = [
  { email: 'assistent@demo.kortelijn.nl', name: 'Sanne de Vries', role: 'practice_staff', where: 'Huisartsenpraktijk De Esch (Enschede)' },
  { email: 'praktijkmanager@demo.kortelijn.nl', name: 'Mark Jansen', role: 'practice_admin', where: 'Huisartsenpraktijk De Esch (Enschede)' },
  { email: 'schuldhulp@demo.kortelijn.nl', name: 'Fatma Yilmaz', role: 'team_member', where: 'Wijkteam Hengelo-Noord' },
  { email: 'teamcoordinator@demo.kortelijn.nl', name: 'Peter Bakker', role: 'team_admin', where: 'Wijkteam Hengelo-Noord' },
  { email: 'aanjager@demo.kortelijn.nl', name: 'Linda Mulder', role: 'region_coordinator', where: 'Regio Twente' },
  { email: 'beheer@demo.kortelijn.nl', name: 'Joost Visser', role: 'admin', where: '—' },
];

/** Seeds Twente: region, its 14 municipalities, practices, social-domain teams and one account per role. Idempotent. */
export async function seedDemo(db: Database, ctx: RequestContext): Promise<'seeded' | 'already-present'> {
  const existing = await db.selectFrom('regions').select('id').where('name', '=', 'Twente').executeTakeFirst();
  if (existing) return 'already-present';
  const region = await db.insertInto('regions').values({ name: 'Twente' }).returning('id').executeTakeFirstOrThrow();
  const base = { region_id: region.id, cbs_code: null, agb_code: null, street: null, house_number: null, postcode: null, city: null, phone: null, email: null, website: null };

  const municipalities = new Map<string, string>();
  for (const m of twenteMunicipalities) {
    const org = await createOrganisation(db, ctx, { ...base, kind: 'municipality', name: `Gemeente ${m.name}`, cbs_code: m.cbs, city: m.name });
    municipalities.set(m.name, org.id);
  }

  const practice = async (name: string, agb: string, street: string, nr: string, postcode: string, city: string) =>
    (await createOrganisation(db, ctx, { ...base, kind: 'practice', name, agb_code: agb, street, house_number: nr, postcode, city, phone: '053 000 0000' })).id;
  const deEsch = await practice('Huisartsenpraktijk De Esch', '01990001', 'Eschmarkerweg', '12', '7523 AB', 'Enschede');
  await practice('Gezondheidscentrum Almelo-Noord', '01990002', 'Ootmarsumsestraat', '80', '7603 AK', 'Almelo');
  await practice('Huisartsen Hengelo-Centrum', '01990003', 'Marktstraat', '5', '7551 DR', 'Hengelo');

  const social = async (name: string, city: string) => (await createOrganisation(db, ctx, { ...base, kind: 'social', name, city })).id;
  const geldmaatjes = await social('Stichting Geldmaatjes Twente', 'Enschede');

  const team = async (organisationId: string, name: string, phone: string) => (await createTeam(db, ctx, { organisation_id: organisationId, name, phone, email: null })).id;
  await team(municipalities.get('Enschede')!, 'Schuldhulpverlening Enschede', '053 481 0000');
  await team(municipalities.get('Enschede')!, 'Wijkteam Enschede-Centrum', '053 481 0001');
  await team(municipalities.get('Almelo')!, 'Meldpunt Geldzorgen Almelo', '0546 54 0000');
  const hengeloNoord = await team(municipalities.get('Hengelo')!, 'Wijkteam Hengelo-Noord', '074 245 0000');
  await team(municipalities.get('Hengelo')!, 'Schuldhulp Hengelo', '074 245 0001');
  await team(municipalities.get('Twenterand')!, 'Sociaal Team Twenterand', '0546 84 0000');
  await team(municipalities.get('Haaksbergen')!, 'Sociaal Team Haaksbergen', '053 573 0000');
  await team(geldmaatjes, 'Geldmaatjes Enschede', '06 0000 0000');

  for (const account of demoAccounts) {
    await createUser(
      db,
      ctx,
      {
        email: account.email,
        name: account.name,
        role: account.role,
        practice_id: account.role.startsWith('practice') ? deEsch : null,
        team_id: account.role.startsWith('team') ? hengeloNoord : null,
        region_id: account.role === 'region_coordinator' ? region.id : null,
      },
      DEMO_PASSWORD,
    );
  }
  return 'seeded';
}
