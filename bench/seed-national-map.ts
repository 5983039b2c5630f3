import { sql } from 'kysely';
import type { Database } from '../src/platform/db/database.ts';
import { categories } from '../src/needs/categories.ts';
import { rng } from './measure.ts';

/**
 * A synthetic social map of national size: 342 municipalities, 4,070 PC4 areas (3 districts per
 * municipality), 5,000 organisations, 50,000 services, 20,000 locations, 30,000 contacts and their
 * schedules. Deterministic, so runs are comparable.
 */
export const SIZES = { municipalities: 342, pc4: 4070, organisations: 5000, services: 50_000, locations: 20_000, contacts: 30_000 };

async function insertChunks<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export interface NationalMap {
  pc4s: string[];
}

export async function seedNationalMap(db: Database): Promise<NationalMap> {
  const random = rng(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const region = await db.insertInto('regions').values({ name: 'Nederland (synthetisch)' }).returning('id').executeTakeFirstOrThrow();
  const municipalityCodes = Array.from({ length: SIZES.municipalities }, (_, i) => `GM${String(1000 + i).padStart(4, '0')}`);
  const now = new Date();
  await insertChunks(municipalityCodes, 500, (chunk) =>
    db
      .insertInto('organisations')
      .values(
        chunk.map((code) => ({
          kind: 'municipality' as const,
          name: `Gemeente ${code}`,
          city: `Plaats ${code}`,
          cbs_code: code,
          region_id: region.id,
          updated_at: now,
        })),
      )
      .execute(),
  );
  const districts = municipalityCodes.flatMap((m) => [1, 2, 3].map((d) => ({ code: `WK${m.slice(2)}0${d}`, name: `Wijk ${d}`, municipality_code: m })));
  await insertChunks(districts, 1000, (chunk) => db.insertInto('districts').values(chunk).execute());

  // 4,070 PC4 codes between 1000 and 9999, each in one municipality and one of its districts.
  const pc4s = Array.from({ length: SIZES.pc4 }, (_, i) => String(1000 + Math.floor((i * 8999) / SIZES.pc4)));
  const areaRows = pc4s.map((pc4, i) => {
    const m = municipalityCodes[Math.floor((i * SIZES.municipalities) / SIZES.pc4)]!;
    return { pc4, municipality_code: m, district_code: `WK${m.slice(2)}0${(i % 3) + 1}`, source: 'bench' };
  });
  await db.deleteFrom('postcode_areas').execute();
  await insertChunks(areaRows, 1000, (chunk) => db.insertInto('postcode_areas').values(chunk).execute());
  const pc4sOf = new Map<string, string[]>();
  for (const a of areaRows) pc4sOf.set(a.municipality_code, [...(pc4sOf.get(a.municipality_code) ?? []), a.pc4]);

  const orgIds: string[] = [];
  await insertChunks(
    Array.from({ length: SIZES.organisations }, (_, i) => i),
    1000,
    async (chunk) => {
      const rows = await db
        .insertInto('organisations')
        .values(chunk.map((i) => ({ kind: 'social' as const, name: `Organisatie ${i}`, city: 'Ergens', region_id: region.id, updated_at: now })))
        .returning('id')
        .execute();
      orgIds.push(...rows.map((r) => r.id));
    },
  );

  const day = 86_400_000;
  const services = Array.from({ length: SIZES.services }, (_, i) => ({
    organisation_id: orgIds[i % orgIds.length]!,
    name: `Dienst ${i} ${pick(['schuldhulp', 'budgetcoach', 'inloop', 'formulierenhulp', 'wijkteam', 'geldmaatje'])}`,
    description: 'Synthetische dienst voor de benchmark.',
    phone: '010 000 0000',
    categories: [...new Set([pick(categories), pick(categories)])],
    last_verified_at: new Date(now.getTime() - Math.floor(random() * 400) * day),
    updated_at: now,
  }));
  const serviceIds: string[] = [];
  await insertChunks(services, 1000, async (chunk) => {
    const rows = await db.insertInto('services').values(chunk).returning('id').execute();
    serviceIds.push(...rows.map((r) => r.id));
  });

  // Areas: most services cover a municipality, some a few PC4 areas, some a district.
  type AreaRow = { service_id: string; municipality_code: string | null; district_code: string | null; pc4: string | null };
  const areas = serviceIds.flatMap((serviceId, i): AreaRow[] => {
    const m = municipalityCodes[i % municipalityCodes.length]!;
    const r = random();
    if (r < 0.7) return [{ service_id: serviceId, municipality_code: m, district_code: null, pc4: null }];
    if (r < 0.9)
      return (pc4sOf.get(m) ?? [])
        .slice(0, 1 + Math.floor(random() * 3))
        .map((pc4) => ({ service_id: serviceId, municipality_code: null, district_code: null, pc4 }));
    return [{ service_id: serviceId, municipality_code: null, district_code: `WK${m.slice(2)}0${1 + Math.floor(random() * 3)}`, pc4: null }];
  });
  await insertChunks(areas, 2000, (chunk) => db.insertInto('service_areas').values(chunk).execute());

  const locationIds: string[] = [];
  await insertChunks(
    Array.from({ length: SIZES.locations }, (_, i) => i),
    1000,
    async (chunk) => {
      const rows = await db
        .insertInto('locations')
        .values(
          chunk.map((i) => ({
            organisation_id: orgIds[i % orgIds.length]!,
            name: `Locatie ${i}`,
            street: 'Straat',
            house_number: String(i % 200),
            postcode: `${pc4s[i % pc4s.length]} AB`,
            city: 'Plaats',
            is_walk_in: i % 3 === 0,
            updated_at: now,
          })),
        )
        .returning('id')
        .execute();
      locationIds.push(...rows.map((r) => r.id));
    },
  );
  await insertChunks(
    locationIds.map((locationId, i) => ({ service_id: serviceIds[(i * 2) % serviceIds.length]!, location_id: locationId })),
    2000,
    (chunk) => db.insertInto('service_locations').values(chunk).execute(),
  );

  const contactIds: string[] = [];
  await insertChunks(
    Array.from({ length: SIZES.contacts }, (_, i) => i),
    1000,
    async (chunk) => {
      const rows = await db
        .insertInto('contacts')
        .values(
          chunk.map((i) => ({
            organisation_id: orgIds[i % orgIds.length]!,
            service_id: serviceIds[(i * 3) % serviceIds.length]!,
            name: `Contact ${i}`,
            phone: '06 0000 0000',
            visibility: i % 2 ? ('public' as const) : ('professional' as const),
            updated_at: now,
          })),
        )
        .returning('id')
        .execute();
      contactIds.push(...rows.map((r) => r.id));
    },
  );

  const schedules = [
    ...serviceIds.flatMap((id, i) =>
      [1, 3].map((weekday) => ({ service_id: id, kind: 'phone' as const, weekday: ((weekday + i) % 5) + 1, opens_at: '09:00', closes_at: '12:00' })),
    ),
    ...locationIds.map((id, i) => ({
      location_id: id,
      kind: i % 3 === 0 ? ('walk_in' as const) : ('opening' as const),
      weekday: (i % 5) + 1,
      opens_at: '13:00',
      closes_at: '16:00',
    })),
    ...contactIds.map((id, i) => ({ contact_id: id, kind: 'phone' as const, weekday: (i % 5) + 1, opens_at: '10:00', closes_at: '11:30' })),
  ];
  await insertChunks(schedules, 2000, (chunk) => db.insertInto('schedules').values(chunk).execute());
  await sql`analyze`.execute(db);
  return { pc4s };
}
