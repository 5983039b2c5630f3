import type { Hono } from 'hono';
import type { AppEnv, Services } from './platform/http/types.ts';
import { metricsFor } from './platform/metrics/metrics.ts';
import { registerMetricsRoute } from './platform/metrics/endpoint.ts';
import { overdueReferralsPerTeam } from './referrals/overdue-counts.ts';

/**
 * The app's metrics (like jobs.ts for background jobs): the platform's own (requests, connections,
 * outbox, jobs, sign-in failures; platform/metrics) plus what capabilities add, and the /metrics route.
 */
export function registerMetrics(app: Hono<AppEnv>, services: Services): void {
  metricsFor(services.db).addDatabaseGauge({
    name: 'korte_lijn_referrals_overdue',
    help: 'Open referrals past a response term now, per team (id) and milestone (first_contact, first_conversation).',
    labelNames: ['team_id', 'milestone'],
    read: async (db) =>
      (await overdueReferralsPerTeam(db)).flatMap((count) => [
        { labels: { team_id: count.teamId, milestone: 'first_contact' }, value: count.firstContact },
        { labels: { team_id: count.teamId, milestone: 'first_conversation' }, value: count.firstConversation },
      ]),
  });
  registerMetricsRoute(app, services);
}
