import type { Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import type { Text } from '../i18n.ts';
import { enqueueMail } from '../mail/outbox.ts';

/**
 * In-app notifications plus a mail that says only "there is something for you" and links to the
 * notification list. Neither carries patient data (docs/product.md: privacy by design). Written inside the
 * caller's transaction, so they exist if and only if the change commits.
 */
export const notificationKinds = {
  referral_received: { nl: 'Er is een nieuwe verwijzing voor uw team.', en: 'There is a new referral for your team.' },
  referral_forwarded: { nl: 'Er is een doorgestuurde verwijzing voor uw team.', en: 'A referral has been forwarded to your team.' },
  referral_assigned: { nl: 'Er is een verwijzing aan u toegewezen.', en: 'A referral has been assigned to you.' },
  referral_updated: { nl: 'Een verwijzing van uw praktijk heeft een nieuwe status.', en: 'A referral from your practice has a new status.' },
  // What changed on a referral of the practice, in words; the list shows which one (its KL number). No patient data.
  referral_accepted: { nl: 'Het team heeft de verwijzing aangenomen.', en: 'The team has accepted the referral.' },
  contact_made: { nl: 'Het team heeft contact gelegd.', en: 'The team has made contact.' },
  conversation_planned: { nl: 'Het team heeft het eerste gesprek gepland.', en: 'The team has planned the first conversation.' },
  conversation_held: { nl: 'Het team heeft het eerste gesprek gevoerd.', en: 'The team has held the first conversation.' },
  referral_rejected: { nl: 'Het team heeft de verwijzing afgewezen.', en: 'The team has declined the referral.' },
  referral_forwarded_on: { nl: 'Het team heeft de verwijzing doorgestuurd naar een ander team.', en: 'The team has forwarded the referral to another team.' },
  referral_closed: { nl: 'Het team heeft de verwijzing afgesloten.', en: 'The team has closed the referral.' },
  feedback_given: { nl: 'Het team heeft terugkoppeling gegeven op een verwijzing.', en: 'The team has given feedback on a referral.' },
  message_received: { nl: 'Er is een nieuw bericht bij een verwijzing.', en: 'There is a new message on a referral.' },
  consultation_asked: {
    nl: 'Een praktijk stelt uw team een vraag (zonder patiëntgegevens).',
    en: 'A practice asks your team a question (without patient data).',
  },
  consultation_answered: { nl: 'Het team heeft uw vraag beantwoord.', en: 'The team has answered your question.' },
  referral_overdue: { nl: 'Een verwijzing is te laat: de termijn is voorbij.', en: 'A referral is late: its due date has passed.' },
  referral_cancelled: { nl: 'Een praktijk heeft een verwijzing voor uw team ingetrokken.', en: 'A practice has withdrawn a referral to your team.' },
  contact_data_corrected: {
    nl: 'De contactgegevens bij een verwijzing zijn verbeterd. Kijk welke nu gelden.',
    en: 'The contact details of a referral have been corrected. Check which apply now.',
  },
  consent_withdrawn: {
    // Sent to the team: the person is an inwoner there (docs/glossary.md).
    nl: 'De inwoner heeft de toestemming ingetrokken. Werk niet verder aan de verwijzing.',
    en: 'The resident has withdrawn consent. Stop working on the referral.',
  },
  // The network around the referrals (agreements, contacts, visits, on-site hours): no patient data.
  agreement_proposed: { nl: 'Er ligt een samenwerkingsafspraak klaar. Wilt u die bevestigen?', en: 'A collaboration agreement is ready. Please confirm it.' },
  agreement_confirmed: { nl: 'De praktijk heeft een samenwerkingsafspraak bevestigd.', en: 'The practice has confirmed a collaboration agreement.' },
  contact_replaced: { nl: 'Uw vaste contactpersoon bij een team is veranderd.', en: 'Your fixed contact at a team has changed.' },
  contact_left: {
    nl: 'De vaste contactpersoon in een samenwerkingsafspraak is vertrokken. Er moet een nieuwe komen.',
    en: 'The fixed contact in a collaboration agreement has left. A new one is needed.',
  },
  contact_unconfirmed: {
    nl: 'Een vaste contactpersoon is al zes maanden niet bevestigd. Kijk of het nog klopt.',
    en: 'A fixed contact has not been confirmed for six months. Please check it is still right.',
  },
  visit_due: {
    nl: 'Een huisartsenpraktijk heeft al twaalf maanden geen bezoek gehad. Plan een bezoek.',
    en: 'A GP practice has not had a visit for twelve months. Please plan one.',
  },
  onsite_booked: {
    nl: 'Er is een kennismaking ingepland op een spreekuur in de praktijk.',
    en: 'An introductory meeting has been booked in an on-site hour at a practice.',
  },
  onsite_cancelled: { nl: 'Een kennismaking in de praktijk is afgezegd.', en: 'An introductory meeting at a practice has been cancelled.' },
  mdo_planned: { nl: 'U bent uitgenodigd voor een multidisciplinair overleg (MDO).', en: 'You have been invited to a multidisciplinary meeting (MDO).' },
  mdo_cancelled: { nl: 'Een multidisciplinair overleg (MDO) is afgezegd.', en: 'A multidisciplinary meeting (MDO) has been cancelled.' },
  mdo_action: { nl: 'Er is een actie uit een MDO voor u.', en: 'There is an action from an MDO for you.' },
} satisfies Record<string, Text>;

export type NotificationKind = keyof typeof notificationKinds;

export const MAIL_SUBJECT = 'Er is iets nieuws voor u in Korte Lijn / Something new for you in Korte Lijn';

export function mailBody(baseUrl: string): string {
  return [
    'Goedendag,',
    '',
    'Er staat iets nieuws voor u klaar in Korte Lijn. Log in om het te bekijken:',
    `${baseUrl}/meldingen`,
    '',
    'Om privacyredenen staan er in deze e-mail geen gegevens van patiënten.',
    '',
    '---',
    'There is something new for you in Korte Lijn. Sign in to see it (link above).',
    'For privacy reasons this e-mail contains no patient data.',
  ].join('\n');
}

export interface NotifyInput {
  userIds: string[];
  kind: NotificationKind;
  referralId?: string;
  consultationId?: string;
  /** A local path (e.g. `/afspraken/<id>`) for a notification about neither a referral nor a consultation. */
  link?: string;
  /** Makes the mail idempotent, e.g. `overdue-contact:<referral id>`; one mail per user and key. */
  dedupeKey?: string;
}

export async function notifyUsers(executor: Database | Transaction<DB>, baseUrl: string, input: NotifyInput): Promise<void> {
  const userIds = [...new Set(input.userIds)];
  if (userIds.length === 0) return;
  await executor
    .insertInto('notifications')
    .values(
      userIds.map((userId) => ({
        user_id: userId,
        kind: input.kind,
        referral_id: input.referralId ?? null,
        consultation_id: input.consultationId ?? null,
        link: input.link ?? null,
      })),
    )
    .execute();
  const recipients = await executor.selectFrom('users').select(['id', 'email']).where('id', 'in', userIds).where('disabled_at', 'is', null).execute();
  for (const user of recipients) {
    await enqueueMail(executor, {
      to: user.email,
      subject: MAIL_SUBJECT,
      text: mailBody(baseUrl),
      ...(input.dedupeKey ? { dedupeKey: `${input.dedupeKey}:${user.id}` } : {}),
    });
  }
}

/** Everyone in a team (members and coordinator), or only its coordinators. */
export async function teamUserIds(executor: Database | Transaction<DB>, teamId: string, only?: 'team_admin'): Promise<string[]> {
  let q = executor.selectFrom('users').select('id').where('team_id', '=', teamId).where('disabled_at', 'is', null);
  if (only) q = q.where('role', '=', only);
  return (await q.execute()).map((r) => r.id);
}

export async function practiceUserIds(executor: Database | Transaction<DB>, practiceId: string): Promise<string[]> {
  return (await executor.selectFrom('users').select('id').where('practice_id', '=', practiceId).where('disabled_at', 'is', null).execute()).map((r) => r.id);
}

/**
 * Who at the practice hears about a referral or a question: the colleague who sent or asked it,
 * while still active there; otherwise everyone at the practice, so that nothing goes unheard.
 */
export async function practiceRecipients(executor: Database | Transaction<DB>, practiceId: string, senderId: string | null): Promise<string[]> {
  const practice = await practiceUserIds(executor, practiceId);
  return senderId && practice.includes(senderId) ? [senderId] : practice;
}

/** Opening the item a notification points to marks it read. */
export async function markNotificationsRead(db: Database, userId: string, ref: { referralId?: string; consultationId?: string }): Promise<void> {
  let q = db.updateTable('notifications').set({ read_at: new Date() }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (ref.referralId) q = q.where('referral_id', '=', ref.referralId);
  if (ref.consultationId) q = q.where('consultation_id', '=', ref.consultationId);
  await q.execute();
}
