import { categories, categoryLabels } from '../../needs/categories.ts';
import type { ScheduleKind } from '../../platform/db/schema.ts';
import { uuidV5 } from './ids.ts';
import type { HsdsAttribute, HsdsTaxonomyTerm } from './hsds-types.ts';

/**
 * What HSDS 3 has no field for travels as an `attribute` with a term from one of these small
 * Korte Lijn taxonomies (see docs/decisions/003-hsds-mapping.md). The keys are stable: they are
 * what a receiving system matches on, together with the term `code`.
 */
export interface Taxonomy {
  key: string;
  name: string;
  description: string;
  /** HSDS attribute.link_type: what the term says about the entity. */
  linkType: string;
  terms: Record<string, { name: string; description: string }>;
}

export const scheduleKinds: readonly ScheduleKind[] = ['opening', 'walk_in', 'phone', 'on_site'];

export const scheduleKindNames: Record<ScheduleKind, { name: string; description: string }> = {
  opening: { name: 'Openingstijden', description: 'Opening hours' },
  walk_in: { name: 'Inloopspreekuur', description: 'Walk-in hours: no appointment needed' },
  phone: { name: 'Telefonisch spreekuur', description: 'Phone hours' },
  on_site: { name: 'Spreekuur in de praktijk', description: 'On-site hours in the GP practice' },
};

export const taxonomies = {
  need: {
    key: 'korte-lijn-need',
    name: 'Korte Lijn: hulpvraag',
    description: 'Needs around money matters that a service helps with (src/socialmap/categories.ts).',
    linkType: 'need',
    terms: Object.fromEntries(categories.map((c) => [c, { name: categoryLabels[c].nl, description: categoryLabels[c].en }])),
  },
  scheduleKind: {
    key: 'korte-lijn-schedule-kind',
    name: 'Korte Lijn: soort tijden',
    description: 'What a schedule is for: opening hours, walk-in, phone hours or on-site hours.',
    linkType: 'schedule_kind',
    terms: scheduleKindNames,
  },
  contactHours: {
    key: 'korte-lijn-contact-hours',
    name: 'Korte Lijn: bereikbaarheid contactpersoon',
    description:
      'Weekly hours of a contact person (HSDS contacts have no schedules); value is an HSDS schedule as JSON: {"byday","opens_at","closes_at","notes"}.',
    linkType: 'contact_hours',
    terms: scheduleKindNames,
  },
  contactVisibility: {
    key: 'korte-lijn-contact-visibility',
    name: 'Korte Lijn: zichtbaarheid contactpersoon',
    description: 'Public contacts are shown to residents; professional contacts (direct lines) only to signed-in professionals.',
    linkType: 'visibility',
    terms: {
      public: { name: 'Openbaar', description: 'Public: may be shown to residents' },
      professional: { name: 'Alleen voor professionals', description: 'Professional: only for signed-in professionals and token holders' },
    },
  },
  organisationKind: {
    key: 'korte-lijn-organisation-kind',
    name: 'Korte Lijn: soort organisatie',
    description: 'Municipality (with a CBS code) or social-domain organisation.',
    linkType: 'organisation_kind',
    terms: {
      municipality: { name: 'Gemeente', description: 'Municipality' },
      social: { name: 'Organisatie sociaal domein', description: 'Social domain organisation' },
    },
  },
  locationFeature: {
    key: 'korte-lijn-location-feature',
    name: 'Korte Lijn: kenmerk locatie',
    description: 'Features of a location.',
    linkType: 'feature',
    terms: { walk_in: { name: 'Inlooppunt', description: 'Walk-in point: residents can drop in without an appointment' } },
  },
  verification: {
    key: 'korte-lijn-verification',
    name: 'Korte Lijn: controle',
    description: 'When the entry was last checked with the organisation; value is the date (YYYY-MM-DD).',
    linkType: 'verification',
    terms: { last_verified: { name: 'Laatst gecontroleerd', description: 'Last verified (date in value)' } },
  },
} as const satisfies Record<string, Taxonomy>;

export type TaxonomyName = keyof typeof taxonomies;

export function taxonomyId(taxonomy: Taxonomy): string {
  return uuidV5(`taxonomy/${taxonomy.key}`);
}

export function termId(taxonomy: Taxonomy, code: string): string {
  return uuidV5(`taxonomy/${taxonomy.key}/term/${code}`);
}

export function taxonomyTerm(taxonomy: Taxonomy, code: string): HsdsTaxonomyTerm {
  const term = taxonomy.terms[code];
  return {
    id: termId(taxonomy, code),
    code,
    name: term?.name ?? code,
    description: term?.description ?? code,
    taxonomy: taxonomy.key,
    taxonomy_id: taxonomyId(taxonomy),
    language: 'nl',
  };
}

/**
 * One attribute. Its id is derived from the entity, the taxonomy and the code (or given, when one
 * entity carries several attributes with the same term, like a contact's hours).
 */
export function attribute(
  taxonomy: Taxonomy,
  code: string,
  link: { entity: 'organization' | 'service' | 'location' | 'contact' | 'schedule'; id: string },
  extra: { value?: string; id?: string } = {},
): HsdsAttribute {
  const term = taxonomyTerm(taxonomy, code);
  return {
    id: extra.id ?? uuidV5(`attribute/${link.id}/${taxonomy.key}/${code}`),
    link_id: link.id,
    link_entity: link.entity,
    link_type: taxonomy.linkType,
    taxonomy_term_id: term.id,
    ...(extra.value !== undefined ? { value: extra.value } : {}),
    taxonomy_term: term,
  };
}

const termIndex = new Map<string, { taxonomy: TaxonomyName; code: string }>();
for (const [name, taxonomy] of Object.entries(taxonomies) as Array<[TaxonomyName, Taxonomy]>) {
  for (const code of Object.keys(taxonomy.terms)) termIndex.set(termId(taxonomy, code), { taxonomy: name, code });
}
const taxonomyByKey = new Map<string, TaxonomyName>((Object.entries(taxonomies) as Array<[TaxonomyName, Taxonomy]>).map(([name, t]) => [t.key, name]));

/**
 * Which of our taxonomies (and which code) an incoming attribute uses: by the nested term's
 * taxonomy key and code, or else by the term id alone. Null for anyone else's taxonomy.
 */
export function recogniseAttribute(attr: {
  taxonomy_term_id?: string | undefined;
  taxonomy_term?: { code?: string | undefined; taxonomy?: string | undefined } | undefined;
}): { taxonomy: TaxonomyName; code: string } | null {
  const key = attr.taxonomy_term?.taxonomy;
  const code = attr.taxonomy_term?.code;
  if (key && code) {
    const name = taxonomyByKey.get(key);
    if (name) return { taxonomy: name, code };
  }
  return attr.taxonomy_term_id ? (termIndex.get(attr.taxonomy_term_id.toLowerCase()) ?? null) : null;
}
