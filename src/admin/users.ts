import type { Transaction } from 'kysely';
import { z } from 'zod';
import type { Database } from '../platform/db/database.ts';
import type { DB, Role } from '../platform/db/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/errors.ts';
import type { Translate } from '../platform/i18n.ts';
import { generateTemporaryPassword, hashPassword, MIN_PASSWORD_LENGTH, normaliseEmail } from '../platform/auth/passwords.ts';
import { membershipKindOf, roles } from '../platform/auth/roles.ts';
import { revokeUserSessions } from '../platform/auth/sessions.ts';
import { withoutBsn } from '../platform/bsn.ts';
import { enqueueMail } from '../platform/mail/outbox.ts';

/**
 * The invitation a new (or re-invited) user gets by mail, through the outbox in the transaction that
 * makes the account. It never carries the temporary password: whoever made the account hands that
 * over in person or by phone, so a mail read by someone else does not open the account.
 */
export const INVITATION_SUBJECT = 'Uw account voor Korte Lijn / Your Korte Lijn account';

export function invitationMailBody(baseUrl: string): string {
  return [
    'Goedendag,',
    '',
    'Er is een account voor u klaargezet in Korte Lijn. Log in op:',
    `${baseUrl}/inloggen`,
    '',
    'Gebruik uw e-mailadres en het tijdelijke wachtwoord dat u van uw leidinggevende of de functioneel beheerder krijgt.',
    'Om veiligheidsredenen staat het wachtwoord niet in deze e-mail. Daarna kiest u zelf een wachtwoord.',
    '',
    '---',
    'An account has been set up for you in Korte Lijn. Sign in at the address above with your e-mail address and',
    'the temporary password your manager or the functional administrator gives you (it is not in this e-mail).',
  ].join('\n');
}

async function enqueueInvitation(trx: Transaction<DB>, email: string, baseUrl: string): Promise<void> {
  await enqueueMail(trx, { to: email, subject: INVITATION_SUBJECT, text: invitationMailBody(baseUrl) });
}

/** A person's e-mail address and name, and one of the roles given: the fields every user form has. */
export const personFields = (t: Translate, allowed: readonly Role[]) => ({
  email: z
    .string()
    .trim()
    .pipe(z.email(t({ nl: 'Vul een geldig e-mailadres in.', en: 'Enter a valid e-mail address.' })))
    .transform(normaliseEmail),
  name: z
    .string()
    .trim()
    .min(2, t({ nl: 'Vul de naam in.', en: 'Enter the name.' }))
    .max(200)
    .check(withoutBsn(t)),
  role: z.enum(allowed as [Role, ...Role[]], { error: t({ nl: 'Kies een rol.', en: 'Choose a role.' }) }),
});

/** Membership chosen in the form: one id whose meaning follows from the role. */
export const userSchema = (t: Translate) =>
  z
    .object({
      ...personFields(t, roles),
      practice_id: z.string().trim().optional(),
      team_id: z.string().trim().optional(),
      region_id: z.string().trim().optional(),
      /** A policy officer may be narrowed to one municipality of their region (CBS code); empty: the whole region. */
      municipality_code: z.string().trim().toUpperCase().optional(),
    })
    .superRefine((v, issue) => {
      const kind = membershipKindOf(v.role);
      if (v.role === 'policy_officer' && v.municipality_code && !/^GM\d{4}$/.test(v.municipality_code)) {
        issue.addIssue({
          code: 'custom',
          path: ['municipality_code'],
          message: t({
            nl: 'Vul een CBS-gemeentecode in, zoals GM0153, of laat het veld leeg.',
            en: 'Enter a CBS municipality code, such as GM0153, or leave it empty.',
          }),
        });
      }
      const uuid = z.uuid();
      if (kind === 'practice' && !uuid.safeParse(v.practice_id).success) {
        issue.addIssue({
          code: 'custom',
          path: ['practice_id'],
          message: t({ nl: 'Kies de huisartsenpraktijk van deze gebruiker.', en: "Choose this user's GP practice." }),
        });
      }
      if (kind === 'team' && !uuid.safeParse(v.team_id).success) {
        issue.addIssue({ code: 'custom', path: ['team_id'], message: t({ nl: 'Kies het team van deze gebruiker.', en: "Choose this user's team." }) });
      }
      if (kind === 'region' && !uuid.safeParse(v.region_id).success) {
        issue.addIssue({ code: 'custom', path: ['region_id'], message: t({ nl: 'Kies de regio van deze gebruiker.', en: "Choose this user's region." }) });
      }
    })
    .transform((v): MembershipInput => {
      const kind = membershipKindOf(v.role);
      return {
        municipality_code: v.role === 'policy_officer' && v.municipality_code ? v.municipality_code : null,
        email: v.email,
        name: v.name,
        role: v.role,
        practice_id: kind === 'practice' ? v.practice_id! : null,
        team_id: kind === 'team' ? v.team_id! : null,
        region_id: kind === 'region' ? v.region_id! : null,
      };
    });

interface MembershipInput {
  email: string;
  name: string;
  role: Role;
  practice_id: string | null;
  team_id: string | null;
  region_id: string | null;
  /** Policy officers only (issue 12): the one municipality whose figures they see. */
  municipality_code?: string | null;
}

export type UserInput = z.infer<ReturnType<typeof userSchema>>;

const duplicateEmail = () =>
  new AppError('duplicate_email', 409, { nl: 'Er is al een gebruiker met dit e-mailadres.', en: 'A user with this e-mail address already exists.' });

const wrongMembership = () =>
  new AppError('wrong_membership', 422, {
    nl: 'De gekozen praktijk, het team of de regio bestaat niet (meer).',
    en: 'The chosen practice, team or region does not exist (any more).',
  });

async function assertMembershipExists(db: Database, input: UserInput): Promise<void> {
  if (input.practice_id) {
    const org = await db.selectFrom('organisations').select('kind').where('id', '=', input.practice_id).executeTakeFirst();
    if (org?.kind !== 'practice') throw wrongMembership();
  }
  if (input.team_id && !(await db.selectFrom('teams').select('id').where('id', '=', input.team_id).executeTakeFirst())) throw wrongMembership();
  if (input.region_id && !(await db.selectFrom('regions').select('id').where('id', '=', input.region_id).executeTakeFirst())) throw wrongMembership();
  if (
    input.municipality_code &&
    !(await db
      .selectFrom('organisations')
      .select('id')
      .where('kind', '=', 'municipality')
      .where('cbs_code', '=', input.municipality_code)
      .where('region_id', '=', input.region_id)
      .executeTakeFirst())
  )
    throw wrongMembership();
}

export interface UserListRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  membership_name: string | null;
  disabled_at: Date | null;
  totp_enrolled_at: Date | null;
  must_change_password: boolean;
}

/** Users with the name of their practice, team or region. Filters narrow to one tenant. */
export async function listUsers(
  db: Database,
  filter: { practiceId?: string | undefined; teamId?: string | undefined; search?: string | undefined } = {},
): Promise<UserListRow[]> {
  let q = db
    .selectFrom('users')
    .leftJoin('organisations as practice', 'practice.id', 'users.practice_id')
    .leftJoin('teams', 'teams.id', 'users.team_id')
    .leftJoin('regions', 'regions.id', 'users.region_id')
    .select((eb) => [
      'users.id',
      'users.email',
      'users.name',
      'users.role',
      'users.disabled_at',
      'users.totp_enrolled_at',
      'users.must_change_password',
      eb.fn.coalesce('practice.name', 'teams.name', 'regions.name').as('membership_name'),
    ])
    .orderBy('users.name');
  if (filter.practiceId) q = q.where('users.practice_id', '=', filter.practiceId);
  if (filter.teamId) q = q.where('users.team_id', '=', filter.teamId);
  if (filter.search) {
    const like = `%${filter.search.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    q = q.where((eb) => eb.or([eb('users.name', 'ilike', like), eb('users.email', 'ilike', like)]));
  }
  return q.limit(500).execute();
}

export async function getUser(db: Database, id: string) {
  const user = await db
    .selectFrom('users')
    .select([
      'id',
      'email',
      'name',
      'role',
      'practice_id',
      'team_id',
      'region_id',
      'municipality_code',
      'disabled_at',
      'totp_enrolled_at',
      'must_change_password',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!user) throw notFound('user');
  return user;
}

/** Creates a user with a given password (CLI, seed) or a temporary one the admin hands over. */
export async function createUser(
  db: Database,
  ctx: RequestContext,
  input: UserInput,
  password?: string,
  options: { inviteBaseUrl?: string | undefined } = {},
): Promise<{ id: string; temporaryPassword: string | null }> {
  if (password !== undefined && password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError('weak_password', 422, {
      nl: `Kies een wachtwoord van minstens ${MIN_PASSWORD_LENGTH} tekens.`,
      en: `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`,
    });
  }
  await assertMembershipExists(db, input);
  const temporaryPassword = password === undefined ? generateTemporaryPassword() : null;
  const hash = await hashPassword(password ?? temporaryPassword!);
  try {
    const id = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('users')
        .values({ ...input, password_hash: hash, must_change_password: temporaryPassword !== null, updated_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (options.inviteBaseUrl !== undefined) await enqueueInvitation(trx, input.email, options.inviteBaseUrl);
      await writeAudit(trx, ctx, {
        action: 'admin.user_created',
        subjectType: 'user',
        subjectId: row.id,
        details: { role: input.role, ...(options.inviteBaseUrl !== undefined ? { invited: true } : {}) },
      });
      return row.id;
    });
    return { id, temporaryPassword };
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw duplicateEmail();
    throw err;
  }
}

/** Changing role or membership ends the user's sessions, so new rights apply at once. */
export async function updateUser(db: Database, ctx: RequestContext, id: string, input: UserInput): Promise<void> {
  await assertMembershipExists(db, input);
  try {
    await db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('users')
        .select(['role', 'practice_id', 'team_id', 'region_id', 'municipality_code', 'email'])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw notFound('user');
      await trx
        .updateTable('users')
        .set({ ...input, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
      const scopeChanged =
        before.role !== input.role ||
        before.practice_id !== input.practice_id ||
        before.team_id !== input.team_id ||
        before.region_id !== input.region_id ||
        before.municipality_code !== (input.municipality_code ?? null);
      if (scopeChanged) await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
      await writeAudit(trx, ctx, { action: 'admin.user_updated', subjectType: 'user', subjectId: id, details: { role: input.role, scopeChanged } });
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') throw duplicateEmail();
    throw err;
  }
}

/**
 * Admin reset: a temporary password to hand over; the user must choose a new one at next sign-in.
 * With `inviteBaseUrl` it is a re-invitation: the user also gets the invitation mail again.
 */
export async function resetPassword(
  db: Database,
  ctx: RequestContext,
  id: string,
  options: { resetTotp: boolean; inviteBaseUrl?: string | undefined },
): Promise<string> {
  const temporaryPassword = generateTemporaryPassword();
  const hash = await hashPassword(temporaryPassword);
  await db.transaction().execute(async (trx) => {
    const reset = await trx
      .updateTable('users')
      .set({
        password_hash: hash,
        must_change_password: true,
        updated_at: new Date(),
        ...(options.resetTotp ? { totp_secret: null, totp_enrolled_at: null, totp_last_step: null } : {}),
      })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(reset.numUpdatedRows) === 0) throw notFound('user');
    await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    // A reset of the second factor (lost phone, no recovery codes left) also ends the old recovery codes:
    // the user sets up the app again at the next sign-in and gets new ones.
    if (options.resetTotp) await trx.deleteFrom('recovery_codes').where('user_id', '=', id).execute();
    const { email } = await trx.selectFrom('users').select('email').where('id', '=', id).executeTakeFirstOrThrow();
    await trx
      .deleteFrom('login_failures')
      .where('email', 'in', [email, `totp:${id}`])
      .execute();
    if (options.inviteBaseUrl !== undefined) await enqueueInvitation(trx, email, options.inviteBaseUrl);
    await writeAudit(trx, ctx, {
      action: options.inviteBaseUrl !== undefined ? 'admin.user_reinvited' : 'admin.password_reset',
      subjectType: 'user',
      subjectId: id,
      details: { resetTotp: options.resetTotp },
    });
  });
  return temporaryPassword;
}

export async function setUserDisabled(db: Database, ctx: RequestContext, id: string, disabled: boolean): Promise<void> {
  if (ctx.actor?.userId === id && disabled) {
    throw new AppError('self_disable', 422, { nl: 'U kunt uw eigen account niet blokkeren.', en: 'You cannot block your own account.' });
  }
  await db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('users')
      .set({ disabled_at: disabled ? new Date() : null, updated_at: new Date() })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw notFound('user');
    await writeAudit(trx, ctx, { action: disabled ? 'admin.user_disabled' : 'admin.user_enabled', subjectType: 'user', subjectId: id });
  });
  if (disabled) await revokeUserSessions(db, id);
}

/** Whether anyone can sign in yet: a fresh production database starts without users. */
export async function hasActiveUsers(db: Database): Promise<boolean> {
  return (await db.selectFrom('users').select('id').where('disabled_at', 'is', null).limit(1).executeTakeFirst()) !== undefined;
}
