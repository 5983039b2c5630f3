/**
 * Test support: a small Twente world for referrals, inserted straight into the tables (independent
 * of the demo seed): Hengelo with a district team for Hengelo-Noord (WK016402, where PC4 7552 lies
 * in the shipped PC4 table) and a municipal desk, a regional fallback desk, two GP practices, and
 * one user per role. Every user has the test password (test/support/fixtures.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Database } from '../platform/db/database.ts';
import type { Role, User } from '../platform/db/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import { loadShippedPostcodeAreas } from '../routing/reference-data.ts';
import { actorOf, testContext } from '../../test/support/databases.ts';
import { nextAgbCode, testPasswordHash, unique } from '../../test/support/fixtures.ts';
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
  const now = new Date();
  const region = await db
    .insertInto('regions')
    .values({ name: `Twente ${unique()}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const org = async (values: {
    kind: 'municipality' | 'practice' | 'social';
    name: string;
    cbs_code?: string;
    agb_code?: string;
    city?: string;
    phone?: string;
  }) =>
    (
      await db
        .insertInto('organisations')
        .values({ region_id: region.id, updated_at: now, ...values })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  // Hengelo's CBS code is unique: in a database shared by several suites it may exist already.
  const hengeloOrg =
    (await db.selectFrom('organisations').select('id').where('cbs_code', '=', 'GM0164').executeTakeFirst())?.id ??
    (await org({ kind: 'municipality', name: 'Gemeente Hengelo', cbs_code: 'GM0164', city: 'Hengelo' }));
  const practiceA = await org({
    kind: 'practice',
    name: `Huisartsenpraktijk De Esch ${unique()}`,
    agb_code: nextAgbCode(),
    city: 'Enschede',
    phone: '053 000 0000',
  });
  const practiceB = await org({ kind: 'practice', name: `Huisartsenpraktijk Anders ${unique()}`, agb_code: nextAgbCode(), city: 'Enschede' });
  const netwerk = await org({ kind: 'social', name: `Netwerk Geldzorgen ${unique()}` });
  const team = async (organisationId: string, name: string, phone: string) =>
    (
      await db
        .insertInto('teams')
        .values({ organisation_id: organisationId, name, phone, email: null, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const noord = await team(hengeloOrg, `Wijkteam Hengelo-Noord ${unique()}`, '074 245 0000');
  const hengelo = await team(hengeloOrg, `Schuldhulp Hengelo ${unique()}`, '074 245 0001');
  const regional = await team(netwerk, `Regionaal Meldpunt ${unique()}`, '053 000 1000');
  await db.updateTable('regions').set({ fallback_team_id: regional }).where('id', '=', region.id).execute();
  await db
    .insertInto('routing_rules')
    .values([
      { municipality_code: 'GM0164', district_code: null, category: null, team_id: hengelo },
      { municipality_code: 'GM0164', district_code: 'WK016402', category: null, team_id: noord },
    ])
    .execute();

  const hash = await testPasswordHash();
  const user = (role: Role, membership: { practice_id?: string; team_id?: string; region_id?: string }, label: string) =>
    db
      .insertInto('users')
      .values({
        email: `${label}-${randomBytes(4).toString('hex')}@test.kortelijn.nl`,
        name: `${label} ${unique()}`,
        role,
        password_hash: hash,
        updated_at: now,
        ...membership,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  return {
    regionId: region.id,
    practiceA,
    practiceB,
    noord,
    hengelo,
    regional,
    users: {
      staffA: await user('practice_staff', { practice_id: practiceA }, 'assistent-a'),
      adminA: await user('practice_admin', { practice_id: practiceA }, 'manager-a'),
      staffB: await user('practice_staff', { practice_id: practiceB }, 'assistent-b'),
      noordMember: await user('team_member', { team_id: noord }, 'noord'),
      noordColleague: await user('team_member', { team_id: noord }, 'noord-collega'),
      noordAdmin: await user('team_admin', { team_id: noord }, 'noord-coordinator'),
      hengeloMember: await user('team_member', { team_id: hengelo }, 'hengelo'),
      regionCoordinator: await user('region_coordinator', { region_id: region.id }, 'aanjager'),
      admin: await user('admin', {}, 'beheer'),
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
