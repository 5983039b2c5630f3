import { z } from 'zod';
import type { Database } from '../../platform/db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/errors.ts';
import { hashToken, randomToken } from '../../platform/auth/sessions.ts';

/** Prefix of every API token: recognisable in a leaked config file or a secret scanner. */
export const API_TOKEN_PREFIX = 'kl_';

export const apiTokenInputSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
  label: z.string().trim().min(1).max(100),
});

/**
 * A new API token for a user: returned once, stored only as its SHA-256 (like sessions), so a
 * database leak does not hand out working tokens. Audited without the token.
 */
export async function createApiToken(
  db: Database,
  ctx: RequestContext,
  input: z.input<typeof apiTokenInputSchema>,
): Promise<{ token: string; userId: string; role: string }> {
  const parsed = apiTokenInputSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError('bad_request', 400, {
      nl: 'Geef een geldig e-mailadres en een label (1–100 tekens).',
      en: 'Give a valid e-mail address and a label (1–100 characters).',
    });
  }
  const user = await db.selectFrom('users').select(['id', 'role', 'disabled_at']).where('email', '=', parsed.data.email).executeTakeFirst();
  if (!user || user.disabled_at) {
    throw new AppError('not_found', 404, { nl: 'Er is geen actieve gebruiker met dit e-mailadres.', en: 'There is no active user with this e-mail address.' });
  }
  const token = `${API_TOKEN_PREFIX}${randomToken()}`;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('api_tokens')
      .values({ token_hash: hashToken(token), user_id: user.id, label: parsed.data.label })
      .execute();
    await writeAudit(trx, ctx, { action: 'api_token.create', subjectType: 'user', subjectId: user.id, details: { label: parsed.data.label } });
  });
  return { token, userId: user.id, role: user.role };
}
