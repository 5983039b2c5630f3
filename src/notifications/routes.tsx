import type { Hono } from 'hono';
import type { AppEnv, Services } from '../platform/http/types.ts';
import { view } from '../platform/ui/view.ts';
import { anyRole, authorize } from '../platform/http/authorize.ts';
import { Page } from '../platform/ui/layout.tsx';
import { Button, Heading1, Link, Paragraph, PostForm, Table, formatDateTime } from '../platform/ui/components.tsx';
import { notificationKinds, type NotificationKind } from '../platform/notifications/notify.ts';
import { listNotifications, markAllNotificationsRead } from './list-notifications.ts';

/** The in-app notification list: what is new, with a link; no patient data in the list itself. */
export function registerNotificationPages(app: Hono<AppEnv>, services: Services): void {
  const { db } = services;
  const guard = authorize(services, { roles: anyRole });

  app.get('/meldingen', guard, async (c) => {
    const v = view(c);
    const t = v.t;
    const rows = await listNotifications(db, c.get('ctx').actor!.userId);
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
            const href = n.referral_id ? `/verwijzingen/${n.referral_id}` : n.consultation_id ? `/overleg/${n.consultation_id}` : n.link;
            return [
              formatDateTime(n.created_at, v.lang),
              // Which referral (its KL number) and what changed; never who it is about.
              href ? <Link href={href}>{n.reference ? `${n.reference}: ${text}` : text}</Link> : text,
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
    await markAllNotificationsRead(db, c.get('ctx').actor!.userId);
    return c.redirect('/meldingen', 303);
  });
}
