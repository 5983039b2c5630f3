import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { contactColumns, pickColumns, type ContactInput } from './entries.ts';
import { replaceSchedules, sameSlots } from './schedules.ts';

export const contactEnded = () =>
  new AppError('contact_ended', 409, {
    nl: 'Deze contactpersoon is al vervangen. U kunt alleen de huidige contactpersoon wijzigen.',
    en: 'This contact has already been replaced. You can only change the current contact.',
  });

/**
 * Corrects a contact's details (a typo, a new phone number). When a different person takes over,
 * use replaceContact instead, so the history stays visible.
 */
export async function updateContact(db: Database, ctx: RequestContext, id: string, input: ContactInput): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('contacts').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!before) throw notFound('contact');
    if (before.ended_at) throw contactEnded();
    const hours = await trx
      .selectFrom('schedules')
      .select(['weekday', 'opens_at', 'closes_at'])
      .where('contact_id', '=', id)
      .where('kind', '=', 'phone')
      .execute();
    const changed: string[] = contactColumns.filter((column) => before[column] !== input[column]);
    if (!sameSlots(hours, input.phone_hours)) changed.push('phone_hours');
    await trx
      .updateTable('contacts')
      .set({ ...pickColumns(input, contactColumns), updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await replaceSchedules(trx, { contact_id: id }, 'phone', input.phone_hours);
    await writeAudit(trx, ctx, { action: 'socialmap.contact_updated', subjectType: 'contact', subjectId: id, details: { changed } });
  });
}
