import { sql } from 'kysely';
import type { Database, Executor } from '../platform/db/database.ts';
import type { Actor, RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { AppError, forbidden } from '../platform/errors.ts';
import { enqueueMail } from '../platform/mail/outbox.ts';
import { addDaysIso, amsterdamToday } from '../platform/dates.ts';
import { actorRegionId } from '../visits/visit-access.ts';
import { addMonthsIso } from '../visits/visit-rules.ts';
import { eventKindLabels } from '../events/event-rules.ts';
import { composeNewsletter, newsletterTitle } from './compose.ts';
import { editorRegion, type NewsletterInScope } from './newsletter-access.ts';
import { unsubscribeToken } from './unsubscribe-token.ts';

/**
 * The bimonthly newsletter: a draft composed from the last two months of the social map and the
 * coming events, edited by the regional coordinator and sent through the outbox to everyone in the
 * region who did not unsubscribe. Each mail carries its own one-click unsubscribe address in the
 * List-Unsubscribe and List-Unsubscribe-Post headers (RFC 2369, RFC 8058) and in the text.
 */
export const alreadySent = () =>
  new AppError('newsletter_sent', 409, { nl: 'Deze nieuwsbrief is al verstuurd.', en: 'This newsletter has already been sent.' });

const when = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });

async function changesIn(db: Executor, regionId: string, from: string, to: string) {
  const since = new Date(`${from}T00:00:00Z`);
  const services = db
    .selectFrom('services')
    .innerJoin('organisations', 'organisations.id', 'services.organisation_id')
    .select(['services.name', 'organisations.name as organisation'])
    .where('organisations.region_id', '=', regionId)
    .orderBy('services.name');
  const contacts = db
    .selectFrom('contacts')
    .innerJoin('organisations', 'organisations.id', 'contacts.organisation_id')
    .select(['contacts.name', 'organisations.name as organisation'])
    .where('organisations.region_id', '=', regionId)
    .orderBy('contacts.name');
  const [newServices, changedServices, newContacts, contactsLeft, events] = await Promise.all([
    services.where('services.created_at', '>=', since).execute(),
    services.where('services.created_at', '<', since).where('services.updated_at', '>=', since).execute(),
    contacts.where('contacts.created_at', '>=', since).execute(),
    contacts.where('contacts.ended_at', '>=', since).execute(),
    db
      .selectFrom('network_events')
      .select(['title', 'kind', 'starts_at', 'place'])
      .where('region_id', '=', regionId)
      .where('cancelled_at', 'is', null)
      .where('starts_at', '>', sql<Date>`now()`)
      .orderBy('starts_at')
      .limit(20)
      .execute(),
  ]);
  return {
    periodFrom: from,
    periodTo: to,
    newServices,
    changedServices,
    newContacts,
    contactsLeft,
    events: events.map((e) => ({ title: e.title, kind: eventKindLabels[e.kind].nl, when: when.format(e.starts_at), place: e.place })),
  };
}

export async function draftNewsletter(db: Database, ctx: RequestContext, now = new Date()): Promise<{ id: string }> {
  const actor = ctx.actor;
  if (!actor) throw forbidden();
  const scope = await editorRegion(db, actor);
  if (!scope) throw forbidden();
  const to = amsterdamToday(now);
  const from = addDaysIso(addMonthsIso(to, -2), 1);
  const body = composeNewsletter(await changesIn(db, scope.regionId, from, to));
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('newsletters')
      .values({ region_id: scope.regionId, title: newsletterTitle(to), body, period_from: from, period_to: to, created_by: actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, ctx, { action: 'newsletter.drafted', subjectType: 'newsletter', subjectId: row.id });
    return row;
  });
}

export async function editNewsletter(db: Database, ctx: RequestContext, scope: NewsletterInScope, input: { title: string; body: string }): Promise<void> {
  if (!scope.mayEdit) throw forbidden();
  await db.transaction().execute(async (trx) => {
    const changed = await trx.updateTable('newsletters').set(input).where('id', '=', scope.id).where('sent_at', 'is', null).executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 0) throw alreadySent();
    await writeAudit(trx, ctx, { action: 'newsletter.edited', subjectType: 'newsletter', subjectId: scope.id });
  });
}

/** Everyone working in the region who has not unsubscribed. */
async function subscribers(db: Executor, regionId: string) {
  return db
    .selectFrom('users')
    .leftJoin('organisations as practice', 'practice.id', 'users.practice_id')
    .leftJoin('teams', 'teams.id', 'users.team_id')
    .leftJoin('organisations as team_org', 'team_org.id', 'teams.organisation_id')
    .select(['users.id', 'users.email'])
    .where('users.disabled_at', 'is', null)
    .where('users.role', 'in', ['practice_staff', 'practice_admin', 'team_member', 'team_admin', 'region_coordinator'])
    .where((eb) => eb.or([eb('practice.region_id', '=', regionId), eb('team_org.region_id', '=', regionId), eb('users.region_id', '=', regionId)]))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('newsletter_unsubscribes').select('user_id').whereRef('newsletter_unsubscribes.user_id', '=', 'users.id'))))
    .execute();
}

export async function sendNewsletter(
  db: Database,
  ctx: RequestContext,
  scope: NewsletterInScope,
  options: { baseUrl: string; secret: string },
): Promise<number> {
  const actor = ctx.actor;
  if (!actor || !scope.mayEdit) throw forbidden();
  return db.transaction().execute(async (trx) => {
    const letter = await trx.selectFrom('newsletters').select(['title', 'body', 'sent_at']).where('id', '=', scope.id).forUpdate().executeTakeFirstOrThrow();
    if (letter.sent_at) throw alreadySent();
    const people = await subscribers(trx, scope.regionId);
    for (const person of people) {
      const unsubscribe = `${options.baseUrl}/nieuwsbrief/afmelden/${unsubscribeToken(options.secret, person.id)}`;
      await enqueueMail(trx, {
        to: person.email,
        subject: letter.title,
        text: [
          letter.body,
          '',
          `Lees de nieuwsbrief ook in Korte Lijn: ${options.baseUrl}/nieuwsbrief/${scope.id}`,
          `Geen nieuwsbrief meer ontvangen? Meld u af met één klik: ${unsubscribe}`,
          '',
          '---',
          `The Korte Lijn newsletter of your region. Unsubscribe with one click: ${unsubscribe}`,
        ].join('\n'),
        headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        dedupeKey: `newsletter:${scope.id}:${person.id}`,
      });
    }
    await trx.updateTable('newsletters').set({ sent_at: new Date(), sent_by: actor.userId, recipients: people.length }).where('id', '=', scope.id).execute();
    await writeAudit(trx, ctx, { action: 'newsletter.sent', subjectType: 'newsletter', subjectId: scope.id, details: { recipients: people.length } });
    return people.length;
  });
}

/** One-click unsubscribe (no session: the signed address is the authorisation). Idempotent. */
export async function unsubscribe(db: Database, ctx: RequestContext, userId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('newsletter_unsubscribes')
      .values({ user_id: userId })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .returning('user_id')
      .executeTakeFirst();
    if (inserted) await writeAudit(trx, ctx, { action: 'newsletter.unsubscribed', subjectType: 'user', subjectId: userId });
  });
}

export async function setSubscription(db: Database, ctx: RequestContext, subscribed: boolean): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw forbidden();
  if (!subscribed) return unsubscribe(db, ctx, actor.userId);
  await db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('newsletter_unsubscribes').where('user_id', '=', actor.userId).executeTakeFirst();
    if (Number(removed.numDeletedRows) > 0) await writeAudit(trx, ctx, { action: 'newsletter.subscribed', subjectType: 'user', subjectId: actor.userId });
  });
}

export async function isSubscribed(db: Database, userId: string): Promise<boolean> {
  return !(await db.selectFrom('newsletter_unsubscribes').select('user_id').where('user_id', '=', userId).executeTakeFirst());
}

export interface NewsletterRow {
  id: string;
  title: string;
  body: string;
  periodFrom: string;
  periodTo: string;
  sentAt: Date | null;
  recipients: number | null;
}

const toRow = (r: {
  id: string;
  title: string;
  body: string;
  period_from: string;
  period_to: string;
  sent_at: Date | null;
  recipients: number | null;
}): NewsletterRow => ({
  id: r.id,
  title: r.title,
  body: r.body,
  periodFrom: r.period_from,
  periodTo: r.period_to,
  sentAt: r.sent_at,
  recipients: r.recipients,
});

const columns = ['id', 'title', 'body', 'period_from', 'period_to', 'sent_at', 'recipients'] as const;

/** The archive of the actor's region: sent issues, newest first; the coordinator also sees the drafts. */
export async function newsletterArchive(db: Database, actor: Actor): Promise<NewsletterRow[]> {
  const regionId = await actorRegionId(db, actor);
  if (!regionId) return [];
  let q = db.selectFrom('newsletters').select(columns).where('region_id', '=', regionId);
  if (actor.role !== 'region_coordinator') q = q.where('sent_at', 'is not', null);
  return (await q.orderBy('created_at', 'desc').limit(100).execute()).map(toRow);
}

export async function getNewsletter(db: Database, id: string): Promise<NewsletterRow | null> {
  const row = await db.selectFrom('newsletters').select(columns).where('id', '=', id).executeTakeFirst();
  return row ? toRow(row) : null;
}
