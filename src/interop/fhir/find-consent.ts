import type { Database } from '../../platform/db/database.ts';

/** The referral a consent record belongs to (Consent/:id is read through its referral's access). */
export async function findConsentReferral(db: Database, consentId: string): Promise<string | null> {
  const row = await db.selectFrom('consents').select('referral_id').where('id', '=', consentId).executeTakeFirst();
  return row?.referral_id ?? null;
}
