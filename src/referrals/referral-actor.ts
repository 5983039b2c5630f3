import type { Actor, RequestContext } from '../platform/context.ts';
import { forbidden, signInRequiredError } from './referral-errors.ts';

/**
 * Use cases check who acts themselves too: the routes already did (authorize), but a use case is
 * also called from tests, the CLI and seeds, and must never trust its caller for the data scope.
 */
export type PracticeActor = Actor & { practiceId: string };
export type TeamActor = Actor & { teamId: string };

export function requirePracticeActor(ctx: RequestContext): PracticeActor {
  const actor = ctx.actor;
  if (!actor) throw signInRequiredError();
  if ((actor.role !== 'practice_staff' && actor.role !== 'practice_admin') || !actor.practiceId) throw forbidden();
  return actor as PracticeActor;
}

export function requireTeamActor(ctx: RequestContext): TeamActor {
  const actor = ctx.actor;
  if (!actor) throw signInRequiredError();
  if ((actor.role !== 'team_member' && actor.role !== 'team_admin') || !actor.teamId) throw forbidden();
  return actor as TeamActor;
}
