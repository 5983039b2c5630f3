import type { Database } from '../../platform/db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { apiTokenInputSchema } from './create-api-token.ts';

/** Revokes a user's live tokens with this label. Revoked tokens stay in the table, refused, for the record. */
export async function revokeApiTokens(db: Database, ctx: RequestContext, input: { email: string; label: string }): Promise<number> {
  const parsed = apiTokenInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('bad_request', 400, { nl: 'Geef een geldig e-mailadres en een label.', en: 'Give a valid e-mail address and a label.' });
  }
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select('id').where('email', '=', parsed.data.email).executeTakeFirst();
    if (!user) return 0;
    const revoked = await trx
      .updateTable('api_tokens')
      .set({ revoked_at: new Date() })
      .where('user_id', '=', user.id)
      .where('label', '=', parsed.data.label)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    const count = Number(revoked.numUpdatedRows);
    if (count > 0)
      await writeAudit(trx, ctx, { action: 'api_token.revoke', subjectType: 'user', subjectId: user.id, details: { label: parsed.data.label, tokens: count } });
    return count;
  });
}
