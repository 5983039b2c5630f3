import type { Hono } from 'hono';
import type { AppEnv, Services } from '../platform/http/types.ts';
import type { Role } from '../platform/db/schema.ts';
import { authorize } from '../platform/http/authorize.ts';
import { view } from '../platform/ui/view.ts';
import { referralScope } from '../referrals/referral-scope.ts';
import { AccessReportPage } from './access-report-page.tsx';
import { produceAccessReport } from './produce-access-report.ts';

/** Who may produce an access report: the practice manager and the team coordinator. */
const reportRoles: readonly Role[] = ['practice_admin', 'team_admin'];

/**
 * The access report (NEN 7513 client view) of a referral, and of all referrals of the same person.
 * Scope: a referral the practice sent, or the team holds or — for that one referral — held before
 * forwarding; any other referral answers 404 (authorize.ts).
 */
export function registerAccessReportRoutes(app: Hono<AppEnv>, services: Services): void {
  const oneReferral = authorize(services, { roles: reportRoles, scope: referralScope(services, ['practice', 'team-holder', 'team-former']) });
  const samePerson = authorize(services, { roles: reportRoles, scope: referralScope(services, ['practice', 'team-holder']) });

  app.get('/verwijzingen/:id/toegangsverslag', oneReferral, async (c) =>
    c.html(<AccessReportPage view={view(c)} report={await produceAccessReport(services.db, c.get('ctx'), oneReferral.scoped(c), 'referral')} />),
  );
  app.get('/verwijzingen/:id/toegangsverslag/persoon', samePerson, async (c) =>
    c.html(<AccessReportPage view={view(c)} report={await produceAccessReport(services.db, c.get('ctx'), samePerson.scoped(c), 'person')} />),
  );
}
