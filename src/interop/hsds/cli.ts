import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Database } from '../../platform/db/database.ts';
import type { RequestContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { createApiToken } from './create-api-token.ts';
import { exportMap } from './export-map.ts';
import { findRegionId } from './find-region.ts';
import { importMap } from './import-map.ts';
import { revokeApiTokens } from './revoke-api-token.ts';

/** The CLI side of the HSDS interop: `npm run cli -- hsds:export | hsds:import | token:create | token:revoke`. */

export const hsdsUsage = `  hsds:export [--out FILE]           the whole social map as HSDS 3.0 JSON (stdout by default),
                                     professional contacts included
  hsds:import FILE --region NAME     import an HSDS 3.0 JSON file (upsert by id, all or nothing);
                                     new organisations join region NAME
  token:create --email E --label L   make an API token for /api/hsds (printed once)
  token:revoke --email E --label L   revoke that user's tokens with this label
`;

export async function hsdsExportCommand(db: Database, ctx: RequestContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } }, strict: true });
  const json = `${JSON.stringify(await exportMap(db, ctx), null, 2)}\n`;
  if (values.out) {
    await writeFile(values.out, json, 'utf8');
    console.error(`HSDS export written to ${values.out}.`);
  } else {
    process.stdout.write(json);
  }
  return 0;
}

export async function hsdsImportCommand(db: Database, ctx: RequestContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { region: { type: 'string' } }, allowPositionals: true, strict: true });
  const file = positionals[0];
  if (!file || !values.region) {
    console.error('Usage: npm run cli -- hsds:import FILE --region NAME');
    return 2;
  }
  let document: unknown;
  try {
    document = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    console.error(`Cannot read ${file} as JSON: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
  const regionId = await findRegionId(db, values.region);
  try {
    const counts = await importMap(db, ctx, document, { regionId });
    console.log(`HSDS import done: ${JSON.stringify(counts)}`);
    return 0;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    console.error(err.userMessage.nl);
    return 1;
  }
}

export async function tokenCreateCommand(db: Database, ctx: RequestContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, label: { type: 'string' } }, strict: true });
  if (!values.email || !values.label) {
    console.error('Usage: npm run cli -- token:create --email E --label L');
    return 2;
  }
  const { token, role } = await createApiToken(db, ctx, { email: values.email, label: values.label });
  console.log(`API token for ${values.email} (${role}), label "${values.label}". It is shown only now; store it safely:\n${token}`);
  if (role !== 'admin' && role !== 'region_coordinator') {
    console.log(
      'Note: with this role the token only adds professional contacts to the read endpoints; export and import need an admin (or, for export, a region coordinator).',
    );
  }
  return 0;
}

export async function tokenRevokeCommand(db: Database, ctx: RequestContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, label: { type: 'string' } }, strict: true });
  if (!values.email || !values.label) {
    console.error('Usage: npm run cli -- token:revoke --email E --label L');
    return 2;
  }
  const count = await revokeApiTokens(db, ctx, { email: values.email, label: values.label });
  console.log(count ? `${count} token(s) revoked.` : 'No live token with this e-mail address and label.');
  return count ? 0 : 1;
}
