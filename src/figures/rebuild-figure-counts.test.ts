import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

test('`npm run cli -- figures:rebuild` counts the figures again and says so in Dutch and English', async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kl-figures-rebuild-'));
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    delete env['DATABASE_URL'];
    const tsx = path.resolve('node_modules/.bin/tsx');
    const { stdout } = await promisify(execFile)(tsx, ['src/cli/main.ts', 'figures:rebuild'], { env, timeout: 180_000 });
    assert.match(stdout, /Cijfers opnieuw geteld uit 0 verwijzingen: 0 rijen/);
    assert.match(stdout, /Figures counted again from 0 referrals: 0 rows/);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
