import type { Insertable } from 'kysely';
import type { Executor } from '../platform/db/database.ts';
import type { MessageTable } from '../platform/db/schema.ts';

/**
 * Stores a message once per sending form (forms.ts FORM_KEY), for referral and consultation
 * threads alike. The same form sent again — same author, key, thread and text — returns the stored
 * message with `repeated`, so the caller sends no second notification. The same key with another
 * thread or text is an old form filled in anew (the Back button): that is a new message.
 */
export async function insertMessageOnce(executor: Executor, values: Insertable<MessageTable>): Promise<{ id: string; repeated: boolean }> {
  const insert = (row: Insertable<MessageTable>) =>
    executor
      .insertInto('messages')
      .values(row)
      .onConflict((oc) => oc.columns(['author_id', 'form_key']).where('form_key', 'is not', null).doNothing())
      .returning('id')
      .executeTakeFirst();
  const stored = await insert(values);
  if (stored) return { id: stored.id, repeated: false };

  const earlier = await executor
    .selectFrom('messages')
    .select(['id', 'referral_id', 'consultation_id', 'body'])
    .where('author_id', '=', values.author_id ?? null)
    .where('form_key', '=', values.form_key ?? null)
    .executeTakeFirstOrThrow();
  const sameMessage =
    earlier.referral_id === (values.referral_id ?? null) &&
    earlier.consultation_id === (values.consultation_id ?? null) &&
    earlier.body === (values.body ?? null);
  if (sameMessage) return { id: earlier.id, repeated: true };
  const fresh = await insert({ ...values, form_key: null });
  return { id: fresh!.id, repeated: false };
}
