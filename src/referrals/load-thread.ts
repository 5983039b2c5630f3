import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import type { Text } from '../platform/i18n.ts';
import { notFound } from '../platform/errors.ts';
import { referralAccess } from './access.ts';
import type { ThreadMessage } from '../messages/thread.tsx';

export interface ThreadData {
  messages: ThreadMessage[];
  canWrite: boolean;
  action: string;
  notice: Text | null;
}

/**
 * The thread of one referral for ReferralThread (`<ReferralThread view={v} {...thread} />`).
 *
 * Access: the sending practice and the holding team see and write; a team that held the referral
 * before forwarding it sees no messages (they are patient data it no longer needs); anyone else gets
 * 404. Reading message bodies is reading patient data, but this loader does NOT write an audit entry
 * itself: it is only called by the referral detail page, whose loader audits the read of the whole
 * referral (NEN 7513: one read event per view). A new caller must audit its own read.
 */
export async function loadThread(db: Database, ctx: RequestContext, referralId: string): Promise<ThreadData> {
  const actor = ctx.actor;
  if (!actor) throw notFound('referral');
  const access = await referralAccess(db, actor, referralId);
  if (access === 'none') throw notFound('referral');
  const action = `/verwijzingen/${referralId}/berichten`;
  if (access === 'team-former') {
    return {
      messages: [],
      canWrite: false,
      action,
      notice: {
        nl: 'Uw team heeft deze verwijzing doorgestuurd. De berichten zijn alleen zichtbaar voor de praktijk en het team dat de verwijzing nu heeft.',
        en: 'Your team forwarded this referral. The messages are only visible to the practice and the team that holds it now.',
      },
    };
  }
  const referral = await db
    .selectFrom('referrals')
    .select(['practice_id', 'consent_withdrawn_at', 'personal_data_erased_at'])
    .where('id', '=', referralId)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('messages')
    .leftJoin('users', 'users.id', 'messages.author_id')
    .leftJoin('organisations', 'organisations.id', 'users.practice_id')
    .leftJoin('teams', 'teams.id', 'users.team_id')
    .select([
      'messages.id',
      'messages.author_side',
      'messages.body',
      'messages.created_at',
      'users.name as author_name',
      'organisations.name as practice_name',
      'teams.name as team_name',
    ])
    .where('messages.referral_id', '=', referralId)
    .orderBy('messages.created_at')
    .orderBy('messages.id')
    .execute();
  const messages: ThreadMessage[] = rows.map((r) => ({
    id: r.id,
    side: r.author_side,
    authorName: r.author_name,
    authorOrganisation: r.author_side === 'practice' ? r.practice_name : r.team_name,
    createdAt: r.created_at,
    body: r.body,
  }));
  let notice: Text | null = null;
  if (referral.consent_withdrawn_at || referral.personal_data_erased_at) {
    notice = {
      nl: 'Berichten sturen kan niet meer: de toestemming is ingetrokken of de gegevens zijn gewist.',
      en: 'Sending messages is no longer possible: consent was withdrawn or the data has been erased.',
    };
  } else if (!referral.practice_id) {
    notice = {
      nl: 'Deze verwijzing komt niet van een huisartsenpraktijk; er is geen praktijk om berichten mee te wisselen.',
      en: 'This referral did not come from a GP practice; there is no practice to exchange messages with.',
    };
  }
  return { messages, canWrite: notice === null, action, notice };
}
