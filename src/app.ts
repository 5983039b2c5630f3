import type { Hono } from 'hono';
import type { AppEnv, Services } from './platform/http/types.ts';
import { createHttpApp } from './platform/web/app.tsx';
import { registerHealthRoute } from './platform/http/health.ts';
import { registerAssetRoutes } from './platform/ui/assets.ts';
import { registerAuthRoutes } from './account/routes.tsx';
import { registerHomeRoutes } from './home/routes.tsx';
import { registerAdminRoutes } from './admin/routes.tsx';
import { registerSocialMapRoutes } from './socialmap/routes.tsx';
import { registerRoutingPages } from './routing/pages.tsx';
import { registerNotificationPages } from './notifications/routes.tsx';
import { registerSignalPages } from './signals/pages.tsx';
import { registerSelfcheckPages } from './selfcheck/pages.tsx';
import { registerHsdsRoutes } from './interop/hsds/routes.ts';
import { registerReferralRoutes } from './referrals/routes.tsx';
import { registerReferralMessageRoutes } from './referrals/message-routes.tsx';
import { registerWithdrawConsentRoute } from './referrals/withdraw-consent-route.tsx';
import { registerConsultationRoutes } from './consultations/routes.tsx';
import { registerAccessReportRoutes } from './access-report/routes.tsx';

/** Every capability's routes on one app. Only this file (and main.ts) knows all modules. */
export function createApp(services: Services): Hono<AppEnv> {
  const app = createHttpApp(services);
  registerHealthRoute(app, services);
  registerAssetRoutes(app);
  registerAuthRoutes(app, services);
  registerHomeRoutes(app, services);
  registerAdminRoutes(app, services);
  registerSocialMapRoutes(app, services);
  registerRoutingPages(app, services);
  registerNotificationPages(app, services);
  registerSignalPages(app, services);
  registerSelfcheckPages(app, services);
  registerHsdsRoutes(app, services);
  registerReferralRoutes(app, services);
  registerReferralMessageRoutes(app, services);
  registerWithdrawConsentRoute(app, services);
  registerConsultationRoutes(app, services);
  registerAccessReportRoutes(app, services);
  return app;
}
