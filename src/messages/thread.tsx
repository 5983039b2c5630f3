import type { Text } from '../platform/i18n.ts';
import { Button, ErrorSummary, FormKeyField, PostForm, formatDateTime, type FieldErrors } from '../platform/ui/components.tsx';
import { TextAreaField } from '../platform/ui/form-fields.tsx';
import type { ViewContext } from '../platform/ui/view.ts';

/** One message as the thread shows it. `body` is null once erased (consent withdrawn, retention). */
export interface ThreadMessage {
  id: string;
  side: 'practice' | 'team';
  authorName: string | null;
  /** The practice or team the author wrote for. */
  authorOrganisation: string | null;
  createdAt: Date;
  body: string | null;
}

export const MESSAGE_MAX_LENGTH = 2000;

const sideLabels: Record<ThreadMessage['side'], Text> = {
  practice: { nl: 'huisartsenpraktijk', en: 'GP practice' },
  team: { nl: 'team', en: 'team' },
};

/** The messages, oldest first, as an ordered list (screen readers announce "list, N items"). */
export function MessageList(props: { view: ViewContext; messages: readonly ThreadMessage[]; empty: Text }) {
  const { view } = props;
  const t = view.t;
  if (props.messages.length === 0) return <p class="utrecht-paragraph kl-muted">{t(props.empty)}</p>;
  return (
    <ol class="kl-thread">
      {props.messages.map((m) => (
        <li class={`kl-thread__message kl-thread__message--${m.side}`}>
          <p class="utrecht-paragraph kl-thread__meta">
            <strong>{m.authorName ?? t({ nl: 'Onbekend', en: 'Unknown' })}</strong>
            {` · ${m.authorOrganisation ?? t(sideLabels[m.side])} · `}
            <time datetime={m.createdAt.toISOString()}>{formatDateTime(m.createdAt, view.lang)}</time>
          </p>
          {m.body === null ? (
            <p class="utrecht-paragraph kl-muted">{t({ nl: '(Dit bericht is gewist.)', en: '(This message has been erased.)' })}</p>
          ) : (
            <p class="utrecht-paragraph kl-thread__body">{m.body}</p>
          )}
        </li>
      ))}
    </ol>
  );
}

/** A labelled, required text area for a message (id `field-<name>`, so the error summary links land on it). */
export function MessageField(props: {
  view: ViewContext;
  name: string;
  label: Text;
  description: Text;
  errors?: FieldErrors | undefined;
  value?: string | undefined;
  maxLength?: number;
  rows?: number;
}) {
  return (
    <TextAreaField
      view={props.view}
      name={props.name}
      label={props.label}
      description={props.description}
      errors={props.errors}
      value={props.value}
      rows={props.rows ?? 5}
      maxlength={props.maxLength ?? MESSAGE_MAX_LENGTH}
      required
    />
  );
}

/** The "write a message" form: a labelled text area (field `body`) and a send button, with an error summary when needed. */
export function MessageForm(props: {
  view: ViewContext;
  action: string;
  label: Text;
  description: Text;
  button: Text;
  errors?: FieldErrors | undefined;
  value?: string | undefined;
  formKey?: string | undefined;
}) {
  const { view } = props;
  return (
    <PostForm view={view} action={props.action} novalidate>
      <FormKeyField value={props.formKey} />
      {props.errors ? <ErrorSummary view={view} errors={props.errors} /> : null}
      <MessageField view={view} name="body" label={props.label} description={props.description} errors={props.errors} value={props.value} />
      <Button>{view.t(props.button)}</Button>
    </PostForm>
  );
}

export interface ReferralThreadProps {
  /** The page's ViewContext (language, CSRF token). */
  view: ViewContext;
  /** Oldest first. */
  messages: readonly ThreadMessage[];
  /** False for a former team, after consent withdrawal or erasure, or without a practice. */
  canWrite: boolean;
  /** Where the form posts: /verwijzingen/:id/berichten. */
  action: string;
  /** Why writing is not possible, shown instead of the form. */
  notice?: Text | null | undefined;
  /** Only the message route's own error page passes these. */
  errors?: FieldErrors | undefined;
  value?: string | undefined;
}

/**
 * The message thread of one referral between the practice and the holding team ("korte lijn",
 * docs/product.md step 7), for the referral detail page:
 *
 *   const detail = await openReferral(db, ctx, found, baseUrl);
 *   <ReferralThread view={v} {...detail.thread} />
 *
 * Renders a section with id "berichten" (the message route redirects to /verwijzingen/:id#berichten):
 * a heading, the messages and — when `canWrite` — a form that posts `body` to `action`.
 * Message bodies are patient data: the page that shows this must audit the read (the detail page
 * does, for the whole referral).
 */
export function ReferralThread(props: ReferralThreadProps) {
  const { view } = props;
  const t = view.t;
  return (
    <section class="kl-thread-section" id="berichten" aria-labelledby="berichten-titel">
      <h2 class="utrecht-heading-2" id="berichten-titel">
        {t({ nl: 'Berichten tussen praktijk en team', en: 'Messages between practice and team' })}
      </h2>
      <MessageList view={view} messages={props.messages} empty={{ nl: 'Er zijn nog geen berichten.', en: 'There are no messages yet.' }} />
      {props.canWrite ? (
        <MessageForm
          view={view}
          action={props.action}
          label={{ nl: 'Nieuw bericht', en: 'New message' }}
          description={{
            nl: 'Alleen wat nodig is voor de hulp. Geen medische gegevens en nooit een BSN. De ontvanger krijgt een melding zonder de inhoud.',
            en: 'Only what the help needs. No medical data and never a citizen service number (BSN). The recipient gets a notification without the content.',
          }}
          button={{ nl: 'Bericht versturen', en: 'Send message' }}
          errors={props.errors}
          value={props.value}
        />
      ) : props.notice ? (
        <p class="utrecht-paragraph kl-muted">{t(props.notice)}</p>
      ) : null}
    </section>
  );
}
