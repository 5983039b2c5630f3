import type { Database } from '../platform/db/database.ts';
import type { Actor } from '../platform/context.ts';
import { membershipKindOf } from '../platform/auth/roles.ts';
import { notFound } from '../platform/errors.ts';
import type { ThreadMessage } from '../messages/thread.tsx';
import { consultationSide, type ConsultationSide } from './consultation-access.ts';

export type ConsultationStatus = 'open' | 'answered' | 'closed';

export interface ConsultationSummary {
  id: string;
  subject: string;
  status: ConsultationStatus;
  practiceName: string;
  teamName: string;
  updatedAt: Date;
}

/** The actor's consultations, newest activity first: their practice's questions, or those to their team. */
export async function listConsultations(db: Database, actor: Actor, limit = 200): Promise<ConsultationSummary[]> {
  const kind = membershipKindOf(actor.role);
  let q = db
    .selectFrom('consultations')
    .innerJoin('organisations', 'organisations.id', 'consultations.practice_id')
    .innerJoin('teams', 'teams.id', 'consultations.team_id')
    .select([
      'consultations.id',
      'consultations.subject',
      'consultations.status',
      'consultations.updated_at',
      'organisations.name as practice_name',
      'teams.name as team_name',
    ])
    .orderBy('consultations.updated_at', 'desc')
    .limit(limit);
  if (kind === 'practice' && actor.practiceId) q = q.where('consultations.practice_id', '=', actor.practiceId);
  else if (kind === 'team' && actor.teamId) q = q.where('consultations.team_id', '=', actor.teamId);
  else return [];
  const rows = await q.execute();
  return rows.map((r) => ({ id: r.id, subject: r.subject, status: r.status, practiceName: r.practice_name, teamName: r.team_name, updatedAt: r.updated_at }));
}

export interface ConsultationDetails extends ConsultationSummary {
  side: ConsultationSide;
  messages: ThreadMessage[];
}

/** One consultation with its thread, or 404 when it is not the actor's practice's or team's. */
export async function getConsultation(db: Database, actor: Actor, id: string): Promise<ConsultationDetails> {
  const side = await consultationSide(db, actor, id);
  if (!side) throw notFound('consultation');
  const c = await db
    .selectFrom('consultations')
    .innerJoin('organisations', 'organisations.id', 'consultations.practice_id')
    .innerJoin('teams', 'teams.id', 'consultations.team_id')
    .select([
      'consultations.id',
      'consultations.subject',
      'consultations.status',
      'consultations.updated_at',
      'organisations.name as practice_name',
      'teams.name as team_name',
    ])
    .where('consultations.id', '=', id)
    .executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('messages')
    .leftJoin('users', 'users.id', 'messages.author_id')
    .select(['messages.id', 'messages.author_side', 'messages.body', 'messages.created_at', 'users.name as author_name'])
    .where('messages.consultation_id', '=', id)
    .orderBy('messages.created_at')
    .orderBy('messages.id')
    .execute();
  return {
    id: c.id,
    subject: c.subject,
    status: c.status,
    practiceName: c.practice_name,
    teamName: c.team_name,
    updatedAt: c.updated_at,
    side,
    messages: rows.map((r) => ({
      id: r.id,
      side: r.author_side,
      authorName: r.author_name,
      authorOrganisation: r.author_side === 'practice' ? c.practice_name : c.team_name,
      createdAt: r.created_at,
      body: r.body,
    })),
  };
}
