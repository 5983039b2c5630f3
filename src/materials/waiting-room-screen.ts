import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../platform/db/database.ts';
import type { RequestContext } from '../platform/context.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { AppError } from '../platform/errors.ts';
import { loadPracticeMaterials, practiceWithoutPostcode, type WalkInPoint } from './load-practice-materials.ts';

/**
 * The waiting-room screen's secret address (issue #14): a TV browser cannot sign in, so the
 * address itself opens the screen of one practice. 32 random bytes (256 bits) cannot be guessed;
 * only their SHA-256 is stored; a new address replaces the old one and "intrekken" ends it. The
 * screen shows the social map only, never patient data, so the address opens nothing personal.
 */
const hash = (token: string) => createHash('sha256').update(token).digest('hex');
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function screenPath(token: string): string {
  return `/wachtkamer/${token}`;
}

/** A new address for the practice's screen; the previous one stops working at once. */
export async function renewWaitingRoomScreen(db: Database, ctx: RequestContext, practiceId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('waiting_room_screens')
      .values({ practice_id: practiceId, token_hash: hash(token), created_by: ctx.actor?.userId ?? null })
      .onConflict((oc) => oc.column('practice_id').doUpdateSet({ token_hash: hash(token), created_by: ctx.actor?.userId ?? null, created_at: new Date() }))
      .execute();
    await writeAudit(trx, ctx, { action: 'materials.screen_renewed', subjectType: 'organisation', subjectId: practiceId });
  });
  return token;
}

export async function revokeWaitingRoomScreen(db: Database, ctx: RequestContext, practiceId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('waiting_room_screens').where('practice_id', '=', practiceId).execute();
    await writeAudit(trx, ctx, { action: 'materials.screen_revoked', subjectType: 'organisation', subjectId: practiceId });
  });
}

/** When the practice's current screen address was made; null when it has none. */
export async function screenCreatedAt(db: Database, practiceId: string): Promise<Date | null> {
  const row = await db.selectFrom('waiting_room_screens').select('created_at').where('practice_id', '=', practiceId).executeTakeFirst();
  return row?.created_at ?? null;
}

/** The practice behind a screen address; null for an unknown, revoked or malformed one. */
export async function practiceOfScreen(db: Database, token: string): Promise<string | null> {
  if (!TOKEN.test(token)) return null;
  const row = await db.selectFrom('waiting_room_screens').select('practice_id').where('token_hash', '=', hash(token)).executeTakeFirst();
  return row?.practice_id ?? null;
}

export interface ScreenData {
  practiceName: string;
  walkIns: WalkInPoint[];
  selfcheckUrl: string;
}

/**
 * What the screen shows: the walk-in points near the practice. A practice whose address has no
 * known postcode still gets a working screen (pictograms and the self-check), not an error on the TV.
 */
export async function loadScreenData(db: Database, practiceId: string, baseUrl: string, now: Date): Promise<ScreenData> {
  try {
    const m = await loadPracticeMaterials(db, practiceId, baseUrl, now);
    return { practiceName: m.practiceName, walkIns: m.walkIns, selfcheckUrl: m.selfcheckUrl };
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== practiceWithoutPostcode().code) throw err;
    const practice = await db.selectFrom('organisations').select('name').where('id', '=', practiceId).executeTakeFirstOrThrow();
    return { practiceName: practice.name, walkIns: [], selfcheckUrl: `${baseUrl}/zelftest` };
  }
}
