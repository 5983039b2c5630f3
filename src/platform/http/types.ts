import type { Context } from 'hono';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Logger } from '../log.ts';
import type { RequestContext } from '../context.ts';
import type { LoadedSession } from '../auth/sessions.ts';

/** What the composition root hands to every route module. */
export interface Services {
  db: Database;
  config: Config;
  log: Logger;
}

export interface AppEnv {
  Variables: {
    ctx: RequestContext;
    session: LoadedSession | null;
    /** The token forms must echo: the session's, or the anonymous double-submit cookie's. */
    csrfToken: string;
    /** Unread in-app notifications of the signed-in user (shown in the header). */
    unread: number;
    /** What the route's authorize scope resolved (read it through the guard: `guard.scoped(c)`). */
    scoped: unknown;
  };
}

export type AppContext = Context<AppEnv>;
