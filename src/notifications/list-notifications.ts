import type { Database } from '../platform/db/database.ts';

/**
 * A user's own notifications, newest first (at most 100), with the KL number of the referral each
 * is about: which referral and what changed (the kind), never patient data.
 */
export function listNotifications(db: Database, userId: string) {
  return db
    .selectFrom('notifications')
    .leftJoin('referrals', 'referrals.id', 'notifications.referral_id')
    .select([
      'notifications.id',
      'notifications.kind',
      'notifications.referral_id',
      'notifications.consultation_id',
      'notifications.link',
      'notifications.created_at',
      'notifications.read_at',
      'referrals.reference',
    ])
    .where('notifications.user_id', '=', userId)
    .orderBy('notifications.created_at', 'desc')
    .limit(100)
    .execute();
}

export async function markAllNotificationsRead(db: Database, userId: string): Promise<void> {
  await db.updateTable('notifications').set({ read_at: new Date() }).where('user_id', '=', userId).where('read_at', 'is', null).execute();
}
