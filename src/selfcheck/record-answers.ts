import { sql } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import { amsterdamToday } from '../platform/dates.ts';
import type { SelfcheckLang } from './languages.ts';
import { questions } from './questions.ts';
import type { Answers, Level } from './scoring.ts';

/**
 * The self-check keeps answers only as anonymous day counts (question × answer, and level ×
 * language × municipality); nothing about the person and no row per person. (The result page
 * itself lives for 30 minutes behind a key, without the answers: result-store.ts.)
 */
export async function countAnswers(db: Database, answers: Answers, result: { lang: SelfcheckLang; level: Level }): Promise<void> {
  const day = amsterdamToday();
  const rows = questions.flatMap((q) => {
    const a = answers[q.id];
    return a && q.answers.includes(a) ? [{ day, question_id: q.id, answer: a, count: 1 }] : [];
  });
  await db.transaction().execute(async (trx) => {
    if (rows.length > 0) {
      await trx
        .insertInto('selfcheck_answer_counts')
        .values(rows)
        .onConflict((oc) => oc.columns(['day', 'question_id', 'answer']).doUpdateSet({ count: sql`selfcheck_answer_counts.count + 1` }))
        .execute();
    }
    await trx
      .insertInto('selfcheck_result_counts')
      .values({ day, lang: result.lang, level: result.level, count: 1 })
      .onConflict((oc) => oc.columns(['day', 'lang', 'level', 'municipality_code']).doUpdateSet({ count: sql`selfcheck_result_counts.count + 1` }))
      .execute();
  });
}
