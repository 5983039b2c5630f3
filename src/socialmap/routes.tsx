import type { Hono } from 'hono';
import type { AppEnv, Services } from '../platform/http/types.ts';
import { registerContactPages } from './contact-pages.tsx';
import { registerLocationPages } from './location-pages.tsx';
import { registerManagePages } from './manage-pages.tsx';
import { registerPublicPages } from './public-pages.tsx';
import { registerSearchPages } from './search-pages.tsx';
import { registerServicePages } from './service-pages.tsx';

/** The social map: search for staff, public help pages for residents, and the editors' pages. */
export function registerSocialMapRoutes(app: Hono<AppEnv>, services: Services): void {
  registerSearchPages(app, services);
  registerManagePages(app, services);
  registerServicePages(app, services);
  registerLocationPages(app, services);
  registerContactPages(app, services);
  registerPublicPages(app, services);
}
