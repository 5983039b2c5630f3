import type { Hono } from 'hono';
import type { AppEnv, Services } from '../http/types.ts';
import { view } from '../ui/view.ts';
import { anyRole, authorize } from '../http/authorize.ts';
import { Page } from '../ui/layout.tsx';
import { Button, Heading1, Link, Paragraph, PostForm, Table, formatDateTime } from '../ui/components.tsx';
import { notificationKinds, type NotificationKind } from './notify.ts';

/** The in-app notification list: what is new, with a link; no patient data in the list itself. */
export function registerNotificationPages(app: Hono<AppEnv>, services: Services): void {
  const { db } = services;
  const guard = authorize(services, { roles: anyRole });

  app.get('/meldingen', guard, async (c) => {
    const v = view(c);
    const t = v.t;
    const rows = await db
      .selectFrom('notifications')
      .select(['id', 'kind', 'referral_id', 'consultation_id', 'created_at', 'read_at'])
      .where('user_id', '=', c.get('ctx').actor!.userId)
      .orderBy('created_at', 'desc')
      .limit(100)
      .execute();
    return c.html(
      <Page view={v} title={t({ nl: 'Meldingen', en: 'Notifications' })}>
        <Heading1>{t({ nl: 'Meldingen', en: 'Notifications' })}</Heading1>
        {v.unread > 0 ? (
          <PostForm view={v} action="/meldingen/gelezen">
            <Button variant="secondary">{t({ nl: 'Alles als gelezen markeren', en: 'Mark all as read' })}</Button>
          </PostForm>
        ) : null}
        <Table
          caption={t({ nl: 'Uw meldingen, nieuwste eerst', en: 'Your notifications, newest first' })}
          headers={[t({ nl: 'Wanneer', en: 'When' }), t({ nl: 'Wat', en: 'What' }), t({ nl: 'Gelezen', en: 'Read' })]}
          empty={t({ nl: 'U heeft geen meldingen.', en: 'You have no notifications.' })}
          rows={rows.map((n) => {
            const text = t(notificationKinds[n.kind as NotificationKind] ?? { nl: n.kind, en: n.kind });
            const href = n.referral_id ? `/verwijzingen/${n.referral_id}` : n.consultation_id ? `/overleg/${n.consultation_id}` : null;
            return [
              formatDateTime(n.created_at, v.lang),
              href ? <Link href={href}>{text}</Link> : text,
              n.read_at ? t({ nl: 'ja', en: 'yes' }) : t({ nl: 'nee, nieuw', en: 'no, new' }),
            ];
          })}
        />
        <Paragraph>
          {t({
            nl: 'U krijgt bij elke melding ook een e-mail, zonder gegevens van patiënten.',
            en: 'For every notification you also get an e-mail, without patient data.',
          })}
        </Paragraph>
      </Page>,
    );
  });

  app.post('/meldingen/gelezen', guard, async (c) => {
    await db.updateTable('notifications').set({ read_at: new Date() }).where('user_id', '=', c.get('ctx').actor!.userId).where('read_at', 'is', null).execute();
    return c.redirect('/meldingen', 303);
  });
}

/** Opening the item a notification points to marks it read. */
export async function markNotificationsRead(services: Services, userId: string, ref: { referralId?: string; consultationId?: string }): Promise<void> {
  let q = services.db.updateTable('notifications').set({ read_at: new Date() }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (ref.referralId) q = q.where('referral_id', '=', ref.referralId);
  if (ref.consultationId) q = q.where('consultation_id', '=', ref.consultationId);
  await q.execute();
}
