/**
 * Test support: a small Twente world for referrals, built with the tenant fixtures of
 * test/support/fixtures.ts (independent of the demo seed): Hengelo with a district team for
 * Hengelo-Noord (WK016402, where PC4 7552 lies in the shipped PC4 table) and a municipal desk, a
 * regional fallback desk, two GP practices, and one user per role. Every user has the test password.
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../platform/db/database.ts';
import type { Role, User } from '../platform/db/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import { loadShippedPostcodeAreas } from '../routing/reference-data.ts';
import { actorOf, testContext } from '../../test/support/databases.ts';
import { createTenant, createTestUser, insertOrganisation, insertTeam, unique, type Tenant } from '../../test/support/fixtures.ts';
import type { SendReferralInput } from './send-referral.ts';

export interface ReferralWorld {
  regionId: string;
  practiceA: string;
  practiceB: string;
  /** Wijkteam Hengelo-Noord: district WK016402. */
  noord: string;
  /** Schuldhulp Hengelo: the rest of Hengelo. */
  hengelo: string;
  /** The regional fallback desk. */
  regional: string;
  users: {
    staffA: User;
    adminA: User;
    staffB: User;
    noordMember: User;
    noordColleague: User;
    noordAdmin: User;
    hengeloMember: User;
    regionCoordinator: User;
    admin: User;
  };
}

export async function insertReferralWorld(db: Database): Promise<ReferralWorld> {
  await loadShippedPostcodeAreas(db);
  // Practice A, Hengelo (found, not added, where a suite's database has it already) and its district team.
  const tenant = await createTenant(db, {
    region: { name: `Twente ${unique()}` },
    practice: { name: `Huisartsenpraktijk De Esch ${unique()}`, phone: '053 000 0000' },
    municipality: { name: 'Gemeente Hengelo', cbsCode: 'GM0164', city: 'Hengelo' },
    team: { name: `Wijkteam Hengelo-Noord ${unique()}`, phone: '074 245 0000' },
  });
  const { regionId, practiceId: practiceA, municipalityId: hengeloOrg, teamId: noord } = tenant;
  const practiceB = await insertOrganisation(db, regionId, 'practice', { name: `Huisartsenpraktijk Anders ${unique()}` });
  const hengelo = await insertTeam(db, hengeloOrg, { name: `Schuldhulp Hengelo ${unique()}`, phone: '074 245 0001' });
  const netwerk = await insertOrganisation(db, regionId, 'social', { name: `Netwerk Geldzorgen ${unique()}` });
  const regional = await insertTeam(db, netwerk, { name: `Regionaal Meldpunt ${unique()}`, phone: '053 000 1000' });
  await db.updateTable('regions').set({ fallback_team_id: regional }).where('id', '=', regionId).execute();
  await db
    .insertInto('routing_rules')
    .values([
      { municipality_code: 'GM0164', district_code: null, category: null, team_id: hengelo },
      { municipality_code: 'GM0164', district_code: 'WK016402', category: null, team_id: noord },
    ])
    .execute();

  const user = (role: Role, label: string, membership: Partial<Tenant> = {}) =>
    createTestUser(db, { ...tenant, ...membership }, role, { name: `${label} ${unique()}` });
  return {
    regionId,
    practiceA,
    practiceB,
    noord,
    hengelo,
    regional,
    users: {
      staffA: await user('practice_staff', 'assistent-a'),
      adminA: await user('practice_admin', 'manager-a'),
      staffB: await user('practice_staff', 'assistent-b', { practiceId: practiceB }),
      noordMember: await user('team_member', 'noord'),
      noordColleague: await user('team_member', 'noord-collega'),
      noordAdmin: await user('team_admin', 'noord-coordinator'),
      hengeloMember: await user('team_member', 'hengelo', { teamId: hengelo }),
      regionCoordinator: await user('region_coordinator', 'aanjager'),
      admin: await user('admin', 'beheer'),
    },
  };
}

export function contextOf(user: User): RequestContext {
  return testContext({ actor: actorOf(user) });
}

/** A complete, valid referral as the form delivers it after validation (Hengelo-Noord, eviction). */
export function referralInput(world: ReferralWorld, overrides: Partial<SendReferralInput> = {}): SendReferralInput {
  return {
    idempotency_key: randomBytes(24).toString('base64url'),
    patient_name: 'Johanna Testpersoon',
    birth_date: '1971-03-09',
    phone: '06 1234 5678',
    email: null,
    postcode: '7552 AB',
    house_number: '14',
    preferred_language: 'Nederlands',
    best_time_to_call: 'ochtend',
    needs: ['debt_counselling'],
    question: 'Ik slaap slecht door de rekeningen.',
    urgency_triggers: ['eviction'],
    handover: 'phone_together',
    contact_channel: 'phone',
    recipientTeamId: world.noord,
    consent: { given: true, method: 'verbal', feedbackAllowed: true },
    ...overrides,
  };
}

export const BASE_URL = 'http://kortelijn.test';
