import type { Hono } from 'hono';
import type { AppEnv, Services } from '../platform/http/types.ts';
import { registerOrganisationPages } from './organisation-pages.tsx';
import { registerTeamPages } from './team-pages.tsx';
import { registerUserPages } from './user-pages.tsx';
import { registerAuditPages } from './audit-pages.tsx';
import { registerMyOrganisationPages } from './my-organisation-pages.tsx';

export function registerAdminRoutes(app: Hono<AppEnv>, services: Services): void {
  registerOrganisationPages(app, services);
  registerTeamPages(app, services);
  registerUserPages(app, services);
  registerAuditPages(app, services);
  registerMyOrganisationPages(app, services);
}
