import type { Database } from '../platform/db/database.ts';
import type { AddressFacts } from './decide-route.ts';
import type { Postcode } from './postcode.ts';

/**
 * Where does an address lie? PC6 + house number from the CBS table when it is loaded, else the
 * PC6 alone, else the PC4 table. Returns municipality and district with their names, and the
 * resident's region: the configured region whose municipalities include this CBS code (only
 * organisations of kind 'municipality' carry one: a check constraint of the foundation migration).
 */
export async function resolveAddress(
  db: Database,
  postcode: Postcode,
  houseNumber: number | null,
): Promise<AddressFacts & { source: 'pc6_house_number' | 'pc6' | 'pc4' | 'unknown' }> {
  let found: { municipality_code: string; district_code: string | null } | undefined;
  let source: 'pc6_house_number' | 'pc6' | 'pc4' | 'unknown' = 'unknown';
  if (postcode.pc6 && houseNumber !== null) {
    found = await db
      .selectFrom('postcode_addresses')
      .select(['municipality_code', 'district_code'])
      .where('pc6', '=', postcode.pc6)
      .where('house_number', '=', houseNumber)
      .executeTakeFirst();
    if (found) source = 'pc6_house_number';
  }
  if (!found && postcode.pc6) {
    found = await db
      .selectFrom('postcode_addresses')
      .select(['municipality_code', 'district_code'])
      .where('pc6', '=', postcode.pc6)
      .limit(1)
      .executeTakeFirst();
    if (found) source = 'pc6';
  }
  if (!found) {
    // The common case (PC4 only): one query with the names joined in.
    const area = await db
      .selectFrom('postcode_areas')
      .leftJoin('organisations', 'organisations.cbs_code', 'postcode_areas.municipality_code')
      .leftJoin('districts', 'districts.code', 'postcode_areas.district_code')
      .select([
        'postcode_areas.municipality_code',
        'postcode_areas.district_code',
        'organisations.name',
        'organisations.city',
        'organisations.region_id',
        'districts.name as district_name',
      ])
      .where('postcode_areas.pc4', '=', postcode.pc4)
      .executeTakeFirst();
    if (area) {
      return {
        pc4: postcode.pc4,
        municipalityCode: area.municipality_code,
        municipalityName: area.name ? (area.city ?? area.name.replace(/^Gemeente\s+/, '')) : null,
        districtCode: area.district_code,
        districtName: area.district_name,
        regionId: area.region_id,
        source: 'pc4',
      };
    }
  }
  if (!found) {
    return { pc4: postcode.pc4, municipalityCode: null, municipalityName: null, districtCode: null, districtName: null, regionId: null, source };
  }
  const [municipality, district] = await Promise.all([
    db.selectFrom('organisations').select(['name', 'city', 'region_id']).where('cbs_code', '=', found.municipality_code).executeTakeFirst(),
    found.district_code ? db.selectFrom('districts').select('name').where('code', '=', found.district_code).executeTakeFirst() : Promise.resolve(undefined),
  ]);
  return {
    pc4: postcode.pc4,
    municipalityCode: found.municipality_code,
    municipalityName: municipality ? (municipality.city ?? municipality.name.replace(/^Gemeente\s+/, '')) : null,
    districtCode: found.district_code,
    districtName: district?.name ?? null,
    regionId: municipality?.region_id ?? null,
    source,
  };
}
