import type { Database } from '../platform/db/database.ts';

/** A user's own notifications, newest first (at most 100). They carry no patient data. */
export function listNotifications(db: Database, userId: string) {
  return db
    .selectFrom('notifications')
    .select(['id', 'kind', 'referral_id', 'consultation_id', 'created_at', 'read_at'])
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(100)
    .execute();
}

export async function markAllNotificationsRead(db: Database, userId: string): Promise<void> {
  await db.updateTable('notifications').set({ read_at: new Date() }).where('user_id', '=', userId).where('read_at', 'is', null).execute();
}
