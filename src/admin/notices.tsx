import { Alert } from '../platform/ui/components.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import type { Text } from '../platform/i18n.ts';

/** Confirmations after a redirect (`?melding=…`): only known keys are shown, nothing from the URL itself. */
const notices: Record<string, Text> = {
  opgeslagen: { nl: 'De wijziging is opgeslagen.', en: 'The change has been saved.' },
  geblokkeerd: { nl: 'Het account is geblokkeerd. De gebruiker is uitgelogd.', en: 'The account has been blocked. The user has been signed out.' },
  gedeblokkeerd: { nl: 'Het account is weer actief.', en: 'The account is active again.' },
};

export function savedNotice(view: ViewContext, key: string | undefined) {
  const text = key ? notices[key] : undefined;
  return text ? <Alert type="ok">{view.t(text)}</Alert> : null;
}
