import { readFileSync } from 'node:fs';
import type { Database } from '../platform/db/database.ts';

/**
 * The PC4 → municipality table shipped with the repo (see data/README.md). Loaded once when the
 * table is empty; a CBS import replaces it.
 */
export async function loadShippedPostcodeAreas(db: Database): Promise<number> {
  const existing = await db.selectFrom('postcode_areas').select('pc4').limit(1).executeTakeFirst();
  if (existing) return 0;
  const areas = readCsv(new URL('./data/twente-pc4.csv', import.meta.url)).map((r) => ({
    pc4: r['pc4']!,
    municipality_code: r['municipality_code']!,
    district_code: r['district_code'] || null,
    source: 'korte-lijn twente-pc4.csv (hand-compiled, see src/routing/data/README.md)',
  }));
  const districts = readCsv(new URL('./data/twente-districts.csv', import.meta.url)).map((r) => ({
    code: r['code']!,
    name: r['name']!,
    municipality_code: r['municipality_code']!,
  }));
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('districts')
      .values(districts)
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
    await trx
      .insertInto('postcode_areas')
      .values(areas)
      .onConflict((oc) => oc.column('pc4').doNothing())
      .execute();
  });
  return areas.length;
}

function readCsv(url: URL): Array<Record<string, string>> {
  const [header, ...lines] = readFileSync(url, 'utf8').trim().split(/\r?\n/);
  const columns = header!.split(';');
  return lines.map((line) => {
    const cells = line.split(';');
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
  });
}
