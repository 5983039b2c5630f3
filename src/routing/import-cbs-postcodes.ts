import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { sql } from 'kysely';
import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { AppError } from '../platform/errors.ts';

/**
 * Imports CBS "Buurt, wijk en gemeente voor postcode huisnummer" (Bron: CBS): columns
 * `PC6;Huisnummer;Buurt20xx;Wijk20xx;Gemeente20xx`, codes without prefix, `;` or `,` as delimiter,
 * ≈8M rows for the whole country. The file replaces the previous table in one transaction (a
 * failed import leaves the old data in place), then the PC4 table is derived from it.
 */
export interface CbsRow {
  pc6: string;
  house_number: number;
  neighbourhood_code: string | null;
  district_code: string | null;
  municipality_code: string;
}

export interface ImportReport {
  rows: number;
  skipped: number;
  /** Line numbers (1-based, header = 1) of the first rejected rows, to help fix the file. */
  firstSkippedLines: number[];
  pc4Areas: number;
}

const badHeader = () =>
  new AppError('cbs_header', 422, {
    nl: 'Dit bestand heeft niet de kolommen van het CBS-bestand: PC6, Huisnummer, Buurt, Wijk en Gemeente.',
    en: 'This file does not have the columns of the CBS file: PC6, Huisnummer, Buurt, Wijk and Gemeente.',
  });

/** Finds the columns by name (the year in "Buurt2025" changes every edition). Pure. */
export function readHeader(line: string): { delimiter: string; index: { pc6: number; house: number; buurt: number; wijk: number; gemeente: number } } {
  const delimiter = line.includes(';') ? ';' : ',';
  const cells = line.split(delimiter).map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
  const find = (test: (c: string) => boolean) => cells.findIndex(test);
  const index = {
    pc6: find((c) => c === 'pc6' || c === 'postcode'),
    house: find((c) => c.startsWith('huisnummer')),
    buurt: find((c) => c.startsWith('buurt')),
    wijk: find((c) => c.startsWith('wijk')),
    gemeente: find((c) => c.startsWith('gemeente')),
  };
  if (Object.values(index).some((i) => i < 0)) throw badHeader();
  return { delimiter, index };
}

/** CBS codes come without prefix and sometimes without leading zeros; letters may occur in wijk/buurt parts. */
function code(prefix: 'GM' | 'WK' | 'BU', raw: string | undefined, digits: number): string | null {
  const value = (raw ?? '').trim().replace(/^"|"$/g, '').toUpperCase();
  if (!value) return null;
  const body = value.startsWith(prefix) ? value.slice(2) : value;
  const padded = /^\d+$/.test(body) ? body.padStart(digits, '0') : body;
  return new RegExp(`^\\d{4}[0-9A-Z]{${digits - 4}}$`).test(padded) ? `${prefix}${padded}` : null;
}

/** One data line → a row, or null when the line is not valid. Pure. */
export function parseCbsLine(line: string, header: ReturnType<typeof readHeader>): CbsRow | null {
  const cells = line.split(header.delimiter);
  const pc6 = (cells[header.index.pc6] ?? '').trim().replace(/^"|"$/g, '').replace(/\s+/g, '').toUpperCase();
  const house = Number((cells[header.index.house] ?? '').trim().replace(/^"|"$/g, ''));
  const municipality = code('GM', cells[header.index.gemeente], 4);
  if (!/^[1-9]\d{3}[A-Z]{2}$/.test(pc6) || !Number.isInteger(house) || house <= 0 || !municipality) return null;
  return {
    pc6,
    house_number: house,
    neighbourhood_code: code('BU', cells[header.index.buurt], 8),
    district_code: code('WK', cells[header.index.wijk], 6),
    municipality_code: municipality,
  };
}

const BATCH = 2000;

export async function importCbsPostcodes(db: Database, ctx: RequestContext, input: Readable): Promise<ImportReport> {
  let header: ReturnType<typeof readHeader> | null = null;
  const report: ImportReport = { rows: 0, skipped: 0, firstSkippedLines: [], pc4Areas: 0 };
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('postcode_addresses').execute();
    let batch: CbsRow[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await trx
        .insertInto('postcode_addresses')
        .values(batch)
        .onConflict((oc) =>
          oc.columns(['pc6', 'house_number']).doUpdateSet((eb) => ({
            neighbourhood_code: eb.ref('excluded.neighbourhood_code'),
            district_code: eb.ref('excluded.district_code'),
            municipality_code: eb.ref('excluded.municipality_code'),
          })),
        )
        .execute();
      batch = [];
    };
    let lineNumber = 0;
    // Created right before iterating: readline starts reading at once, and lines emitted while we
    // were still awaiting the database above would be lost.
    const lines = createInterface({ input, crlfDelay: Infinity });
    for await (const raw of lines) {
      lineNumber++;
      const line = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (!line.trim()) continue;
      if (!header) {
        header = readHeader(line);
        continue;
      }
      const row = parseCbsLine(line, header);
      if (!row) {
        report.skipped++;
        if (report.firstSkippedLines.length < 10) report.firstSkippedLines.push(lineNumber);
        continue;
      }
      batch.push(row);
      report.rows++;
      if (batch.length >= BATCH) await flush();
    }
    if (!header) throw badHeader();
    await flush();
    if (report.rows === 0) {
      throw new AppError('cbs_empty', 422, { nl: 'Het bestand bevat geen geldige regels.', en: 'The file contains no valid rows.' });
    }
    // Derive PC4 → municipality: the municipality with most addresses in each PC4, its most common district.
    await trx.deleteFrom('postcode_areas').execute();
    await sql`
      insert into postcode_areas (pc4, municipality_code, district_code, source)
      select pc4, municipality_code, district_code, 'CBS postcode-huisnummer import'
      from (
        select left(pc6, 4) as pc4, municipality_code, district_code,
               row_number() over (partition by left(pc6, 4) order by count(*) desc, municipality_code, district_code) as rank
        from postcode_addresses
        group by left(pc6, 4), municipality_code, district_code
      ) ranked
      where rank = 1`.execute(trx);
    const count = await trx
      .selectFrom('postcode_areas')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    report.pc4Areas = Number(count.n);
    await writeAudit(trx, ctx, {
      action: 'routing.postcodes_imported',
      subjectType: 'postcode_addresses',
      details: { rows: report.rows, skipped: report.skipped, pc4Areas: report.pc4Areas },
    });
  });
  return report;
}

export async function postcodeTableStatus(db: Database) {
  const [addresses, areas, sources] = await Promise.all([
    db
      .selectFrom('postcode_addresses')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('postcode_areas')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
    db.selectFrom('postcode_areas').select('source').distinct().execute(),
  ]);
  return { addresses: Number(addresses.n), pc4Areas: Number(areas.n), sources: sources.map((s) => s.source) };
}
