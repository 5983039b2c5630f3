/**
 * Test data for referrals (background jobs, messages, consent withdrawal, mail): rows inserted
 * directly (every NOT NULL column), independent of the send-referral use case. Test-only.
 */
import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Database } from '../../src/platform/db/database.ts';
import type { ReferralTable } from '../../src/platform/db/schema.ts';
import type { Hono } from 'hono';
import type { AppEnv } from '../../src/platform/http/types.ts';
import { createSession, hashToken, SESSION_COOKIE } from '../../src/platform/auth/sessions.ts';
import { TestBrowser } from './http.ts';

export const TEST_PATIENT = {
  patient_name: 'Johanna Pietersen-Testdata',
  patient_birth_date: '1971-04-09',
  patient_phone: '0612345678',
  patient_email: 'johanna.pietersen@example.nl',
  patient_postcode: '7552AB',
  patient_house_number: '12',
  preferred_language: 'nl',
  best_time_to_call: "'s ochtends",
  question: 'Ik kan de huur van december niet betalen en durf niet te bellen.',
} as const;

export async function insertReferral(db: Database, input: { practiceId: string | null; teamId: string } & Partial<Insertable<ReferralTable>>): Promise<string> {
  const { practiceId, teamId, ...overrides } = input;
  const key = randomUUID();
  const row = await db
    .insertInto('referrals')
    .values({
      reference: `KL-T-${key.slice(0, 8)}`,
      source: practiceId ? 'practice' : 'selfcheck',
      practice_id: practiceId,
      idempotency_key: key,
      team_id: teamId,
      status: 'received',
      handover: 'team_contacts_patient',
      contact_channel: 'phone',
      requested_on: '2026-11-02',
      first_contact_due: '2026-11-05',
      first_conversation_due: '2026-11-30',
      needs: ['debt_counselling'],
      municipality_code: 'GM0164',
      district_code: 'WK016402',
      route_explanation: '7552 AB ligt in Hengelo, wijk Noord → Wijkteam Hengelo-Noord',
      updated_at: new Date(),
      ...TEST_PATIENT,
      ...overrides,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertConsent(db: Database, referralId: string, teamId: string, recordedBy: string | null): Promise<string> {
  const row = await db
    .insertInto('consents')
    .values({
      referral_id: referralId,
      recorded_by: recordedBy,
      method: 'verbal',
      data_scope: ['name', 'contact_details', 'address', 'question'],
      recipient_team_id: teamId,
      purpose: 'contact about help with money matters',
      text_version: '2026-11-v1',
      feedback_allowed: true,
      given_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function monthsAgo(months: number, from = new Date()): Date {
  const d = new Date(from);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

/**
 * A TestBrowser signed in as `user` (second factor passed), with the session's CSRF token ready for
 * posts — sign-in itself is tested elsewhere (platform/auth).
 */
export async function signedInBrowser(app: Hono<AppEnv>, db: Database, user: { id: string }): Promise<TestBrowser> {
  const token = await createSession(db, { userId: user.id, mfaPassed: true, ip: '127.0.0.1', hours: 1 });
  const browser = new TestBrowser(app);
  browser.cookies.set(SESSION_COOKIE, token);
  browser.csrf = (await db.selectFrom('sessions').select('csrf_token').where('token_hash', '=', hashToken(token)).executeTakeFirstOrThrow()).csrf_token;
  return browser;
}
