import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { notFound } from '../platform/errors.ts';
import type { EntryKind } from './entries.ts';
import { contactEnded } from './update-contact.ts';

const tables = { service: 'services', location: 'locations', contact: 'contacts' } as const;
/** Written out, so the audit log's labels can be checked against the code (admin/audit-labels.ts). */
const verifiedActions = { service: 'socialmap.service_verified', location: 'socialmap.location_verified', contact: 'socialmap.contact_verified' } as const;

/**
 * "Klopt nog": someone who knows confirms the entry is still correct. Sets last_verified_at to now,
 * audited in the same transaction; the entry is fresh again for six months.
 */
export async function confirmEntry(db: Database, ctx: RequestContext, kind: EntryKind, id: string): Promise<Date> {
  return db.transaction().execute(async (trx) => {
    const now = new Date();
    if (kind === 'contact') {
      const contact = await trx.selectFrom('contacts').select('ended_at').where('id', '=', id).executeTakeFirst();
      if (!contact) throw notFound(kind);
      if (contact.ended_at) throw contactEnded();
    }
    const updated = await trx.updateTable(tables[kind]).set({ last_verified_at: now }).where('id', '=', id).returning('id').executeTakeFirst();
    if (!updated) throw notFound(kind);
    await writeAudit(trx, ctx, { action: verifiedActions[kind], subjectType: kind, subjectId: id });
    return now;
  });
}
