import { createReadStream } from 'node:fs';
import { backupDatabase, migrateToLatest, openDatabase } from '../src/platform/db/database.ts';
import { importCbsPostcodes } from '../src/routing/import-cbs-postcodes.ts';
import { systemContext } from '../src/platform/context.ts';
import { createLogger } from '../src/platform/log.ts';

/**
 * One operation in a process of its own, so its memory is measured alone (operations-bench.ts):
 *   probe.ts backup <DATA_DIR> <FILE>      the app's backup of the embedded database
 *   probe.ts postcodes <DATA_DIR> <FILE>   the CBS postcode import into it
 * Prints {"ms", "rssBeforeMb", "peakBeforeMb", "peakRssMb"} as JSON: the resident memory with the
 * database open, the highest it had been until then, and the highest it reached by the end.
 */
const [command, dataDir, file] = process.argv.slice(2);
if (!dataDir || !file || (command !== 'backup' && command !== 'postcodes')) {
  console.error('usage: probe.ts backup|postcodes <DATA_DIR> <FILE>');
  process.exit(2);
}
const handle = await openDatabase({ dataDir });
await migrateToLatest(handle.db);
const rssBeforeMb = process.memoryUsage().rss / 1024 / 1024;
// The peak so far (opening, migrating): the operation's own peak shows only if it goes higher.
const peakBeforeMb = process.resourceUsage().maxRSS / 1024;
const started = performance.now();
if (command === 'backup') await backupDatabase(handle.db, file);
else await importCbsPostcodes(handle.db, systemContext(createLogger('silent'), 'cli'), createReadStream(file));
const ms = performance.now() - started;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
await handle.close();
console.log(JSON.stringify({ ms, rssBeforeMb, peakBeforeMb, peakRssMb }));
