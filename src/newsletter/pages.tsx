import { fill, type Text } from '../platform/i18n.ts';
import { Page } from '../platform/ui/layout.tsx';
import {
  Alert,
  Button,
  ErrorSummary,
  Heading1,
  Link,
  Paragraph,
  PostForm,
  Table,
  TextField,
  formatDateTime,
  type FieldErrors,
} from '../platform/ui/components.tsx';
import { TextAreaField } from '../platform/ui/form-fields.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { dutchDate } from '../referrals/labels.ts';
import type { NewsletterRow } from './newsletter.ts';

export const newsletterNotices: Record<string, Text> = {
  samengesteld: { nl: 'Het concept staat klaar. Pas het aan en verstuur het.', en: 'The draft is ready. Edit it and send it.' },
  opgeslagen: { nl: 'Opgeslagen.', en: 'Saved.' },
  verstuurd: { nl: 'De nieuwsbrief is verstuurd.', en: 'The newsletter has been sent.' },
  aangemeld: { nl: 'U ontvangt de nieuwsbrief weer.', en: 'You will receive the newsletter again.' },
  afgemeld: { nl: 'U ontvangt de nieuwsbrief niet meer.', en: 'You will no longer receive the newsletter.' },
};

function Notice({ view, notice }: { view: ViewContext; notice: string | undefined }) {
  const text = notice ? newsletterNotices[notice] : undefined;
  return text ? <Alert type="ok">{view.t(text)}</Alert> : null;
}

/** The body is plain text (as in the mail): paragraphs by blank lines, lines kept. */
function Body({ text }: { text: string }) {
  return (
    <div>
      {text.split(/\n{2,}/).map((block) => (
        <p class="utrecht-paragraph kl-thread__body">{block}</p>
      ))}
    </div>
  );
}

export function ArchivePage(props: { view: ViewContext; rows: NewsletterRow[]; mayCompose: boolean; subscribed: boolean; notice?: string | undefined }) {
  const { view } = props;
  const t = view.t;
  const title = t({ nl: 'Nieuwsbrief', en: 'Newsletter' });
  return (
    <Page view={view} title={title}>
      <Heading1>{title}</Heading1>
      <Notice view={view} notice={props.notice} />
      <Paragraph>
        {t({
          nl: 'Elke twee maanden: wat er nieuw is op de sociale kaart, wie er nieuw is en welke bijeenkomsten eraan komen.',
          en: 'Every two months: what is new on the social map, who is new and which events are coming.',
        })}
      </Paragraph>
      <PostForm view={view} action="/nieuwsbrief/abonnement" class="kl-inline-form">
        <Paragraph>
          <strong>
            {props.subscribed
              ? t({ nl: 'U ontvangt de nieuwsbrief per e-mail.', en: 'You receive the newsletter by e-mail.' })
              : t({ nl: 'U ontvangt de nieuwsbrief niet.', en: 'You do not receive the newsletter.' })}
          </strong>
        </Paragraph>
        <input type="hidden" name="subscribed" value={props.subscribed ? 'nee' : 'ja'} />
        <Button variant="secondary">{props.subscribed ? t({ nl: 'Afmelden', en: 'Unsubscribe' }) : t({ nl: 'Weer ontvangen', en: 'Subscribe again' })}</Button>
      </PostForm>
      {props.mayCompose ? (
        <PostForm view={view} action="/nieuwsbrief">
          <Button>{t({ nl: 'Nieuwe nieuwsbrief samenstellen', en: 'Compose a new newsletter' })}</Button>
        </PostForm>
      ) : null}
      <Table
        caption={t({ nl: 'Archief, nieuwste eerst', en: 'Archive, newest first' })}
        headers={[t({ nl: 'Nieuwsbrief', en: 'Newsletter' }), t({ nl: 'Periode', en: 'Period' }), t({ nl: 'Verstuurd', en: 'Sent' })]}
        empty={t({ nl: 'Er is nog geen nieuwsbrief.', en: 'There is no newsletter yet.' })}
        rows={props.rows.map((r) => [
          <Link href={`/nieuwsbrief/${r.id}`}>{r.title}</Link>,
          `${dutchDate(r.periodFrom)} – ${dutchDate(r.periodTo)}`,
          r.sentAt ? formatDateTime(r.sentAt, view.lang) : t({ nl: 'concept', en: 'draft' }),
        ])}
      />
    </Page>
  );
}

export function NewsletterPage(props: {
  view: ViewContext;
  letter: NewsletterRow;
  mayEdit: boolean;
  values: Record<string, string>;
  errors: FieldErrors;
  notice?: string | undefined;
  problem?: string | undefined;
}) {
  const { view, letter } = props;
  const t = view.t;
  const editing = props.mayEdit && !letter.sentAt;
  return (
    <Page view={view} title={letter.title}>
      <Heading1>{letter.title}</Heading1>
      <Notice view={view} notice={props.notice} />
      {props.problem ? <Alert type="error">{props.problem}</Alert> : null}
      <Paragraph>
        {letter.sentAt
          ? fill(t({ nl: 'Verstuurd op {date} aan {n} ontvangers.', en: 'Sent on {date} to {n} recipients.' }), {
              date: formatDateTime(letter.sentAt, view.lang),
              n: letter.recipients ?? 0,
            })
          : t({ nl: 'Concept: nog niet verstuurd.', en: 'Draft: not sent yet.' })}
      </Paragraph>
      {editing ? (
        <>
          <ErrorSummary view={view} errors={props.errors} />
          <PostForm view={view} action={`/nieuwsbrief/${letter.id}`} novalidate>
            <TextField view={view} name="title" required label={{ nl: 'Titel', en: 'Title' }} value={props.values['title']} errors={props.errors} />
            <TextAreaField
              view={view}
              name="body"
              required
              rows={18}
              label={{ nl: 'Tekst', en: 'Text' }}
              description={{
                nl: 'Samengesteld uit wat er veranderde. Pas het aan zoals u wilt. Schrijf niets over patiënten.',
                en: 'Composed from what changed. Edit it as you like. Write nothing about patients.',
              }}
              value={props.values['body']}
              errors={props.errors}
            />
            <Button variant="secondary">{t({ nl: 'Opslaan', en: 'Save' })}</Button>
          </PostForm>
          <PostForm view={view} action={`/nieuwsbrief/${letter.id}/versturen`}>
            <Button>{t({ nl: 'Versturen aan iedereen in de regio', en: 'Send to everyone in the region' })}</Button>
          </PostForm>
        </>
      ) : (
        <Body text={letter.body} />
      )}
      <Paragraph>
        <Link href="/nieuwsbrief">{t({ nl: 'Naar het archief', en: 'To the archive' })}</Link>
      </Paragraph>
    </Page>
  );
}

export function UnsubscribePage(props: { view: ViewContext; token: string; done: boolean }) {
  const { view } = props;
  const t = view.t;
  const title = t({ nl: 'Afmelden voor de nieuwsbrief', en: 'Unsubscribe from the newsletter' });
  return (
    <Page view={view} title={title}>
      <Heading1>{title}</Heading1>
      {props.done ? (
        <Alert type="ok">
          {t({
            nl: 'U bent afgemeld. U ontvangt de nieuwsbrief niet meer. Wilt u hem toch weer? Dat kan in Korte Lijn onder Nieuwsbrief.',
            en: 'You have unsubscribed. You will no longer receive the newsletter. Want it again? Go to Newsletter in Korte Lijn.',
          })}
        </Alert>
      ) : (
        <PostForm view={view} action={`/nieuwsbrief/afmelden/${props.token}`}>
          <Paragraph>
            {t({ nl: 'Wilt u de nieuwsbrief van Korte Lijn niet meer ontvangen?', en: 'Do you no longer want to receive the Korte Lijn newsletter?' })}
          </Paragraph>
          <Button>{t({ nl: 'Ja, afmelden', en: 'Yes, unsubscribe' })}</Button>
        </PostForm>
      )}
    </Page>
  );
}
