import type { Logger } from './log.ts';
import type { Lang } from './i18n.ts';
import type { Role } from './db/schema.ts';

/** The signed-in person as the domain sees them: role plus membership (practice, team or region). */
export interface Actor {
  userId: string;
  role: Role;
  name: string;
  email: string;
  practiceId: string | null;
  teamId: string | null;
  regionId: string | null;
}

/**
 * Passed explicitly into use cases and storage calls: who acts, from where, in which request.
 * No hidden globals.
 */
export interface RequestContext {
  requestId: string;
  ip: string;
  lang: Lang;
  log: Logger;
  actor: Actor | null;
}

/** For background jobs and the CLI: no person, a fixed access point. */
export function systemContext(log: Logger, accessPoint: 'cli' | 'job'): RequestContext {
  return { requestId: `${accessPoint}-${Date.now()}`, ip: accessPoint, lang: 'nl', log, actor: null };
}
