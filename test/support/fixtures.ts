/**
 * Small, direct builders for test data. They insert rows without going through the admin use cases
 * (those are tested on their own).
 */
import { randomBytes, randomInt } from 'node:crypto';
import argon2 from 'argon2';
import type { Database } from '../../src/platform/db/database.ts';
import type { OrganisationKind, Role, User } from '../../src/platform/db/schema.ts';
import { membershipKindOf } from '../../src/platform/auth/roles.ts';
import { AppError } from '../../src/platform/errors.ts';

/** The password of every user made by createTestUser. */
export const TEST_PASSWORD = 'correct-horse-battery-staple';

let passwordHash: Promise<string> | undefined;
/**
 * An argon2id hash of TEST_PASSWORD with deliberately low cost. argon2 keeps its parameters in the
 * hash, so the app's own verifyPassword checks it in milliseconds instead of ~0.4 s; that keeps the
 * many sign-ins of the tests fast. (The app's own cost settings are tested in passwords.test.ts.)
 */
export function testPasswordHash(): Promise<string> {
  passwordHash ??= argon2.hash(TEST_PASSWORD, { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 });
  return passwordHash;
}

/** Short random suffix for names and e-mail addresses that must be unique. */
export function unique(): string {
  return randomBytes(4).toString('hex');
}

// Sequential codes from a random start: unique within a process, unlikely to meet the demo's codes.
let sequence = randomInt(2000, 9000);
const nextSequence = () => (sequence = sequence >= 9999 ? 2000 : sequence + 1);
export const nextCbsCode = () => `GM${nextSequence()}`;
export const nextAgbCode = () => `0${randomInt(1000000, 9999999)}`;

/** One tenant of each kind: a region with a GP practice, a municipality and a team of that municipality. */
export interface Tenant {
  regionId: string;
  practiceId: string;
  municipalityId: string;
  teamId: string;
}

/** What a test may set of an organisation; the rest gets a unique name and, for a practice, an address. */
export interface OrganisationOptions {
  name?: string;
  /** Municipalities only; the next test code by default. */
  cbsCode?: string;
  /** Practices only; a random code by default. */
  agbCode?: string;
  city?: string | null;
  phone?: string | null;
}

export interface TeamOptions {
  name?: string;
  phone?: string | null;
}

export interface TenantOptions {
  /** Ends the name of every row ("Regio a", "Huisartsenpraktijk a", …); a random suffix by default. */
  label?: string;
  region?: { name?: string };
  practice?: OrganisationOptions;
  /** A municipality with this CBS code that exists already is used as it is: the codes are unique. */
  municipality?: OrganisationOptions;
  team?: TeamOptions;
}

const kindNames: Record<OrganisationKind, string> = { practice: 'Huisartsenpraktijk', municipality: 'Gemeente', social: 'Organisatie' };

/** An organisation of `kind` in the region; returns its id. */
export async function insertOrganisation(db: Database, regionId: string, kind: OrganisationKind, options: OrganisationOptions = {}): Promise<string> {
  const practice = kind === 'practice';
  const row = await db
    .insertInto('organisations')
    .values({
      kind,
      name: options.name ?? `${kindNames[kind]} ${unique()}`,
      region_id: regionId,
      cbs_code: kind === 'municipality' ? (options.cbsCode ?? nextCbsCode()) : null,
      agb_code: practice ? (options.agbCode ?? nextAgbCode()) : null,
      street: practice ? 'Oude Markt' : null,
      house_number: practice ? '1' : null,
      postcode: practice ? '7511 GA' : null,
      city: options.city !== undefined ? options.city : practice ? 'Enschede' : null,
      phone: options.phone ?? null,
      email: null,
      website: null,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A team of the organisation; returns its id. */
export async function insertTeam(db: Database, organisationId: string, options: TeamOptions = {}): Promise<string> {
  const row = await db
    .insertInto('teams')
    .values({
      organisation_id: organisationId,
      name: options.name ?? `Wijkteam ${unique()}`,
      phone: options.phone ?? null,
      email: null,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * The one way tests build a tenant: a region with a GP practice, a municipality and a team of that
 * municipality. Suites add what is their own (more practices and teams with insertOrganisation and
 * insertTeam, users with createTestUser).
 */
export async function createTenant(db: Database, options: TenantOptions = {}): Promise<Tenant> {
  const label = options.label ?? unique();
  const region = await db
    .insertInto('regions')
    .values({ name: options.region?.name ?? `Regio ${label}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const practiceId = await insertOrganisation(db, region.id, 'practice', { name: `Huisartsenpraktijk ${label}`, ...options.practice });
  const cbsCode = options.municipality?.cbsCode;
  const existing = cbsCode && (await db.selectFrom('organisations').select('id').where('cbs_code', '=', cbsCode).executeTakeFirst());
  const municipalityId = existing
    ? existing.id
    : await insertOrganisation(db, region.id, 'municipality', { name: `Gemeente ${label}`, ...options.municipality });
  const teamId = await insertTeam(db, municipalityId, { name: `Wijkteam ${label}`, ...options.team });
  return { regionId: region.id, practiceId, municipalityId, teamId };
}

export interface TestUserOptions {
  email?: string;
  name?: string;
  mustChangePassword?: boolean;
  disabled?: boolean;
}

/** A user of `role` with the membership the role needs in `tenant`, and password TEST_PASSWORD. */
export async function createTestUser(db: Database, tenant: Tenant, role: Role, options: TestUserOptions = {}): Promise<User> {
  const kind = membershipKindOf(role);
  return db
    .insertInto('users')
    .values({
      email: options.email ?? `${role.replace('_', '-')}-${unique()}@test.kortelijn.nl`,
      name: options.name ?? `Test ${role} ${unique()}`,
      role,
      practice_id: kind === 'practice' ? tenant.practiceId : null,
      team_id: kind === 'team' ? tenant.teamId : null,
      region_id: kind === 'region' ? tenant.regionId : null,
      password_hash: await testPasswordHash(),
      must_change_password: options.mustChangePassword ?? false,
      disabled_at: options.disabled ? new Date() : null,
      updated_at: new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Audit entries of one action, oldest first. */
export function auditEntries(db: Database, action: string) {
  return db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id').execute();
}

/** For assert.rejects: the error is an AppError with this code and HTTP status. */
export function appError(code: string, status: number) {
  return (err: unknown): true => {
    if (!(err instanceof AppError)) throw new Error(`Expected AppError '${code}', got ${String(err)}`, { cause: err });
    if (err.code !== code || err.status !== status) throw new Error(`Expected AppError '${code}' (${status}), got '${err.code}' (${err.status})`);
    return true;
  };
}

let ipSequence = 0;
/** A new client IP address, so per-IP sign-in throttling of one test does not leak into the next. */
export function freshIp(): string {
  ipSequence++;
  return `10.${Math.floor(ipSequence / 250)}.${ipSequence % 250}.${randomInt(1, 250)}`;
}
