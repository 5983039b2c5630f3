import type { Child } from 'hono/jsx';
import { fill, plural, type Text } from '../platform/i18n.ts';
import { Alert, Button, PostForm } from '../platform/ui/components.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { categoryLabels, isCategory, type Category } from '../needs/categories.ts';
import { daysSince, dutchDay, freshnessOf, type Freshness } from './freshness.ts';
import { languageLabel } from './languages.ts';
import { formatSlots, slotsOn, weekdayLabels, weekOverview, type TimeSlot } from './opening-hours.ts';
import type { AreaMatch } from './rank-services.ts';

/** Small view pieces shared by the social map pages. */

export const freshnessLabels: Record<Freshness, Text> = {
  fresh: { nl: 'Actueel', en: 'Up to date' },
  due: { nl: 'Controleren', en: 'Check due' },
  stale: { nl: 'Verouderd', en: 'Out of date' },
};

/** "Gecontroleerd 12 dagen geleden (18-11-2026)": the age in words, the day as Dutch readers write it. */
export function verifiedText(lastVerifiedAt: Date | null, now: Date): Text {
  if (!lastVerifiedAt) return { nl: 'Nog nooit gecontroleerd', en: 'Never verified' };
  const days = daysSince(lastVerifiedAt, now);
  if (days === 0) return { nl: 'Vandaag gecontroleerd', en: 'Verified today' };
  const on = dutchDay(lastVerifiedAt);
  const ago = plural(
    days,
    { nl: 'Gecontroleerd {n} dag geleden ({on})', en: 'Verified {n} day ago ({on})' },
    { nl: 'Gecontroleerd {n} dagen geleden ({on})', en: 'Verified {n} days ago ({on})' },
  );
  return { nl: fill(ago.nl, { on }), en: fill(ago.en, { on }) };
}

/** "Actueel · Gecontroleerd 12 dagen geleden": the state in words (not colour alone) plus the age. */
export function Freshness(props: { view: ViewContext; lastVerifiedAt: Date | null; now: Date }) {
  const state = freshnessOf(props.lastVerifiedAt, props.now);
  return (
    <span class="kl-freshness">
      <span class={`kl-state kl-state--${state}`}>{props.view.t(freshnessLabels[state])}</span> {props.view.t(verifiedText(props.lastVerifiedAt, props.now))}
    </span>
  );
}

/** "1 resultaat." or "3 resultaten, best passend eerst.": Dutch has a singular too. */
export function resultCountText(n: number): Text {
  return plural(n, { nl: '{n} resultaat.', en: '{n} result.' }, { nl: '{n} resultaten, best passend eerst.', en: '{n} results, best fit first.' });
}

export function categoryNames(view: ViewContext, codes: readonly string[], labels: Record<Category, Text> = categoryLabels): string {
  return codes.map((c) => (isCategory(c) ? view.t(labels[c]) : c)).join(', ');
}

export function languageNames(view: ViewContext, codes: readonly string[]): string {
  return codes.map((c) => view.t(languageLabel(c))).join(', ');
}

export const areaMatchLabels: Record<AreaMatch, Text> = {
  pc4: { nl: 'helpt in deze postcode', en: 'covers this postcode' },
  district: { nl: 'helpt in deze wijk', en: 'covers this district' },
  municipality: { nl: 'helpt in de hele gemeente', en: 'covers the whole municipality' },
};

export function addressLine(a: { street: string | null; houseNumber: string | null; postcode: string | null; city: string | null }): string {
  const street = [a.street, a.houseNumber].filter(Boolean).join(' ');
  const town = [a.postcode, a.city].filter(Boolean).join(' ');
  return [street, town].filter(Boolean).join(', ');
}

/** "vandaag 09:00–12:00" or "vandaag niet". */
export function todayText(view: ViewContext, slots: readonly TimeSlot[], today: number): string {
  const open = slotsOn(slots, today);
  return open.length
    ? fill(view.t({ nl: 'vandaag {hours}', en: 'today {hours}' }), { hours: formatSlots(open) })
    : view.t({ nl: 'vandaag niet', en: 'not today' });
}

/** The week, one line per day with hours; today is marked in words. */
export function WeekHours(props: { view: ViewContext; slots: readonly TimeSlot[]; today: number; empty?: Text }) {
  const days = weekOverview(props.slots);
  if (days.length === 0) return props.empty ? <p class="utrecht-paragraph kl-muted">{props.view.t(props.empty)}</p> : null;
  return (
    <ul class="utrecht-unordered-list kl-hours">
      {days.map((d) => (
        <li class={`utrecht-unordered-list__item${d.weekday === props.today ? ' kl-hours--today' : ''}`}>
          <span class="kl-hours__day">{props.view.t(weekdayLabels[d.weekday]!)}</span> {formatSlots(d.slots)}
          {d.weekday === props.today ? <strong> ({props.view.t({ nl: 'vandaag', en: 'today' })})</strong> : null}
        </li>
      ))}
    </ul>
  );
}

/** Definition list of facts; rows without a value are left out. */
export type FactRow = readonly [string, unknown];

export function Facts(props: { rows: readonly FactRow[] }) {
  const rows = props.rows.filter(([, value]) => value !== null && value !== undefined && value !== false && value !== '');
  if (rows.length === 0) return null;
  return (
    <dl class="kl-facts">
      {rows.map(([key, value]) => (
        <>
          <dt>{key}</dt>
          <dd>{value as Child}</dd>
        </>
      ))}
    </dl>
  );
}

const notices: Record<string, Text> = {
  opgeslagen: { nl: 'De wijziging is opgeslagen.', en: 'The change has been saved.' },
  geverifieerd: {
    nl: 'Bevestigd: het klopt nog. De datum van controle is bijgewerkt.',
    en: 'Confirmed: still correct. The verification date has been updated.',
  },
  vervangen: {
    nl: 'De nieuwe contactpersoon is opgeslagen. De vorige staat bij de eerdere contactpersonen.',
    en: 'The new contact has been saved. The previous one is listed under former contacts.',
  },
};

/** Confirmations after a redirect (`?melding=…`): only known keys are shown. */
export function Notice({ view, notice }: { view: ViewContext; notice: string | undefined }) {
  const text = notice ? notices[notice] : undefined;
  return text ? <Alert type="ok">{view.t(text)}</Alert> : null;
}

export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^0-9+]/g, '')}`;
}

export function PhoneLink({ phone }: { phone: string }) {
  return (
    <a class="utrecht-link" href={telHref(phone)}>
      {phone}
    </a>
  );
}

export function EmailLink({ email }: { email: string }) {
  return (
    <a class="utrecht-link" href={`mailto:${email}`}>
      {email}
    </a>
  );
}

/**
 * The one-click "Klopt nog" (still correct) confirmation. The hidden part of the button text names
 * the entry, so a list of buttons still makes sense to a screen reader.
 */
export function ConfirmForm(props: { view: ViewContext; action: string; back: string; entryName: string }) {
  return (
    <PostForm view={props.view} action={props.action} class="kl-inline-form">
      <input type="hidden" name="terug" value={props.back} />
      <Button variant="secondary">
        {props.view.t({ nl: 'Klopt nog', en: 'Still correct' })}
        <span class="kl-visually-hidden"> – {props.entryName}</span>
      </Button>
    </PostForm>
  );
}
