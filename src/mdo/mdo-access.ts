import type { Actor } from '../platform/context.ts';
import type { Executor } from '../platform/db/database.ts';
import type { Role } from '../platform/db/schema.ts';
import { practiceInScope, type PracticeInScope } from '../visits/visit-access.ts';
import type { MdoStatus } from './mdo-rules.ts';

/**
 * Whose MDO is whose. An MDO belongs to one practice and the region's teams; its page is open to
 * the practice's staff, the teams of the region and the regional coordinator (who sees counts and
 * actions, never a patient: mdo-rules.ts maySeeCase). Planning is for the practice and the teams;
 * putting a case on the agenda, recording the MDO and ticking off actions is for its participants.
 * Anyone else gets 404, so another tenant's MDO does not reveal itself.
 */
export const mdoViewerRoles: readonly Role[] = ['practice_staff', 'practice_admin', 'team_member', 'team_admin', 'region_coordinator'];
export const mdoPlannerRoles: readonly Role[] = ['practice_staff', 'practice_admin', 'team_member', 'team_admin'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The practice an MDO may be planned at by this actor: their own practice, or one of their team's region. */
export async function mdoPracticeInScope(db: Executor, actor: Actor, practiceId: string | undefined): Promise<PracticeInScope | null> {
  if (!mdoPlannerRoles.includes(actor.role)) return null;
  return practiceInScope(db, actor, practiceId);
}

export interface MdoInScope {
  id: string;
  practiceId: string;
  practiceName: string;
  regionId: string;
  status: MdoStatus;
  participantIds: string[];
  /** A participant (and so may add cases, record the MDO and tick off actions). */
  takesPart: boolean;
}

export async function mdoInScope(db: Executor, actor: Actor, mdoId: string | undefined): Promise<MdoInScope | null> {
  if (!mdoId || !UUID.test(mdoId) || !mdoViewerRoles.includes(actor.role)) return null;
  const mdo = await db.selectFrom('mdos').select(['id', 'practice_id', 'status']).where('id', '=', mdoId).executeTakeFirst();
  if (!mdo) return null;
  const practice = await practiceInScope(db, actor, mdo.practice_id);
  if (!practice) return null;
  const participantIds = (await db.selectFrom('mdo_participants').select('user_id').where('mdo_id', '=', mdo.id).execute()).map((p) => p.user_id);
  return {
    id: mdo.id,
    practiceId: practice.id,
    practiceName: practice.name,
    regionId: practice.regionId,
    status: mdo.status,
    participantIds,
    takesPart: mdoPlannerRoles.includes(actor.role) && participantIds.includes(actor.userId),
  };
}
