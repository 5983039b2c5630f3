import { z } from 'zod';
import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/errors.ts';
import type { Translate } from '../platform/i18n.ts';
import { categories } from '../needs/categories.ts';

export interface RuleListRow {
  id: string;
  municipality_code: string;
  municipality_name: string | null;
  district_code: string | null;
  district_name: string | null;
  category: string | null;
  team_id: string;
  team_name: string;
}

/** Rules with the names of their municipality, district and team. */
function rulesWithNames(db: Database) {
  return db
    .selectFrom('routing_rules')
    .innerJoin('teams', 'teams.id', 'routing_rules.team_id')
    .leftJoin('organisations as municipality', 'municipality.cbs_code', 'routing_rules.municipality_code')
    .leftJoin('districts', 'districts.code', 'routing_rules.district_code')
    .select([
      'routing_rules.id',
      'routing_rules.municipality_code',
      'municipality.name as municipality_name',
      'routing_rules.district_code',
      'districts.name as district_name',
      'routing_rules.category',
      'teams.id as team_id',
      'teams.name as team_name',
    ]);
}

/** Rules of the municipalities of one region (or all), ordered as the routing reads them. */
export async function listRules(db: Database, regionId: string | null): Promise<RuleListRow[]> {
  let q = rulesWithNames(db)
    .orderBy('municipality.name')
    .orderBy('routing_rules.district_code', (ob) => ob.nullsFirst())
    .orderBy('routing_rules.category', (ob) => ob.nullsFirst());
  if (regionId) q = q.where('municipality.region_id', '=', regionId);
  return q.execute();
}

export const ruleSchema = (t: Translate) =>
  z.object({
    municipality_code: z.string().regex(/^GM\d{4}$/, t({ nl: 'Kies een gemeente.', en: 'Choose a municipality.' })),
    district_code: z
      .string()
      .optional()
      .transform((v) => v || null)
      .refine((v) => v === null || /^WK\d{4}[0-9A-Z]{2}$/.test(v), t({ nl: 'Kies een wijk uit de lijst.', en: 'Choose a district from the list.' })),
    category: z
      .string()
      .optional()
      .transform((v) => v || null)
      .refine(
        (v) => v === null || (categories as readonly string[]).includes(v),
        t({ nl: 'Kies een soort hulp uit de lijst.', en: 'Choose a kind of help from the list.' }),
      ),
    team_id: z.uuid(t({ nl: 'Kies het team dat deze verwijzingen krijgt.', en: 'Choose the team that receives these referrals.' })),
  });

export type RuleInput = z.infer<ReturnType<typeof ruleSchema>>;

export async function addRule(db: Database, ctx: RequestContext, input: RuleInput): Promise<void> {
  const [team, municipality, district] = await Promise.all([
    db.selectFrom('teams').select('id').where('id', '=', input.team_id).executeTakeFirst(),
    db.selectFrom('organisations').select('id').where('cbs_code', '=', input.municipality_code).executeTakeFirst(),
    input.district_code
      ? db.selectFrom('districts').select('municipality_code').where('code', '=', input.district_code).executeTakeFirst()
      : Promise.resolve({ municipality_code: input.municipality_code }),
  ]);
  if (!team || !municipality) throw notFound();
  if (!district || district.municipality_code !== input.municipality_code) {
    throw new AppError('district_mismatch', 422, { nl: 'Deze wijk ligt niet in de gekozen gemeente.', en: 'This district is not in the chosen municipality.' });
  }
  try {
    await db.transaction().execute(async (trx) => {
      const rule = await trx.insertInto('routing_rules').values(input).returning('id').executeTakeFirstOrThrow();
      await writeAudit(trx, ctx, {
        action: 'routing.rule_added',
        subjectType: 'routing_rule',
        subjectId: rule.id,
        details: { municipality: input.municipality_code, district: input.district_code, category: input.category },
      });
    });
  } catch (err) {
    if ((err as { code?: string }).code === '23505') {
      throw new AppError('rule_exists', 409, {
        nl: 'Voor deze gemeente, wijk en soort hulp is al een team ingesteld. Verwijder eerst de oude regel.',
        en: 'A team is already set for this municipality, district and kind of help. Remove the old rule first.',
      });
    }
    throw err;
  }
}

/** One rule with the names an administrator reads (for the confirmation before removing it). */
export async function getRule(db: Database, id: string): Promise<RuleListRow> {
  const rule = await rulesWithNames(db).where('routing_rules.id', '=', id).executeTakeFirst();
  if (!rule) throw notFound('routing rule');
  return rule;
}

export const lastRuleOfMunicipality = () =>
  new AppError('last_rule', 422, {
    nl: 'Dit is de laatste regel voor deze gemeente. Zonder regel weet Korte Lijn niet welk team de verwijzingen krijgt. Voeg eerst een nieuwe regel toe, en verwijder daarna deze.',
    en: 'This is the last rule for this municipality. Without a rule Korte Lijn does not know which team receives the referrals. Add a new rule first, then remove this one.',
  });

/**
 * Removes a rule, but never the last one of a municipality: its residents' referrals would then have
 * no team of their own. The municipality's rules are locked first, so two removals at the same
 * moment cannot both take "one of two" and leave none.
 */
export async function removeRule(db: Database, ctx: RequestContext, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const target = await trx.selectFrom('routing_rules').select('municipality_code').where('id', '=', id).executeTakeFirst();
    if (!target) throw notFound('routing rule');
    const siblings = await trx.selectFrom('routing_rules').select('id').where('municipality_code', '=', target.municipality_code).forUpdate().execute();
    if (!siblings.some((r) => r.id === id)) throw notFound('routing rule');
    if (siblings.length <= 1) throw lastRuleOfMunicipality();
    const removed = await trx.deleteFrom('routing_rules').where('id', '=', id).returning(['municipality_code', 'district_code', 'category']).executeTakeFirst();
    if (!removed) throw notFound('routing rule');
    await writeAudit(trx, ctx, {
      action: 'routing.rule_removed',
      subjectType: 'routing_rule',
      subjectId: id,
      details: { municipality: removed.municipality_code, district: removed.district_code, category: removed.category },
    });
  });
}

export async function setRegionFallback(db: Database, ctx: RequestContext, regionId: string, teamId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const team = await trx.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst();
    if (!team) throw notFound('team');
    const res = await trx.updateTable('regions').set({ fallback_team_id: teamId }).where('id', '=', regionId).executeTakeFirst();
    if (Number(res.numUpdatedRows) === 0) throw notFound('region');
    await writeAudit(trx, ctx, { action: 'routing.region_fallback_set', subjectType: 'region', subjectId: regionId, details: { teamId } });
  });
}

/** Municipalities of a region without a fallback desk (a rule for every need, whole municipality). */
export async function municipalitiesWithoutFallback(db: Database, regionId: string | null): Promise<Array<{ cbs_code: string; name: string }>> {
  let q = db
    .selectFrom('organisations')
    .select(['cbs_code', 'name'])
    .where('kind', '=', 'municipality')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('routing_rules')
            .select('id')
            .whereRef('routing_rules.municipality_code', '=', 'organisations.cbs_code')
            .where('district_code', 'is', null)
            .where('category', 'is', null),
        ),
      ),
    )
    .orderBy('name');
  if (regionId) q = q.where('region_id', '=', regionId);
  return (await q.execute()).map((r) => ({ cbs_code: r.cbs_code!, name: r.name }));
}
