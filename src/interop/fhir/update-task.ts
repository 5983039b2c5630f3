import { z } from 'zod';
import type { Database } from '../../platform/db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import { amsterdamDate, amsterdamToday } from '../../platform/dates.ts';
import { acceptReferral } from '../../referrals/accept-referral.ts';
import { cancelReferral } from '../../referrals/cancel-referral.ts';
import { closeReferral } from '../../referrals/close-referral.ts';
import { openReferral } from '../../referrals/open-referral.ts';
import { recordFirstContact } from '../../referrals/record-first-contact.ts';
import { recordFirstConversation } from '../../referrals/record-first-conversation.ts';
import { rejectReferral } from '../../referrals/reject-referral.ts';
import { illegalTransition } from '../../referrals/referral-errors.ts';
import { outcomes, type Outcome } from '../../referrals/state-machine.ts';
import type { Referral } from '../../platform/db/schema.ts';
import { fhirError } from './operation-outcome.ts';
import { translator, type Translate } from '../../platform/i18n.ts';
import { validateValues } from '../../platform/http/forms.ts';
import { firstContactSchema, firstConversationSchema } from '../../referrals/action-forms.ts';
import { businessStatusOf, taskStatus } from './to-fhir.ts';
import { isReasonCode, type ReasonCode } from '../../referrals/reasons.ts';
import { systems, type BusinessStatus } from './terminology.ts';
import type { ApiAccess } from './referral-resources.ts';

/**
 * A case system (or a HIS) updates a Task: the change it asks for becomes the web app's action on
 * the referral, through the same use cases and so the same state machine (referrals/state-machine.ts),
 * history, audit and notifications. What cannot happen from the current status is refused by the
 * state machine (answered 422). Only the status, businessStatus, statusReason and output are read;
 * a PUT that changes nothing else is accepted as it is.
 */
const concept = z
  .object({ coding: z.array(z.object({ system: z.string().optional(), code: z.string().optional() }).loose()).optional(), text: z.string().optional() })
  .loose();

const taskSchema = z
  .object({
    resourceType: z.literal('Task'),
    id: z.string().optional(),
    status: z.enum([
      'draft',
      'requested',
      'received',
      'accepted',
      'rejected',
      'cancelled',
      'in-progress',
      'on-hold',
      'failed',
      'completed',
      'entered-in-error',
      'ready',
    ]),
    businessStatus: concept.optional(),
    statusReason: concept.optional(),
    lastModified: z.string().optional(),
    output: z.array(z.object({ valueCodeableConcept: concept.optional(), valueString: z.string().optional() }).loose()).optional(),
    note: z.array(z.object({ text: z.string() }).loose()).optional(),
  })
  .loose();

export type TaskUpdate = z.infer<typeof taskSchema>;

const invalidTask = () =>
  fhirError('fhir_invalid', 400, {
    nl: 'Dit is geen geldige Task. Stuur een Task met minstens een status.',
    en: 'This is not a valid Task. Send a Task with at least a status.',
  });

export function parseTaskUpdate(body: unknown, id: string): TaskUpdate {
  const parsed = taskSchema.safeParse(body);
  if (!parsed.success) throw invalidTask();
  if (parsed.data.id !== undefined && parsed.data.id !== id)
    throw fhirError('id_mismatch', 400, {
      nl: 'Het id in de Task is anders dan het id in het adres.',
      en: 'The id in the Task differs from the id in the address.',
    });
  return parsed.data;
}

const codeIn = (c: z.infer<typeof concept> | undefined, system: string): string | undefined => c?.coding?.find((k) => k.system === system && k.code)?.code;

/** The day a milestone happened: the date of Task.lastModified in Amsterdam, or today. */
function milestoneDate(update: TaskUpdate): string {
  if (update.lastModified) {
    const at = new Date(update.lastModified);
    if (!Number.isNaN(at.getTime())) return amsterdamDate(at);
  }
  return amsterdamToday();
}

/** The web app's action that gets a referral from where it is to the Task the caller sent; null when nothing changes. */
export type TaskAction =
  | { kind: 'receive' }
  | { kind: 'accept' }
  | { kind: 'first-contact'; date: string }
  | { kind: 'first-conversation'; date: string }
  | { kind: 'reject'; code: ReasonCode | null; reason: string | null }
  | { kind: 'close'; outcome: Outcome; feedback: string | null; reason: ReasonCode | null }
  | { kind: 'cancel'; reason: string | null };

/**
 * Pure: compares the Task the caller sent with the referral as it is, and names the one action
 * that makes the difference. A status the referral cannot reach in one step is passed on anyway as
 * the nearest action, so the state machine refuses it with its own message.
 */
export function actionFor(current: Pick<Referral, 'status' | 'first_contact_on' | 'first_conversation_on'>, update: TaskUpdate): TaskAction | null {
  const business = codeIn(update.businessStatus, systems.businessStatus) as BusinessStatus | undefined;
  const sameStatus = taskStatus(current.status) === update.status;
  const currentBusiness = businessStatusOf(current);
  switch (update.status) {
    case 'requested':
      if (business === 'received' && current.status === 'requested') return { kind: 'receive' };
      if (sameStatus) return null;
      break;
    case 'accepted':
      if (sameStatus) return null;
      // The web app's "accept again" re-assigns an in-progress referral; as a Task status it would be a step back.
      if (current.status === 'in-progress') break;
      return { kind: 'accept' };
    case 'in-progress':
      if (business === 'first-conversation' && currentBusiness !== 'first-conversation') return { kind: 'first-conversation', date: milestoneDate(update) };
      if (!current.first_contact_on) return { kind: 'first-contact', date: milestoneDate(update) };
      if (sameStatus) return null;
      break;
    case 'rejected': {
      if (sameStatus) return null;
      const reason = reasonOf(update);
      if (!reason.code && !reason.text)
        throw fhirError('reason_missing', 422, {
          nl: 'Geef bij afwijzen een reden in Task.statusReason (tekst of code).',
          en: 'Give a reason in Task.statusReason (text or code) when rejecting.',
        });
      return { kind: 'reject', code: reason.code, reason: reason.text };
    }
    case 'completed':
    case 'failed': {
      if (sameStatus) return null;
      const reason = reasonOf(update).code;
      if (update.status === 'failed') return { kind: 'close', outcome: 'not_reachable', feedback: feedbackOf(update), reason };
      const code = update.output?.map((o) => codeIn(o.valueCodeableConcept, systems.outcome)).find(Boolean);
      if (!code || !(outcomes as readonly string[]).includes(code) || code === 'not_reachable')
        throw fhirError('outcome_missing', 422, {
          nl: `Geef bij afronden de uitkomst in Task.output (valueCodeableConcept met system ${systems.outcome}).`,
          en: `Give the outcome in Task.output (valueCodeableConcept with system ${systems.outcome}) when completing.`,
        });
      return { kind: 'close', outcome: code as Outcome, feedback: feedbackOf(update), reason };
    }
    case 'cancelled':
      return sameStatus ? null : { kind: 'cancel', reason: update.statusReason?.text ?? null };
    default:
      break;
  }
  // Draft, on-hold, entered-in-error, or a step back: not a step of the referral's lifecycle.
  throw illegalTransition(current.status);
}

/** Task.statusReason: a code of the reason code system (referrals/reasons.ts), a text, or both. */
function reasonOf(update: TaskUpdate): { code: ReasonCode | null; text: string | null } {
  const code = codeIn(update.statusReason, systems.reason);
  const text = update.statusReason?.text?.trim().slice(0, 600);
  return { code: isReasonCode(code) ? code : null, text: text ? text : null };
}

function feedbackOf(update: TaskUpdate): string | null {
  const text = update.output?.map((o) => o.valueCodeableConcept?.text ?? o.valueString).find((t) => typeof t === 'string' && t.trim() !== '');
  return text?.trim().slice(0, 600) ?? update.note?.[0]?.text.trim().slice(0, 600) ?? null;
}

/** The date rules of the team's forms (referrals/action-forms.ts): no contact in the future, no appointment years ahead. */
function checkWithForm(schema: (t: Translate) => z.ZodType, values: Record<string, string>): void {
  const nl = validateValues(schema(translator('nl')), values);
  if (nl.ok) return;
  const en = validateValues(schema(translator('en')), values);
  const field = Object.keys(nl.errors)[0]!;
  throw fhirError('invalid_date', 422, {
    nl: `Task.lastModified: ${nl.errors[field]}`,
    en: `Task.lastModified: ${en.ok ? nl.errors[field] : en.errors[field]}`,
  });
}

/** Runs the action through the web app's use case; the team's side or the practice's side, as the token is. */
export async function updateTask(
  db: Database,
  ctx: RequestContext,
  access: ApiAccess,
  current: Referral,
  update: TaskUpdate,
  baseUrl: string,
): Promise<boolean> {
  const action = actionFor(current, update);
  if (!action) return false;
  const referralId = current.id;
  // The practice may only withdraw its referral; everything else is the holding team's.
  if ((access.side === 'practice') !== (action.kind === 'cancel')) throw illegalTransition(current.status);
  switch (action.kind) {
    case 'receive':
      await openReferral(db, ctx, referralId, baseUrl);
      break;
    case 'accept':
      await acceptReferral(db, ctx, { referralId, assigneeId: ctx.actor!.userId }, baseUrl);
      break;
    case 'first-contact':
      checkWithForm(firstContactSchema, { first_contact_on: action.date });
      await recordFirstContact(db, ctx, { referralId, date: action.date }, baseUrl);
      break;
    case 'first-conversation':
      checkWithForm(firstConversationSchema, { first_conversation_on: action.date });
      await recordFirstConversation(db, ctx, { referralId, date: action.date }, baseUrl);
      break;
    case 'reject':
      await rejectReferral(db, ctx, { referralId, code: action.code, reason: action.reason }, baseUrl);
      break;
    case 'close':
      await closeReferral(db, ctx, { referralId, outcome: action.outcome, feedback: action.feedback, closeReason: action.reason }, baseUrl);
      break;
    case 'cancel':
      await cancelReferral(db, ctx, { referralId, reason: action.reason }, baseUrl);
      break;
  }
  return true;
}
