import { z } from 'zod';
import type { Translate } from '../../platform/i18n.ts';
import { withoutBsn } from '../../platform/bsn.ts';
import { ISO_DAYS } from './to-hsds.ts';

/**
 * The boundary of an HSDS import: what we read from an HSDS 3.0 document, validated and typed.
 * Fields Korte Lijn does not keep are ignored (not refused), so a file from another HSDS system
 * imports as far as it maps; what we do read must make sense, or nothing is imported. Text we keep
 * never holds a BSN (platform/bsn.ts), just as in the social map's own forms.
 */

const lowerId = (t: Translate) => z.guid(t({ nl: 'moet een UUID zijn', en: 'must be a UUID' })).transform((v) => v.toLowerCase());

/** Optional text: absent, null and blank all mean "none"; otherwise kept as written. */
const optionalText = (max = 20_000) =>
  z
    .string()
    .max(max)
    .nullish()
    .transform((v) => (v && v.trim() ? v : null));

/** Text people wrote (a description, a note), kept as optional text: never a BSN. */
const freeText = (t: Translate, max?: number) => optionalText(max).check(withoutBsn(t));

const requiredText = (t: Translate, max = 500) =>
  z
    .string(t({ nl: 'ontbreekt', en: 'is missing' }))
    .max(max)
    .refine((v) => v.trim() !== '', t({ nl: 'mag niet leeg zijn', en: 'must not be empty' }))
    .check(withoutBsn(t));

const optionalEmail = (t: Translate) =>
  optionalText(254).refine(
    (v) => v === null || z.email().safeParse(v.trim()).success,
    t({ nl: 'is geen geldig e-mailadres', en: 'is not a valid e-mail address' }),
  );

const optionalUrl = (t: Translate) =>
  optionalText(2_000).refine(
    (v) => v === null || (/^https?:\/\//i.test(v) && URL.canParse(v)),
    t({ nl: 'is geen geldig webadres (http:// of https://)', en: 'is not a valid web address (http:// or https://)' }),
  );

const isoDate = (t: Translate) =>
  z
    .string()
    .nullish()
    .transform((v) => (v && v.trim() ? v.trim() : null))
    .refine(
      (v) => v === null || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))),
      t({ nl: 'moet een datum zijn zoals 2026-03-01', en: 'must be a date like 2026-03-01' }),
    );

const attributeSchema = (t: Translate) =>
  z.object({
    id: z.string().nullish(),
    taxonomy_term_id: z
      .string()
      .nullish()
      .transform((v) => v ?? undefined),
    // Our contact hours keep their notes in here (JSON).
    value: z.string().max(20_000).check(withoutBsn(t)).nullish(),
    taxonomy_term: z
      .object({
        code: z
          .string()
          .nullish()
          .transform((v) => v ?? undefined),
        taxonomy: z
          .string()
          .nullish()
          .transform((v) => v ?? undefined),
      })
      .nullish()
      .transform((v) => v ?? undefined),
  });
export type ParsedAttribute = z.infer<ReturnType<typeof attributeSchema>>;

const attributes = (t: Translate) =>
  z
    .array(attributeSchema(t))
    .nullish()
    .transform((v) => v ?? []);
const list = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);

/** "09:00" or "09:00:00" in local (Amsterdam) time → "09:00". Times with a UTC offset are refused: we keep local hours. */
export const clockTime = (t: Translate) =>
  z
    .string(t({ nl: 'ontbreekt (tijd als 09:00)', en: 'is missing (time like 09:00)' }))
    .regex(
      /^([01]\d|2[0-3]):[0-5]\d(:00)?$/,
      t({
        nl: 'moet een tijd zijn zoals 09:00, in Nederlandse tijd en zonder tijdzone',
        en: 'must be a time like 09:00, in Dutch local time without a time zone',
      }),
    )
    .transform((v) => v.slice(0, 5));

/** "MO,WE" → [1, 3] (ISO weekdays). */
export function parseByday(value: string): number[] | null {
  const parts = value.split(',').map((p) => p.trim().toUpperCase());
  const days: number[] = [];
  for (const part of parts) {
    const index = (ISO_DAYS as readonly string[]).indexOf(part);
    if (index < 0) return null;
    if (!days.includes(index + 1)) days.push(index + 1);
  }
  return days.length ? days.sort((a, b) => a - b) : null;
}

const schedule = (t: Translate) =>
  z
    .object({
      id: lowerId(t),
      freq: z.string().nullish(),
      byday: z.string(t({ nl: 'ontbreekt (dagen als MO,TU)', en: 'is missing (days like MO,TU)' })),
      opens_at: clockTime(t),
      closes_at: clockTime(t),
      notes: freeText(t, 2_000),
      attributes: attributes(t),
    })
    .superRefine((s, ctx) => {
      if (s.freq && s.freq.toUpperCase() !== 'WEEKLY')
        ctx.addIssue({
          code: 'custom',
          path: ['freq'],
          message: t({ nl: 'alleen wekelijkse tijden (WEEKLY) kunnen worden ingelezen', en: 'only weekly schedules (WEEKLY) can be imported' }),
        });
      if (!parseByday(s.byday))
        ctx.addIssue({
          code: 'custom',
          path: ['byday'],
          message: t({ nl: 'moet dagen zijn als MO,TU,WE (MO tot en met SU)', en: 'must be days like MO,TU,WE (MO to SU)' }),
        });
      if (s.opens_at >= s.closes_at)
        ctx.addIssue({ code: 'custom', path: ['closes_at'], message: t({ nl: 'moet later zijn dan opens_at', en: 'must be later than opens_at' }) });
    })
    .transform((s) => ({ ...s, weekdays: parseByday(s.byday) ?? [] }));
export type ParsedSchedule = z.infer<ReturnType<typeof schedule>>;

const phones = list(z.object({ number: z.string().max(50) }));

const contact = (t: Translate) =>
  z.object({
    id: lowerId(t),
    name: requiredText(t, 200),
    title: freeText(t, 200),
    email: optionalEmail(t),
    phones,
    attributes: attributes(t),
  });
export type ParsedContact = z.infer<ReturnType<typeof contact>>;

const location = (t: Translate) =>
  z.object({
    id: lowerId(t),
    organization_id: lowerId(t).nullish(),
    name: requiredText(t, 300),
    description: freeText(t),
    addresses: list(
      z.object({
        address_1: z.string().max(300).check(withoutBsn(t)).nullish(),
        city: z.string().max(200).check(withoutBsn(t)).nullish(),
        postal_code: z.string().max(20).nullish(),
        address_type: z.string().nullish(),
      }),
    ),
    accessibility: list(z.object({ description: freeText(t, 2_000) })),
    schedules: list(schedule(t)),
    attributes: attributes(t),
  });
export type ParsedLocation = z.infer<ReturnType<typeof location>>;

/** Our service areas: a CBS municipality or district code, or a PC4, in `extent` (see to-hsds.ts). */
export function parseAreaExtent(extent: string): { municipality_code: string } | { district_code: string } | { pc4: string } | null {
  const code = extent.trim().toUpperCase();
  if (/^GM\d{4}$/.test(code)) return { municipality_code: code };
  if (/^WK\d{4}[0-9A-Z]{2}$/.test(code)) return { district_code: code };
  if (/^[1-9]\d{3}$/.test(code)) return { pc4: code };
  return null;
}

const serviceArea = (t: Translate) =>
  z.object({ id: lowerId(t), extent: z.string().nullish() }).transform((a, ctx) => {
    const area = a.extent ? parseAreaExtent(a.extent) : null;
    if (!area) {
      ctx.addIssue({
        code: 'custom',
        path: ['extent'],
        message: t({
          nl: 'werkgebied niet herkend: zet in extent een CBS-gemeentecode (GM0153), een CBS-wijkcode (WK015301) of een postcode van 4 cijfers (7511), met extent_type "text"',
          en: 'service area not recognised: put a CBS municipality code (GM0153), a CBS district code (WK015301) or a 4-digit postcode (7511) in extent, with extent_type "text"',
        }),
      });
      return z.NEVER;
    }
    return { id: a.id, ...area };
  });

const service = (t: Translate) =>
  z.object({
    id: lowerId(t),
    name: requiredText(t, 300),
    description: freeText(t),
    url: optionalUrl(t),
    email: optionalEmail(t),
    status: z.enum(
      ['active', 'inactive', 'defunct', 'temporarily closed'],
      t({ nl: 'moet active, inactive, defunct of temporarily closed zijn', en: 'must be active, inactive, defunct or temporarily closed' }),
    ),
    application_process: freeText(t),
    fees_description: freeText(t),
    eligibility_description: freeText(t),
    assured_date: isoDate(t),
    last_modified: z.iso
      .datetime({
        offset: true,
        message: t({ nl: 'moet een datum en tijd zijn zoals 2026-03-01T10:00:00Z', en: 'must be a date-time like 2026-03-01T10:00:00Z' }),
      })
      .nullish(),
    phones,
    schedules: list(schedule(t)),
    service_areas: list(serviceArea(t)),
    service_at_locations: list(z.object({ location_id: lowerId(t).nullish(), location: location(t).nullish() })),
    languages: list(
      z.object({
        code: z
          .string(t({ nl: 'taalcode ontbreekt (zoals nl)', en: 'language code is missing (like nl)' }))
          .regex(/^[a-zA-Z]{2,3}$/, t({ nl: 'moet een taalcode zijn zoals nl of tr (ISO 639)', en: 'must be a language code like nl or tr (ISO 639)' }))
          .transform((v) => v.toLowerCase()),
      }),
    ),
    cost_options: list(z.object({ amount: z.number().nullish() })),
    contacts: list(contact(t)),
    attributes: attributes(t),
  });
export type ParsedService = z.infer<ReturnType<typeof service>>;

const organization = (t: Translate) =>
  z.object({
    id: lowerId(t),
    name: requiredText(t, 300),
    description: freeText(t),
    email: optionalEmail(t),
    website: optionalUrl(t),
    organization_identifiers: list(z.object({ identifier_type: z.string().nullish(), identifier_scheme: z.string().nullish(), identifier: z.string() })),
    phones,
    contacts: list(contact(t)),
    locations: list(location(t)),
    services: list(service(t)),
    attributes: attributes(t),
  });
export type ParsedOrganization = z.infer<ReturnType<typeof organization>>;

/** A Korte Lijn export ({ organizations: [...] }) or a bare array of HSDS organizations. */
export const importDocumentSchema = (t: Translate) =>
  z.preprocess(
    (v) => (Array.isArray(v) ? { organizations: v } : v),
    z.object(
      {
        organizations: z
          .array(organization(t), t({ nl: 'ontbreekt: verwacht een lijst organisaties (organizations)', en: 'is missing: expected a list of organizations' }))
          .max(20_000),
      },
      t({
        nl: 'verwacht een HSDS-document: een object met organizations, of een lijst organisaties',
        en: 'expected an HSDS document: an object with organizations, or a list of organizations',
      }),
    ),
  );
export type ParsedDocument = z.infer<ReturnType<typeof importDocumentSchema>>;
