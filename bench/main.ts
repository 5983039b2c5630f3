import { migrateToLatest, openDatabase, type DatabaseHandle } from '../src/platform/db/database.ts';
import { startTemporaryPostgres } from '../test/support/postgres.ts';
import { seedNationalMap, SIZES } from './seed-national-map.ts';
import { benchSearch, checkSameResults } from './search-bench.ts';
import { fmt } from './measure.ts';
import { benchReferrals, REFERRALS, seedReferrals } from './referrals-bench.ts';
import { benchLoad } from './load-bench.ts';

/**
 * `npm run bench [-- search]`: performance figures measured in one run, as ratios to hand-written
 * SQL for the same work. Starts its own PostgreSQL (Debian's binaries) and an in-memory PGlite.
 * `npm run bench -- load`: signed-in clients against the app on the embedded PGlite (BENCH_CLIENTS,
 * default "10,50,300,1000,3000"; BENCH_SECONDS per level; BENCH_DB_WAIT for DB_WAIT_SECONDS).
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

if (all || which.has('referrals')) {
  console.log(`Referrals: ${REFERRALS.toLocaleString('en')} referrals on PostgreSQL; ${TOTAL} list reads per side at concurrency ${CONCURRENCY}.`);
  await withDatabase('postgres', async ({ db }) => {
    const started = performance.now();
    const world = await seedReferrals(db);
    console.log(`  postgres: seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
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
      );
    }
    rows.push(
      `| send referral | postgres | app ${r.send.appPerSecond.toFixed(0)}/s vs raw INSERT ${r.send.rawPerSecond.toFixed(0)}/s | ratio ${(r.send.rawPerSecond / r.send.appPerSecond).toFixed(1)}× | | |`,
    );
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
