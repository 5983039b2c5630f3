import type { Executor } from '../platform/db/database.ts';
import type { Referral } from '../platform/db/schema.ts';
import type { Text } from '../platform/i18n.ts';
import type { ThreadMessage } from '../messages/thread.tsx';
import type { FoundReferral } from './access.ts';

export interface ThreadData {
  messages: ThreadMessage[];
  canWrite: boolean;
  action: string;
  notice: Text | null;
}

/**
 * The messages of one referral with who wrote them for which side, oldest first: a subquery the
 * referral detail loads in its one statement (open-referral.ts). Message bodies are patient data;
 * that read is audited with the referral.
 */
export function referralMessagesQuery(db: Executor, referralId: string) {
  return db
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
    .orderBy('messages.id');
}

type MessageRow = {
  id: string;
  author_side: 'practice' | 'team';
  body: string | null;
  created_at: Date | string;
  author_name: string | null;
  practice_name: string | null;
  team_name: string | null;
};

/**
 * The thread of one referral for ReferralThread (`<ReferralThread view={v} {...thread} />`).
 * The sending practice and the holding team see and write; a team that held the referral before
 * forwarding it sees no messages (they are patient data it no longer needs). Pure.
 */
export function referralThread(found: FoundReferral, rows: readonly MessageRow[]): ThreadData {
  const { access, referral } = found;
  const action = `/verwijzingen/${referral.id}/berichten`;
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
  const messages: ThreadMessage[] = rows.map((r) => ({
    id: r.id,
    side: r.author_side,
    authorName: r.author_name,
    authorOrganisation: r.author_side === 'practice' ? r.practice_name : r.team_name,
    createdAt: new Date(r.created_at),
    body: r.body,
  }));
  const notice = writingClosedNotice(referral);
  return { messages, canWrite: notice === null, action, notice };
}

function writingClosedNotice(referral: Referral): Text | null {
  if (referral.consent_withdrawn_at || referral.personal_data_erased_at) {
    return {
      nl: 'Berichten sturen kan niet meer: de toestemming is ingetrokken of de gegevens zijn gewist.',
      en: 'Sending messages is no longer possible: consent was withdrawn or the data has been erased.',
    };
  }
  if (!referral.practice_id) {
    return {
      nl: 'Deze verwijzing komt niet van een huisartsenpraktijk; er is geen praktijk om berichten mee te wisselen.',
      en: 'This referral did not come from a GP practice; there is no practice to exchange messages with.',
    };
  }
  return null;
}
