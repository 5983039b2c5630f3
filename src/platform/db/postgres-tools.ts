import { execFile } from 'node:child_process';
import { accessSync, constants, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * PostgreSQL's own client programs (pg_dump, pg_restore) for logical backups. Debian and Ubuntu keep
 * them in /usr/lib/postgresql/<major>/bin (several majors side by side: the newest can dump every
 * older server), elsewhere they are on the PATH.
 */
export const DEBIAN_POSTGRES_ROOT = '/usr/lib/postgresql';

export class ToolMissingError extends Error {}

/** Where to look, newest Debian major first, then PATH. */
export function defaultToolDirs(): string[] {
  let versions: string[] = [];
  try {
    versions = readdirSync(DEBIAN_POSTGRES_ROOT);
  } catch {
    // Not a Debian-style install.
  }
  versions.sort((a, b) => b.localeCompare(a, undefined, { numeric: true }));
  return [...versions.map((v) => path.join(DEBIAN_POSTGRES_ROOT, v, 'bin')), ...(process.env['PATH'] ?? '').split(path.delimiter).filter(Boolean)];
}

/** The path of `tool` (pg_dump, pg_restore), or a ToolMissingError that says how to install it. */
export function findTool(tool: 'pg_dump' | 'pg_restore', dirs: readonly string[] = defaultToolDirs()): string {
  for (const dir of dirs) {
    const file = path.join(dir, tool);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // Next directory.
    }
  }
  throw new ToolMissingError(
    `${tool} is not installed, so a PostgreSQL backup cannot be made or restored here. Install PostgreSQL's client programs ` +
      `(Debian/Ubuntu: apt-get install postgresql-client) in the same major version as the server or newer. ` +
      `${tool} is niet geïnstalleerd; installeer de PostgreSQL-clientprogramma's (apt-get install postgresql-client).`,
  );
}

/**
 * The arguments and environment for a client program to reach `databaseUrl`. The password goes in
 * the environment (PGPASSWORD), never on the command line, where every user of the machine could
 * read it in the process list.
 */
export function connectionFor(databaseUrl: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (url.password) {
    env['PGPASSWORD'] = decodeURIComponent(url.password);
    url.password = '';
  }
  return { dbname: url.toString(), env };
}

/** Runs a client program; rejects with its error output (the first lines) when it fails. */
export function runTool(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { env, maxBuffer: 16 * 1024 * 1024 }, (err, _stdout, stderr) => {
      if (!err) return resolve();
      const said = String(stderr).trim().split('\n').slice(0, 5).join('\n');
      reject(new Error(`${path.basename(file)} failed: ${said || err.message}`));
    });
  });
}
