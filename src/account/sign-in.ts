import { sql } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import type { Config } from '../platform/config.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { AppError } from '../platform/errors.ts';
import { burnPasswordCheck, hashPassword, MIN_PASSWORD_LENGTH, normaliseEmail, verifyPassword } from '../platform/auth/passwords.ts';
import { isThrottled, LOGIN_WINDOW_MINUTES } from '../platform/auth/rate-limit.ts';
import { createSession, markMfaPassed, revokeUserSessions } from '../platform/auth/sessions.ts';
import { requiresTotp } from '../platform/auth/roles.ts';
import { acceptTotp, newTotpSecret } from '../platform/auth/totp.ts';

export const tooManyAttempts = () =>
  new AppError(
    'too_many_attempts',
    429,
    {
      nl: `Te veel mislukte pogingen. Wacht ${LOGIN_WINDOW_MINUTES} minuten en probeer het dan opnieuw. Wachtwoord vergeten? Vraag de beheerder om een nieuw wachtwoord.`,
      en: `Too many failed attempts. Wait ${LOGIN_WINDOW_MINUTES} minutes and try again. Forgot your password? Ask the administrator for a new one.`,
    },
    'sign-in throttled',
  );

const wrongCredentials = () =>
  new AppError('wrong_credentials', 401, {
    nl: 'Het e-mailadres of wachtwoord klopt niet.',
    en: 'The e-mail address or password is not correct.',
  });

async function failureCounts(db: Database, key: string, ip: string) {
  const since = sql<Date>`now() - make_interval(mins => ${LOGIN_WINDOW_MINUTES})`;
  const row = await db
    .selectFrom('login_failures')
    .select([db.fn.count<string>('id').filterWhere('email', '=', key).as('account'), db.fn.count<string>('id').filterWhere('ip', '=', ip).as('ip')])
    .where('at', '>', since)
    .where((eb) => eb.or([eb('email', '=', key), eb('ip', '=', ip)]))
    .executeTakeFirstOrThrow();
  return { account: Number(row.account), ip: Number(row.ip) };
}

/**
 * Claims an attempt before checking anything: the row is written first and counted with the
 * others, so guesses sent all at once cannot slip past the limit between "count" and "record".
 * A failed check keeps the row (it is the failure on record); a refused attempt removes it again.
 */
async function claimAttempt(db: Database, key: string, ip: string): Promise<{ id: string; throttled: boolean }> {
  const row = await db.insertInto('login_failures').values({ email: key, ip, at: new Date() }).returning('id').executeTakeFirstOrThrow();
  const counts = await failureCounts(db, key, ip);
  const throttled = isThrottled({ account: counts.account - 1, ip: counts.ip - 1 });
  if (throttled) await db.deleteFrom('login_failures').where('id', '=', row.id).execute();
  return { id: row.id, throttled };
}

export interface SignedIn {
  token: string;
  next: 'totp-setup' | 'totp' | 'change-password' | 'home';
}

/** Password step of sign-in. Throttled per account and per IP; every outcome is audited. */
export async function signIn(db: Database, config: Config, ctx: RequestContext, input: { email: string; password: string }): Promise<SignedIn> {
  const email = normaliseEmail(input.email);
  const attempt = await claimAttempt(db, email, ctx.ip);
  if (attempt.throttled) {
    await writeAudit(db, ctx, { action: 'auth.login_throttled', subjectType: 'account', outcome: 'denied' });
    throw tooManyAttempts();
  }
  const user = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  const ok = user && !user.disabled_at ? await verifyPassword(user.password_hash, input.password) : (await burnPasswordCheck(input.password), false);
  if (!user || !ok) {
    await writeAudit(db, ctx, {
      action: 'auth.login_failed',
      subjectType: 'user',
      ...(user ? { subjectId: user.id } : {}),
      outcome: 'failure',
    });
    throw wrongCredentials();
  }
  await db.deleteFrom('login_failures').where('email', '=', email).execute();
  const needsTotp = requiresTotp(user.role, config);
  const token = await createSession(db, { userId: user.id, mfaPassed: !needsTotp, ip: ctx.ip, hours: config.sessionHours });
  const actorCtx: RequestContext = {
    ...ctx,
    actor: {
      userId: user.id,
      role: user.role,
      name: user.name,
      email: user.email,
      practiceId: user.practice_id,
      teamId: user.team_id,
      regionId: user.region_id,
    },
  };
  await writeAudit(db, actorCtx, { action: 'auth.login', subjectType: 'user', subjectId: user.id });
  const next = needsTotp ? (user.totp_enrolled_at ? 'totp' : 'totp-setup') : user.must_change_password ? 'change-password' : 'home';
  return { token, next };
}

const wrongCode = () =>
  new AppError('wrong_totp', 422, {
    nl: 'De code klopt niet of is verlopen. Typ de 6 cijfers die uw app nu laat zien.',
    en: 'The code is wrong or has expired. Type the 6 digits your app shows now.',
  });

/** Second step: a TOTP code from an enrolled authenticator app. Throttled like passwords. */
export async function verifySecondFactor(db: Database, ctx: RequestContext, tokenHash: string, code: string): Promise<void> {
  const actor = ctx.actor!;
  const key = `totp:${actor.userId}`;
  const attempt = await claimAttempt(db, key, ctx.ip);
  if (attempt.throttled) throw tooManyAttempts();
  const user = await db
    .selectFrom('users')
    .select(['totp_secret', 'totp_last_step', 'totp_enrolled_at'])
    .where('id', '=', actor.userId)
    .executeTakeFirstOrThrow();
  const step =
    user.totp_secret && user.totp_enrolled_at ? acceptTotp(user.totp_secret, code, user.totp_last_step === null ? null : Number(user.totp_last_step)) : null;
  // The step is taken with a conditional update: two requests with the same code cannot both pass.
  const taken =
    step !== null &&
    Number(
      (
        await db
          .updateTable('users')
          .set({ totp_last_step: String(step) })
          .where('id', '=', actor.userId)
          .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]))
          .executeTakeFirst()
      ).numUpdatedRows,
    ) === 1;
  if (!taken) {
    await writeAudit(db, ctx, { action: 'auth.totp_failed', subjectType: 'user', subjectId: actor.userId, outcome: 'failure' });
    throw wrongCode();
  }
  await db.deleteFrom('login_failures').where('id', '=', attempt.id).execute();
  await markMfaPassed(db, tokenHash);
  await writeAudit(db, ctx, { action: 'auth.totp_passed', subjectType: 'user', subjectId: actor.userId });
}

/** The secret shown during enrolment; kept until the user confirms it with a first code. */
export async function pendingTotpSecret(db: Database, userId: string): Promise<string> {
  const user = await db.selectFrom('users').select(['totp_secret', 'totp_enrolled_at']).where('id', '=', userId).executeTakeFirstOrThrow();
  if (user.totp_secret && !user.totp_enrolled_at) return user.totp_secret;
  const secret = newTotpSecret();
  await db.updateTable('users').set({ totp_secret: secret, updated_at: new Date() }).where('id', '=', userId).where('totp_enrolled_at', 'is', null).execute();
  return secret;
}

/** Confirms enrolment with a first valid code; the session then counts as two-factor. */
export async function confirmTotpEnrolment(db: Database, ctx: RequestContext, tokenHash: string, code: string): Promise<void> {
  const actor = ctx.actor!;
  const key = `totp:${actor.userId}`;
  const attempt = await claimAttempt(db, key, ctx.ip);
  if (attempt.throttled) throw tooManyAttempts();
  const user = await db.selectFrom('users').select(['totp_secret', 'totp_enrolled_at']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
  const step = user.totp_secret && !user.totp_enrolled_at ? acceptTotp(user.totp_secret, code, null) : null;
  if (step === null) throw wrongCode();
  await db.deleteFrom('login_failures').where('id', '=', attempt.id).execute();
  await db
    .updateTable('users')
    .set({ totp_enrolled_at: new Date(), totp_last_step: String(step), updated_at: new Date() })
    .where('id', '=', actor.userId)
    .execute();
  await markMfaPassed(db, tokenHash);
  await writeAudit(db, ctx, { action: 'auth.totp_enrolled', subjectType: 'user', subjectId: actor.userId });
}

export const passwordRules = {
  tooShort: {
    nl: `Kies een wachtwoord van minstens ${MIN_PASSWORD_LENGTH} tekens.`,
    en: `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`,
  },
  mismatch: { nl: 'De twee nieuwe wachtwoorden zijn niet gelijk.', en: 'The two new passwords are not the same.' },
  wrongCurrent: { nl: 'Uw huidige wachtwoord klopt niet.', en: 'Your current password is not correct.' },
  sameAsOld: { nl: 'Kies een ander wachtwoord dan het huidige.', en: 'Choose a password different from the current one.' },
};

/** The user replaces their password (required after an admin reset). Other sessions end. */
export async function changeOwnPassword(
  db: Database,
  ctx: RequestContext,
  tokenHash: string,
  input: { current: string; next: string },
): Promise<'ok' | 'wrong-current' | 'same'> {
  const actor = ctx.actor!;
  const user = await db.selectFrom('users').select('password_hash').where('id', '=', actor.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.current))) {
    await writeAudit(db, ctx, { action: 'auth.password_change_failed', subjectType: 'user', subjectId: actor.userId, outcome: 'failure' });
    return 'wrong-current';
  }
  if (input.current === input.next) return 'same';
  await db
    .updateTable('users')
    .set({ password_hash: await hashPassword(input.next), must_change_password: false, updated_at: new Date() })
    .where('id', '=', actor.userId)
    .execute();
  await revokeUserSessions(db, actor.userId, tokenHash);
  await writeAudit(db, ctx, { action: 'auth.password_changed', subjectType: 'user', subjectId: actor.userId });
  return 'ok';
}
