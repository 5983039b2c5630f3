import { migrateToLatest, openDatabase, type DatabaseHandle } from '../src/platform/db/database.ts';
import { startTemporaryPostgres } from '../test/support/postgres.ts';
import { seedNationalMap, SIZES } from './seed-national-map.ts';
import { benchSearch, checkSameResults } from './search-bench.ts';
import { fmt } from './measure.ts';
import { benchReferrals, REFERRALS, seedReferrals } from './referrals-bench.ts';
import { benchLoad } from './load-bench.ts';
import { benchMonitoring } from './monitoring-bench.ts';
import { benchAppMemory, benchOperations, benchPostcodeImport, OPS_REFERRALS, POSTCODE_ROWS } from './operations-bench.ts';

/**
 * `npm run bench [-- search]`: performance figures measured in one run, as ratios to hand-written
 * SQL for the same work. Starts its own PostgreSQL (Debian's binaries) and an in-memory PGlite.
 * `npm run bench -- load`: signed-in clients against the app on the embedded PGlite (BENCH_CLIENTS,
 * default "10,50,300,1000,3000"; BENCH_SECONDS per level; BENCH_DB_WAIT for DB_WAIT_SECONDS).
 * `npm run bench -- operations`: database size per BENCH_OPS_REFERRALS referrals (100,000), start-up,
 * backup and restore, the cost of /metrics and /readyz; `npm run bench -- postcodes`: importing
 * BENCH_POSTCODE_ROWS (1,000,000) CBS postcode rows into the embedded database (docs/operations.md).
 */
const which = new Set(process.argv.slice(2));
const all = which.size === 0;
const TOTAL = Number(process.env['BENCH_SEARCHES'] ?? 1000);
const CONCURRENCY = 10;

async function withDatabase(kind: 'postgres' | 'pglite', work: (handle: DatabaseHandle) => Promise<void>) {
  if (kind === 'postgres') {
    const pg = await startTemporaryPostgres();
    if (!pg) {
      console.log('PostgreSQL is not installed: skipping the PostgreSQL figures.');
      return;
    }
    const handle = await openDatabase({ databaseUrl: pg.url, dataDir: '' });
    try {
      await migrateToLatest(handle.db);
      await work(handle);
    } finally {
      await handle.close();
      await pg.stop();
    }
  } else {
    const handle = await openDatabase({ dataDir: 'memory://' });
    try {
      await migrateToLatest(handle.db);
      await work(handle);
    } finally {
      await handle.close();
    }
  }
}

const rows: string[] = [];
if (all || which.has('search')) {
  console.log(
    `Search: ${SIZES.services.toLocaleString('en')} services, ${SIZES.locations.toLocaleString('en')} locations, ${SIZES.pc4} PC4 areas; ${TOTAL} searches per side at concurrency ${CONCURRENCY}.`,
  );
  for (const kind of ['postgres', 'pglite'] as const) {
    await withDatabase(kind, async ({ db }) => {
      const started = performance.now();
      const map = await seedNationalMap(db);
      console.log(`  ${kind}: seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      if (!(await checkSameResults(db, map.pc4s[100]!, 'debt_counselling')))
        throw new Error('app search and raw SQL disagree; the comparison would be meaningless');
      const r = await benchSearch(db, map.pc4s, { total: TOTAL, concurrency: CONCURRENCY });
      rows.push(
        `| search | ${kind} | app | ${fmt(r.app.p50)} | ${fmt(r.app.p95)} | ${fmt(r.app.p99)} |`,
        `| search | ${kind} | raw SQL | ${fmt(r.raw.p50)} | ${fmt(r.raw.p95)} | ${fmt(r.raw.p99)} |`,
        `| search | ${kind} | ratio app/raw | ${(r.app.p50 / r.raw.p50).toFixed(2)}× | ${(r.app.p95 / r.raw.p95).toFixed(2)}× | ${(r.app.p99 / r.raw.p99).toFixed(2)}× |`,
      );
    });
  }
}

// The referrals and the figures bench read the same 2,000,000 referrals: one seeding serves both.
const benchReferralsToo = all || which.has('referrals');
const benchMonitoringToo = all || which.has('monitoring');
if (benchReferralsToo || benchMonitoringToo) {
  const figuresPerSide = Number(process.env['BENCH_FIGURES'] ?? 100);
  await withDatabase('postgres', async ({ db }) => {
    const started = performance.now();
    const world = await seedReferrals(db);
    console.log(`Referrals: ${REFERRALS.toLocaleString('en')} referrals on PostgreSQL, seeded in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    if (benchReferralsToo) {
      console.log(`  ${TOTAL} list reads per side at concurrency ${CONCURRENCY}.`);
      const r = await benchReferrals(db, world, { total: TOTAL, concurrency: CONCURRENCY });
      console.log(`  the measured team has ${r.openInInbox} open referrals`);
      for (const [name, m] of [
        ['team inbox', r.inbox],
        ['practice list', r.practice],
      ] as const) {
        rows.push(
          `| ${name} | postgres | app | ${fmt(m.app.p50)} | ${fmt(m.app.p95)} | ${fmt(m.app.p99)} |`,
          `| ${name} | postgres | raw SQL | ${fmt(m.raw.p50)} | ${fmt(m.raw.p95)} | ${fmt(m.raw.p99)} |`,
          `| ${name} | postgres | ratio app/raw | ${(m.app.p50 / m.raw.p50).toFixed(2)}× | ${(m.app.p95 / m.raw.p95).toFixed(2)}× | ${(m.app.p99 / m.raw.p99).toFixed(2)}× |`,
          `| ${name} | postgres | raw SQL + a plain audit INSERT | ${fmt(m.rawRecorded.p50)} | ${fmt(m.rawRecorded.p95)} | ${fmt(m.rawRecorded.p99)} |`,
          `| ${name} | postgres | ratio app/(raw + audit INSERT) | ${(m.app.p50 / m.rawRecorded.p50).toFixed(2)}× | ${(m.app.p95 / m.rawRecorded.p95).toFixed(2)}× | ${(m.app.p99 / m.rawRecorded.p99).toFixed(2)}× |`,
        );
      }
      rows.push(
        `| list read's audit entry alone | postgres | app | ${fmt(r.audit.p50)} | ${fmt(r.audit.p95)} | ${fmt(r.audit.p99)} |`,
        `| send referral | postgres | app ${r.send.appPerSecond.toFixed(0)}/s vs raw INSERT ${r.send.rawPerSecond.toFixed(0)}/s | ratio ${(r.send.rawPerSecond / r.send.appPerSecond).toFixed(1)}× | | |`,
      );
    }
    if (benchMonitoringToo) {
      console.log(`Monitoring: each figure ${figuresPerSide} times per side, one at a time.`);
      const r = await benchMonitoring(db, world, { total: figuresPerSide, concurrency: 1 });
      console.log(`  region page, ${r.period.from} – ${r.period.to}: ${r.referralsInPeriod.toLocaleString('en')} referrals in the period`);
      console.log(`  summary table: ${r.summary.rows.toLocaleString('en')} rows, ${r.summary.mb} MB (referrals: ${r.summary.referralsMb} MB)`);
      for (const f of r.figures)
        rows.push(
          `| figure ${f.id} | postgres | app | ${fmt(f.app.p50)} | ${fmt(f.app.p95)} | ${fmt(f.app.p99)} |`,
          `| figure ${f.id} | postgres | raw SQL over the summary | ${fmt(f.raw.p50)} | ${fmt(f.raw.p95)} | ${fmt(f.raw.p99)} |`,
          `| figure ${f.id} | postgres | raw SQL from the referrals | ${fmt(f.direct.p50)} | ${fmt(f.direct.p95)} | ${fmt(f.direct.p99)} |`,
          `| figure ${f.id} | postgres | ratio app/raw | ${(f.app.p50 / f.raw.p50).toFixed(2)}× | ${(f.app.p95 / f.raw.p95).toFixed(2)}× | ${(f.app.p99 / f.raw.p99).toFixed(2)}× |`,
        );
      for (const page of r.pages)
        rows.push(`| figures page of a ${page.scope} | postgres | app, all figures | ${fmt(page.app.p50)} | ${fmt(page.app.p95)} | ${fmt(page.app.p99)} |`);
    }
  });
}

if (all || which.has('load')) {
  const clients = (process.env['BENCH_CLIENTS'] ?? '10,50,300,1000,3000').split(',').map(Number);
  const seconds = Number(process.env['BENCH_SECONDS'] ?? 20);
  const waitSeconds = Number(process.env['BENCH_DB_WAIT'] ?? 5);
  console.log(`Load: ${clients.join(', ')} signed-in clients, ${seconds} s each, against the app on PGlite (DB_WAIT_SECONDS=${waitSeconds}).`);
  for (const level of await benchLoad({ clients, seconds, waitSeconds })) {
    const what = `${level.clients} clients: ${level.servedPerSecond.toFixed(0)} pages/s, ${(level.busyShare * 100).toFixed(1)}% 503${level.other ? `, ${level.other} other` : ''}`;
    rows.push(
      `| load | pglite | ${what}, all answers | ${fmt(level.latency.p50)} | ${fmt(level.latency.p95)} | ${fmt(level.latency.p99)} |`,
      `| load | pglite | ${level.clients} clients: pages served (200) | ${fmt(level.served.p50)} | ${fmt(level.served.p95)} | ${fmt(level.served.p99)} |`,
    );
  }
}

console.log('\n| bench | database | what | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|---|');
console.log(rows.join('\n'));

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
const seconds = (ms: number) => (ms / 1000).toFixed(1);
/** RSS with the database open (peak so far) → peak by the end of the operation. */
const memory = (m: { rssBeforeMb: number; peakBeforeMb: number; peakRssMb: number }) =>
  `${m.rssBeforeMb.toFixed(0)} MB (peak so far ${m.peakBeforeMb.toFixed(0)}) → peak ${m.peakRssMb.toFixed(0)} MB`;
if (all || which.has('operations')) {
  console.log(`\nOperations: ${OPS_REFERRALS.toLocaleString('en')} referrals, each with 1 consent, 4 history events, 2 messages and 8 audit entries.`);
  const lines = [
    '| database | fresh start + migrations | reopen | size | backup | backup size | memory of the process making it | restore | /metrics figures | /readyz |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const kind of ['pglite', 'postgres'] as const) {
    const f = await benchOperations(kind);
    if (!f) {
      console.log('PostgreSQL is not installed: skipping the PostgreSQL figures.');
      continue;
    }
    console.log(`  ${kind}: seeded in ${seconds(f.seedMs)} s`);
    lines.push(
      `| ${kind} | ${seconds(f.freshStartMs)} s | ${seconds(f.reopenMs)} s | ${mb(f.databaseBytes)} MB | ${seconds(f.backupMs)} s | ${mb(f.backupBytes)} MB | ${f.backupMemory ? memory(f.backupMemory) : 'pg_dump: own process'} | ${seconds(f.restoreMs)} s | ${f.metricsFiguresP50Ms.toFixed(1)} ms | ${f.readinessP50Ms.toFixed(1)} ms |`,
    );
  }
  console.log(lines.join('\n'));
  for (const kind of ['pglite', 'postgres'] as const) {
    const m = await benchAppMemory(kind);
    if (m)
      console.log(`App memory (${kind}, npm start, Twente demo, after 200 signed-in pages): RSS ${m.rssMb.toFixed(0)} MB, peak ${m.peakMb.toFixed(0)} MB.`);
  }
}
if (all || which.has('postcodes')) {
  const f = await benchPostcodeImport();
  console.log(
    `\nPostcode import (pglite): ${POSTCODE_ROWS.toLocaleString('en')} rows in ${seconds(f.ms)} s, memory ${memory(f)}, data folder ${mb(f.databaseBytes)} MB.`,
  );
}
