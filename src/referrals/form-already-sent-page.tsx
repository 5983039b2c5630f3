import { Page } from '../platform/ui/layout.tsx';
import { Alert, Heading1, Link, Paragraph } from '../platform/ui/components.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import type { FormSentWithOtherContent } from './referral-errors.ts';

/**
 * The referral form came back with a key that was used before, but with other details (a form
 * kept open, changed and sent again). Nothing new was sent: say so, and lead to the referral that
 * was sent, or to a new form for another patient.
 */
export function FormAlreadySentPage(props: { view: ViewContext; error: FormSentWithOtherContent }) {
  const { view, error } = props;
  const t = view.t;
  const title = t({ nl: 'Deze verwijzing is al verstuurd', en: 'This referral has already been sent' });
  return (
    <Page view={view} title={title}>
      <Heading1>{title}</Heading1>
      <Alert type="warning">{t(error.userMessage)}</Alert>
      <Paragraph>
        <Link href={`/verwijzingen/${error.sent.id}`}>
          {t({ nl: `Bekijk verwijzing ${error.sent.reference}`, en: `View referral ${error.sent.reference}` })}
        </Link>
      </Paragraph>
      <Paragraph>
        <Link href="/verwijzingen/nieuw">{t({ nl: 'Nieuwe verwijzing beginnen', en: 'Start a new referral' })}</Link>
      </Paragraph>
    </Page>
  );
}
