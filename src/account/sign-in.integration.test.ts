import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { actorOf, forEachDatabase, testContext } from '../../test/support/databases.ts';
import { appError, auditEntries, createTenant, createTestUser, freshIp, TEST_PASSWORD, type Tenant } from '../../test/support/fixtures.ts';
import { freshTotp } from '../../test/support/http.ts';
import { testConfig } from '../platform/config.ts';
import type { Database } from '../platform/db/database.ts';
import type { User } from '../platform/db/schema.ts';
import { createSession, hashToken, loadSession, purgeExpiredSessions, revokeUserSessions } from '../platform/auth/sessions.ts';
import {
  changeOwnPassword,
  confirmTotpEnrolment,
  pendingTotpSecret,
  purgeOldLoginFailures,
  recoveryCodesLeft,
  renewRecoveryCodes,
  signIn,
  verifyRecoveryCode,
  verifySecondFactor,
} from './sign-in.ts';
import { acceptTotp, currentTotp } from '../platform/auth/totp.ts';
import { roles } from '../platform/auth/roles.ts';
import { ACCOUNT_CEILING, FREE_PAIR_FAILURES, LONGEST_WINDOW_MINUTES, pairLockMinutes, SOURCE_CEILING } from '../platform/auth/rate-limit.ts';

const config = testConfig();
const MINUTE = 60_000;
/** Sign-in without the second factor (a demo setting), for the tests of the password step alone. */
const passwordOnly = testConfig({ totpRequired: false });

/** A six-digit code that no step in the accepted window of `secret` produces. */
function wrongCode(secret: string): string {
  const valid = new Set([-1, 0, 1].map((step) => currentTotp(secret, Date.now() + step * 30_000)));
  return ['000000', '111111', '222222', '333333'].find((code) => !valid.has(code))!;
}

forEachDatabase('sign-in', (db) => {
  let tenant: Tenant;
  before(async () => {
    tenant = await createTenant(db());
  });

  const failuresOf = (email: string) => db().selectFrom('login_failures').selectAll().where('email', '=', email).execute();
  const sessionsOf = (userId: string) => db().selectFrom('sessions').selectAll().where('user_id', '=', userId).execute();

  async function insertFailures(database: Database, rows: Array<{ email: string; ip: string; minutesAgo: number }>) {
    await database
      .insertInto('login_failures')
      .values(rows.map((r) => ({ email: r.email, ip: r.ip, at: new Date(Date.now() - r.minutesAgo * MINUTE) })))
      .execute();
  }

  describe('password step', () => {
    it('the administrator signs in with the right password and is asked for the second factor', async () => {
      const user = await createTestUser(db(), tenant, 'admin');
      const ip = freshIp();
      const result = await signIn(db(), config, testContext({ ip }), { email: user.email, password: TEST_PASSWORD });
      assert.equal(result.next, 'totp-setup');
      const session = await loadSession(db(), result.token);
      assert.equal(session?.actor.userId, user.id);
      assert.equal(session?.mfaPassed, false);
      const entry = (await auditEntries(db(), 'auth.login')).find((e) => e.subject_id === user.id);
      assert.equal(entry?.actor_user_id, user.id);
      assert.equal(entry?.outcome, 'success');
      assert.equal(entry?.ip, ip);
    });

    it('a wrong password is refused as wrong_credentials, counted as a failure, and audited', async () => {
      const user = await createTestUser(db(), tenant, 'admin');
      const ip = freshIp();
      await assert.rejects(signIn(db(), config, testContext({ ip }), { email: user.email, password: 'not-the-password' }), appError('wrong_credentials', 401));
      const failures = await failuresOf(user.email);
      assert.equal(failures.length, 1);
      assert.equal(failures[0]!.ip, ip);
      assert.equal(failures[0]!.pending, false);
      const entry = (await auditEntries(db(), 'auth.login_failed')).find((e) => e.subject_id === user.id);
      assert.equal(entry?.outcome, 'failure');
      assert.equal(entry?.actor_user_id, null);
      assert.equal((await sessionsOf(user.id)).length, 0);
    });

    it('an unknown e-mail address gets the same answer as a wrong password, and is counted too', async () => {
      const email = 'nobody-here@test.kortelijn.nl';
      await assert.rejects(signIn(db(), config, testContext({ ip: freshIp() }), { email, password: TEST_PASSWORD }), appError('wrong_credentials', 401));
      assert.equal((await failuresOf(email)).length, 1);
    });

    it('the e-mail address is matched regardless of capitals and surrounding spaces', async () => {
      const user = await createTestUser(db(), tenant, 'admin');
      const result = await signIn(db(), passwordOnly, testContext({ ip: freshIp() }), { email: `  ${user.email.toUpperCase()} `, password: TEST_PASSWORD });
      assert.equal(result.next, 'home');
    });

    it('after five wrong passwords from one address, that address waits a short while, even with the right password', async () => {
      const user = await createTestUser(db(), tenant, 'admin');
      const ctx = testContext({ ip: freshIp() });
      for (let i = 0; i < FREE_PAIR_FAILURES; i++) {
        await assert.rejects(signIn(db(), config, ctx, { email: user.email, password: `wrong-${i}` }), appError('wrong_credentials', 401));
      }
      await assert.rejects(signIn(db(), config, ctx, { email: user.email, password: TEST_PASSWORD }), appError('too_many_attempts', 429));
      const throttled = (await auditEntries(db(), 'auth.login_throttled')).filter((e) => e.request_id === ctx.requestId);
      assert.equal(throttled.length, 1);
      assert.equal(throttled[0]!.outcome, 'denied');
      assert.equal((await sessionsOf(user.id)).length, 0);
      assert.equal((await failuresOf(user.email)).length, FREE_PAIR_FAILURES, 'a refused attempt is not a failure');
    });

    it("five wrong passwords from address A do not stop the owner's right password from address B", async () => {
      const user = await createTestUser(db(), tenant, 'practice_staff');
      const attacker = testContext({ ip: freshIp() });
      for (let i = 0; i < FREE_PAIR_FAILURES; i++) {
        await assert.rejects(signIn(db(), config, attacker, { email: user.email, password: `guess-${i}` }), appError('wrong_credentials', 401));
      }
      await assert.rejects(signIn(db(), config, attacker, { email: user.email, password: 'guess-5' }), appError('too_many_attempts', 429));
      const owner = await signIn(db(), config, testContext({ ip: freshIp() }), { email: user.email, password: TEST_PASSWORD });
      assert.equal(owner.next, 'totp-setup');
      await assert.rejects(
        signIn(db(), config, attacker, { email: user.email, password: TEST_PASSWORD }),
        appError('too_many_attempts', 429),
        'the guesser stays locked',
      );
    });

    it('the wait doubles with every failure after it, and a right password after the wait gets in', async () => {
      const user = await createTestUser(db(), tenant, 'admin');
      const ip = freshIp();
      const lock = pairLockMinutes(FREE_PAIR_FAILURES + 1);
      await insertFailures(
        db(),
        Array.from({ length: FREE_PAIR_FAILURES + 1 }, () => ({ email: user.email, ip, minutesAgo: lock - 0.5 })),
      );
      await assert.rejects(signIn(db(), config, testContext({ ip }), { email: user.email, password: TEST_PASSWORD }), appError('too_many_attempts', 429));
      await db()
        .updateTable('login_failures')
        .set({ at: new Date(Date.now() - (lock + 0.1) * MINUTE) })
        .where('email', '=', user.email)
        .execute();
      assert.equal((await signIn(db(), passwordOnly, testContext({ ip }), { email: user.email, password: TEST_PASSWORD })).next, 'home');
    });

    it('wrong passwords sent all at once still get no more than five checks', async () => {
      const user = await createTestUser(db(), tenant, 'admin');
      const ip = freshIp();
      const outcomes = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) => signIn(db(), config, testContext({ ip }), { email: user.email, password: `guess-${i}` })),
      );
      const checked = outcomes.filter((o) => o.status === 'rejected' && (o.reason as { code?: string }).code === 'wrong_credentials').length;
      assert.ok(checked <= FREE_PAIR_FAILURES, `${checked} passwords were checked`);
      assert.equal((await failuresOf(user.email)).length, checked, 'only checked passwords are failures');
    });

    it('25 people behind one address who sign in at the same moment all get in', async () => {
      const users = await Promise.all(Array.from({ length: 25 }, () => createTestUser(db(), tenant, 'practice_staff')));
      const ip = freshIp();
      const outcomes = await Promise.allSettled(users.map((u) => signIn(db(), config, testContext({ ip }), { email: u.email, password: TEST_PASSWORD })));
      const refused = outcomes.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason));
      assert.deepEqual(refused, []);
      assert.equal((await db().selectFrom('login_failures').select('id').where('ip', '=', ip).execute()).length, 0, 'nothing is left behind');
    });

    it('the lock is per account: another account signs in from the same address', async () => {
      const locked = await createTestUser(db(), tenant, 'admin');
      const other = await createTestUser(db(), tenant, 'admin');
      const ip = freshIp();
      await insertFailures(
        db(),
        Array.from({ length: FREE_PAIR_FAILURES }, () => ({ email: locked.email, ip, minutesAgo: 0 })),
      );
      await assert.rejects(signIn(db(), config, testContext({ ip }), { email: locked.email, password: TEST_PASSWORD }), appError('too_many_attempts', 429));
      assert.equal((await signIn(db(), passwordOnly, testContext({ ip }), { email: other.email, password: TEST_PASSWORD })).next, 'home');
    });

    it('a successful sign-in clears the failures of that address, not those of other addresses', async () => {
      const user = await createTestUser(db(), tenant, 'admin');
      const ctx = testContext({ ip: freshIp() });
      const elsewhere = freshIp();
      await insertFailures(db(), [{ email: user.email, ip: elsewhere, minutesAgo: 1 }]);
      for (let i = 0; i < FREE_PAIR_FAILURES - 1; i++) {
        await assert.rejects(signIn(db(), config, ctx, { email: user.email, password: `wrong-${i}` }), appError('wrong_credentials', 401));
      }
      await signIn(db(), config, ctx, { email: user.email, password: TEST_PASSWORD });
      assert.deepEqual(
        (await failuresOf(user.email)).map((f) => f.ip),
        [elsewhere],
      );
    });

    it('guessing one account from many addresses meets a ceiling for that account, whatever the address', async () => {
      const user = await createTestUser(db(), tenant, 'admin');
      await insertFailures(
        db(),
        Array.from({ length: ACCOUNT_CEILING }, () => ({ email: user.email, ip: freshIp(), minutesAgo: 1 })),
      );
      await assert.rejects(
        signIn(db(), config, testContext({ ip: freshIp() }), { email: user.email, password: TEST_PASSWORD }),
        appError('too_many_attempts', 429),
      );
    });

    it('guesses over many accounts from one address meet a ceiling for that address, but not other addresses', async () => {
      const user = await createTestUser(db(), tenant, 'admin');
      const ip = freshIp();
      await insertFailures(
        db(),
        Array.from({ length: SOURCE_CEILING - 1 }, (_, i) => ({ email: `guess-${i}@test.kortelijn.nl`, ip, minutesAgo: 1 })),
      );
      // The last failure below the ceiling, through the real sign-in.
      await assert.rejects(
        signIn(db(), config, testContext({ ip }), { email: 'guess-last@test.kortelijn.nl', password: 'x' }),
        appError('wrong_credentials', 401),
      );
      await assert.rejects(signIn(db(), config, testContext({ ip }), { email: user.email, password: TEST_PASSWORD }), appError('too_many_attempts', 429));
      assert.equal((await signIn(db(), passwordOnly, testContext({ ip: freshIp() }), { email: user.email, password: TEST_PASSWORD })).next, 'home');
    });

    it('failures older than every window are purged; newer ones stay', async () => {
      const email = `purge-${Date.now()}@test.kortelijn.nl`;
      const ip = freshIp();
      await insertFailures(db(), [
        { email, ip, minutesAgo: LONGEST_WINDOW_MINUTES + 5 },
        { email, ip, minutesAgo: LONGEST_WINDOW_MINUTES - 5 },
      ]);
      assert.ok((await purgeOldLoginFailures(db())) >= 1);
      const left = await failuresOf(email);
      assert.equal(left.length, 1);
      assert.ok(left[0]!.at.getTime() > Date.now() - LONGEST_WINDOW_MINUTES * MINUTE);
    });

    it('a disabled account cannot sign in, even with the right password', async () => {
      const user = await createTestUser(db(), tenant, 'admin', { disabled: true });
      await assert.rejects(
        signIn(db(), config, testContext({ ip: freshIp() }), { email: user.email, password: TEST_PASSWORD }),
        appError('wrong_credentials', 401),
      );
      assert.equal((await sessionsOf(user.id)).length, 0);
    });

    it('every role, the administrator and the regional coordinator too, must set up two-step verification first', async () => {
      for (const role of roles) {
        const user = await createTestUser(db(), tenant, role);
        const result = await signIn(db(), config, testContext({ ip: freshIp() }), { email: user.email, password: TEST_PASSWORD });
        assert.equal(result.next, 'totp-setup', role);
        assert.equal((await loadSession(db(), result.token))?.mfaPassed, false, role);
      }
    });

    it('a user who has set up two-step verification is asked for the code', async () => {
      const user = await createTestUser(db(), tenant, 'team_member');
      await db().updateTable('users').set({ totp_secret: 'JBSWY3DPEHPK3PXP', totp_enrolled_at: new Date() }).where('id', '=', user.id).execute();
      const result = await signIn(db(), config, testContext({ ip: freshIp() }), { email: user.email, password: TEST_PASSWORD });
      assert.equal(result.next, 'totp');
    });

    it('with two-step verification switched off for a demo, practice staff go straight to the start page', async () => {
      const user = await createTestUser(db(), tenant, 'practice_staff');
      const result = await signIn(db(), testConfig({ totpRequired: false }), testContext({ ip: freshIp() }), { email: user.email, password: TEST_PASSWORD });
      assert.equal(result.next, 'home');
      assert.equal((await loadSession(db(), result.token))?.mfaPassed, true);
    });

    it('a user with a temporary password must choose a new one first (after the second factor)', async () => {
      const user = await createTestUser(db(), tenant, 'region_coordinator', { mustChangePassword: true });
      const result = await signIn(db(), passwordOnly, testContext({ ip: freshIp() }), { email: user.email, password: TEST_PASSWORD });
      assert.equal(result.next, 'change-password');
    });

    it('a practice user with a temporary password sets up two-step verification before changing it', async () => {
      const user = await createTestUser(db(), tenant, 'practice_staff', { mustChangePassword: true });
      const result = await signIn(db(), config, testContext({ ip: freshIp() }), { email: user.email, password: TEST_PASSWORD });
      assert.equal(result.next, 'totp-setup');
    });
  });

  describe('second factor', () => {
    let user: User;
    let secret: string;
    let firstCode: string;
    let recoveryCodes: string[];

    /** Signs in with the password and returns what the second step needs. */
    async function passwordStep(ip = freshIp()) {
      const { token } = await signIn(db(), config, testContext({ ip }), { email: user.email, password: TEST_PASSWORD });
      const ctx = testContext({ ip, actor: actorOf(user) });
      return { token, tokenHash: hashToken(token), ctx };
    }

    before(async () => {
      user = await createTestUser(db(), tenant, 'practice_staff');
    });

    it('the key shown for setting up stays the same until it is confirmed', async () => {
      secret = await pendingTotpSecret(db(), user.id);
      assert.match(secret, /^[A-Z2-7]{32}$/);
      assert.equal(await pendingTotpSecret(db(), user.id), secret);
      const row = await db().selectFrom('users').select(['totp_secret', 'totp_enrolled_at']).where('id', '=', user.id).executeTakeFirstOrThrow();
      assert.equal(row.totp_secret, secret);
      assert.equal(row.totp_enrolled_at, null);
    });

    it('a wrong code does not complete the set-up, and is counted', async () => {
      const { token, tokenHash, ctx } = await passwordStep();
      await assert.rejects(confirmTotpEnrolment(db(), ctx, tokenHash, wrongCode(secret)), appError('wrong_totp', 422));
      assert.equal((await failuresOf(`totp:${user.id}`)).length, 1);
      assert.equal((await loadSession(db(), token))?.mfaPassed, false);
      const row = await db().selectFrom('users').select('totp_enrolled_at').where('id', '=', user.id).executeTakeFirstOrThrow();
      assert.equal(row.totp_enrolled_at, null);
    });

    it('the code from the app completes the set-up: a new session token that counts as two-step, and ten recovery codes', async () => {
      const { token, tokenHash, ctx } = await passwordStep();
      const before = await loadSession(db(), token);
      firstCode = currentTotp(secret);
      const enrolled = await confirmTotpEnrolment(db(), ctx, tokenHash, firstCode);
      recoveryCodes = enrolled.recoveryCodes;
      assert.equal(await loadSession(db(), token), null, 'the token of the password step no longer works');
      const session = await loadSession(db(), enrolled.session.token);
      assert.equal(session?.mfaPassed, true);
      assert.equal(session?.totpEnrolled, true);
      assert.notEqual(session?.csrfToken, before?.csrfToken, 'a new CSRF token');
      assert.equal(session?.csrfToken, enrolled.session.csrfToken);
      assert.equal(recoveryCodes.length, 10);
      assert.equal(await recoveryCodesLeft(db(), user.id), 10);
      const stored = await db().selectFrom('recovery_codes').select('code_hash').where('user_id', '=', user.id).execute();
      assert.ok(
        stored.every((r) => recoveryCodes.every((code) => !r.code_hash.includes(code) && !r.code_hash.includes(code.replace(/-/g, '')))),
        'only hashes are stored',
      );
      const row = await db().selectFrom('users').select(['totp_enrolled_at', 'totp_last_step']).where('id', '=', user.id).executeTakeFirstOrThrow();
      assert.ok(row.totp_enrolled_at instanceof Date);
      assert.equal(Number(row.totp_last_step), acceptTotp(secret, firstCode, null));
      assert.equal((await auditEntries(db(), 'auth.totp_enrolled')).filter((e) => e.subject_id === user.id).length, 1);
    });

    it('after set-up, signing in asks for the code instead of a new key', async () => {
      const result = await signIn(db(), config, testContext({ ip: freshIp() }), { email: user.email, password: TEST_PASSWORD });
      assert.equal(result.next, 'totp');
      assert.equal((await loadSession(db(), result.token))?.mfaPassed, false);
    });

    it('a code that was already used is refused, so an overheard code cannot be replayed', async () => {
      const { token, tokenHash, ctx } = await passwordStep();
      await assert.rejects(verifySecondFactor(db(), ctx, tokenHash, firstCode), appError('wrong_totp', 422));
      assert.equal((await loadSession(db(), token))?.mfaPassed, false);
      assert.ok((await auditEntries(db(), 'auth.totp_failed')).some((e) => e.subject_id === user.id && e.outcome === 'failure'));
    });

    it('a new code from the app passes the second step with a new session token; the old token stops working', async () => {
      const { token, tokenHash, ctx } = await passwordStep();
      const oldCsrf = (await loadSession(db(), token))?.csrfToken;
      const before = await db().selectFrom('users').select('totp_last_step').where('id', '=', user.id).executeTakeFirstOrThrow();
      const code = freshTotp(secret, Number(before.totp_last_step));
      const renewed = await verifySecondFactor(db(), ctx, tokenHash, code);
      assert.equal(await loadSession(db(), token), null, 'the token of the password step no longer works');
      const session = await loadSession(db(), renewed.token);
      assert.equal(session?.mfaPassed, true);
      assert.equal(session?.actor.userId, user.id);
      assert.notEqual(session?.csrfToken, oldCsrf);
      const after = await db().selectFrom('users').select('totp_last_step').where('id', '=', user.id).executeTakeFirstOrThrow();
      assert.ok(Number(after.totp_last_step) > Number(before.totp_last_step));
      assert.ok((await auditEntries(db(), 'auth.totp_passed')).some((e) => e.subject_id === user.id));
    });

    it('a recovery code passes the second step once, with a new session token, and never a second time', async () => {
      const first = await passwordStep();
      const code = recoveryCodes[0]!;
      const { session, remaining } = await verifyRecoveryCode(db(), first.ctx, first.tokenHash, code.toLowerCase());
      assert.equal(remaining, 9);
      assert.equal(await loadSession(db(), first.token), null, 'the token of the password step no longer works');
      assert.equal((await loadSession(db(), session.token))?.mfaPassed, true);
      const used = (await auditEntries(db(), 'auth.recovery_code_used')).filter((e) => e.subject_id === user.id);
      assert.equal(used.length, 1);
      assert.deepEqual(used[0]!.details, { remaining: 9 });

      const second = await passwordStep();
      await assert.rejects(verifyRecoveryCode(db(), second.ctx, second.tokenHash, code), appError('wrong_recovery_code', 422));
      assert.equal((await loadSession(db(), second.token))?.mfaPassed, false);
      assert.ok((await auditEntries(db(), 'auth.recovery_code_failed')).some((e) => e.subject_id === user.id && e.outcome === 'failure'));
      assert.equal(await recoveryCodesLeft(db(), user.id), 9);
    });

    it('the same recovery code sent twice at the same moment passes once', async () => {
      const [a, b] = [await passwordStep(), await passwordStep()];
      const code = recoveryCodes[1]!;
      const outcomes = await Promise.allSettled([verifyRecoveryCode(db(), a.ctx, a.tokenHash, code), verifyRecoveryCode(db(), b.ctx, b.tokenHash, code)]);
      assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
    });

    it('a recovery code of another user does not work for this one', async () => {
      const other = await createTestUser(db(), tenant, 'team_member');
      const otherSecret = await pendingTotpSecret(db(), other.id);
      const otherSession = await signIn(db(), config, testContext({ ip: freshIp() }), { email: other.email, password: TEST_PASSWORD });
      const { recoveryCodes: othersCodes } = await confirmTotpEnrolment(
        db(),
        testContext({ actor: actorOf(other) }),
        hashToken(otherSession.token),
        currentTotp(otherSecret),
      );
      const mine = await passwordStep();
      await assert.rejects(verifyRecoveryCode(db(), mine.ctx, mine.tokenHash, othersCodes[0]!), appError('wrong_recovery_code', 422));
    });

    it('new recovery codes need a fresh code from the app, and replace every old code', async () => {
      const ctx = testContext({ ip: freshIp(), actor: actorOf(user) });
      await assert.rejects(renewRecoveryCodes(db(), ctx, wrongCode(secret)), appError('wrong_totp', 422));
      assert.equal(await recoveryCodesLeft(db(), user.id), 8, 'a wrong code changes nothing');
      // As if a minute has passed since the last sign-in: the app's current code has not been used yet.
      await db().updateTable('users').set({ totp_last_step: null }).where('id', '=', user.id).execute();
      const fresh = await renewRecoveryCodes(db(), ctx, currentTotp(secret));
      assert.equal(fresh.length, 10);
      assert.equal(await recoveryCodesLeft(db(), user.id), 10);
      assert.equal((await auditEntries(db(), 'auth.recovery_codes_renewed')).filter((e) => e.subject_id === user.id).length, 1);
      const step = await passwordStep();
      await assert.rejects(verifyRecoveryCode(db(), step.ctx, step.tokenHash, recoveryCodes[2]!), appError('wrong_recovery_code', 422), 'an old code');
      recoveryCodes = fresh;
    });

    it('after five wrong codes the second step is locked, even for the code the app shows', async () => {
      const ip = freshIp();
      const { token, tokenHash, ctx } = await passwordStep(ip);
      await db().deleteFrom('login_failures').where('email', '=', `totp:${user.id}`).execute();
      for (let i = 0; i < FREE_PAIR_FAILURES; i++) {
        await assert.rejects(verifySecondFactor(db(), ctx, tokenHash, wrongCode(secret)), appError('wrong_totp', 422));
      }
      const rightCode = currentTotp(secret);
      await assert.rejects(verifySecondFactor(db(), ctx, tokenHash, rightCode), appError('too_many_attempts', 429));
      await assert.rejects(verifyRecoveryCode(db(), ctx, tokenHash, recoveryCodes[0]!), appError('too_many_attempts', 429), 'recovery codes share the lock');
      assert.equal((await loadSession(db(), token))?.mfaPassed, false);
    });
  });

  describe("changing one's own password", () => {
    let user: User;
    let current: { token: string; tokenHash: string };
    let other: string;
    const ctx = () => testContext({ actor: actorOf(user) });

    before(async () => {
      user = await createTestUser(db(), tenant, 'region_coordinator', { mustChangePassword: true });
      const { token } = await signIn(db(), passwordOnly, testContext({ ip: freshIp() }), { email: user.email, password: TEST_PASSWORD });
      current = { token, tokenHash: hashToken(token) };
      other = await createSession(db(), { userId: user.id, mfaPassed: true, ip: '192.0.2.50', hours: 1 });
    });

    it('a wrong current password is refused and audited', async () => {
      const outcome = await changeOwnPassword(db(), ctx(), current.tokenHash, { current: 'not-the-password', next: 'a-brand-new-password' });
      assert.equal(outcome, 'wrong-current');
      assert.ok((await auditEntries(db(), 'auth.password_change_failed')).some((e) => e.subject_id === user.id));
    });

    it('the new password must differ from the current one', async () => {
      assert.equal(await changeOwnPassword(db(), ctx(), current.tokenHash, { current: TEST_PASSWORD, next: TEST_PASSWORD }), 'same');
    });

    it('a new password replaces the temporary one and ends the other sessions, but not this one', async () => {
      const outcome = await changeOwnPassword(db(), ctx(), current.tokenHash, { current: TEST_PASSWORD, next: 'a-brand-new-password' });
      assert.equal(outcome, 'ok');
      assert.equal((await loadSession(db(), current.token))?.mustChangePassword, false);
      assert.equal(await loadSession(db(), other), null);
      assert.ok((await auditEntries(db(), 'auth.password_changed')).some((e) => e.subject_id === user.id));
      await assert.rejects(
        signIn(db(), config, testContext({ ip: freshIp() }), { email: user.email, password: TEST_PASSWORD }),
        appError('wrong_credentials', 401),
      );
      assert.equal((await signIn(db(), passwordOnly, testContext({ ip: freshIp() }), { email: user.email, password: 'a-brand-new-password' })).next, 'home');
    });
  });

  describe('sessions', () => {
    let user: User;
    const newSession = (hours = 10) => createSession(db(), { userId: user.id, mfaPassed: true, ip: '192.0.2.60', hours });
    const exists = async (token: string) =>
      (await db().selectFrom('sessions').select('token_hash').where('token_hash', '=', hashToken(token)).execute()).length === 1;

    before(async () => {
      user = await createTestUser(db(), tenant, 'practice_admin');
    });

    it('a session gives back the signed-in person with role and membership', async () => {
      const session = await loadSession(db(), await newSession());
      assert.ok(session);
      assert.deepEqual(session.actor, actorOf(user));
      assert.equal(session.actor.practiceId, tenant.practiceId);
      assert.equal(session.mustChangePassword, false);
      assert.equal(session.totpEnrolled, false);
      assert.ok(session.csrfToken.length >= 40);
    });

    it('only a hash of the cookie token is stored', async () => {
      const token = await newSession();
      const row = await db().selectFrom('sessions').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirstOrThrow();
      assert.notEqual(row.token_hash, token);
      assert.notEqual(row.csrf_token, token);
      assert.equal((await db().selectFrom('sessions').select('token_hash').where('token_hash', '=', token).execute()).length, 0);
    });

    it('an unknown token has no session', async () => {
      assert.equal(await loadSession(db(), 'made-up-token'), null);
    });

    it('a session past its absolute lifetime is ended and removed', async () => {
      const token = await newSession(1);
      assert.ok(await loadSession(db(), token, new Date(Date.now() + 30 * MINUTE)));
      assert.equal(await loadSession(db(), token, new Date(Date.now() + 61 * MINUTE)), null);
      assert.equal(await exists(token), false);
    });

    it('a session idle for more than 60 minutes is ended and removed', async () => {
      const token = await newSession();
      assert.equal(await loadSession(db(), token, new Date(Date.now() + 61 * MINUTE)), null);
      assert.equal(await exists(token), false);
    });

    it('each request keeps the session alive for another idle hour', async () => {
      const token = await newSession();
      assert.ok(await loadSession(db(), token, new Date(Date.now() + 50 * MINUTE)));
      assert.ok(await loadSession(db(), token, new Date(Date.now() + 100 * MINUTE)));
    });

    it('the sessions of a disabled user stop working at once', async () => {
      const victim = await createTestUser(db(), tenant, 'admin');
      const token = await createSession(db(), { userId: victim.id, mfaPassed: true, ip: '192.0.2.61', hours: 10 });
      await db().updateTable('users').set({ disabled_at: new Date() }).where('id', '=', victim.id).execute();
      assert.equal(await loadSession(db(), token), null);
      assert.equal(await exists(token), false);
    });

    it("revoking ends every session of the user, or all but the current one, and no one else's", async () => {
      const stranger = await createTestUser(db(), tenant, 'admin');
      const strangers = await createSession(db(), { userId: stranger.id, mfaPassed: true, ip: '192.0.2.62', hours: 10 });
      const [a, b, c] = [await newSession(), await newSession(), await newSession()];
      await revokeUserSessions(db(), user.id, hashToken(a));
      assert.deepEqual([await exists(a), await exists(b), await exists(c)], [true, false, false]);
      await revokeUserSessions(db(), user.id);
      assert.equal(await exists(a), false);
      assert.equal(await exists(strangers), true);
    });

    it('purging removes expired sessions and keeps live ones', async () => {
      const short = await newSession(1);
      const long = await newSession(10);
      const purged = await purgeExpiredSessions(db(), new Date(Date.now() + 2 * 60 * MINUTE));
      assert.ok(purged >= 1);
      assert.equal(await exists(short), false);
      assert.equal(await exists(long), true);
    });
  });
});
