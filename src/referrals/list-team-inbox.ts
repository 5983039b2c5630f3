import { sql } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import type { ReferralTable } from '../platform/db/schema.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { amsterdamToday } from './due-dates.ts';
import { requireTeamActor } from './referral-actor.ts';
import { closedStatuses } from './state-machine.ts';

/**
 * The team's inbox, as tabs: new (not yet accepted), assigned to me, overdue (first contact or
 * first conversation past its due day and not reached), all open, and — read-only — the referrals
 * the team forwarded to another team. The list shows patients' names, so reading it is audited,
 * with the referrals shown (NEN 7513: a patient may ask who saw their data).
 */
export const inboxTabs = ['nieuw', 'mij', 'te-laat', 'open', 'doorgestuurd'] as const;
export type InboxTab = (typeof inboxTabs)[number];

export function isInboxTab(value: unknown): value is InboxTab {
  return typeof value === 'string' && (inboxTabs as readonly string[]).includes(value);
}

export interface InboxRow {
  id: string;
  reference: string;
  patient_name: string | null;
  needs: string[];
  urgency_triggers: string[];
  status: ReferralTable['status'];
  requested_on: string;
  first_contact_due: string;
  first_contact_on: string | null;
  first_conversation_due: string;
  first_conversation_on: string | null;
  assignee_name: string | null;
  team_name: string;
}

export interface Inbox {
  tab: InboxTab;
  rows: InboxRow[];
  counts: Record<InboxTab, number>;
  today: string;
}

const LIMIT = 200;
const OPEN = sql<boolean>`r.status not in (${sql.join(closedStatuses.map((s) => sql.lit(s)))})`;

export async function listTeamInbox(db: Database, ctx: RequestContext, tab: InboxTab): Promise<Inbox> {
  const actor = requireTeamActor(ctx);
  const today = amsterdamToday();
  const overdue = sql<boolean>`${OPEN} and ((r.first_contact_on is null and r.first_contact_due < ${today}) or (r.first_conversation_on is null and r.first_conversation_due < ${today}))`;
  const filters: Record<InboxTab, ReturnType<typeof sql<boolean>>> = {
    nieuw: sql<boolean>`r.status in ('requested', 'received')`,
    mij: sql<boolean>`${OPEN} and r.assigned_to = ${actor.userId}`,
    'te-laat': overdue,
    open: OPEN,
    doorgestuurd: sql<boolean>`true`,
  };
  const formerlyHeld = (db: Database) =>
    db.selectFrom('referral_events').select('referral_id').where('type', '=', 'forwarded').where('from_team_id', '=', actor.teamId);

  const base = db
    .selectFrom('referrals as r')
    .innerJoin('teams as t', 't.id', 'r.team_id')
    .leftJoin('users as u', 'u.id', 'r.assigned_to')
    .select([
      'r.id',
      'r.reference',
      'r.patient_name',
      'r.needs',
      'r.urgency_triggers',
      'r.status',
      'r.requested_on',
      'r.first_contact_due',
      'r.first_contact_on',
      'r.first_conversation_due',
      'r.first_conversation_on',
      'u.name as assignee_name',
      't.name as team_name',
    ]);
  const scoped =
    tab === 'doorgestuurd'
      ? base.where('r.id', 'in', formerlyHeld(db)).where('r.team_id', '!=', actor.teamId).orderBy('r.created_at', 'desc')
      : base.where('r.team_id', '=', actor.teamId).where(filters[tab]).orderBy('r.first_conversation_due').orderBy('r.first_contact_due').orderBy('r.created_at');
  const rows = await scoped.limit(LIMIT).execute();

  const countRow = await db
    .selectFrom('referrals as r')
    .select([
      sql<string>`count(*) filter (where ${filters.nieuw})`.as('nieuw'),
      sql<string>`count(*) filter (where ${filters.mij})`.as('mij'),
      sql<string>`count(*) filter (where ${filters['te-laat']})`.as('te_laat'),
      sql<string>`count(*) filter (where ${filters.open})`.as('open'),
    ])
    .where('r.team_id', '=', actor.teamId)
    // Every counted tab is a subset of the open referrals: this lets the partial index do the work.
    .where(OPEN)
    .executeTakeFirstOrThrow();
  const forwarded = await db
    .selectFrom('referrals as r')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('r.id', 'in', formerlyHeld(db))
    .where('r.team_id', '!=', actor.teamId)
    .executeTakeFirstOrThrow();

  await writeAudit(db, ctx, {
    action: 'referral.list_read',
    subjectType: 'team_inbox',
    subjectId: actor.teamId,
    details: { tab, count: rows.length, referralIds: rows.map((r) => r.id) },
  });
  return {
    tab,
    rows,
    today,
    counts: { nieuw: Number(countRow.nieuw), mij: Number(countRow.mij), 'te-laat': Number(countRow.te_laat), open: Number(countRow.open), doorgestuurd: Number(forwarded.n) },
  };
}
