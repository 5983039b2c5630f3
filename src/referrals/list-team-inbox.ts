import { sql } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import type { ReferralTable } from '../platform/db/schema.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { amsterdamToday } from '../platform/dates.ts';
import { requireTeamActor } from './referral-actor.ts';
import { closedStatuses } from './state-machine.ts';
import { compileOnce } from './compile-once.ts';

/**
 * The team's inbox, as tabs, a page at a time: new (not yet accepted), assigned to me, overdue (first contact or
 * first conversation past its due day and not reached), all open, and — read-only — the referrals
 * the team forwarded to another team. The list shows patients' names, so reading it is audited,
 * with the referrals shown (NEN 7513: a patient may ask who saw their data).
 */
export const inboxTabs = ['nieuw', 'mij', 'te-laat', 'open', 'doorgestuurd'] as const;
export type InboxTab = (typeof inboxTabs)[number];
/** The tabs with work in them, all within the open referrals: their labels carry a count. */
export type WorkTab = Exclude<InboxTab, 'doorgestuurd'>;

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

/**
 * What the team searched for (`/inbox?zoek=`): a KL number — with or without "KL-", any case —
 * or part of a name. Both are tried, so "Jansen" finds the name and "k7m2qp" the referral; the
 * search term itself is never logged (it is patient data). Pure.
 */
export interface InboxSearch {
  /** The search term as typed (trimmed), to show it again in the search field. */
  text: string;
  reference: string;
  /** An ILIKE pattern: the term with its wildcards escaped, anywhere in the name. */
  namePattern: string;
}

export const INBOX_SEARCH_MAX = 100;

export function inboxSearch(input: string | undefined | null): InboxSearch | null {
  const text = (input ?? '').trim().replace(/\s+/g, ' ');
  if (text.length < 2 || text.length > INBOX_SEARCH_MAX) return null;
  const code = text.toUpperCase().replace(/^KL[-\s]?/, '');
  return { text, reference: `KL-${code}`, namePattern: `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%` };
}

export interface Inbox {
  tab: InboxTab;
  /** Set when the page shows search results instead of a tab. */
  search: InboxSearch | null;
  /** From 1; PAGE_SIZE rows a page. */
  page: number;
  hasMore: boolean;
  rows: InboxRow[];
  counts: Record<WorkTab, number>;
  today: string;
}

/** Rows a page. Few enough to scan at a glance, and each read shows (and audits) no more names than that. */
export const INBOX_PAGE_SIZE = 50;

export const OPEN = sql<boolean>`r.status not in (${sql.join(closedStatuses.map((s) => sql.lit(s)))})`;

/** A first conversation planned for a day still to come has not taken place: it counts on that day. */
export const conversationPending = (today: string) => sql<boolean>`(r.first_conversation_on is null or r.first_conversation_on > ${today})`;

/** Each work tab as a condition on an open referral (alias `r`); lists add OPEN, counts read only open ones. */
export function workConditions(userId: string, today: string): Record<WorkTab, ReturnType<typeof sql<boolean>>> {
  return {
    nieuw: sql<boolean>`r.status in ('requested', 'received')`,
    mij: sql<boolean>`r.assigned_to = ${userId}`,
    'te-laat': sql<boolean>`((r.first_contact_on is null and r.first_contact_due < ${today}) or (${conversationPending(today)} and r.first_conversation_due < ${today}))`,
    open: sql<boolean>`true`,
  };
}

/** What a list read's statement is given; each tab (and a search) has its own statement. */
interface InboxValues extends Record<string, unknown> {
  teamId: string;
  userId: string;
  today: string;
  offset: number;
  /** What was searched for: given to the search's statement only, as compileOnce binds every value it gets. */
  reference?: string;
  namePattern?: string;
}

/** The page and its tab counts as one statement, for one tab or for a search (compile-once.ts). */
function inboxStatement(kind: InboxTab | 'zoeken') {
  return compileOnce((db: Database, v: InboxValues) => {
    const withinOpen = workConditions(v.userId, v.today);
    const forwardedByUs = db.selectFrom('referral_events').select('referral_id').where('type', '=', 'forwarded').where('from_team_id', '=', v.teamId);

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
        'r.created_at',
      ]);
    // Page order, total (id last); the outer query repeats it, as a join need not keep its input's order.
    const order: Array<[column: 'first_conversation_due' | 'first_contact_due' | 'created_at' | 'id', direction: 'asc' | 'desc']> =
      kind === 'doorgestuurd' || kind === 'zoeken'
        ? [
            ['created_at', 'desc'],
            ['id', 'desc'],
          ]
        : [
            ['first_conversation_due', 'asc'],
            ['first_contact_due', 'asc'],
            ['created_at', 'asc'],
            ['id', 'asc'],
          ];
    let listed =
      kind === 'zoeken'
        ? // Every referral the team holds, closed ones too ("was she referred before?"); newest first.
          base.where('r.team_id', '=', v.teamId).where((eb) => eb.or([eb('r.reference', '=', v.reference!), eb('r.patient_name', 'ilike', v.namePattern!)]))
        : kind === 'doorgestuurd'
          ? base.where('r.id', 'in', forwardedByUs).where('r.team_id', '!=', v.teamId)
          : base.where('r.team_id', '=', v.teamId).where(OPEN).where(withinOpen[kind]);
    for (const [column, direction] of order) listed = listed.orderBy(`r.${column}`, direction);
    // One row more than a page tells whether there is a next page.
    const pageRows = listed
      .limit(INBOX_PAGE_SIZE + 1)
      .offset(v.offset)
      .as('p');

    // The forwarded tab is read-only and has no count: counting it would cost as much as all the others.
    const counts = db
      .selectFrom('referrals as r')
      .select([
        sql<string>`count(*) filter (where ${withinOpen.nieuw})`.as('nieuw'),
        sql<string>`count(*) filter (where ${withinOpen.mij})`.as('mij'),
        sql<string>`count(*) filter (where ${withinOpen['te-laat']})`.as('te_laat'),
        sql<string>`count(*)`.as('open'),
      ])
      .where('r.team_id', '=', v.teamId)
      // Only open referrals: the partial index carries every column the counts test.
      .where(OPEN)
      .as('c');

    // The page and the counts in one statement (the counts row, joined to the page's rows): a list
    // read is one round trip and the audit entry, which matters at a team's busiest hour.
    let combined = db
      .selectFrom(counts)
      .leftJoin(pageRows, (join) => join.onTrue())
      .selectAll('p')
      .select(['c.nieuw', 'c.mij', 'c.te_laat', 'c.open']);
    for (const [column, direction] of order) combined = combined.orderBy(`p.${column}`, direction);
    return combined;
  });
}

const inboxStatements = Object.fromEntries([...inboxTabs, 'zoeken' as const].map((kind) => [kind, inboxStatement(kind)])) as Record<
  InboxTab | 'zoeken',
  ReturnType<typeof inboxStatement>
>;

export async function listTeamInbox(db: Database, ctx: RequestContext, tab: InboxTab, page = 1, search: InboxSearch | null = null): Promise<Inbox> {
  const actor = requireTeamActor(ctx);
  const today = amsterdamToday();
  const result = await inboxStatements[search ? 'zoeken' : tab](db, {
    teamId: actor.teamId,
    userId: actor.userId,
    today,
    offset: (page - 1) * INBOX_PAGE_SIZE,
    ...(search ? { reference: search.reference, namePattern: search.namePattern } : {}),
  });
  const countRow = result[0]!;
  const fetched = result
    .filter((row): row is typeof row & InboxRow => row.id !== null)
    // A forwarded referral is the new team's: the old team follows its status, not who it is about.
    .map(({ nieuw, mij, te_laat, open, created_at, ...row }) => (tab === 'doorgestuurd' && !search ? { ...row, patient_name: null } : row));
  const rows = fetched.slice(0, INBOX_PAGE_SIZE);

  await writeAudit(db, ctx, {
    action: 'referral.list_read',
    subjectType: 'team_inbox',
    subjectId: actor.teamId,
    // Per referral shown, so the access report (NEN 7513: who saw my data) finds this read.
    patientRefs: rows.map((r) => r.id),
    // That a search was made, never what was searched for.
    details: { tab: search ? 'zoeken' : tab, page, count: rows.length },
  });
  return {
    tab,
    search,
    page,
    hasMore: fetched.length > INBOX_PAGE_SIZE,
    rows,
    today,
    counts: { nieuw: Number(countRow.nieuw), mij: Number(countRow.mij), 'te-laat': Number(countRow.te_laat), open: Number(countRow.open) },
  };
}
