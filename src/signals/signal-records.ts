import { z } from 'zod';
import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import type { Translate } from '../platform/i18n.ts';
import { amsterdamToday } from '../platform/dates.ts';
import { containsBsnLikeNumber, withoutBsn } from '../platform/bsn.ts';
import { signalOutcomes, signals, suggestedNeeds } from './checklist.ts';

/**
 * Saving what the practice noticed, without any patient identity: practice, date, signals, strain
 * answer, outcome. Counted for monitoring even when no referral follows (docs/product.md, loop step 2).
 */
const signalCodes = signals.map((s) => s.code);

/**
 * Names, dates of birth, postcodes, BSN-like numbers and e-mail addresses do not belong in the note.
 * The record is anonymous, so any 9-digit number counts, eleven-test or not (platform/bsn.ts).
 */
export function looksIdentifying(text: string): boolean {
  return (
    // postcode; not a year followed by a short word ("sinds 2024 is", "in 2023 al")
    /\b(?!(?:19|20)\d{2}\s[a-z]{2}\b)[1-9]\d{3}\s?[A-Za-z]{2}\b/.test(text) ||
    /\b\d{1,2}[-/.]\d{1,2}[-/.](19|20)\d{2}\b/.test(text) || // date of birth
    containsBsnLikeNumber(text) ||
    /\S+@\S+\.\S+/.test(text) // e-mail address
  );
}

export const signalRecordSchema = (t: Translate) =>
  z
    .object({
      signals: z.array(z.enum(signalCodes as [string, ...string[]])).default([]),
      strain: z
        .string()
        .optional()
        .transform((v) => (v === undefined || v === '' ? null : Number(v)))
        .refine(
          (v) => v === null || (Number.isInteger(v) && v >= 0 && v <= 4),
          t({ nl: 'Kies een antwoord op de vraag over rondkomen.', en: 'Choose an answer to the question about making ends meet.' }),
        ),
      outcome: z.enum(signalOutcomes, { error: t({ nl: 'Kies wat er is afgesproken.', en: 'Choose what was agreed.' }) }),
      note: z
        .string()
        .trim()
        .max(500, t({ nl: 'Houd de notitie kort (hooguit 500 tekens).', en: 'Keep the note short (at most 500 characters).' }))
        .optional()
        .transform((v) => v || null)
        .check(withoutBsn(t, { anyNineDigits: true }))
        .refine(
          (v) => v === null || !looksIdentifying(v),
          t({
            nl: 'Zet geen naam, geboortedatum, postcode, BSN of e-mailadres in de notitie. Dit overzicht is anoniem.',
            en: 'Do not put a name, date of birth, postcode, BSN or e-mail address in the note. This record is anonymous.',
          }),
        ),
    })
    .refine((v) => v.signals.length > 0 || v.strain !== null, {
      path: ['signals'],
      message: t({
        nl: 'Kies minstens één signaal of beantwoord de vraag over rondkomen.',
        en: 'Choose at least one signal or answer the question about making ends meet.',
      }),
    });

export type SignalRecordInput = z.infer<ReturnType<typeof signalRecordSchema>>;

export async function saveSignalRecord(db: Database, ctx: RequestContext, input: SignalRecordInput): Promise<string> {
  const actor = ctx.actor!;
  const row = await db
    .insertInto('signal_records')
    .values({
      practice_id: actor.practiceId!,
      recorded_by: actor.userId,
      recorded_on: amsterdamToday(),
      signals: input.signals,
      strain: input.strain,
      outcome: input.outcome,
      needs: suggestedNeeds(input.signals, input.strain),
      note: input.note,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** One record of the actor's own practice (404 for another practice's). */
export async function getSignalRecord(db: Database, practiceId: string, id: string) {
  const record = await db.selectFrom('signal_records').selectAll().where('id', '=', id).where('practice_id', '=', practiceId).executeTakeFirst();
  if (!record) throw notFound('signal record');
  return record;
}

export async function recentSignalRecords(db: Database, practiceId: string, limit = 20) {
  return db.selectFrom('signal_records').selectAll().where('practice_id', '=', practiceId).orderBy('created_at', 'desc').limit(limit).execute();
}
