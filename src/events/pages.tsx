import { fill, type Text } from '../platform/i18n.ts';
import { Page } from '../platform/ui/layout.tsx';
import {
  Alert,
  Button,
  ButtonLink,
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
import { CheckboxGroup, RadioGroup, TextAreaField } from '../platform/ui/form-fields.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { DataList } from '../referrals/ui-parts.tsx';
import { audienceField } from './event-form.ts';
import { audienceLabels, audiences, eventKindLabels, eventKinds } from './event-rules.ts';
import type { EventView } from './read-events.ts';

type Values = Record<string, string | null | undefined>;

export const eventNotices: Record<string, Text> = {
  aangemaakt: {
    nl: 'De bijeenkomst staat klaar. De uitnodigingen gaan per e-mail, met een agenda-bijlage.',
    en: 'The event is ready. The invitations go out by e-mail, with a calendar attachment.',
  },
  aangemeld: { nl: 'U bent aangemeld.', en: 'You have signed up.' },
  afgemeld: { nl: 'U bent afgemeld.', en: 'You have signed off.' },
};

const when = (view: ViewContext, e: EventView) => `${formatDateTime(e.startsAt, view.lang)} – ${formatDateTime(e.endsAt, view.lang).split(' ').pop()}`;

function places(view: ViewContext, e: EventView): string {
  return e.capacity === null
    ? fill(view.t({ nl: '{n} aangemeld', en: '{n} signed up' }), { n: e.signedUp })
    : fill(view.t({ nl: '{n} van {max} plaatsen bezet', en: '{n} of {max} places taken' }), { n: e.signedUp, max: e.capacity });
}

export function EventsPage(props: { view: ViewContext; upcoming: EventView[]; past: EventView[]; mayOrganise: boolean }) {
  const { view } = props;
  const t = view.t;
  const title = t({ nl: 'Bijeenkomsten', en: 'Events' });
  const rows = (list: EventView[]) =>
    list.map((e) => [
      <Link href={`/bijeenkomsten/${e.id}`}>{e.title}</Link>,
      t(eventKindLabels[e.kind]),
      when(view, e),
      e.place,
      e.mine ? <strong>{t({ nl: 'U bent aangemeld', en: 'You signed up' })}</strong> : places(view, e),
    ]);
  const headers = [
    t({ nl: 'Wat', en: 'What' }),
    t({ nl: 'Soort', en: 'Kind' }),
    t({ nl: 'Wanneer', en: 'When' }),
    t({ nl: 'Waar', en: 'Where' }),
    t({ nl: 'Aanmelden', en: 'Sign-up' }),
  ];
  return (
    <Page view={view} title={title}>
      <Heading1>{title}</Heading1>
      <Paragraph>
        {t({
          nl: 'Netwerkbijeenkomsten, wijksafari’s en trainingen van uw regio: leer de mensen achter de korte lijn kennen.',
          en: 'Network meetings, neighbourhood safaris and trainings in your region: get to know the people behind the short line.',
        })}
      </Paragraph>
      {props.mayOrganise ? (
        <Paragraph>
          <ButtonLink href="/bijeenkomsten/nieuw">{t({ nl: 'Bijeenkomst organiseren', en: 'Organise an event' })}</ButtonLink>
        </Paragraph>
      ) : null}
      <Table
        caption={t({ nl: 'Komende bijeenkomsten', en: 'Upcoming events' })}
        headers={headers}
        rows={rows(props.upcoming)}
        empty={t({ nl: 'Er staat nog niets gepland.', en: 'Nothing is planned yet.' })}
      />
      {props.past.length > 0 ? <Table caption={t({ nl: 'Geweest', en: 'Past' })} headers={headers} rows={rows(props.past)} /> : null}
    </Page>
  );
}

export function NewEventPage(props: { view: ViewContext; values: Values; errors: FieldErrors }) {
  const { view, values, errors } = props;
  const t = view.t;
  const title = t({ nl: 'Bijeenkomst organiseren', en: 'Organise an event' });
  return (
    <Page view={view} title={title}>
      <Heading1>{title}</Heading1>
      <ErrorSummary view={view} errors={errors} />
      <PostForm view={view} action="/bijeenkomsten" novalidate>
        <RadioGroup
          view={view}
          name="kind"
          legend={{ nl: 'Wat voor bijeenkomst?', en: 'What kind of event?' }}
          options={eventKinds.map((k) => ({ value: k, label: eventKindLabels[k] }))}
          value={values['kind']}
          errors={errors}
        />
        <TextField view={view} name="title" required label={{ nl: 'Naam', en: 'Name' }} value={values['title']} errors={errors} />
        <TextAreaField
          view={view}
          name="description"
          rows={3}
          label={{ nl: 'Wat gaan we doen?', en: 'What will we do?' }}
          value={values['description']}
          errors={errors}
        />
        <TextField
          view={view}
          name="date"
          required
          size="short"
          label={{ nl: 'Datum', en: 'Date' }}
          description={{ nl: 'Bijvoorbeeld 27-11-2026.', en: 'For example 27-11-2026.' }}
          value={values['date']}
          errors={errors}
        />
        <TextField
          view={view}
          name="starts"
          required
          size="short"
          label={{ nl: 'Begint om', en: 'Starts at' }}
          description={{ nl: 'Bijvoorbeeld 15:30.', en: 'For example 15:30.' }}
          value={values['starts']}
          errors={errors}
        />
        <TextField view={view} name="ends" required size="short" label={{ nl: 'Eindigt om', en: 'Ends at' }} value={values['ends']} errors={errors} />
        <TextField view={view} name="place" required label={{ nl: 'Waar', en: 'Where' }} value={values['place']} errors={errors} />
        <TextField
          view={view}
          name="capacity"
          size="short"
          inputmode="numeric"
          label={{ nl: 'Hoeveel plaatsen?', en: 'How many places?' }}
          description={{ nl: 'Leeg: geen grens.', en: 'Empty: no limit.' }}
          value={values['capacity']}
          errors={errors}
        />
        <CheckboxGroup
          view={view}
          legend={{ nl: 'Wie nodigt u uit?', en: 'Whom do you invite?' }}
          description={{
            nl: 'Zij krijgen een e-mail met een agenda-bijlage en melden zich aan in Korte Lijn.',
            en: 'They get an e-mail with a calendar attachment and sign up in Korte Lijn.',
          }}
          errorKey="audiences"
          errors={errors}
          values={values}
          options={audiences.map((a) => ({ name: audienceField(a), label: t(audienceLabels[a]) }))}
        />
        <Button>{t({ nl: 'Bijeenkomst aanmaken en uitnodigen', en: 'Create the event and invite' })}</Button>
      </PostForm>
    </Page>
  );
}

export function EventPage(props: {
  view: ViewContext;
  event: EventView;
  names: string[] | null;
  notice?: string | undefined;
  problem?: string | undefined;
  open: boolean;
}) {
  const { view, event: e } = props;
  const t = view.t;
  const notice = props.notice ? eventNotices[props.notice] : undefined;
  return (
    <Page view={view} title={e.title}>
      <Heading1>{e.title}</Heading1>
      {notice ? <Alert type="ok">{t(notice)}</Alert> : null}
      {props.problem ? <Alert type="error">{props.problem}</Alert> : null}
      {e.cancelledAt ? <Alert type="warning">{t({ nl: 'Deze bijeenkomst gaat niet door.', en: 'This event has been cancelled.' })}</Alert> : null}
      <DataList
        rows={[
          [t({ nl: 'Soort', en: 'Kind' }), t(eventKindLabels[e.kind])],
          [t({ nl: 'Wanneer', en: 'When' }), when(view, e)],
          [t({ nl: 'Waar', en: 'Where' }), e.place],
          [t({ nl: 'Wat gaan we doen?', en: 'What will we do?' }), e.description],
          [t({ nl: 'Georganiseerd door', en: 'Organised by' }), e.organiserName],
          [t({ nl: 'Aanmeldingen', en: 'Sign-ups' }), <span data-testid="event-signups">{places(view, e)}</span>],
          [t({ nl: 'Wie komen er', en: 'Who is coming' }), props.names && props.names.length > 0 ? props.names.join(', ') : null],
        ]}
      />
      {e.mine ? (
        <PostForm view={view} action={`/bijeenkomsten/${e.id}/afmelden`} class="kl-inline-form">
          <Paragraph>
            <strong>{t({ nl: 'U bent aangemeld.', en: 'You have signed up.' })}</strong>
          </Paragraph>
          <Button variant="secondary">{t({ nl: 'Afmelden', en: 'Sign off' })}</Button>
        </PostForm>
      ) : props.open ? (
        <PostForm view={view} action={`/bijeenkomsten/${e.id}/aanmelden`} class="kl-inline-form">
          <Button>{t({ nl: 'Aanmelden', en: 'Sign up' })}</Button>
        </PostForm>
      ) : null}
      <Paragraph>
        <Link href="/bijeenkomsten">{t({ nl: 'Naar alle bijeenkomsten', en: 'To all events' })}</Link>
      </Paragraph>
    </Page>
  );
}
