import type { Transaction } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import type { DB, Referral } from '../platform/db/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { notifyUsers, practiceRecipients, type NotificationKind } from '../platform/notifications/notify.ts';
import { nextStatus, type ReferralAction, type ReferralStatus } from './state-machine.ts';
import { illegalTransition, notFound } from './referral-errors.ts';
import { requirePracticeActor, requireTeamActor } from './referral-actor.ts';
import { AppError } from '../platform/errors.ts';
import { bsnMessage, containsBsn } from '../platform/bsn.ts';

/**
 * The shared step of every referral action: lock the row, check that the actor's team holds it (or
 * that the actor's practice sent it), ask the state machine, and write the change, its history
 * event, its audit entry and the practice's notification in the caller's transaction — so they all
 * commit together or not at all (STYLE.md: state change, audit row and outgoing job in one transaction).
 */
export type Trx = Transaction<DB>;

/**
 * The free-text rule of the team's and practice's forms (action-forms.ts: at most `max` characters,
 * never a BSN), applied again in the use case so a caller that skips those forms (the FHIR Task
 * update) cannot store what the form refuses.
 */
export function checkActionText(text: string | null, max: number): void {
  if (text === null) return;
  if (text.length > max)
    throw new AppError('text_too_long', 422, {
      nl: `Houd het kort: hooguit ${max} tekens.`,
      en: `Keep it short: ${max} characters at most.`,
    });
  if (containsBsn(text)) throw new AppError('bsn_refused', 422, bsnMessage);
}

/** The referral, locked for this transaction, when the actor's team holds it; 404 otherwise. */
export async function lockForTeam(trx: Trx, ctx: RequestContext, referralId: string): Promise<Referral> {
  const actor = requireTeamActor(ctx);
  const referral = await trx.selectFrom('referrals').selectAll().where('id', '=', referralId).forUpdate().executeTakeFirst();
  if (!referral || referral.team_id !== actor.teamId) throw notFound('referral');
  return referral;
}

/** The referral, locked for this transaction, when the actor's practice sent it; 404 otherwise. */
export async function lockForPractice(trx: Trx, ctx: RequestContext, referralId: string): Promise<Referral> {
  const actor = requirePracticeActor(ctx);
  const referral = await trx.selectFrom('referrals').selectAll().where('id', '=', referralId).forUpdate().executeTakeFirst();
  if (!referral || referral.practice_id === null || referral.practice_id !== actor.practiceId) throw notFound('referral');
  return referral;
}

/** The status after `action`, or a 409 with the current status in Dutch. */
export function requireTransition(referral: Pick<Referral, 'status'>, action: ReferralAction): ReferralStatus {
  const next = nextStatus(referral.status, action);
  if (!next) throw illegalTransition(referral.status);
  return next;
}

/**
 * Every kind of change recorded on a referral: referral_events.type, and the audit action
 * `referral.<type>` (the audit log names each one, admin/audit-labels.ts; a test holds them together).
 */
export const referralChangeTypes = [
  'received',
  'accepted',
  'already_known',
  'contact_attempt',
  'first_contact',
  'conversation_planned',
  'first_conversation',
  'onsite_meeting_booked',
  'onsite_meeting_cancelled',
  'forwarded',
  'rejected',
  'closed',
  'cancelled',
] as const;

export type ReferralChangeType = (typeof referralChangeTypes)[number];

export interface ReferralChange {
  referral: Referral;
  /** referral_events.type, also the audit action `referral.<type>`. */
  type: ReferralChangeType;
  toStatus: ReferralStatus;
  note?: string | null;
  fromTeamId?: string | null;
  toTeamId?: string | null;
  /** Codes and ids only: never personal data. */
  auditDetails?: Record<string, unknown>;
  /**
   * Overrides the practice's notification kind. Default: what changed (practiceNews) when the
   * status changes, except to 'received' (the team opened it: shown in the list, not worth a notification).
   */
  practiceNotification?: NotificationKind | null;
}

/** The practice's notification for a status change, by event type: it says what changed. */
const practiceNews: Partial<Record<string, NotificationKind>> = {
  accepted: 'referral_accepted',
  first_contact: 'contact_made',
  first_conversation: 'conversation_held',
  conversation_planned: 'conversation_planned',
  rejected: 'referral_rejected',
  forwarded: 'referral_forwarded_on',
  closed: 'referral_closed',
};

export async function recordChange(trx: Trx, ctx: RequestContext, baseUrl: string, change: ReferralChange): Promise<void> {
  const { referral } = change;
  await trx
    .insertInto('referral_events')
    .values({
      referral_id: referral.id,
      actor_user_id: ctx.actor?.userId ?? null,
      type: change.type,
      from_status: referral.status,
      to_status: change.toStatus,
      from_team_id: change.fromTeamId ?? null,
      to_team_id: change.toTeamId ?? null,
      note: change.note ?? null,
    })
    .execute();
  await writeAudit(trx, ctx, {
    action: `referral.${change.type}`,
    subjectType: 'referral',
    subjectId: referral.id,
    patientRef: referral.id,
    details: { from: referral.status, to: change.toStatus, ...change.auditDetails },
  });
  const statusNews = change.toStatus !== referral.status && change.toStatus !== 'received';
  const kind =
    change.practiceNotification === undefined ? (statusNews ? (practiceNews[change.type] ?? 'referral_updated') : null) : change.practiceNotification;
  if (kind && referral.practice_id) {
    await notifyUsers(trx, baseUrl, { userIds: await practiceRecipients(trx, referral.practice_id, referral.created_by), kind, referralId: referral.id });
  }
}

/** Runs one referral action in a transaction. */
export function inTransaction<T>(db: Database, work: (trx: Trx) => Promise<T>): Promise<T> {
  return db.transaction().execute(work);
}
