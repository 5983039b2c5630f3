import { z } from 'zod';
import { fill, type Text, type Translate } from '../platform/i18n.ts';
import { optionalText } from '../platform/http/forms.ts';
import { withoutBsn } from '../platform/bsn.ts';
import { parsePostcode } from '../routing/postcode.ts';
import { categories } from '../needs/categories.ts';
import type { ContactColumn, ContactInput, LocationColumn, LocationInput, ServiceColumn, ServiceInput } from './entries.ts';
import { serviceLanguages } from './languages.ts';
import { formatTimeRanges, parseTimeRanges, weekdayLabels, weekdays, type TimeSlot } from './opening-hours.ts';

/**
 * The form boundary of the social map editors: flat form values (every field a string; a checkbox
 * is present only when ticked) validated with zod and turned into the typed inputs of the use
 * cases. Checkbox groups use one name per option (`cat_debt_counselling`, `lang_tr`, `gm_GM0141`),
 * so a form with errors is re-filled from the same flat values.
 */
type Values = Record<string, string | undefined>;
type Issue = Pick<z.core.$RefinementCtx, 'addIssue'>;
/** For re-reading hours that were already validated. */
const noIssues: Issue = { addIssue: () => {} };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function ticked(values: Values, prefix: string): string[] {
  return Object.keys(values)
    .filter((k) => k.startsWith(prefix) && values[k] !== undefined && values[k] !== '')
    .map((k) => k.slice(prefix.length));
}

/** Weekly hours typed per weekday in fields `${prefix}1` … `${prefix}7`. */
function weekHours(values: Values, prefix: string, t: Translate, issue: Issue): TimeSlot[] {
  const slots: TimeSlot[] = [];
  for (const weekday of weekdays) {
    const field = `${prefix}${weekday}`;
    const parsed = parseTimeRanges(values[field] ?? '');
    if (!parsed.ok) {
      issue.addIssue({
        code: 'custom',
        path: [field],
        message: fill(
          t({
            nl: '{day}: vul de tijden in zoals 09:00-12:00. Meer tijden scheidt u met een komma.',
            en: '{day}: enter the times like 09:00-12:00. Separate more times with a comma.',
          }),
          {
            day: t(weekdayLabels[weekday]!),
          },
        ),
      });
    } else {
      slots.push(...parsed.ranges.map((r) => ({ weekday, ...r })));
    }
  }
  return slots;
}

/** Stored weekly hours as form values for `${prefix}1` … `${prefix}7`. */
export function weekHoursValues(slots: readonly TimeSlot[], prefix: string): Record<string, string> {
  return Object.fromEntries(weekdays.map((d) => [`${prefix}${d}`, formatTimeRanges(slots, d)]));
}

const email = (t: Translate) =>
  optionalText(254).refine(
    (v) => v === null || z.email().safeParse(v).success,
    t({ nl: 'Vul een geldig e-mailadres in, zoals info@voorbeeld.nl.', en: 'Enter a valid e-mail address, like info@example.nl.' }),
  );
const phone = (t: Translate) =>
  optionalText(30).refine(
    (v) => v === null || /^[0-9+()\s-]{6,30}$/.test(v),
    t({ nl: 'Vul een telefoonnummer in met alleen cijfers, spaties of streepjes.', en: 'Enter a phone number with digits, spaces or dashes only.' }),
  );
const url = (t: Translate) =>
  optionalText(300).refine(
    (v) => v === null || /^https?:\/\/[^\s]+\.[^\s]+$/.test(v),
    t({ nl: 'Vul een webadres in dat begint met https://', en: 'Enter a web address starting with https://' }),
  );
/** An optional text people write; like every free text, never a BSN (platform/bsn.ts). */
const longText = (t: Translate, max = 2000) => optionalText(max).check(withoutBsn(t));
/** A required text; the message also covers a field that is missing from the post altogether. */
const requiredText = (t: Translate, missing: Text, min = 2, max = 200) =>
  z
    .string({ error: t(missing) })
    .trim()
    .min(min, t(missing))
    .max(max)
    .check(withoutBsn(t));
/**
 * A form's fields: one for each of the entry's columns (so a new column cannot be forgotten here),
 * plus the form's own (the owner, areas typed as text). Checkbox groups post one name per option
 * and are read in the refinements.
 */
type FieldsFor<Column extends string> = Record<Column, z.ZodType> & Record<string, z.ZodType>;

const organisationId = (t: Translate) => {
  const message = t({ nl: 'Kies de organisatie.', en: 'Choose the organisation.' });
  return z.string({ error: message }).regex(UUID, message);
};

export const serviceFormSchema = (t: Translate) =>
  z
    .looseObject({
      organisation_id: organisationId(t),
      team_id: z
        .string()
        .optional()
        .transform((v) => (v ? v : null))
        .refine((v) => v === null || UUID.test(v), t({ nl: 'Kies een team uit de lijst.', en: 'Choose a team from the list.' })),
      name: requiredText(t, { nl: 'Vul de naam van de dienst in.', en: 'Enter the name of the service.' }),
      description: longText(t).transform((v) => v ?? ''),
      phone: phone(t),
      email: email(t),
      url: url(t),
      status: z.enum(['active', 'inactive']).optional().default('active'),
      // Radio groups post nothing when nothing is chosen; checked below so the other errors still show.
      is_free: z.string().optional(),
      fees_description: longText(t, 500),
      eligibility_description: longText(t),
      application_process: longText(t),
      pc4s: z.string().optional().default(''),
    } satisfies FieldsFor<Exclude<ServiceColumn, 'categories' | 'languages'> | 'organisation_id'>)
    .superRefine((v, issue) => {
      const values = v as Values;
      if (v.is_free !== 'yes' && v.is_free !== 'no')
        issue.addIssue({ code: 'custom', path: ['is_free'], message: t({ nl: 'Kies of de hulp gratis is.', en: 'Choose whether the help is free.' }) });
      if (categories.every((c) => !values[`cat_${c}`]))
        issue.addIssue({ code: 'custom', path: ['categories'], message: t({ nl: 'Kies minstens één soort hulp.', en: 'Choose at least one kind of help.' }) });
      if (serviceLanguages.every((l) => !values[`lang_${l}`]))
        issue.addIssue({ code: 'custom', path: ['languages'], message: t({ nl: 'Kies minstens één taal.', en: 'Choose at least one language.' }) });
      const pc4s = [...new Set(v.pc4s.split(/[\s,;]+/).filter(Boolean))];
      if (pc4s.some((p) => !/^[1-9][0-9]{3}$/.test(p))) {
        issue.addIssue({
          code: 'custom',
          path: ['pc4s'],
          message: t({
            nl: 'Vul postcodes in met 4 cijfers, gescheiden door een komma, zoals 7601, 7602.',
            en: 'Enter postcodes of 4 digits, separated by commas, like 7601, 7602.',
          }),
        });
      }
      const municipalities = ticked(values, 'gm_').filter((c) => /^GM\d{4}$/.test(c));
      const districts = ticked(values, 'wk_').filter((c) => /^WK[0-9]{4}[0-9A-Z]{2}$/.test(c));
      if (municipalities.length + districts.length + pc4s.length === 0) {
        issue.addIssue({
          code: 'custom',
          path: ['areas'],
          message: t({
            nl: 'Kies minstens één gemeente, wijk of postcode waar de dienst helpt.',
            en: 'Choose at least one municipality, district or postcode the service covers.',
          }),
        });
      }
      weekHours(values, 'phone_', t, issue);
    })
    .transform((v): ServiceInput => {
      const values = v as Values;
      const pc4s = [...new Set(v.pc4s.split(/[\s,;]+/).filter(Boolean))];
      return {
        organisation_id: v.organisation_id,
        team_id: v.team_id,
        name: v.name,
        description: v.description,
        url: v.url,
        email: v.email,
        phone: v.phone,
        status: v.status,
        categories: categories.filter((c) => values[`cat_${c}`]),
        is_free: v.is_free === 'yes',
        fees_description: v.is_free === 'yes' ? null : v.fees_description,
        eligibility_description: v.eligibility_description,
        application_process: v.application_process,
        languages: serviceLanguages.filter((l) => values[`lang_${l}`]),
        areas: {
          municipalities: ticked(values, 'gm_').filter((c) => /^GM\d{4}$/.test(c)),
          districts: ticked(values, 'wk_').filter((c) => /^WK[0-9]{4}[0-9A-Z]{2}$/.test(c)),
          pc4s: pc4s.sort(),
        },
        location_ids: ticked(values, 'loc_').filter((id) => UUID.test(id)),
        phone_hours: weekHours(values, 'phone_', t, noIssues),
      };
    });

/** A stored service as flat form values (its categories as stored: a form shows what is there). */
export function serviceFormValues(s: Omit<ServiceInput, 'categories'> & { categories: readonly string[] }): Record<string, string> {
  const values: Record<string, string> = {
    organisation_id: s.organisation_id,
    team_id: s.team_id ?? '',
    name: s.name,
    description: s.description,
    url: s.url ?? '',
    email: s.email ?? '',
    phone: s.phone ?? '',
    status: s.status,
    is_free: s.is_free ? 'yes' : 'no',
    fees_description: s.fees_description ?? '',
    eligibility_description: s.eligibility_description ?? '',
    application_process: s.application_process ?? '',
    pc4s: s.areas.pc4s.join(', '),
    ...weekHoursValues(s.phone_hours, 'phone_'),
  };
  for (const c of s.categories) values[`cat_${c}`] = 'on';
  for (const l of s.languages) values[`lang_${l}`] = 'on';
  for (const m of s.areas.municipalities) values[`gm_${m}`] = 'on';
  for (const d of s.areas.districts) values[`wk_${d}`] = 'on';
  for (const id of s.location_ids) values[`loc_${id}`] = 'on';
  return values;
}

export const locationFormSchema = (t: Translate) =>
  z
    .looseObject({
      organisation_id: organisationId(t),
      name: requiredText(t, { nl: 'Vul de naam van de locatie in.', en: 'Enter the name of the location.' }),
      description: longText(t, 1000),
      street: requiredText(t, { nl: 'Vul de straat in.', en: 'Enter the street.' }),
      house_number: requiredText(t, { nl: 'Vul het huisnummer in.', en: 'Enter the house number.' }, 1, 20),
      postcode: z
        .string({ error: t({ nl: 'Vul een postcode in zoals 7511 AB.', en: 'Enter a postcode like 7511 AB.' }) })
        .trim()
        .transform((v, issue) => {
          const p = parsePostcode(v);
          if (!p?.pc6) {
            issue.addIssue({ code: 'custom', message: t({ nl: 'Vul een postcode in zoals 7511 AB.', en: 'Enter a postcode like 7511 AB.' }) });
            return z.NEVER;
          }
          return p.display;
        }),
      city: requiredText(t, { nl: 'Vul de plaats in.', en: 'Enter the town.' }),
      is_walk_in: z.string().optional(),
      accessibility: longText(t, 500),
    } satisfies FieldsFor<LocationColumn | 'organisation_id'>)
    .superRefine((v, issue) => {
      weekHours(v as Values, 'opening_', t, issue);
      weekHours(v as Values, 'walk_in_', t, issue);
    })
    .transform((v): LocationInput => {
      const values = v as Values;
      return {
        organisation_id: v.organisation_id,
        name: v.name,
        description: v.description,
        street: v.street,
        house_number: v.house_number,
        postcode: v.postcode,
        city: v.city,
        is_walk_in: Boolean(v.is_walk_in),
        accessibility: v.accessibility,
        opening_hours: weekHours(values, 'opening_', t, noIssues),
        walk_in_hours: weekHours(values, 'walk_in_', t, noIssues),
      };
    });

export function locationFormValues(l: LocationInput): Record<string, string> {
  return {
    organisation_id: l.organisation_id,
    name: l.name,
    description: l.description ?? '',
    street: l.street ?? '',
    house_number: l.house_number ?? '',
    postcode: l.postcode ?? '',
    city: l.city ?? '',
    ...(l.is_walk_in ? { is_walk_in: 'on' } : {}),
    accessibility: l.accessibility ?? '',
    ...weekHoursValues(l.opening_hours, 'opening_'),
    ...weekHoursValues(l.walk_in_hours, 'walk_in_'),
  };
}

export const contactFormSchema = (t: Translate) =>
  z
    .looseObject({
      name: requiredText(t, { nl: 'Vul de naam van de contactpersoon in.', en: "Enter the contact person's name." }),
      job_title: longText(t, 200),
      phone: phone(t),
      email: email(t),
      visibility: z.string().optional(),
    } satisfies FieldsFor<ContactColumn>)
    .superRefine((v, issue) => {
      if (v.visibility !== 'public' && v.visibility !== 'professional') {
        issue.addIssue({
          code: 'custom',
          path: ['visibility'],
          message: t({ nl: 'Kies wie deze contactpersoon mag zien.', en: 'Choose who may see this contact.' }),
        });
      }
      if (!v.phone && !v.email) {
        issue.addIssue({
          code: 'custom',
          path: ['phone'],
          message: t({
            nl: 'Vul een telefoonnummer of e-mailadres in: zo is de contactpersoon te bereiken.',
            en: 'Enter a phone number or e-mail address, so the contact can be reached.',
          }),
        });
      }
      weekHours(v as Values, 'phone_', t, issue);
    })
    .transform((v): ContactInput => ({
      name: v.name,
      job_title: v.job_title,
      phone: v.phone,
      email: v.email,
      visibility: v.visibility === 'public' ? 'public' : 'professional',
      phone_hours: weekHours(v as Values, 'phone_', t, noIssues),
    }));

export function contactFormValues(c: ContactInput): Record<string, string> {
  return {
    name: c.name,
    job_title: c.job_title ?? '',
    phone: c.phone ?? '',
    email: c.email ?? '',
    visibility: c.visibility,
    ...weekHoursValues(c.phone_hours, 'phone_'),
  };
}
