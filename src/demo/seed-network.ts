import type { Database } from '../platform/db/database.ts';
import type { Actor, RequestContext } from '../platform/context.ts';
import { publicBaseUrl } from '../platform/config.ts';
import { addDaysIso, amsterdamToday } from '../platform/dates.ts';
import { draftAgreement } from '../agreements/draft-agreement.ts';
import { confirmAgreement } from '../agreements/confirm-agreement.ts';
import { planVisit, recordVisit } from '../visits/change-visits.ts';
import { addMonthsIso } from '../visits/visit-rules.ts';
import { addOnsiteHours } from '../onsite/onsite-hours.ts';

/**
 * A little of the network around the referrals, so the demo is not empty: an agreement in force
 * between Huisartsenpraktijk De Esch and Schuldhulpverlening Enschede (drafted by the regional
 * coordinator, confirmed by the practice manager), a visit to De Esch five months ago, and the
 * demo team member's on-site hours at De Esch on Tuesday morning. The agreement between De Esch
 * and Wijkteam Hengelo-Noord is left for the demo (and the browser test) to make. Through the real
 * use cases, so history, audit and notifications are as in use.
 */
export async function seedDemoNetwork(
  db: Database,
  ctx: RequestContext,
  emails: { coordinator: string; practiceAdmin: string; teamAdmin: string; teamMember: string },
): Promise<void> {
  const actor = async (email: string): Promise<Actor> => {
    const u = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
    return { userId: u.id, role: u.role, name: u.name, email: u.email, practiceId: u.practice_id, teamId: u.team_id, regionId: u.region_id };
  };
  const as = async (email: string): Promise<RequestContext> => ({ ...ctx, actor: await actor(email) });
  const coordinator = await as(emails.coordinator);
  const manager = await as(emails.practiceAdmin);
  const teamAdmin = await as(emails.teamAdmin);
  const member = await actor(emails.teamMember);
  const baseUrl = publicBaseUrl({ publicUrl: undefined, port: 3000 });

  const deEsch = manager.actor!.practiceId!;
  const enschede = await db.selectFrom('teams').select('id').where('name', '=', 'Schuldhulpverlening Enschede').executeTakeFirstOrThrow();
  const anouk = await db.selectFrom('contacts').select('id').where('name', '=', 'Anouk Brink').where('ended_at', 'is', null).executeTakeFirstOrThrow();
  const { id } = await draftAgreement(
    db,
    coordinator,
    { practiceId: deEsch, teamId: enschede.id },
    {
      firstContactWorkingDays: 2,
      firstConversationDays: 21,
      urgentFirstConversationWorkingDays: null,
      teamContactId: anouk.id,
      teamContactHours: 'dinsdag en donderdag 8.30–10.00 uur',
      practiceContactName: null,
      practiceContactRole: null,
      practiceContactPhone: null,
      practiceContactHours: null,
      handoverForms: ['phone_together', 'meeting_at_practice', 'neutral_talk'],
      consentRecording: 'Mondeling, vastgelegd in Korte Lijn en in het dossier van de praktijk.',
      feedbackArrangement: 'Na het eerste gesprek en bij afsluiten, via Korte Lijn, als de patiënt dat goed vindt.',
    },
    baseUrl,
  );
  const proposal = await db.selectFrom('agreements').select('proposed_at').where('id', '=', id).executeTakeFirstOrThrow();
  await confirmAgreement(
    db,
    manager,
    {
      agreementId: id,
      proposedAt: proposal.proposed_at?.toISOString(),
      contact: {
        practice_contact_name: 'Mark Jansen',
        practice_contact_role: 'Praktijkmanager',
        practice_contact_phone: '053 000 0001',
        practice_contact_hours: 'maandag tot en met vrijdag 8–17 uur',
      },
    },
    baseUrl,
  );

  const today = amsterdamToday();
  const visitDay = addMonthsIso(today, -5);
  const visit = await planVisit(db, coordinator, deEsch, {
    planned_on: visitDay,
    participants: [{ teamId: enschede.id, name: 'Anouk Brink' }],
    topics: ['social_map_update'],
    notes: null,
  });
  await recordVisit(db, coordinator, visit.id, {
    held_on: visitDay,
    participants: [
      { teamId: enschede.id, name: 'Anouk Brink' },
      { teamId: null, name: 'Linda Mulder (aanjager)' },
    ],
    topics: ['social_map_update', 'routes', 'materials'],
    notes: 'Placemat en kaartjes gebracht. De assistentes willen een korte training.',
    follow_ups: [{ description: 'Training signaleren voor de assistentes plannen', owner: 'Linda Mulder', dueOn: addDaysIso(visitDay, 60) }],
    next_visit_due: addMonthsIso(visitDay, 6),
  });

  await addOnsiteHours(db, teamAdmin, {
    practiceId: deEsch,
    hostUserId: member.userId,
    weekday: 2,
    startsAt: '09:00',
    endsAt: '12:00',
    slotMinutes: 30,
    room: 'spreekkamer 3',
    startsOn: today,
  });
}
