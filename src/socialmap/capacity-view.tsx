import { fill } from '../platform/i18n.ts';
import { Button, PostForm, TextField, type FieldErrors } from '../platform/ui/components.tsx';
import { RadioGroup } from '../platform/ui/form-fields.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { capacityLabels, capacityStatuses, capacityText, CAPACITY_VALID_DAYS, currentCapacity, type CurrentCapacity, type StoredCapacity } from './capacity.ts';
import { dutchDay } from './freshness.ts';
import { typicalResponseText, type TypicalResponse } from './response-time.ts';
import type { TeamFacts } from './team-facts.ts';

/**
 * The figures that flow back into the work, as the social map and the referral preview show them:
 * a service's capacity (in words, never colour alone) and its team's measured time to first contact.
 */

/** "Wachtlijst: ongeveer 6 weken (bevestigd 12-11-2026)", or "Onbekend". */
export function capacitySummary(view: ViewContext, capacity: CurrentCapacity): string {
  const text = view.t(capacityText(capacity));
  if (capacity.status === 'unknown') return text;
  return `${text} ${fill(view.t({ nl: '(bevestigd {date})', en: '(confirmed {date})' }), { date: dutchDay(capacity.confirmedAt) })}`;
}

export function CapacityText(props: { view: ViewContext; capacity: StoredCapacity; now: Date }) {
  const capacity = currentCapacity(props.capacity, props.now);
  return (
    <span class="kl-capacity" data-capacity={capacity.status}>
      {capacitySummary(props.view, capacity)}
    </span>
  );
}

export function ResponseTimeText(props: { view: ViewContext; response: TypicalResponse | undefined }) {
  if (!props.response) return null;
  return <span data-testid="response-time">{typicalResponseText(props.response, props.view.lang)}</span>;
}

/**
 * The editor's form on the service page: set the status, or save it unchanged to confirm it for
 * another 30 days. Says when the current status lapses, or that it already did.
 */
export function CapacityForm(props: {
  view: ViewContext;
  serviceId: string;
  capacity: StoredCapacity;
  now: Date;
  values?: Record<string, string | undefined>;
  errors?: FieldErrors | undefined;
}) {
  const { view } = props;
  const t = view.t;
  const current = currentCapacity(props.capacity, props.now);
  const values = props.values ?? {
    capacity_status: props.capacity.status ?? undefined,
    capacity_waiting_weeks: props.capacity.waitingWeeks == null ? undefined : String(props.capacity.waitingWeeks),
  };
  const state =
    current.status !== 'unknown'
      ? fill(t({ nl: 'Geldt tot {date}. Sla op om te bevestigen dat het nog klopt.', en: 'Valid until {date}. Save to confirm it is still correct.' }), {
          date: dutchDay(current.validUntil),
        })
      : current.lapsedAt
        ? fill(
            t({
              nl: 'Niet bevestigd sinds {days} dagen: iedereen ziet nu "onbekend". Sla op om het weer te laten zien.',
              en: 'Not confirmed for {days} days: everyone now sees "unknown". Save to show it again.',
            }),
            { days: CAPACITY_VALID_DAYS },
          )
        : t({ nl: 'Nog niet ingevuld: iedereen ziet "onbekend".', en: 'Not filled in yet: everyone sees "unknown".' });
  return (
    <section class="kl-card kl-stack" aria-labelledby="capacity-form-title" id="capaciteit">
      <h2 class="utrecht-heading-2" id="capacity-form-title">
        {t({ nl: 'Capaciteit doorgeven', en: 'Report capacity' })}
      </h2>
      <p class="utrecht-paragraph">{state}</p>
      <PostForm view={view} action={`/sociale-kaart/diensten/${props.serviceId}/capaciteit`} novalidate>
        <RadioGroup
          view={view}
          name="capacity_status"
          legend={{ nl: 'Neemt deze dienst nieuwe mensen aan?', en: 'Does this service take new people?' }}
          description={{
            nl: `Praktijken zien dit bij het zoeken en bij het verwijzen. Na ${CAPACITY_VALID_DAYS} dagen zonder bevestiging staat er weer "onbekend".`,
            en: `Practices see this when searching and referring. After ${CAPACITY_VALID_DAYS} days without confirmation it shows "unknown" again.`,
          }}
          value={values['capacity_status']}
          errors={props.errors}
          options={capacityStatuses.map((status) => ({ value: status, label: capacityLabels[status] }))}
        />
        <TextField
          view={view}
          name="capacity_waiting_weeks"
          inputmode="numeric"
          size="short"
          label={{ nl: 'Hoeveel weken wachten, ongeveer?', en: 'About how many weeks of waiting?' }}
          description={{ nl: 'Alleen bij een wachtlijst.', en: 'Only with a waiting list.' }}
          value={values['capacity_waiting_weeks']}
          errors={props.errors}
        />
        <Button>{t({ nl: 'Capaciteit opslaan', en: 'Save capacity' })}</Button>
      </PostForm>
    </section>
  );
}

/**
 * The team's figures in the referral preview: each active service's capacity and the measured time
 * to first contact. Shown only what is known; nothing at all when the team has neither.
 */
export function TeamFactsView(props: { view: ViewContext; facts: TeamFacts; now: Date }) {
  const { view, facts, now } = props;
  const t = view.t;
  if (facts.services.length === 0 && !facts.responseTime) return null;
  return (
    <dl class="kl-facts" data-testid="team-facts">
      {facts.services.map((s) => (
        <>
          <dt>{fill(t({ nl: 'Capaciteit – {service}', en: 'Capacity – {service}' }), { service: s.name })}</dt>
          <dd>
            <CapacityText view={view} capacity={s.capacity} now={now} />
          </dd>
        </>
      ))}
      {facts.responseTime ? (
        <>
          <dt>{t({ nl: 'Reactietijd', en: 'Response time' })}</dt>
          <dd>
            <ResponseTimeText view={view} response={facts.responseTime} />
          </dd>
        </>
      ) : null}
    </dl>
  );
}
