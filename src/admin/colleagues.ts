import { z } from 'zod';
import type { Database } from '../platform/db/database.ts';
import type { Role } from '../platform/db/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import { AppError, notFound } from '../platform/errors.ts';
import type { Text, Translate } from '../platform/i18n.ts';
import { createUser, personFields, resetPassword, setUserDisabled } from './users.ts';

/**
 * A practice manager or team coordinator looks after the accounts of their own colleagues: add,
 * block, allow again and re-invite. Only within their own practice or team, and only with the roles
 * of that organisation (a practice manager never makes a team member or an administrator).
 */
export type Workplace = { kind: 'practice' | 'team'; id: string };

export const colleagueRoles: Record<Workplace['kind'], readonly Role[]> = {
  practice: ['practice_staff', 'practice_admin'],
  team: ['team_member', 'team_admin'],
};

export const colleagueSchema = (t: Translate, kind: Workplace['kind']) => z.object(personFields(t, colleagueRoles[kind]));

export type ColleagueInput = z.infer<ReturnType<typeof colleagueSchema>>;

const notAColleague = () => notFound('user');

/** The user, when they belong to this practice or team; another tenant's user is 404, like any resource. */
async function colleagueOf(db: Database, workplace: Workplace, userId: string) {
  if (!z.uuid().safeParse(userId).success) throw notAColleague();
  const user = await db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'disabled_at'])
    .where('id', '=', userId)
    .where(workplace.kind === 'practice' ? 'practice_id' : 'team_id', '=', workplace.id)
    .executeTakeFirst();
  if (!user) throw notAColleague();
  return user;
}

/** Makes the account, queues the invitation mail and returns the temporary password to hand over. */
export async function addColleague(
  db: Database,
  ctx: RequestContext,
  baseUrl: string,
  workplace: Workplace,
  input: ColleagueInput,
): Promise<{ id: string; temporaryPassword: string }> {
  const { id, temporaryPassword } = await createUser(
    db,
    ctx,
    {
      ...input,
      practice_id: workplace.kind === 'practice' ? workplace.id : null,
      team_id: workplace.kind === 'team' ? workplace.id : null,
      region_id: null,
    },
    undefined,
    { inviteBaseUrl: baseUrl },
  );
  return { id, temporaryPassword: temporaryPassword! };
}

export async function setColleagueBlocked(db: Database, ctx: RequestContext, workplace: Workplace, userId: string, blocked: boolean): Promise<void> {
  await colleagueOf(db, workplace, userId);
  await setUserDisabled(db, ctx, userId, blocked);
}

/**
 * A new temporary password and the invitation mail again (the first got lost, or the colleague never
 * signed in). A blocked account is refused: re-inviting must never quietly undo a block.
 */
export async function reinviteColleague(
  db: Database,
  ctx: RequestContext,
  baseUrl: string,
  workplace: Workplace,
  userId: string,
): Promise<{ name: string; temporaryPassword: string }> {
  const user = await colleagueOf(db, workplace, userId);
  if (user.disabled_at) {
    throw new AppError('colleague_blocked', 422, {
      nl: 'Dit account is geblokkeerd. Sta het eerst weer toe en nodig daarna opnieuw uit.',
      en: 'This account is blocked. Allow it again first, then invite again.',
    });
  }
  if (ctx.actor?.userId === userId) {
    throw new AppError('self_reinvite', 422, {
      nl: 'U kunt uzelf niet opnieuw uitnodigen. Wijzig uw wachtwoord via Mijn account.',
      en: 'You cannot re-invite yourself. Change your password under My account.',
    });
  }
  const temporaryPassword = await resetPassword(db, ctx, userId, { resetTotp: false, inviteBaseUrl: baseUrl });
  return { name: user.name, temporaryPassword };
}

export const workplaceTexts: Record<Workplace['kind'], { caption: Text; newTitle: Text }> = {
  practice: {
    caption: { nl: 'Medewerkers van de praktijk', en: 'Practice staff' },
    newTitle: { nl: 'Nieuwe collega in de praktijk', en: 'New colleague at the practice' },
  },
  team: {
    caption: { nl: 'Medewerkers van het team', en: 'Team members' },
    newTitle: { nl: 'Nieuwe collega in het team', en: 'New colleague in the team' },
  },
};
