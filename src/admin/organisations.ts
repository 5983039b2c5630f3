import { z } from 'zod';
import type { Database } from '../platform/db/database.ts';
import type { Organisation, OrganisationKind } from '../platform/db/schema.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { AppError, notFound } from '../platform/errors.ts';
import type { Text, Translate } from '../platform/i18n.ts';
import { optionalText } from '../platform/http/forms.ts';
import { withoutBsn } from '../platform/bsn.ts';

export const organisationKinds: readonly OrganisationKind[] = ['municipality', 'practice', 'social'];

export const organisationKindLabels: Record<OrganisationKind, Text> = {
  municipality: { nl: 'Gemeente', en: 'Municipality' },
  practice: { nl: 'Huisartsenpraktijk', en: 'GP practice' },
  social: { nl: 'Organisatie sociaal domein', en: 'Social domain organisation' },
};

/** Dutch postcode: 4 digits (no leading 0) + 2 letters (not SA, SD, SS), space optional. */
export const POSTCODE_PATTERN = /^[1-9][0-9]{3}\s?(?!SA|SD|SS)[A-Z]{2}$/i;

export function normalisePostcode(value: string): string {
  const compact = value.replace(/\s+/g, '').toUpperCase();
  return `${compact.slice(0, 4)} ${compact.slice(4)}`;
}

export const organisationSchema = (t: Translate) =>
  z
    .object({
      kind: z.enum(['municipality', 'practice', 'social'], { error: t({ nl: 'Kies het soort organisatie.', en: 'Choose the kind of organisation.' }) }),
      name: z
        .string()
        .trim()
        .min(2, t({ nl: 'Vul de naam in (minstens 2 tekens).', en: 'Enter the name (at least 2 characters).' }))
        .max(200)
        .check(withoutBsn(t)),
      region_id: z.uuid(t({ nl: 'Kies een regio.', en: 'Choose a region.' })),
      cbs_code: optionalText(6).transform((v) => (v ? v.toUpperCase() : null)),
      agb_code: optionalText(8),
      street: optionalText().check(withoutBsn(t)),
      house_number: optionalText(20).check(withoutBsn(t)),
      postcode: optionalText(7),
      city: optionalText().check(withoutBsn(t)),
      phone: optionalText(30),
      email: optionalText(254),
      website: optionalText(300),
    })
    .superRefine((v, issue) => {
      if (v.kind === 'municipality' && !/^GM\d{4}$/.test(v.cbs_code ?? '')) {
        issue.addIssue({
          code: 'custom',
          path: ['cbs_code'],
          message: t({
            nl: 'Een gemeente heeft een CBS-code: GM en 4 cijfers, bijvoorbeeld GM0153.',
            en: 'A municipality has a CBS code: GM and 4 digits, for example GM0153.',
          }),
        });
      }
      if (v.kind !== 'municipality' && v.cbs_code) {
        issue.addIssue({
          code: 'custom',
          path: ['cbs_code'],
          message: t({ nl: 'Alleen een gemeente heeft een CBS-code.', en: 'Only a municipality has a CBS code.' }),
        });
      }
      if (v.kind === 'practice' && !/^\d{8}$/.test(v.agb_code ?? '')) {
        issue.addIssue({
          code: 'custom',
          path: ['agb_code'],
          message: t({ nl: 'Een huisartsenpraktijk heeft een AGB-code van 8 cijfers.', en: 'A GP practice has an AGB code of 8 digits.' }),
        });
      }
      if (v.kind !== 'practice' && v.agb_code) {
        issue.addIssue({
          code: 'custom',
          path: ['agb_code'],
          message: t({ nl: 'Alleen een huisartsenpraktijk heeft een AGB-code.', en: 'Only a GP practice has an AGB code.' }),
        });
      }
      if (v.postcode && !POSTCODE_PATTERN.test(v.postcode)) {
        issue.addIssue({ code: 'custom', path: ['postcode'], message: t({ nl: 'Vul een postcode in zoals 7511 AB.', en: 'Enter a postcode like 7511 AB.' }) });
      }
      if (v.kind === 'practice' && (!v.street || !v.house_number || !v.postcode || !v.city)) {
        issue.addIssue({
          code: 'custom',
          path: ['street'],
          message: t({
            nl: 'Vul het adres van de praktijk in: straat, huisnummer, postcode en plaats.',
            en: 'Enter the practice address: street, house number, postcode and town.',
          }),
        });
      }
      if (v.email && !z.email().safeParse(v.email).success) {
        issue.addIssue({ code: 'custom', path: ['email'], message: t({ nl: 'Vul een geldig e-mailadres in.', en: 'Enter a valid e-mail address.' }) });
      }
    })
    .transform((v) => ({ ...v, postcode: v.postcode ? normalisePostcode(v.postcode) : null }));

export type OrganisationInput = z.infer<ReturnType<typeof organisationSchema>>;

const duplicateCode = () =>
  new AppError('duplicate_code', 409, {
    nl: 'Er bestaat al een organisatie met deze CBS- of AGB-code.',
    en: 'An organisation with this CBS or AGB code already exists.',
  });

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && (err as { code?: string }).code === '23505';
}

export async function listOrganisations(db: Database, filter: { kind?: OrganisationKind | undefined } = {}): Promise<Organisation[]> {
  let q = db.selectFrom('organisations').selectAll().orderBy('kind').orderBy('name');
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  return q.execute();
}

export async function getOrganisation(db: Database, id: string): Promise<Organisation> {
  const org = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!org) throw notFound('organisation');
  return org;
}

export async function createOrganisation(db: Database, ctx: RequestContext, input: OrganisationInput): Promise<Organisation> {
  try {
    return await db.transaction().execute(async (trx) => {
      const org = await trx
        .insertInto('organisations')
        .values({ ...input, updated_at: new Date() })
        .returningAll()
        .executeTakeFirstOrThrow();
      await writeAudit(trx, ctx, { action: 'admin.organisation_created', subjectType: 'organisation', subjectId: org.id, details: { kind: org.kind } });
      return org;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateCode();
    throw err;
  }
}

export async function updateOrganisation(db: Database, ctx: RequestContext, id: string, input: OrganisationInput): Promise<Organisation> {
  try {
    return await db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('organisations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
      if (!before) throw notFound('organisation');
      if (before.kind !== input.kind) {
        throw new AppError('kind_fixed', 422, { nl: 'Het soort organisatie kan niet worden gewijzigd.', en: 'The kind of organisation cannot be changed.' });
      }
      const org = await trx
        .updateTable('organisations')
        .set({ ...input, updated_at: new Date() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const changed = Object.keys(input).filter((k) => before[k as keyof Organisation] !== org[k as keyof Organisation]);
      await writeAudit(trx, ctx, { action: 'admin.organisation_updated', subjectType: 'organisation', subjectId: id, details: { changed } });
      return org;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateCode();
    throw err;
  }
}

export async function listRegions(db: Database) {
  return db.selectFrom('regions').selectAll().orderBy('name').execute();
}
