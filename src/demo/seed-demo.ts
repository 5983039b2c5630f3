import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import type { Role } from '../platform/db/schema.ts';
import { createOrganisation } from '../admin/organisations.ts';
import { createTeam } from '../admin/teams.ts';
import { createUser } from '../admin/users.ts';
import { twenteMunicipalities } from './twente.ts';
import { seedSocialMap } from './seed-socialmap.ts';
import { seedDemoReferrals } from './seed-referrals.ts';
import { seedDemoNetwork } from './seed-network.ts';

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
  { email: 'beleid@demo.kortelijn.nl', name: 'Yvonne de Boer', role: 'policy_officer', where: 'Gemeente Hengelo (alleen cijfers)' },
  { email: 'beheer@demo.kortelijn.nl', name: 'Joost Visser', role: 'admin', where: '—' },
];

/** Seeds Twente: region, its 14 municipalities, practices, social-domain teams and one account per role. Idempotent. */
export async function seedDemo(db: Database, ctx: RequestContext): Promise<'seeded' | 'already-present'> {
  const existing = await db.selectFrom('regions').select('id').where('name', '=', 'Twente').executeTakeFirst();
  if (existing) return 'already-present';
  const region = await db.insertInto('regions').values({ name: 'Twente' }).returning('id').executeTakeFirstOrThrow();
  const base = {
    region_id: region.id,
    cbs_code: null,
    agb_code: null,
    street: null,
    house_number: null,
    postcode: null,
    city: null,
    phone: null,
    email: null,
    website: null,
  };

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

  const team = async (organisationId: string, name: string, phone: string) =>
    (await createTeam(db, ctx, { organisation_id: organisationId, name, phone, email: null })).id;
  const gm = (name: string) => municipalities.get(name)!;
  const teams = {
    schuldhulpEnschede: await team(gm('Enschede'), 'Schuldhulpverlening Enschede', '053 481 0000'),
    wijkteamEnschedeCentrum: await team(gm('Enschede'), 'Wijkteam Enschede-Centrum', '053 481 0001'),
    meldpuntAlmelo: await team(gm('Almelo'), 'Meldpunt Geldzorgen Almelo', '0546 54 0000'),
    wijkteamHengeloNoord: await team(gm('Hengelo'), 'Wijkteam Hengelo-Noord', '074 245 0000'),
    schuldhulpHengelo: await team(gm('Hengelo'), 'Schuldhulp Hengelo', '074 245 0001'),
    sociaalTeamTwenterand: await team(gm('Twenterand'), 'Sociaal Team Twenterand', '0546 84 0000'),
    sociaalTeamHaaksbergen: await team(gm('Haaksbergen'), 'Sociaal Team Haaksbergen', '053 573 0000'),
    geldmaatjesEnschede: await team(geldmaatjes, 'Geldmaatjes Enschede', '06 0000 0000'),
  };
  const netwerk = await social('Netwerk Geldzorgen Twente', 'Enschede');
  const regionalDesk = await team(netwerk, 'Regionaal Meldpunt Geldzorgen Twente', '053 000 1000');
  await db.updateTable('regions').set({ fallback_team_id: regionalDesk }).where('id', '=', region.id).execute();

  // Routing rules: who takes which need where. Every Twente municipality gets a fallback desk.
  const rule = (municipality: string, teamId: string, extra: { district_code?: string; category?: string } = {}) =>
    db
      .insertInto('routing_rules')
      .values({
        municipality_code: twenteMunicipalities.find((m) => m.name === municipality)!.cbs,
        team_id: teamId,
        district_code: extra.district_code ?? null,
        category: extra.category ?? null,
      })
      .execute();
  await rule('Enschede', teams.schuldhulpEnschede);
  await rule('Enschede', teams.wijkteamEnschedeCentrum, { district_code: 'WK015301' });
  await rule('Enschede', teams.geldmaatjesEnschede, { category: 'money_buddy' });
  await rule('Almelo', teams.meldpuntAlmelo);
  await rule('Hengelo', teams.schuldhulpHengelo);
  await rule('Hengelo', teams.wijkteamHengeloNoord, { district_code: 'WK016402' });
  await rule('Twenterand', teams.sociaalTeamTwenterand);
  await rule('Haaksbergen', teams.sociaalTeamHaaksbergen);
  for (const m of twenteMunicipalities) {
    if (['Enschede', 'Almelo', 'Hengelo', 'Twenterand', 'Haaksbergen'].includes(m.name)) continue;
    await rule(m.name, await team(gm(m.name), `Sociaal Loket ${m.name}`, '14 0000'));
  }

  for (const account of demoAccounts) {
    await createUser(
      db,
      ctx,
      {
        email: account.email,
        name: account.name,
        role: account.role,
        practice_id: account.role.startsWith('practice') ? deEsch : null,
        team_id: account.role.startsWith('team') ? teams.wijkteamHengeloNoord : null,
        region_id: account.role === 'region_coordinator' || account.role === 'policy_officer' ? region.id : null,
      },
      DEMO_PASSWORD,
    );
  }
  // The demo policy officer sees the figures of one municipality: Hengelo, where the demo referrals go.
  await db.updateTable('users').set({ municipality_code: 'GM0164' }).where('email', '=', 'beleid@demo.kortelijn.nl').execute();
  await seedSocialMap(db, ctx, { regionId: region.id, municipalities, geldmaatjesId: geldmaatjes, netwerkId: netwerk, teams: { ...teams, regionalDesk } });
  await seedDemoReferrals(db, ctx, 'assistent@demo.kortelijn.nl');
  await seedDemoNetwork(db, ctx, {
    coordinator: 'aanjager@demo.kortelijn.nl',
    practiceAdmin: 'praktijkmanager@demo.kortelijn.nl',
    teamAdmin: 'teamcoordinator@demo.kortelijn.nl',
    teamMember: 'schuldhulp@demo.kortelijn.nl',
  });
  return 'seeded';
}
