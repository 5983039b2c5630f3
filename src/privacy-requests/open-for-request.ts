import type { Database } from '../platform/db/database.ts';
import type { Referral } from '../platform/db/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import type { FoundReferral } from '../referrals/access.ts';

/**
 * A correction or erasure page shows whom the referral is about: that is a read of patient data,
 * audited like the referral page's own (NEN 7513), with the page it was for.
 */
export async function openForRequest(db: Database, ctx: RequestContext, found: FoundReferral, page: 'contact_data' | 'erasure'): Promise<Referral> {
  const r = found.referral;
  await writeAudit(db, ctx, { action: 'referral.read', subjectType: 'referral', subjectId: r.id, patientRef: r.id, details: { access: found.access, page } });
  return r;
}
