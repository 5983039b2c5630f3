import type { Database } from '../platform/db/database.ts';
import type { Actor } from '../platform/context.ts';
import { membershipKindOf } from '../platform/auth/roles.ts';

/**
 * A consultation belongs to one practice (that asked) and one team (that was asked). Practice users
 * see their own practice's questions, team users the questions to their own team; nobody else —
 * not even an administrator or regional coordinator — although no patient is named in them.
 */
export type ConsultationSide = 'practice' | 'team';

export async function consultationSide(db: Database, actor: Actor, consultationId: string): Promise<ConsultationSide | null> {
  const kind = membershipKindOf(actor.role);
  if (kind !== 'practice' && kind !== 'team') return null;
  const row = await db.selectFrom('consultations').select(['practice_id', 'team_id']).where('id', '=', consultationId).executeTakeFirst();
  if (!row) return null;
  if (kind === 'practice') return row.practice_id === actor.practiceId ? 'practice' : null;
  return row.team_id === actor.teamId ? 'team' : null;
}
