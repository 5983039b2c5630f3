import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { forEachDatabase, testContext } from '../../test/support/databases.ts';
import { loadShippedPostcodeAreas } from './reference-data.ts';
import { routeAddress } from './route-referral.ts';
import { importCbsPostcodes } from './import-cbs-postcodes.ts';
import { addRule } from './manage-rules.ts';

forEachDatabase('routing by address', (db) => {
  let regionId: string;
  const team: Record<string, string> = {};

  before(async () => {
    const region = await db().insertInto('regions').values({ name: 'Twente' }).returning('id').executeTakeFirstOrThrow();
    regionId = region.id;
    const municipality = async (name: string, cbs: string) =>
      (
        await db()
          .insertInto('organisations')
          .values({ kind: 'municipality', name: `Gemeente ${name}`, city: name, cbs_code: cbs, region_id: regionId, updated_at: new Date() })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const hengelo = await municipality('Hengelo', 'GM0164');
    const almelo = await municipality('Almelo', 'GM0141');
    await municipality('Borne', 'GM0147');
    const makeTeam = async (org: string, name: string) =>
      (team[name] = (
        await db().insertInto('teams').values({ organisation_id: org, name, updated_at: new Date() }).returning('id').executeTakeFirstOrThrow()
      ).id);
    await makeTeam(hengelo, 'Schuldhulp Hengelo');
    await makeTeam(hengelo, 'Wijkteam Hengelo-Noord');
    await makeTeam(almelo, 'Meldpunt Geldzorgen Almelo');
    await makeTeam(almelo, 'Regionaal Meldpunt');
    await db().updateTable('regions').set({ fallback_team_id: team['Regionaal Meldpunt']! }).where('id', '=', regionId).execute();
    assert.ok((await loadShippedPostcodeAreas(db())) > 100);
    const ctx = testContext();
    await addRule(db(), ctx, { municipality_code: 'GM0164', district_code: null, category: null, team_id: team['Schuldhulp Hengelo']! });
    await addRule(db(), ctx, { municipality_code: 'GM0164', district_code: 'WK016402', category: null, team_id: team['Wijkteam Hengelo-Noord']! });
    await addRule(db(), ctx, { municipality_code: 'GM0141', district_code: null, category: null, team_id: team['Meldpunt Geldzorgen Almelo']! });
  });

  test('the patient’s postcode decides the team: 7552 lies in Hengelo-Noord', async () => {
    const route = await routeAddress(db(), { postcode: '7552 AB', need: 'debt_counselling', regionId });
    assert.equal(route.decision.teamId, team['Wijkteam Hengelo-Noord']);
    assert.equal(route.explanation.nl, '7552 AB ligt in Hengelo, wijk Noord → Wijkteam Hengelo-Noord');
  });

  test('a Hengelo address outside the district goes to the Hengelo desk', async () => {
    const route = await routeAddress(db(), { postcode: '7557', need: null, regionId });
    assert.equal(route.decision.teamId, team['Schuldhulp Hengelo']);
    assert.equal(route.decision.reason, 'municipality_fallback');
  });

  test('7601 routes to Almelo, whatever practice asks', async () => {
    const route = await routeAddress(db(), { postcode: '7601', need: 'debt_counselling', regionId: null });
    assert.equal(route.decision.teamId, team['Meldpunt Geldzorgen Almelo']);
  });

  test('a Twente municipality without any team falls back to the regional desk with the reason', async () => {
    const route = await routeAddress(db(), { postcode: '7621', need: null, regionId });
    assert.equal(route.decision.teamId, team['Regionaal Meldpunt']);
    assert.equal(route.decision.reason, 'no_municipality_rule');
    assert.match(route.explanation.nl, /Borne, maar daar is nog geen team ingesteld/);
  });

  test('a postcode outside the region reaches the regional desk, which says so', async () => {
    const route = await routeAddress(db(), { postcode: '1011 AB', need: null, regionId });
    assert.equal(route.decision.teamId, team['Regionaal Meldpunt']);
    assert.equal(route.decision.reason, 'outside_region');
  });

  test('no valid Dutch PC4 falls through: every one gets a team', async () => {
    for (const pc4 of ['1000', '5611', '7511', '7552', '7601', '7621', '9999']) {
      const route = await routeAddress(db(), { postcode: pc4, need: null, regionId });
      assert.ok(route.decision.teamId, `${pc4} has no team`);
    }
  });

  test('a malformed postcode is refused with a Dutch message', async () => {
    await assert.rejects(
      routeAddress(db(), { postcode: '75 AB', need: null, regionId }),
      (err: { status?: number; userMessage?: { nl: string } }) => err.status === 422 && /geldige postcode/.test(err.userMessage!.nl),
    );
  });

  test('once the CBS table is loaded, postcode + house number decides, across a PC4 split', async () => {
    const csv = [
      'PC6;Huisnummer;Buurt2025;Wijk2025;Gemeente2025',
      '7552AB;12;01640301;016403;0164',
      '7552AB;14;01640201;016402;0164',
      '7552ZZ;1;bad;;',
      '7601AA;1;01410101;014101;0141',
    ].join('\n');
    const report = await importCbsPostcodes(db(), testContext(), Readable.from([csv]));
    assert.equal(report.rows, 3);
    assert.equal(report.skipped, 1);
    assert.deepEqual(report.firstSkippedLines, [4]);
    const twelve = await routeAddress(db(), { postcode: '7552AB', houseNumber: '12', need: null, regionId });
    assert.equal(twelve.decision.teamId, team['Schuldhulp Hengelo'], 'number 12 lies in district WK016403, not Noord');
    const fourteen = await routeAddress(db(), { postcode: '7552AB', houseNumber: '14', need: null, regionId });
    assert.equal(fourteen.decision.teamId, team['Wijkteam Hengelo-Noord']);
    const audit = await db().selectFrom('audit_log').select('action').where('action', '=', 'routing.postcodes_imported').execute();
    assert.equal(audit.length, 1);
  });

  test('a failed import leaves the previous postcode table in place', async () => {
    const before = await db()
      .selectFrom('postcode_addresses')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    await assert.rejects(importCbsPostcodes(db(), testContext(), Readable.from(['PC6;Huisnummer;Buurt2025;Wijk2025;Gemeente2025\nnonsense;;;;\n'])));
    const afterwards = await db()
      .selectFrom('postcode_addresses')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(afterwards.n, before.n);
  });
});
