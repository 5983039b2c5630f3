import { z } from 'zod';
import { optionalText } from '../platform/http/forms.ts';
import { withoutBsn } from '../platform/bsn.ts';
import type { Translate } from '../platform/i18n.ts';
import { parseDate } from '../platform/dates.ts';
import { visitTopics, type VisitTopic } from './visit-rules.ts';

/**
 * The visit forms, validated at the boundary. Rows of participants and follow-ups are a fixed
 * number of numbered fields, so the forms work without JavaScript; empty rows are left out. Notes
 * are about the collaboration, never about a patient: no BSN (platform/bsn.ts), and the page says so.
 */
export const PARTICIPANT_ROWS = 4;
export const FOLLOW_UP_ROWS = 3;
export const topicField = (topic: VisitTopic) => `topic_${topic}`;

export interface ParticipantInput {
  teamId: string | null;
  name: string;
}

export interface FollowUpInput {
  description: string;
  owner: string;
  dueOn: string | null;
}

const dateMessage = (t: Translate) => t({ nl: 'Vul een datum in, zoals 27-11-2026.', en: 'Enter a date, such as 27-11-2026.' });

const date = (t: Translate, rule?: { notAfter?: string; notBefore?: string }) =>
  z
    .string({ error: dateMessage(t) })
    .trim()
    .transform((v, ctx) => {
      const iso = parseDate(v);
      if (!iso) {
        ctx.addIssue({ code: 'custom', message: dateMessage(t) });
        return z.NEVER;
      }
      if (rule?.notAfter && iso > rule.notAfter) {
        ctx.addIssue({
          code: 'custom',
          message: t({ nl: 'Een bezoek dat geweest is, ligt niet in de toekomst.', en: 'A visit that took place is not in the future.' }),
        });
        return z.NEVER;
      }
      if (rule?.notBefore && iso < rule.notBefore) {
        ctx.addIssue({ code: 'custom', message: t({ nl: 'Kies vandaag of een dag later.', en: 'Choose today or a later day.' }) });
        return z.NEVER;
      }
      return iso;
    });

function rows(values: Record<string, unknown>) {
  const text = (key: string) => (typeof values[key] === 'string' ? (values[key] as string).trim() : '');
  const participants: Array<{ team: string; name: string }> = [];
  for (let i = 1; i <= PARTICIPANT_ROWS; i++) {
    const name = text(`participant_name_${i}`);
    if (name) participants.push({ team: text(`participant_team_${i}`), name });
  }
  const followUps: Array<{ description: string; owner: string; due: string }> = [];
  for (let i = 1; i <= FOLLOW_UP_ROWS; i++) {
    const description = text(`followup_text_${i}`);
    if (description || text(`followup_owner_${i}`)) followUps.push({ description, owner: text(`followup_owner_${i}`), due: text(`followup_due_${i}`) });
  }
  return { participants, follow_ups: followUps, topics: visitTopics.filter((topic) => Boolean(values[topicField(topic)])) };
}

const participantsSchema = (t: Translate) =>
  z
    .array(
      z.object({
        team: z.union([z.literal(''), z.uuid()]).transform((v) => (v === '' ? null : v)),
        name: z.string().max(120).check(withoutBsn(t)),
      }),
    )
    .min(1, t({ nl: 'Vul minstens één naam in: wie gaat er (ging er) op bezoek?', en: 'Enter at least one name: who is going (went) on the visit?' }))
    .transform((list): ParticipantInput[] => list.map((p) => ({ teamId: p.team, name: p.name })));

const notes = (t: Translate) => optionalText(2000).check(withoutBsn(t));

export const planVisitSchema = (t: Translate, today: string) =>
  z.preprocess(
    (raw) => ({ ...(raw as Record<string, unknown>), ...rows((raw ?? {}) as Record<string, unknown>) }),
    z.object({
      planned_on: date(t, { notBefore: today }),
      participants: participantsSchema(t),
      topics: z.array(z.enum(visitTopics)),
      notes: notes(t),
    }),
  );

export const recordVisitSchema = (t: Translate, today: string) =>
  z.preprocess(
    (raw) => ({ ...(raw as Record<string, unknown>), ...rows((raw ?? {}) as Record<string, unknown>) }),
    z
      .object({
        held_on: date(t, { notAfter: today }),
        participants: participantsSchema(t),
        topics: z.array(z.enum(visitTopics)).min(1, t({ nl: 'Kies minstens één onderwerp.', en: 'Choose at least one topic.' })),
        notes: notes(t),
        follow_ups: z
          .array(
            z.object({
              description: z
                .string()
                .min(1, t({ nl: 'Beschrijf de afspraak die bij deze eigenaar hoort.', en: 'Describe the follow-up that goes with this owner.' }))
                .max(300)
                .check(withoutBsn(t)),
              owner: z
                .string()
                .min(1, t({ nl: 'Vul in wie de vervolgafspraak oppakt.', en: 'Enter who takes up the follow-up.' }))
                .max(120),
              due: z.string(),
            }),
          )
          .transform((list, ctx): FollowUpInput[] =>
            list.map((f) => {
              const dueOn = f.due ? parseDate(f.due) : null;
              if (f.due && !dueOn) ctx.addIssue({ code: 'custom', message: dateMessage(t) });
              return { description: f.description, owner: f.owner, dueOn };
            }),
          ),
        next_visit_due: date(t),
      })
      .superRefine((v, ctx) => {
        if (v.next_visit_due <= v.held_on)
          ctx.addIssue({
            code: 'custom',
            path: ['next_visit_due'],
            message: t({ nl: 'Het volgende bezoek ligt na dit bezoek.', en: 'The next visit is after this one.' }),
          });
      }),
  );

export type PlanVisitInput = z.infer<ReturnType<typeof planVisitSchema>>;
export type RecordVisitInput = z.infer<ReturnType<typeof recordVisitSchema>>;
