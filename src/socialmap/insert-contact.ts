import type { Transaction } from 'kysely';
import type { DB } from '../platform/db/schema.ts';
import { contactColumns, pickColumns, type ContactInput } from './entries.ts';
import { replaceSchedules } from './schedules.ts';

/** Inserts a contact with its phone hours inside the caller's transaction (shared by add and replace). */
export async function insertContact(
  trx: Transaction<DB>,
  owner: { organisationId: string; serviceId: string | null },
  input: ContactInput,
): Promise<{ id: string }> {
  const now = new Date();
  const contact = await trx
    .insertInto('contacts')
    .values({
      organisation_id: owner.organisationId,
      service_id: owner.serviceId,
      ...pickColumns(input, contactColumns),
      last_verified_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceSchedules(trx, { contact_id: contact.id }, 'phone', input.phone_hours);
  return contact;
}
