/**
 * Test support: a small social map inserted straight into the tables, independent of the demo
 * seed and of the social-map editing use cases. Covers every part the HSDS mapping handles.
 */
import type { Database } from '../../platform/db/database.ts';
import type { ScheduleKind } from '../../platform/db/schema.ts';
import { loadShippedPostcodeAreas } from '../../routing/reference-data.ts';

export interface FixtureMap {
  regionId: string;
  municipalityId: string;
  socialId: string;
  practiceId: string;
  /** Enschede (municipality GM0153): debt counselling, free, phone and walk-in hours, two contacts. */
  schuldhulpId: string;
  /** Geldmaatjes (social org): district WK015301 and PC4 7521, not free, inactive. */
  geldmaatjeId: string;
  /** Hengelo budget coaching (municipality area GM0164), one public contact only. */
  budgetHengeloId: string;
  stadskantoorId: string;
  wijkcentrumId: string;
  publicContactId: string;
  professionalContactId: string;
  organisationContactId: string;
  endedContactId: string;
}

const at = (iso: string) => new Date(iso);

/** Reference data every installation has (PC4 → municipality/district, district names) plus a region. */
export async function prepareEmptyMap(db: Database, regionName = 'Twente'): Promise<string> {
  await loadShippedPostcodeAreas(db);
  return (await db.insertInto('regions').values({ name: regionName }).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertFixtureMap(db: Database): Promise<FixtureMap> {
  const regionId = await prepareEmptyMap(db);
  const org = (values: {
    kind: 'municipality' | 'social' | 'practice';
    name: string;
    cbs_code?: string;
    agb_code?: string;
    description?: string;
    email?: string;
    website?: string;
    phone?: string;
    last_verified_at?: Date;
  }) =>
    db
      .insertInto('organisations')
      .values({ region_id: regionId, cbs_code: null, agb_code: null, updated_at: new Date(), ...values })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((r) => r.id);
  const municipalityId = await org({
    kind: 'municipality',
    name: 'Gemeente Enschede',
    cbs_code: 'GM0153',
    description: 'De gemeente helpt inwoners met geldzorgen.',
    email: 'info@enschede.example',
    website: 'https://www.enschede.example/',
    phone: '14 053',
    last_verified_at: at('2026-03-02T09:15:00Z'),
  });
  const socialId = await org({ kind: 'social', name: 'Stichting Geldmaatjes Twente', website: 'https://geldmaatjes.example/twente' });
  const practiceId = await org({ kind: 'practice', name: 'Huisartsenpraktijk De Esch', agb_code: '01234567' });

  const service = (values: {
    organisation_id: string;
    name: string;
    description?: string;
    url?: string;
    email?: string;
    phone?: string;
    status?: 'active' | 'inactive';
    categories: string[];
    is_free?: boolean;
    fees_description?: string;
    eligibility_description?: string;
    application_process?: string;
    languages?: string[];
    last_verified_at?: Date;
    updated_at: Date;
  }) =>
    db
      .insertInto('services')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((r) => r.id);
  const schuldhulpId = await service({
    organisation_id: municipalityId,
    name: 'Schuldhulpverlening Enschede',
    description: 'Hulp bij schulden: een gesprek binnen 3 werkdagen bij dreigende uitzetting of afsluiting.',
    url: 'https://www.enschede.example/schulden',
    email: 'schuldhulp@enschede.example',
    phone: '053 481 0000',
    categories: ['debt_counselling', 'budget_coaching'],
    is_free: true,
    eligibility_description: 'Inwoners van Enschede vanaf 18 jaar.',
    application_process: 'Bel of loop binnen; u hoeft niets mee te nemen.',
    languages: ['nl', 'en', 'tr'],
    last_verified_at: at('2026-02-28T23:30:00Z'),
    updated_at: at('2026-03-01T10:00:00.123Z'),
  });
  const geldmaatjeId = await service({
    organisation_id: socialId,
    name: 'Geldmaatje',
    description: 'Een vrijwilliger helpt u overzicht te krijgen.',
    status: 'inactive',
    categories: ['money_buddy'],
    is_free: false,
    fees_description: 'Eenmalig € 5 inschrijfgeld.',
    languages: ['nl'],
    updated_at: at('2026-01-15T08:00:00Z'),
  });
  const budgetHengeloId = await service({
    organisation_id: socialId,
    name: 'Budgetcoaching Hengelo',
    categories: ['budget_coaching'],
    languages: ['nl', 'ar'],
    updated_at: at('2026-01-16T08:00:00Z'),
  });

  const location = (values: {
    organisation_id: string;
    name: string;
    description?: string;
    street?: string;
    house_number?: string;
    postcode?: string;
    city?: string;
    is_walk_in?: boolean;
    accessibility?: string;
    last_verified_at?: Date;
  }) =>
    db
      .insertInto('locations')
      .values({ ...values, updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((r) => r.id);
  const stadskantoorId = await location({
    organisation_id: municipalityId,
    name: 'Stadskantoor',
    street: 'Hengelosestraat',
    house_number: '51',
    postcode: '7514 AD',
    city: 'Enschede',
    is_walk_in: true,
    accessibility: 'Rolstoeltoegankelijk; invalidenparkeerplaats voor de deur.',
    last_verified_at: at('2026-03-02T12:00:00Z'),
  });
  const wijkcentrumId = await location({
    organisation_id: socialId,
    name: 'Wijkcentrum De Pathmos',
    description: 'Ingang aan de achterkant.',
    street: 'Pathmossingel',
    house_number: '200 A',
    postcode: '7513 CM',
    city: 'Enschede',
  });
  await db
    .insertInto('service_locations')
    .values([
      { service_id: schuldhulpId, location_id: stadskantoorId },
      { service_id: geldmaatjeId, location_id: wijkcentrumId },
      { service_id: geldmaatjeId, location_id: stadskantoorId },
    ])
    .execute();

  const contact = (values: {
    organisation_id: string;
    service_id?: string;
    name: string;
    job_title?: string;
    email?: string;
    phone?: string;
    visibility: 'public' | 'professional';
    ended_at?: Date;
    last_verified_at?: Date;
  }) =>
    db
      .insertInto('contacts')
      .values({ ...values, updated_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((r) => r.id);
  const publicContactId = await contact({
    organisation_id: municipalityId,
    service_id: schuldhulpId,
    name: 'Loket Geldzorgen',
    email: 'geldzorgen@enschede.example',
    phone: '053 481 1111',
    visibility: 'public',
  });
  const professionalContactId = await contact({
    organisation_id: municipalityId,
    service_id: schuldhulpId,
    name: 'Jan Jansen',
    job_title: 'Schuldhulpverlener',
    email: 'j.jansen@enschede.example',
    phone: '06 1234 5678',
    visibility: 'professional',
    last_verified_at: at('2026-03-03T08:00:00Z'),
  });
  const organisationContactId = await contact({
    organisation_id: socialId,
    name: 'Coördinator Geldmaatjes',
    phone: '06 8765 4321',
    visibility: 'professional',
  });
  const endedContactId = await contact({
    organisation_id: municipalityId,
    service_id: schuldhulpId,
    name: 'Oud Contact',
    visibility: 'public',
    ended_at: at('2025-12-31T12:00:00Z'),
  });
  await contact({ organisation_id: socialId, service_id: budgetHengeloId, name: 'Balie Hengelo', phone: '074 000 0000', visibility: 'public' });

  const hours = (
    owner: { service_id?: string; location_id?: string; contact_id?: string },
    kind: ScheduleKind,
    weekdays: number[],
    opens_at: string,
    closes_at: string,
    note?: string,
  ) =>
    db
      .insertInto('schedules')
      .values(weekdays.map((weekday) => ({ ...owner, kind, weekday, opens_at, closes_at, note: note ?? null })))
      .execute();
  await hours({ service_id: schuldhulpId }, 'phone', [1, 2, 3, 4], '09:00', '12:00');
  await hours({ service_id: schuldhulpId }, 'walk_in', [5], '13:00', '16:00', 'Zonder afspraak');
  await hours({ location_id: stadskantoorId }, 'opening', [1, 2, 3, 4, 5], '08:30', '17:00');
  await hours({ location_id: stadskantoorId }, 'opening', [4], '18:00', '20:00', 'Koopavond');
  await hours({ contact_id: professionalContactId }, 'on_site', [2], '09:00', '11:00', 'In de praktijk');
  await hours({ contact_id: professionalContactId }, 'phone', [1, 3], '13:00', '14:00');
  await hours({ contact_id: organisationContactId }, 'phone', [3], '10:00', '12:00');

  await db
    .insertInto('service_areas')
    .values([
      { service_id: schuldhulpId, municipality_code: 'GM0153' },
      { service_id: geldmaatjeId, district_code: 'WK015301' },
      { service_id: geldmaatjeId, pc4: '7521' },
      { service_id: budgetHengeloId, municipality_code: 'GM0164' },
    ])
    .execute();

  return {
    regionId,
    municipalityId,
    socialId,
    practiceId,
    schuldhulpId,
    geldmaatjeId,
    budgetHengeloId,
    stadskantoorId,
    wijkcentrumId,
    publicContactId,
    professionalContactId,
    organisationContactId,
    endedContactId,
  };
}
