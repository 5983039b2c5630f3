import { sql } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import type { Referral } from '../platform/db/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { membershipKindOf } from '../platform/auth/roles.ts';
import { notFound } from '../platform/errors.ts';
import { postcodeKey } from '../access-report/same-person.ts';
import { isAboutRequester, type PersonRequest } from './person-request.ts';

/**
 * Inzage (AVG art. 15, right of access): everything Korte Lijn holds about one person within the
 * reader's organisation — the referrals the practice sent or the team holds, with their consents,
 * messages and history. For the practice manager or team coordinator who answers the request, as a
 * printable page or a JSON file (art. 15 lid 3: a copy; art. 20: a structured, machine-readable
 * form). Who looked at the data is the access report (src/access-report), linked from the answer.
 *
 * Producing it is audited (NEN 7513: an export of patient data), with the referrals it covers — so
 * it appears in the person's access report too; a search that finds nothing is audited as well.
 */
export type AnswerFormat = 'page' | 'json';

export interface PersonData {
  producedAt: Date;
  request: PersonRequest;
  referrals: PersonReferral[];
}

export interface PersonReferral {
  referral: Referral;
  practiceName: string | null;
  teamName: string;
  consents: Array<{
    givenAt: Date;
    method: string;
    dataScope: string[];
    recipientTeam: string;
    purpose: string;
    textVersion: string;
    feedbackAllowed: boolean;
    withdrawnAt: Date | null;
  }>;
  messages: Array<{ at: Date; side: 'practice' | 'team'; author: string | null; body: string | null }>;
  events: Array<{
    at: Date;
    type: string;
    fromStatus: string | null;
    toStatus: string | null;
    fromTeam: string | null;
    toTeam: string | null;
    note: string | null;
  }>;
}

export async function findPersonData(db: Database, ctx: RequestContext, request: PersonRequest, format: AnswerFormat): Promise<PersonData> {
  const actor = ctx.actor;
  const kind = actor ? membershipKindOf(actor.role) : null;
  if (!actor || (kind !== 'practice' && kind !== 'team')) throw notFound();
  // The database narrows down to the date of birth (indexed per practice and per team) or, for
  // referrals without one, the postcode; the rule (person-request.ts) decides.
  const candidates = await db
    .selectFrom('referrals as r')
    .innerJoin('teams as t', 't.id', 'r.team_id')
    .leftJoin('organisations as p', 'p.id', 'r.practice_id')
    .selectAll('r')
    .select(['t.name as team_name', 'p.name as practice_name'])
    .where(kind === 'practice' ? sql<boolean>`r.practice_id = ${actor.practiceId}` : sql<boolean>`r.team_id = ${actor.teamId}`)
    .where((eb) =>
      eb.or([
        eb('r.patient_birth_date', '=', request.birthDate),
        eb.and([
          eb('r.patient_birth_date', 'is', null),
          sql<boolean>`upper(regexp_replace(r.patient_postcode, '\\s', '', 'g')) = ${postcodeKey(request.postcode)}`,
        ]),
      ]),
    )
    .orderBy('r.requested_on')
    .orderBy('r.reference')
    .execute();
  const matched = candidates.filter((c) => isAboutRequester(request, c));
  const ids = matched.map((r) => r.id);

  const [consents, messages, events] = ids.length
    ? await Promise.all([
        db
          .selectFrom('consents as c')
          .innerJoin('teams as t', 't.id', 'c.recipient_team_id')
          .select([
            'c.referral_id',
            'c.given_at',
            'c.method',
            'c.data_scope',
            't.name as team',
            'c.purpose',
            'c.text_version',
            'c.feedback_allowed',
            'c.withdrawn_at',
          ])
          .where('c.referral_id', 'in', ids)
          .orderBy('c.given_at')
          .execute(),
        db
          .selectFrom('messages as m')
          .leftJoin('users as u', 'u.id', 'm.author_id')
          .select(['m.referral_id', 'm.created_at', 'm.author_side', 'u.name as author', 'm.body'])
          .where('m.referral_id', 'in', ids)
          .orderBy('m.created_at')
          .execute(),
        db
          .selectFrom('referral_events as e')
          .leftJoin('teams as ft', 'ft.id', 'e.from_team_id')
          .leftJoin('teams as tt', 'tt.id', 'e.to_team_id')
          .select(['e.referral_id', 'e.at', 'e.type', 'e.from_status', 'e.to_status', 'ft.name as from_team', 'tt.name as to_team', 'e.note'])
          .where('e.referral_id', 'in', ids)
          .orderBy('e.at')
          .orderBy('e.id')
          .execute(),
      ])
    : [[], [], []];

  await writeAudit(db, ctx, {
    action: 'privacy.access_request',
    subjectType: 'person',
    ...(ids.length ? { patientRefs: ids } : {}),
    details: { referrals: ids.length, format },
  });

  return {
    producedAt: new Date(),
    request,
    referrals: matched.map(({ team_name, practice_name, ...referral }) => ({
      referral,
      teamName: team_name,
      practiceName: practice_name,
      consents: consents
        .filter((c) => c.referral_id === referral.id)
        .map((c) => ({
          givenAt: c.given_at,
          method: c.method,
          dataScope: c.data_scope,
          recipientTeam: c.team,
          purpose: c.purpose,
          textVersion: c.text_version,
          feedbackAllowed: c.feedback_allowed,
          withdrawnAt: c.withdrawn_at,
        })),
      messages: messages.filter((m) => m.referral_id === referral.id).map((m) => ({ at: m.created_at, side: m.author_side, author: m.author, body: m.body })),
      events: events
        .filter((e) => e.referral_id === referral.id)
        .map((e) => ({ at: e.at, type: e.type, fromStatus: e.from_status, toStatus: e.to_status, fromTeam: e.from_team, toTeam: e.to_team, note: e.note })),
    })),
  };
}

/**
 * The answer as a JSON document (AVG art. 20: structured and machine-readable): every field with its
 * stored value, codes as codes, dates as ISO 8601. Pure.
 */
export function personDataDocument(data: PersonData): Record<string, unknown> {
  return {
    about: 'Korte Lijn: gegevens over één persoon (inzage, AVG artikel 15) / data about one person (access, GDPR article 15)',
    produced_at: data.producedAt.toISOString(),
    requested_for: { name: data.request.name, birth_date: data.request.birthDate, postcode: data.request.postcode, house_number: data.request.houseNumber },
    referrals: data.referrals.map(({ referral: r, practiceName, teamName, consents, messages, events }) => ({
      reference: r.reference,
      source: r.source,
      practice: practiceName,
      team: teamName,
      status: r.status,
      requested_on: r.requested_on,
      person: {
        name: r.patient_name,
        birth_date: r.patient_birth_date,
        phone: r.patient_phone,
        email: r.patient_email,
        postcode: r.patient_postcode,
        house_number: r.patient_house_number,
        preferred_language: r.preferred_language,
        best_time_to_call: r.best_time_to_call,
      },
      contact_channel: r.contact_channel,
      handover: r.handover,
      needs: r.needs,
      urgency: r.urgency_triggers,
      question: r.question,
      route: { municipality: r.municipality_code, district: r.district_code, explanation: r.route_explanation },
      terms: {
        first_contact_due: r.first_contact_due,
        first_contact_on: r.first_contact_on,
        first_conversation_due: r.first_conversation_due,
        first_conversation_on: r.first_conversation_on,
        contact_attempts: r.contact_attempts,
      },
      outcome: r.outcome,
      feedback: r.feedback,
      closed_at: r.closed_at?.toISOString() ?? null,
      consent_withdrawn_at: r.consent_withdrawn_at?.toISOString() ?? null,
      personal_data_erased_at: r.personal_data_erased_at?.toISOString() ?? null,
      consents: consents.map((c) => ({
        given_at: c.givenAt.toISOString(),
        method: c.method,
        data: c.dataScope,
        recipient_team: c.recipientTeam,
        purpose: c.purpose,
        text_version: c.textVersion,
        feedback_allowed: c.feedbackAllowed,
        withdrawn_at: c.withdrawnAt?.toISOString() ?? null,
      })),
      messages: messages.map((m) => ({ at: m.at.toISOString(), from: m.side, author: m.author, text: m.body })),
      history: events.map((e) => ({
        at: e.at.toISOString(),
        what: e.type,
        from_status: e.fromStatus,
        to_status: e.toStatus,
        from_team: e.fromTeam,
        to_team: e.toTeam,
        note: e.note,
      })),
    })),
  };
}
