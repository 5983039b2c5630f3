import { sql } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import type { Config } from '../platform/config.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { AppError, RetryLaterError } from '../platform/errors.ts';
import { burnPasswordCheck, hashPassword, MIN_PASSWORD_LENGTH, normaliseEmail, verifyPassword } from '../platform/auth/passwords.ts';
import { attemptVerdict, CEILING_WINDOW_MINUTES, LONGEST_WINDOW_MINUTES, PAIR_WINDOW_MINUTES, type AttemptCounts } from '../platform/auth/rate-limit.ts';
import { createSession, renewSessionAfterSecondFactor, revokeUserSessions, type RenewedSession } from '../platform/auth/sessions.ts';
import { acceptTotp, newTotpSecret } from '../platform/auth/totp.ts';
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from '../platform/auth/recovery-codes.ts';
import { metricsFor } from '../platform/metrics/metrics.ts';
import type { User } from '../platform/db/schema.ts';

export const tooManyAttempts = (minutes: number) =>
  new RetryLaterError(
    'too_many_attempts',
    429,
    {
      nl: `Te veel mislukte pogingen. Wacht ${minutes === 1 ? '1 minuut' : `${minutes} minuten`} en probeer het dan opnieuw. Wachtwoord vergeten? Vraag de functioneel beheerder om een nieuw wachtwoord.`,
      en: `Too many failed attempts. Wait ${minutes === 1 ? '1 minute' : `${minutes} minutes`} and try again. Forgot your password? Ask the functional administrator for a new one.`,
    },
    minutes * 60,
    'sign-in throttled',
  );

const wrongCredentials = () =>
  new AppError('wrong_credentials', 401, {
    nl: 'Het e-mailadres of wachtwoord klopt niet.',
    en: 'The e-mail address or password is not correct.',
  });

/**
 * A check that has not finished within this long has crashed; its claim no longer holds a place
 * (only failed verifications count, so it is not a failure either).
 */
const IN_FLIGHT_SECONDS = 60;

/** The counts the throttling rule reads (platform/auth/rate-limit.ts), in one statement, with the database's clock. */
async function attemptCounts(db: Database, key: string, ip: string, claimId: string): Promise<{ counts: AttemptCounts; now: Date }> {
  const inFlight = sql<boolean>`pending and at > now() - make_interval(secs => ${IN_FLIGHT_SECONDS})`;
  const pair = sql<boolean>`email = ${key} and ip = ${ip}`;
  const pairWindow = sql<boolean>`at > now() - make_interval(mins => ${PAIR_WINDOW_MINUTES})`;
  const ceilingWindow = sql<boolean>`at > now() - make_interval(mins => ${CEILING_WINDOW_MINUTES})`;
  const { rows } = await sql<{
    now: Date;
    pair_failures: string;
    last_pair_failure: Date | null;
    pair_in_flight: string;
    account_failures: string;
    account_in_flight: string;
    source_failures: string;
  }>`
    select now() as now,
      count(*) filter (where ${pair} and not pending and ${pairWindow}) as pair_failures,
      max(at) filter (where ${pair} and not pending and ${pairWindow}) as last_pair_failure,
      count(*) filter (where ${pair} and ${inFlight} and id <> ${claimId}) as pair_in_flight,
      count(*) filter (where email = ${key} and not pending and ${ceilingWindow}) as account_failures,
      count(*) filter (where email = ${key} and ${inFlight} and id <> ${claimId}) as account_in_flight,
      count(*) filter (where ip = ${ip} and not pending and ${ceilingWindow}) as source_failures
    from login_failures
    where (email = ${key} or ip = ${ip}) and at > now() - make_interval(mins => ${LONGEST_WINDOW_MINUTES})`.execute(db);
  const row = rows[0]!;
  return {
    now: new Date(row.now),
    counts: {
      pairFailures: Number(row.pair_failures),
      lastPairFailureAt: row.last_pair_failure === null ? null : new Date(row.last_pair_failure),
      pairInFlight: Number(row.pair_in_flight),
      accountFailures: Number(row.account_failures),
      accountInFlight: Number(row.account_in_flight),
      sourceFailures: Number(row.source_failures),
    },
  };
}

type Checked<T> = { outcome: 'passed'; value: T } | { outcome: 'failed' } | { outcome: 'throttled'; retryAfterMinutes: number };

/**
 * Runs one verification (a password, a code) under the throttle of `key` from the request's
 * source. The attempt is claimed first, as a pending row that every simultaneous attempt counts,
 * so guesses sent all at once cannot slip past the limit between "count" and "record". Only a
 * failed check becomes a failure; a passed one clears this source's failures for the key (the
 * owner's own typos), not those of other sources.
 */
async function throttledCheck<T>(db: Database, key: string, ip: string, check: () => Promise<T | null>): Promise<Checked<T>> {
  const claim = await db
    .insertInto('login_failures')
    .values({ email: key, ip, pending: true, at: sql`now()` })
    .returning('id')
    .executeTakeFirstOrThrow();
  let value: T | null;
  try {
    const { counts, now } = await attemptCounts(db, key, ip, claim.id);
    const verdict = attemptVerdict(counts, now);
    if (!verdict.allowed) {
      await db.deleteFrom('login_failures').where('id', '=', claim.id).execute();
      metricsFor(db).countLoginFailure(stepOf(key), 'throttled');
      return { outcome: 'throttled', retryAfterMinutes: verdict.retryAfterMinutes };
    }
    value = await check();
  } catch (err) {
    await db.deleteFrom('login_failures').where('id', '=', claim.id).execute();
    throw err;
  }
  if (value === null) {
    await db
      .updateTable('login_failures')
      .set({ pending: false, at: sql`now()` })
      .where('id', '=', claim.id)
      .execute();
    metricsFor(db).countLoginFailure(stepOf(key), 'failed');
    return { outcome: 'failed' };
  }
  await db
    .deleteFrom('login_failures')
    .where((eb) => eb.or([eb('id', '=', claim.id), eb.and([eb('email', '=', key), eb('ip', '=', ip)])]))
    .execute();
  return { outcome: 'passed', value };
}

/** Which sign-in step a throttle key belongs to, for the failure metric (no account in it). */
function stepOf(key: string): 'password' | 'second_factor' {
  // Sign-in through an identity provider takes the place of the password step.
  return key.startsWith(SECOND_FACTOR_PREFIX) ? 'second_factor' : 'password';
}

/** Sign-ins through an identity provider have their own throttle key: its refusals do not lock the password step. */
const IDP_PREFIX = 'oidc:';

/** Failures older than every window the throttle reads; the purge job removes them. */
export async function purgeOldLoginFailures(db: Database): Promise<number> {
  const res = await db
    .deleteFrom('login_failures')
    .where('at', '<', sql<Date>`now() - make_interval(mins => ${LONGEST_WINDOW_MINUTES})`)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

export interface SignedIn {
  token: string;
  next: 'totp-setup' | 'totp' | 'change-password' | 'home';
}

/**
 * Password step of sign-in. Throttled per account and source; every outcome is audited.
 *
 * Every role signs in with a second factor when TOTP_REQUIRED is on (always in production): four
 * roles see patient data, and the other two decide who can (the administrator creates users and
 * sets roles; the regional coordinator configures routing). NEN 7510-2 (9.4.2) asks for strong
 * authentication for both.
 */
export async function signIn(db: Database, config: Config, ctx: RequestContext, input: { email: string; password: string }): Promise<SignedIn> {
  const email = normaliseEmail(input.email);
  let user: User | undefined;
  const checked = await throttledCheck(db, email, ctx.ip, async () => {
    user = await findUser(db, email);
    const ok = user && !user.disabled_at ? await verifyPassword(user.password_hash, input.password) : (await burnPasswordCheck(input.password), false);
    return ok ? user! : null;
  });
  if (checked.outcome === 'throttled') {
    await writeAudit(db, ctx, { action: 'auth.login_throttled', subjectType: 'account', outcome: 'denied' });
    throw tooManyAttempts(checked.retryAfterMinutes);
  }
  if (checked.outcome === 'failed') {
    await writeAudit(db, ctx, {
      action: 'auth.login_failed',
      subjectType: 'user',
      ...(user ? { subjectId: user.id } : {}),
      outcome: 'failure',
    });
    throw wrongCredentials();
  }
  return openSession(db, config, ctx, checked.value, { secondFactorDone: false });
}

/**
 * A new session for a user who passed the first step, with a fresh token (session rotation: no
 * token from before sign-in carries over), audited as a sign-in. The second factor is still to come
 * unless it is off or was done elsewhere (an identity provider's MFA the organisation trusts).
 */
async function openSession(
  db: Database,
  config: Config,
  ctx: RequestContext,
  signedIn: User,
  options: { secondFactorDone: boolean; details?: Record<string, unknown> },
): Promise<SignedIn> {
  const needsTotp = config.totpRequired && !options.secondFactorDone;
  const token = await createSession(db, { userId: signedIn.id, mfaPassed: !needsTotp, ip: ctx.ip, hours: config.sessionHours });
  const actorCtx: RequestContext = {
    ...ctx,
    actor: {
      userId: signedIn.id,
      role: signedIn.role,
      name: signedIn.name,
      email: signedIn.email,
      practiceId: signedIn.practice_id,
      teamId: signedIn.team_id,
      regionId: signedIn.region_id,
    },
  };
  await writeAudit(db, actorCtx, {
    action: 'auth.login',
    subjectType: 'user',
    subjectId: signedIn.id,
    ...(options.details ? { details: options.details } : {}),
  });
  const next = needsTotp ? (signedIn.totp_enrolled_at ? 'totp' : 'totp-setup') : signedIn.must_change_password ? 'change-password' : 'home';
  return { token, next };
}

const identityProviderRefused = () =>
  new AppError(
    'oidc_refused',
    401,
    {
      nl: 'U kunt zo niet inloggen bij Korte Lijn. Uw organisatie kent uw e-mailadres niet als bevestigd, of er is geen (actief) account met dit e-mailadres bij deze organisatie. Vraag uw leidinggevende of de functioneel beheerder om hulp, of log in met uw wachtwoord.',
      en: 'You cannot sign in to Korte Lijn this way. Your organisation does not confirm your e-mail address as verified, or there is no (active) account with this e-mail address at this organisation. Ask your manager or the functional administrator for help, or sign in with your password.',
    },
    'oidc sign-in refused',
  );

/** What an organisation's identity provider vouched for, checked against its settings (src/oidc). */
export interface IdentityProviderResult {
  organisationId: string;
  /** The e-mail address, when the provider confirmed it as verified and its domain is one the organisation allows; else null. */
  verifiedEmail: string | null;
  /** Why not, for the audit log (no personal data). */
  refusal: string | null;
  /** The provider's MFA claim is present and the organisation lets it stand in for the app's second factor. */
  mfaByIdentityProvider: boolean;
}

/**
 * Sign-in through an organisation's identity provider (OpenID Connect), after the provider's answer
 * was checked (state, nonce, PKCE: src/oidc/client.ts). Only an existing, active account with that
 * verified e-mail address at that same organisation signs in: no account or role is ever created,
 * and a blocked account stays blocked. Throttled and audited like the password step; the session
 * starts the same way (a fresh token, then the app's own second factor unless the provider's MFA
 * stands in for it).
 */
export async function signInWithIdentityProvider(db: Database, config: Config, ctx: RequestContext, result: IdentityProviderResult): Promise<SignedIn> {
  let user: User | undefined;
  let refusal = result.refusal;
  const email = result.verifiedEmail;
  const checked = await throttledCheck(db, `${IDP_PREFIX}${email ?? result.organisationId}`, ctx.ip, async () => {
    if (email === null) return null;
    user = await findUser(db, email);
    if (!user) refusal = 'no_account';
    else if (user.disabled_at) refusal = 'blocked';
    else if ((await organisationOf(db, user)) !== result.organisationId) refusal = 'other_organisation';
    return refusal === null ? user! : null;
  });
  if (checked.outcome === 'throttled') {
    await writeAudit(db, ctx, { action: 'auth.login_throttled', subjectType: 'account', outcome: 'denied', details: { method: 'oidc' } });
    throw tooManyAttempts(checked.retryAfterMinutes);
  }
  if (checked.outcome === 'failed') {
    await writeAudit(db, ctx, {
      action: 'auth.oidc_failed',
      subjectType: 'user',
      ...(user ? { subjectId: user.id } : {}),
      outcome: 'failure',
      details: { organisationId: result.organisationId, reason: refusal ?? 'unknown' },
    });
    throw identityProviderRefused();
  }
  return openSession(db, config, ctx, checked.value, {
    secondFactorDone: result.mfaByIdentityProvider,
    details: { method: 'oidc', organisationId: result.organisationId, secondFactor: result.mfaByIdentityProvider ? 'identity_provider' : 'app' },
  });
}

/** The organisation a user works for: their practice, or their team's organisation; null for regional and administrator accounts. */
async function organisationOf(db: Database, user: User): Promise<string | null> {
  if (user.practice_id) return user.practice_id;
  if (!user.team_id) return null;
  const team = await db.selectFrom('teams').select('organisation_id').where('id', '=', user.team_id).executeTakeFirst();
  return team?.organisation_id ?? null;
}

function findUser(db: Database, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

const wrongCode = () =>
  new AppError('wrong_totp', 422, {
    nl: 'De code klopt niet of is verlopen. Typ de 6 cijfers die uw app nu laat zien.',
    en: 'The code is wrong or has expired. Type the 6 digits your app shows now.',
  });

const wrongRecoveryCode = () =>
  new AppError('wrong_recovery_code', 422, {
    nl: 'Deze herstelcode klopt niet of is al gebruikt. Elke herstelcode werkt maar één keer.',
    en: 'This recovery code is wrong or has already been used. Each recovery code works only once.',
  });

/** Second-factor attempts (app codes and recovery codes alike) share one throttle per user. */
const SECOND_FACTOR_PREFIX = 'totp:';
const secondFactorKey = (userId: string) => `${SECOND_FACTOR_PREFIX}${userId}`;

/**
 * Checks a code of the enrolled app and takes its time step with a conditional update: the same
 * code cannot pass twice, not even in two simultaneous requests.
 */
async function takeTotpStep(db: Database, userId: string, code: string): Promise<true | null> {
  const user = await db.selectFrom('users').select(['totp_secret', 'totp_last_step', 'totp_enrolled_at']).where('id', '=', userId).executeTakeFirstOrThrow();
  const step =
    user.totp_secret && user.totp_enrolled_at ? acceptTotp(user.totp_secret, code, user.totp_last_step === null ? null : Number(user.totp_last_step)) : null;
  if (step === null) return null;
  const taken = await db
    .updateTable('users')
    .set({ totp_last_step: String(step) })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]))
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1 ? true : null;
}

/** A new session token once the second factor has passed; the token of the password step stops working. */
async function renewed(db: Database, tokenHash: string): Promise<RenewedSession> {
  const session = await renewSessionAfterSecondFactor(db, tokenHash);
  if (!session) throw new AppError('session_gone', 401, { nl: 'Log opnieuw in.', en: 'Please sign in again.' });
  return session;
}

/** A code from the signed-in user's enrolled app, throttled like passwords; throws when it is refused. */
async function checkAppCode(db: Database, ctx: RequestContext, code: string): Promise<void> {
  const actor = ctx.actor!;
  const checked = await throttledCheck(db, secondFactorKey(actor.userId), ctx.ip, () => takeTotpStep(db, actor.userId, code));
  if (checked.outcome === 'throttled') throw tooManyAttempts(checked.retryAfterMinutes);
  if (checked.outcome === 'failed') {
    await writeAudit(db, ctx, { action: 'auth.totp_failed', subjectType: 'user', subjectId: actor.userId, outcome: 'failure' });
    throw wrongCode();
  }
}

/** Second step: a TOTP code from an enrolled authenticator app. Throttled like passwords. Returns the new session. */
export async function verifySecondFactor(db: Database, ctx: RequestContext, tokenHash: string, code: string): Promise<RenewedSession> {
  const actor = ctx.actor!;
  await checkAppCode(db, ctx, code);
  const session = await renewed(db, tokenHash);
  await writeAudit(db, ctx, { action: 'auth.totp_passed', subjectType: 'user', subjectId: actor.userId });
  return session;
}

/**
 * Second step with a one-time recovery code instead of the app (a lost or forgotten phone). The
 * code is used up in the same statement that accepts it, so it works once, even when sent twice
 * at the same moment. Returns the new session and how many codes are left.
 */
export async function verifyRecoveryCode(
  db: Database,
  ctx: RequestContext,
  tokenHash: string,
  input: string,
): Promise<{ session: RenewedSession; remaining: number }> {
  const actor = ctx.actor!;
  const checked = await throttledCheck(db, secondFactorKey(actor.userId), ctx.ip, async () => {
    const code = normaliseRecoveryCode(input);
    if (code === null) return null;
    const used = await db
      .updateTable('recovery_codes')
      .set({ used_at: new Date() })
      .where('user_id', '=', actor.userId)
      .where('code_hash', '=', hashRecoveryCode(actor.userId, code))
      .where('used_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    return used ? true : null;
  });
  if (checked.outcome === 'throttled') throw tooManyAttempts(checked.retryAfterMinutes);
  if (checked.outcome === 'failed') {
    await writeAudit(db, ctx, { action: 'auth.recovery_code_failed', subjectType: 'user', subjectId: actor.userId, outcome: 'failure' });
    throw wrongRecoveryCode();
  }
  const session = await renewed(db, tokenHash);
  const remaining = await recoveryCodesLeft(db, actor.userId);
  await writeAudit(db, ctx, { action: 'auth.recovery_code_used', subjectType: 'user', subjectId: actor.userId, details: { remaining } });
  return { session, remaining };
}

/** How many unused recovery codes the user has. */
export async function recoveryCodesLeft(db: Database, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Replaces every recovery code of the user with a new set; returns the codes to show, once. Only hashes are kept. */
async function replaceRecoveryCodes(db: Database, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    await trx
      .insertInto('recovery_codes')
      .values(codes.map((code) => ({ user_id: userId, code_hash: hashRecoveryCode(userId, normaliseRecoveryCode(code)!) })))
      .execute();
  });
  return codes;
}

/**
 * New recovery codes from the account page. Asks for a fresh code from the app first (throttled
 * like the second step), so a session left open on a shared PC cannot take over the account's way
 * back in. The old codes stop working.
 */
export async function renewRecoveryCodes(db: Database, ctx: RequestContext, code: string): Promise<string[]> {
  const actor = ctx.actor!;
  await checkAppCode(db, ctx, code);
  const codes = await replaceRecoveryCodes(db, actor.userId);
  await writeAudit(db, ctx, { action: 'auth.recovery_codes_renewed', subjectType: 'user', subjectId: actor.userId, details: { count: codes.length } });
  return codes;
}

/** The secret shown during enrolment; kept until the user confirms it with a first code. */
export async function pendingTotpSecret(db: Database, userId: string): Promise<string> {
  const user = await db.selectFrom('users').select(['totp_secret', 'totp_enrolled_at']).where('id', '=', userId).executeTakeFirstOrThrow();
  if (user.totp_secret && !user.totp_enrolled_at) return user.totp_secret;
  const secret = newTotpSecret();
  await db.updateTable('users').set({ totp_secret: secret, updated_at: new Date() }).where('id', '=', userId).where('totp_enrolled_at', 'is', null).execute();
  return secret;
}

/**
 * Confirms enrolment with a first valid code: the session then counts as two-factor (with a new
 * token), and the user gets a new set of recovery codes, to be shown once.
 */
export async function confirmTotpEnrolment(
  db: Database,
  ctx: RequestContext,
  tokenHash: string,
  code: string,
): Promise<{ session: RenewedSession; recoveryCodes: string[] }> {
  const actor = ctx.actor!;
  const checked = await throttledCheck(db, secondFactorKey(actor.userId), ctx.ip, async () => {
    const user = await db.selectFrom('users').select(['totp_secret', 'totp_enrolled_at']).where('id', '=', actor.userId).executeTakeFirstOrThrow();
    const step = user.totp_secret && !user.totp_enrolled_at ? acceptTotp(user.totp_secret, code, null) : null;
    if (step === null) return null;
    // Conditional on "not enrolled yet": two simultaneous confirmations enrol (and make codes) once.
    const enrolled = await db
      .updateTable('users')
      .set({ totp_enrolled_at: new Date(), totp_last_step: String(step), updated_at: new Date() })
      .where('id', '=', actor.userId)
      .where('totp_enrolled_at', 'is', null)
      .executeTakeFirst();
    return Number(enrolled.numUpdatedRows) === 1 ? true : null;
  });
  if (checked.outcome === 'throttled') throw tooManyAttempts(checked.retryAfterMinutes);
  if (checked.outcome === 'failed') throw wrongCode();
  const recoveryCodes = await replaceRecoveryCodes(db, actor.userId);
  const session = await renewed(db, tokenHash);
  await writeAudit(db, ctx, { action: 'auth.totp_enrolled', subjectType: 'user', subjectId: actor.userId, details: { recoveryCodes: recoveryCodes.length } });
  return { session, recoveryCodes };
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
