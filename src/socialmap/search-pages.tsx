import type { Hono } from 'hono';
import type { Actor } from '../platform/context.ts';
import type { AppEnv, Services } from '../platform/http/types.ts';
import { view } from '../platform/ui/view.ts';
import { authorize } from '../platform/http/authorize.ts';
import { fill } from '../platform/i18n.ts';
import { Page } from '../platform/ui/layout.tsx';
import { Alert, ErrorSummary, Heading1, Link, Paragraph, TextField, type FieldErrors } from '../platform/ui/components.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { invalidPostcode, type Route } from '../routing/route-referral.ts';
import { parsePostcode } from '../routing/postcode.ts';
import { editorRoles, regionOfActor, searchRoles } from './editor-scope.ts';
import { amsterdamWeekday, weekdayLabels } from './opening-hours.ts';
import { PostcodeSearchForm } from './postcode-search-form.tsx';
import { readSearchQuery } from './search-form.ts';
import { searchAtPostcode, type SearchResult } from './search-services.ts';
import type { ResultCard } from './service-cards.ts';
import { ContactLine, ServiceResult } from './service-result.tsx';
import { CapacityText, ResponseTimeText } from './capacity-view.tsx';
import type { TypicalResponse } from './response-time.ts';
import { teamResponseTimes } from './team-response-times.ts';
import { addressLine, areaMatchLabels, EmailLink, Facts, Freshness, PhoneLink, resultCountText, todayText, type FactRow } from './views.tsx';

type Values = Record<string, string | undefined>;

/**
 * The search form: postcode of the resident, the need, optional words. A GET form, so a search is
 * a link that can be shared and the back button works; the postcode is never logged (the request
 * log records the path only).
 */
export function SocialMapSearchForm(props: { view: ViewContext; values?: Values; errors?: FieldErrors }) {
  const { view } = props;
  const values = props.values ?? {};
  return (
    <PostcodeSearchForm
      view={view}
      action="/sociale-kaart"
      postcodeAutocomplete="off"
      texts={{
        name: { nl: 'Sociale kaart doorzoeken', en: 'Search the social map' },
        postcodeLabel: { nl: 'Postcode', en: 'Postcode' },
        postcodeHint: { nl: 'Van het woonadres, bijvoorbeeld 7511 AB of 7511.', en: 'Of the home address, for example 7511 AB or 7511.' },
        needLabel: { nl: 'Soort hulp', en: 'Kind of help' },
        needPlaceholder: { nl: 'Alle soorten hulp', en: 'All kinds of help' },
        submit: { nl: 'Zoeken', en: 'Search' },
      }}
      values={values}
      errors={props.errors}
    >
      <TextField view={view} name="zoekwoord" type="search" label={{ nl: 'Zoekwoord', en: 'Search words' }} value={values['zoekwoord']} errors={props.errors} />
    </PostcodeSearchForm>
  );
}

/** The search form on the start page of practice staff: postcode + need, one click to a result. */
export function HomeSocialMapSearch(props: { view: ViewContext; actor: Actor }) {
  if (props.actor.role !== 'practice_staff' && props.actor.role !== 'practice_admin') return null;
  return (
    <section aria-labelledby="home-search-title" class="kl-home-search">
      <h2 class="utrecht-heading-2" id="home-search-title">
        {props.view.t({ nl: 'Hulp zoeken in de sociale kaart', en: 'Find help in the social map' })}
      </h2>
      <SocialMapSearchForm view={props.view} />
    </section>
  );
}

function ResultItem(props: { view: ViewContext; result: SearchResult<ResultCard>; today: number; now: Date; responseTime: TypicalResponse | undefined }) {
  const { view, today, now } = props;
  const s = props.result.card;
  const t = view.t;
  const match =
    t(areaMatchLabels[props.result.areaMatch]) +
    (props.result.needFit === 'general' ? ` · ${t({ nl: 'helpt bij alle geldvragen', en: 'helps with every money question' })}` : '');
  return (
    <ServiceResult view={view} service={s} headingId={`service-${s.id}`} href={`/sociale-kaart/diensten/${s.id}`} match={match}>
      <p class="utrecht-paragraph">
        <Freshness view={view} lastVerifiedAt={s.lastVerifiedAt} now={now} />
      </p>
      <p class="utrecht-paragraph kl-today-title">
        <strong>
          {fill(t({ nl: 'Zo bereikt u hen vandaag ({day}):', en: 'How to reach them today ({day}):' }), { day: t(weekdayLabels[today]!).toLowerCase() })}
        </strong>
      </p>
      <Facts
        rows={[
          [t({ nl: 'Capaciteit', en: 'Capacity' }), <CapacityText view={view} capacity={s.capacity} now={now} />],
          [t({ nl: 'Reactietijd', en: 'Response time' }), props.responseTime ? <ResponseTimeText view={view} response={props.responseTime} /> : null],
          [
            t({ nl: 'Telefoon', en: 'Phone' }),
            s.phone ? (
              <>
                <PhoneLink phone={s.phone} /> — {todayText(view, s.phoneHours, today)}
              </>
            ) : null,
          ],
          [t({ nl: 'E-mail', en: 'E-mail' }), s.email ? <EmailLink email={s.email} /> : null],
          ...s.locations.map((l): FactRow => [
            l.isWalkIn ? t({ nl: 'Inloop', en: 'Walk-in' }) : t({ nl: 'Adres', en: 'Address' }),
            <>
              {l.name}, {addressLine(l)} — {todayText(view, l.isWalkIn ? l.walkInHours : l.openingHours, today)}
            </>,
          ]),
          ...s.contacts.map((c): FactRow => [
            t({ nl: 'Contactpersoon', en: 'Contact' }),
            <ContactLine contact={c} phoneNote={todayText(view, c.phoneHours, today)} />,
          ]),
        ]}
      />
    </ServiceResult>
  );
}

interface SearchPageProps {
  view: ViewContext;
  values: Values;
  errors?: FieldErrors;
  route?: Route;
  results?: SearchResult<ResultCard>[];
  /** Measured time to first contact per team of the results (one query for the page). */
  responseTimes?: Map<string, TypicalResponse>;
  isEditor: boolean;
  now: Date;
}

function SearchPage(props: SearchPageProps) {
  const { view, now } = props;
  const t = view.t;
  const today = amsterdamWeekday(now);
  return (
    <Page view={view} title={t({ nl: 'Sociale kaart', en: 'Social map' })}>
      <Heading1>{t({ nl: 'Sociale kaart', en: 'Social map' })}</Heading1>
      <Paragraph>
        {t({
          nl: 'Zoek hulp bij geldzorgen voor het adres van de inwoner. Bovenaan staat wat het best past. Eerst hulp in de eigen postcode of wijk, dan in de hele gemeente.',
          en: "Find help with money worries for the resident's address. The best match comes first: help in the resident's own postcode or district, then in the whole municipality.",
        })}
      </Paragraph>
      {props.isEditor ? (
        <p class="utrecht-paragraph kl-actions">
          <Link href="/sociale-kaart/beheer">{t({ nl: 'Gegevens bijhouden', en: 'Keep entries up to date' })}</Link>
          <Link href="/sociale-kaart/controleren">{t({ nl: 'Te controleren', en: 'To check' })}</Link>
        </p>
      ) : null}
      <ErrorSummary view={view} errors={props.errors ?? {}} />
      <SocialMapSearchForm view={view} values={props.values} errors={props.errors} />
      {props.route ? (
        <div class="kl-route">
          <Alert type="info">
            <strong>{t({ nl: 'Verwijzen? ', en: 'Referring? ' })}</strong>
            {t(props.route.explanation)}
          </Alert>
        </div>
      ) : null}
      {props.results ? (
        <section aria-labelledby="results-title">
          <h2 class="utrecht-heading-2" id="results-title">
            {fill(t({ nl: 'Hulp voor postcode {postcode}', en: 'Help for postcode {postcode}' }), { postcode: props.route?.postcode.display ?? '' })}
          </h2>
          {props.results.length === 0 ? (
            <Paragraph>
              {t({
                nl: 'Geen hulp gevonden die hier past. Probeer een andere soort hulp of laat het zoekwoord weg. Twijfelt u? Verwijs naar het team hierboven.',
                en: 'No matching help found. Try another kind of help or leave out the search words. In doubt? Refer to the team above.',
              })}
            </Paragraph>
          ) : (
            <>
              <Paragraph>{t(resultCountText(props.results.length))}</Paragraph>
              <ol class="kl-results">
                {props.results.map((r) => (
                  <ResultItem
                    view={view}
                    result={r}
                    today={today}
                    now={now}
                    responseTime={r.card.teamId ? props.responseTimes?.get(r.card.teamId) : undefined}
                  />
                ))}
              </ol>
            </>
          )}
        </section>
      ) : null}
    </Page>
  );
}

const unknownPostcode = {
  nl: 'Deze postcode kennen we niet in de sociale kaart. Controleer de postcode. Woont de inwoner buiten de regio? Verwijs dan naar het regionale loket hieronder.',
  en: 'We do not know this postcode in the social map. Check the postcode. Does the resident live outside the region? Then refer to the regional desk below.',
};

/** The best 20 fit a consult; more would only be scrolled past. The benchmark measures this size. */
export const SEARCH_PAGE_SIZE = 20;

export function registerSearchPages(app: Hono<AppEnv>, services: Services): void {
  const { db } = services;

  app.get('/sociale-kaart', authorize(services, { roles: searchRoles }), async (c) => {
    const v = view(c);
    const actor = c.get('ctx').actor!;
    const now = new Date();
    const base = { view: v, isEditor: editorRoles.includes(actor.role), now };
    const search = readSearchQuery(v.t, (field) => c.req.query(field), ['postcode', 'hulpvraag', 'zoekwoord']);
    if (!search.asked) return c.html(<SearchPage {...base} values={{}} />);
    const { values } = search;
    if (!search.ok) return c.html(<SearchPage {...base} values={values} errors={search.errors} />, 422);
    // The form checked the postcode; the search resolves it, routes and ranks in one statement.
    const postcode = parsePostcode(search.data.postcode);
    if (!postcode) return c.html(<SearchPage {...base} values={values} errors={{ postcode: v.t(invalidPostcode().userMessage) }} />, 422);
    const { route, results } = await searchAtPostcode(db, {
      postcode,
      need: search.data.hulpvraag,
      text: search.data.zoekwoord,
      audience: 'professional',
      limit: SEARCH_PAGE_SIZE,
      askingRegionId: await regionOfActor(db, actor),
    });
    if (!route.decision.address.municipalityCode) {
      return c.html(<SearchPage {...base} values={values} errors={{ postcode: v.t(unknownPostcode) }} route={route} />, 422);
    }
    const responseTimes = await teamResponseTimes(
      db,
      results.flatMap((r) => (r.card.teamId ? [r.card.teamId] : [])),
    );
    return c.html(<SearchPage {...base} values={values} route={route} results={results} responseTimes={responseTimes} />);
  });
}
