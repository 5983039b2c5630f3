import { test } from 'node:test';
import assert from 'node:assert/strict';
import { missingCentralDeskNotice, postcodeImportReport, postcodeTableLoaded } from './routing-texts.ts';

test('one municipality without a central desk is named in the singular, more in the plural', () => {
  assert.equal(
    missingCentralDeskNotice(['Almelo']).nl,
    'Deze gemeente heeft nog geen centraal loket: Almelo. Verwijzingen gaan daar naar het regionale loket.',
  );
  assert.equal(missingCentralDeskNotice(['Almelo']).en, 'This municipality has no central desk yet: Almelo. Referrals there go to the regional desk.');
  assert.match(missingCentralDeskNotice(['Almelo', 'Hengelo']).nl, /^Deze gemeenten hebben nog geen centraal loket: Almelo, Hengelo\./);
  assert.match(missingCentralDeskNotice(['Almelo', 'Hengelo']).en, /^These municipalities have no central desk yet: Almelo, Hengelo\./);
});

test('an import of one address, one skipped line and one postcode area reads in the singular', () => {
  const one = postcodeImportReport({ rows: 1, skipped: 1, firstSkippedLines: [7], pc4Areas: 1 });
  assert.equal(one.nl, '1 adres ingelezen, 1 regel overgeslagen (7). 1 postcodegebied bijgewerkt.');
  assert.equal(one.en, '1 address imported, 1 line skipped (7). 1 postcode area updated.');
  const many = postcodeImportReport({ rows: 3, skipped: 0, firstSkippedLines: [], pc4Areas: 2 });
  assert.equal(many.nl, '3 adressen ingelezen, 0 regels overgeslagen. 2 postcodegebieden bijgewerkt.');
  assert.equal(many.en, '3 addresses imported, 0 lines skipped. 2 postcode areas updated.');
});

test('the loaded postcode table counts one area and one address in the singular', () => {
  assert.equal(postcodeTableLoaded({ pc4Areas: 1, addresses: 1 }).nl, 'Nu geladen: 1 postcodegebied (4 cijfers) en 1 adres (postcode + huisnummer).');
  assert.equal(postcodeTableLoaded({ pc4Areas: 1, addresses: 1 }).en, 'Loaded now: 1 postcode area (4 digits) and 1 address (postcode + house number).');
  assert.match(postcodeTableLoaded({ pc4Areas: 0, addresses: 2 }).nl, /0 postcodegebieden .* 2 adressen/);
});
