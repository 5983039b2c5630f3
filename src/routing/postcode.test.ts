import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseHouseNumber, parsePostcode } from './postcode.ts';
import { parseCbsLine, readHeader } from './import-cbs-postcodes.ts';

describe('parsePostcode', () => {
  test('accepts PC6 with or without space and in any case', () => {
    for (const input of ['7511 AB', '7511AB', '7511ab', ' 7511  ab ']) {
      assert.deepEqual(parsePostcode(input), { pc4: '7511', pc6: '7511AB', display: '7511 AB' });
    }
  });
  test('accepts a bare PC4', () => {
    assert.deepEqual(parsePostcode('7601'), { pc4: '7601', pc6: null, display: '7601' });
  });
  test('refuses malformed input', () => {
    for (const input of ['', '0123 AB', '751 AB', '75111', '7511 A', '7511 A1', 'abcd', '7511-AB', '7511 ABC']) {
      assert.equal(parsePostcode(input), null, input);
    }
  });
  test('refuses the letter pairs SA, SD and SS, which are never issued', () => {
    for (const input of ['7511 SA', '7511 SD', '7511 ss']) assert.equal(parsePostcode(input), null, input);
  });
});

describe('parseHouseNumber', () => {
  test('takes the number at the start and ignores additions', () => {
    assert.equal(parseHouseNumber('12'), 12);
    assert.equal(parseHouseNumber('12a'), 12);
    assert.equal(parseHouseNumber(' 7-II'), 7);
  });
  test('is null when there is no positive number', () => {
    assert.equal(parseHouseNumber(''), null);
    assert.equal(parseHouseNumber(undefined), null);
    assert.equal(parseHouseNumber('a12'), null);
    assert.equal(parseHouseNumber('0'), null);
  });
});

describe('CBS postcode file lines', () => {
  test('columns are found by name whatever the year and delimiter', () => {
    assert.deepEqual(readHeader('PC6;Huisnummer;Buurt2025;Wijk2025;Gemeente2025').index, { pc6: 0, house: 1, buurt: 2, wijk: 3, gemeente: 4 });
    const comma = readHeader('"Huisnummer","PC6","Gemeente2023","Wijk2023","Buurt2023"');
    assert.equal(comma.delimiter, ',');
    assert.deepEqual(comma.index, { pc6: 1, house: 0, buurt: 4, wijk: 3, gemeente: 2 });
  });
  test('a file without the CBS columns is refused with a Dutch message', () => {
    assert.throws(
      () => readHeader('postcode;plaats'),
      (err: { userMessage?: { nl: string } }) => /CBS-bestand/.test(err.userMessage?.nl ?? ''),
    );
  });
  test('codes get their CBS prefix, keep letters and regain leading zeros', () => {
    const header = readHeader('PC6;Huisnummer;Buurt2025;Wijk2025;Gemeente2025');
    assert.deepEqual(parseCbsLine('7552AB;12;01640201;016402;0164', header), {
      pc6: '7552AB',
      house_number: 12,
      neighbourhood_code: 'BU01640201',
      district_code: 'WK016402',
      municipality_code: 'GM0164',
    });
    assert.equal(parseCbsLine('1011AB;1;0363AD03;0363AD;363', header)?.neighbourhood_code, 'BU0363AD03');
    assert.equal(parseCbsLine('1011AB;1;0363AD03;0363AD;363', header)?.municipality_code, 'GM0363');
  });
  test('invalid lines are rejected, not guessed', () => {
    const header = readHeader('PC6;Huisnummer;Buurt2025;Wijk2025;Gemeente2025');
    for (const line of ['7552A;12;;;0164', '7552AB;x;;;0164', '7552AB;12;;;', '7552AB;-3;;;0164', '']) {
      assert.equal(parseCbsLine(line, header), null, line);
    }
  });
});
