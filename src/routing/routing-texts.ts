import { fill, plural, type Text } from '../platform/i18n.ts';
import type { ImportReport } from './import-cbs-postcodes.ts';

/** The routing admin's notices with a count in them, singular for one (B1 copy review, section 2). */

/** The warning above the rules: municipalities whose referrals go to the regional desk for want of a central desk. */
export function missingCentralDeskNotice(names: readonly string[]): Text {
  const text =
    names.length === 1
      ? {
          nl: 'Deze gemeente heeft nog geen centraal loket: {list}. Verwijzingen gaan daar naar het regionale loket.',
          en: 'This municipality has no central desk yet: {list}. Referrals there go to the regional desk.',
        }
      : {
          nl: 'Deze gemeenten hebben nog geen centraal loket: {list}. Verwijzingen gaan daar naar het regionale loket.',
          en: 'These municipalities have no central desk yet: {list}. Referrals there go to the regional desk.',
        };
  const list = names.join(', ');
  return { nl: fill(text.nl, { list }), en: fill(text.en, { list }) };
}

/** What the postcode table holds now. */
export function postcodeTableLoaded(stats: { pc4Areas: number; addresses: number }): Text {
  const areas = plural(stats.pc4Areas, { nl: '{n} postcodegebied', en: '{n} postcode area' }, { nl: '{n} postcodegebieden', en: '{n} postcode areas' });
  const addresses = plural(stats.addresses, { nl: '{n} adres', en: '{n} address' }, { nl: '{n} adressen', en: '{n} addresses' });
  return {
    nl: `Nu geladen: ${areas.nl} (4 cijfers) en ${addresses.nl} (postcode + huisnummer).`,
    en: `Loaded now: ${areas.en} (4 digits) and ${addresses.en} (postcode + house number).`,
  };
}

/** The result of reading in the CBS file, with the first skipped line numbers. */
export function postcodeImportReport(report: ImportReport): Text {
  const rows = plural(report.rows, { nl: '{n} adres ingelezen', en: '{n} address imported' }, { nl: '{n} adressen ingelezen', en: '{n} addresses imported' });
  const skipped = plural(report.skipped, { nl: '{n} regel overgeslagen', en: '{n} line skipped' }, { nl: '{n} regels overgeslagen', en: '{n} lines skipped' });
  const areas = plural(
    report.pc4Areas,
    { nl: '{n} postcodegebied bijgewerkt', en: '{n} postcode area updated' },
    { nl: '{n} postcodegebieden bijgewerkt', en: '{n} postcode areas updated' },
  );
  const lines = report.firstSkippedLines.length ? ` (${report.firstSkippedLines.join(', ')})` : '';
  return {
    nl: `${rows.nl}, ${skipped.nl}${lines}. ${areas.nl}.`,
    en: `${rows.en}, ${skipped.en}${lines}. ${areas.en}.`,
  };
}
