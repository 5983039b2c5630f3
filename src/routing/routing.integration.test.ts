import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { forEachDatabase, testContext } from '../../test/support/databases.ts';
import { createTestUser, TEST_PASSWORD, type Tenant } from '../../test/support/fixtures.ts';
import { signedInBrowser, testApp } from '../../test/support/http.ts';
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

    // Two more regions, each with its own fallback desk: IJsselland (Zwolle, PC4 8011) and
    // Achterhoek, which sorts before both. Neither is in the shipped (Twente) PC4 table.
    const otherRegion = async (name: string, city: string, cbs: string, pc4: string, desk: string) => {
      const r = await db().insertInto('regions').values({ name }).returning('id').executeTakeFirstOrThrow();
      const org = await db()
        .insertInto('organisations')
        .values({ kind: 'municipality', name: `Gemeente ${city}`, city, cbs_code: cbs, region_id: r.id, updated_at: new Date() })
        .returning('id')
        .executeTakeFirstOrThrow();
      await makeTeam(org.id, desk);
      await db().updateTable('regions').set({ fallback_team_id: team[desk]! }).where('id', '=', r.id).execute();
      await db().insertInto('postcode_areas').values({ pc4, municipality_code: cbs, district_code: null, source: 'test' }).execute();
    };
    await otherRegion('IJsselland', 'Zwolle', 'GM0193', '8011', 'Meldpunt IJsselland');
    await otherRegion('Achterhoek', 'Winterswijk', 'GM0294', '7101', 'Meldpunt Achterhoek');
  });

  test('the patient’s postcode decides the team: 7552 lies in Hengelo-Noord', async () => {
    const route = await routeAddress(db(), { postcode: '7552 AB', need: 'debt_counselling', regionId });
    assert.equal(route.decision.teamId, team['Wijkteam Hengelo-Noord']);
    assert.equal(route.explanation.nl, '7552 AB ligt in Hengelo, wijk Noord. De verwijzing gaat naar Wijkteam Hengelo-Noord.');
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

  test('a postcode outside every region reaches the asking practice’s regional desk, which says so', async () => {
    const route = await routeAddress(db(), { postcode: '1011 AB', need: null, regionId });
    assert.equal(route.decision.teamId, team['Regionaal Meldpunt']);
    assert.equal(route.decision.reason, 'outside_region');
    assert.match(route.explanation.nl, /^1011 AB ligt buiten de regio\. .*regionale loket van de praktijk: Regionaal Meldpunt\./);
  });

  test('a Twente practice’s patient who lives in another region reaches that region’s fallback desk, not Twente’s', async () => {
    const route = await routeAddress(db(), { postcode: '8011 AB', need: 'debt_counselling', regionId });
    assert.equal(route.decision.teamId, team['Meldpunt IJsselland']);
    assert.equal(route.decision.reason, 'no_municipality_rule');
    assert.equal(
      route.explanation.nl,
      '8011 AB ligt in Zwolle, maar daar is nog geen team ingesteld. De verwijzing gaat naar Meldpunt IJsselland. Dit is het regionale loket. Dat zoekt de juiste hulp in de woonplaats.',
    );
  });

  test('without an asking region (a self-referral), a postcode outside every region gets no team, not the alphabetically first region’s desk', async () => {
    const route = await routeAddress(db(), { postcode: '1011 AB', need: null, regionId: null });
    assert.equal(route.decision.teamId, null);
    assert.equal(route.decision.reason, 'outside_region');
  });

  test('“Postcode testen” explains the route as a practice of the coordinator’s region would get it, and for an administrator without one', async () => {
    // Only the region matters for these roles; the other memberships are not used.
    const tenant: Tenant = { regionId, practiceId: '', municipalityId: '', teamId: '' };
    const app = testApp(db()).app;
    const signedIn = async (role: 'region_coordinator' | 'admin') =>
      signedInBrowser(app, db(), { email: (await createTestUser(db(), tenant, role)).email, password: TEST_PASSWORD });
    // The alert right after the "Postcode testen" form: its type and text.
    const alert = (html: string) =>
      /<\/form>\s*<div class="utrecht-alert utrecht-alert--(\w+)"[^>]*>\s*<div class="utrecht-alert__content"><div class="utrecht-alert__message">([^<]*)</.exec(
        html.slice(html.indexOf('class="kl-filters"')),
      );

    const coordinator = await signedIn('region_coordinator');
    const zwolle = alert((await coordinator.get('/beheer/routering?postcode=8011+AB')).html);
    assert.deepEqual(
      [zwolle?.[1], zwolle?.[2]],
      [
        'info',
        '8011 AB ligt in Zwolle, maar daar is nog geen team ingesteld. De verwijzing gaat naar Meldpunt IJsselland. Dit is het regionale loket. Dat zoekt de juiste hulp in de woonplaats.',
      ],
    );
    const outside = alert((await coordinator.get('/beheer/routering?postcode=1011+AB')).html);
    assert.equal(outside?.[1], 'info');
    assert.match(outside?.[2] ?? '', /^1011 AB ligt buiten de regio\. .*regionale loket van de praktijk: Regionaal Meldpunt\./);

    const admin = await signedIn('admin');
    const noRegion = alert((await admin.get('/beheer/routering?postcode=1011+AB')).html);
    assert.equal(noRegion?.[1], 'warning', 'no team: not the desk of the alphabetically first region');
    assert.match(noRegion?.[2] ?? '', /^1011 AB ligt buiten de regio\. .*Een aanmelding via de zelftest wordt niet bewaard/);
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
