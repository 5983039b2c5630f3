import type { Hono } from 'hono';
import type { AppEnv, Services } from '../platform/http/types.ts';
import { view } from '../platform/ui/view.ts';
import { fill } from '../platform/i18n.ts';
import { Page } from '../platform/ui/layout.tsx';
import { DutchText, ErrorSummary, Heading1, Paragraph, type FieldErrors } from '../platform/ui/components.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { parsePostcode } from '../routing/postcode.ts';
import { resolveAddress } from '../routing/resolve-address.ts';
import { amsterdamWeekday } from './opening-hours.ts';
import { publicCategoryLabels } from '../needs/public-labels.ts';
import { PostcodeSearchForm } from './postcode-search-form.tsx';
import { readSearchQuery } from './search-form.ts';
import { searchServices, type SearchResult } from './search-services.ts';
import type { LocationCard } from './service-cards.ts';
import { ContactLine, ServiceResult } from './service-result.tsx';
import { addressLine, EmailLink, Facts, languageNames, PhoneLink, WeekHours, type FactRow } from './views.tsx';

type Values = Record<string, string | undefined>;

/**
 * The resident's page: no sign-in, plain Dutch (B1) with an English twin. Walk-in points and help
 * for a postcode. Only what organisations publish for residents: public contacts, never the direct
 * lines meant for professionals (the search loads them with audience 'public').
 */
function PublicSearchForm(props: { view: ViewContext; values: Values; errors?: FieldErrors }) {
  return (
    <PostcodeSearchForm
      view={props.view}
      action="/hulp"
      postcodeAutocomplete="postal-code"
      texts={{
        name: { nl: 'Hulp zoeken', en: 'Find help' },
        postcodeLabel: { nl: 'Uw postcode', en: 'Your postcode' },
        postcodeHint: { nl: 'Bijvoorbeeld 7511 AB', en: 'For example 7511 AB' },
        needLabel: { nl: 'Waar zoekt u hulp bij?', en: 'What do you need help with?' },
        needPlaceholder: { nl: 'Alles laten zien', en: 'Show everything' },
        submit: { nl: 'Zoek hulp', en: 'Find help' },
      }}
      values={props.values}
      errors={props.errors}
      needLabels={publicCategoryLabels}
    />
  );
}

interface WalkInPoint {
  location: LocationCard;
  services: string[];
}

/**
 * Walk-in locations of the services found, each once, with the services you can ask for there.
 * Those in the resident's own municipality first: a regional service (legal aid, money buddies)
 * also has desks in the next town, and a resident of Almelo should not be sent to Enschede first.
 */
export function walkInPoints(results: readonly SearchResult[], municipalityCode: string | null): WalkInPoint[] {
  const points = new Map<string, WalkInPoint>();
  for (const r of results) {
    for (const l of r.card.locations) {
      if (!l.isWalkIn || l.walkInHours.length === 0) continue;
      const point = points.get(l.id) ?? { location: l, services: [] };
      point.services.push(r.card.name);
      points.set(l.id, point);
    }
  }
  const far = (p: WalkInPoint) => (municipalityCode !== null && p.location.municipalityCode === municipalityCode ? 0 : 1);
  return [...points.values()].sort((a, b) => far(a) - far(b));
}

function PublicResults(props: { view: ViewContext; results: SearchResult[]; postcode: string; municipalityCode: string | null; today: number }) {
  const { view, today } = props;
  const t = view.t;
  const points = walkInPoints(props.results, props.municipalityCode);
  return (
    <>
      <section aria-labelledby="walk-in-title">
        <h2 class="utrecht-heading-2" id="walk-in-title">
          {t({ nl: 'Binnenlopen zonder afspraak', en: 'Walk in without an appointment' })}
        </h2>
        {points.length === 0 ? (
          <Paragraph>
            {t({
              nl: 'Voor deze postcode weten we geen plek waar u zonder afspraak binnen kunt lopen. Bel een van de organisaties hieronder.',
              en: 'For this postcode we know of no place where you can walk in without an appointment. Call one of the organisations below.',
            })}
          </Paragraph>
        ) : (
          <ul class="kl-card-grid">
            {points.map((p) => (
              <li class="kl-card">
                <h3 class="utrecht-heading-3">{p.location.name}</h3>
                <p class="utrecht-paragraph">{addressLine(p.location)}</p>
                <p class="utrecht-paragraph">
                  <strong>{t({ nl: 'U kunt binnenlopen op:', en: 'You can walk in on:' })}</strong>
                </p>
                <WeekHours view={view} slots={p.location.walkInHours} today={today} />
                <p class="utrecht-paragraph kl-muted">
                  {t({ nl: 'Hier kunt u terecht voor: ', en: 'Ask here about: ' })}
                  {p.services.join(', ')}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="services-title">
        <h2 class="utrecht-heading-2" id="services-title">
          {fill(t({ nl: 'Hulp bij u in de buurt ({postcode})', en: 'Help near you ({postcode})' }), { postcode: props.postcode })}
        </h2>
        {props.results.length === 0 ? (
          <Paragraph>
            {t({
              nl: 'We vonden geen hulp die hierbij past. Kies "Alles laten zien" en zoek opnieuw.',
              en: 'We found no help that fits. Choose "Show everything" and search again.',
            })}
          </Paragraph>
        ) : (
          <ul class="kl-results">
            {props.results.map(({ card: s }) => (
              <ServiceResult view={view} service={s} headingId={`public-${s.id}`} needLabels={publicCategoryLabels}>
                {s.description ? (
                  <Paragraph>
                    <DutchText view={view}>{s.description}</DutchText>
                  </Paragraph>
                ) : null}
                <Facts
                  rows={[
                    [
                      t({ nl: 'Kosten', en: 'Cost' }),
                      s.isFree ? (
                        t({ nl: 'Gratis', en: 'Free' })
                      ) : s.feesDescription ? (
                        <DutchText view={view}>{s.feesDescription}</DutchText>
                      ) : (
                        // Not free, but no fee given: say so without guessing a cost that may scare people away.
                        t({ nl: 'Dit kost misschien geld. Vraag het na.', en: 'This may cost money. Please ask.' })
                      ),
                    ],
                    [
                      t({ nl: 'Bellen', en: 'Call' }),
                      s.phone ? (
                        <>
                          <PhoneLink phone={s.phone} />
                          <WeekHours view={view} slots={s.phoneHours} today={today} />
                        </>
                      ) : null,
                    ],
                    [t({ nl: 'Mailen', en: 'E-mail' }), s.email ? <EmailLink email={s.email} /> : null],
                    [
                      t({ nl: 'Website', en: 'Website' }),
                      s.url ? (
                        <a class="utrecht-link" href={s.url} rel="noopener">
                          {s.url.replace(/^https?:\/\//, '')}
                        </a>
                      ) : null,
                    ],
                    [
                      t({ nl: 'Hoe werkt het?', en: 'How does it work?' }),
                      s.applicationProcess ? <DutchText view={view}>{s.applicationProcess}</DutchText> : null,
                    ],
                    [t({ nl: 'Voor wie?', en: 'Who is it for?' }), s.eligibility ? <DutchText view={view}>{s.eligibility}</DutchText> : null],
                    [t({ nl: 'Talen', en: 'Languages' }), languageNames(view, s.languages)],
                    ...s.locations.filter((l) => !l.isWalkIn).map((l): FactRow => [t({ nl: 'Adres', en: 'Address' }), `${l.name}, ${addressLine(l)}`]),
                    // The cards were loaded for the public audience; the filter keeps a direct line
                    // meant for professionals off this page even if that ever changed.
                    ...s.contacts
                      .filter((c) => c.visibility === 'public')
                      .map((c): FactRow => [t({ nl: 'Contactpersoon', en: 'Contact person' }), <ContactLine contact={c} />]),
                  ]}
                />
              </ServiceResult>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function PublicPage(props: {
  view: ViewContext;
  values: Values;
  errors?: FieldErrors;
  results?: SearchResult[];
  postcode?: string;
  municipalityCode?: string | null;
  now: Date;
}) {
  const { view } = props;
  const t = view.t;
  return (
    <Page view={view} audience="public" title={t({ nl: 'Hulp bij geldzorgen', en: 'Help with money worries' })}>
      <Heading1>{t({ nl: 'Hulp bij geldzorgen in uw buurt', en: 'Help with money worries near you' })}</Heading1>
      <Paragraph>
        {t({
          nl: 'Maakt u zich zorgen over geld? U bent niet de enige. Vul uw postcode in. Dan ziet u waar u zonder afspraak binnen kunt lopen en wie u kan helpen. De hulp is meestal gratis.',
          en: 'Worried about money? You are not alone. Enter your postcode. You will see where you can walk in without an appointment and who can help you. The help is usually free.',
        })}
      </Paragraph>
      <Paragraph>
        {t({ nl: 'Weet u niet welke hulp bij u past?', en: 'Not sure which help suits you?' })}{' '}
        <a class="utrecht-link" href={`/zelftest?lang=${view.lang}`} data-testid="link-selfcheck">
          {t({ nl: 'Doe de zelftest.', en: 'Take the self-check.' })}
        </a>
      </Paragraph>
      <ErrorSummary view={view} errors={props.errors ?? {}} />
      <PublicSearchForm view={view} values={props.values} errors={props.errors} />
      {props.results ? (
        <PublicResults
          view={view}
          results={props.results}
          postcode={props.postcode ?? ''}
          municipalityCode={props.municipalityCode ?? null}
          today={amsterdamWeekday(props.now)}
        />
      ) : null}
    </Page>
  );
}

const unknownPostcode = {
  nl: 'We kunnen deze postcode niet vinden. Klopt de postcode? Bijvoorbeeld: 7511 AB. Woont u buiten deze regio? Bel dan uw gemeente.',
  en: 'We cannot find this postcode. Is the postcode right? For example: 7511 AB. Do you live outside this region? Then call your municipality.',
};

export function registerPublicPages(app: Hono<AppEnv>, services: Services): void {
  const { db } = services;

  app.get('/hulp', async (c) => {
    const v = view(c);
    const now = new Date();
    // Residents search without search words: the form has none.
    const search = readSearchQuery(v.t, (field) => c.req.query(field), ['postcode', 'hulpvraag']);
    if (!search.asked) return c.html(<PublicPage view={v} values={{}} now={now} />);
    const { values } = search;
    if (!search.ok) return c.html(<PublicPage view={v} values={values} errors={search.errors} now={now} />, 422);
    const postcode = parsePostcode(search.data.postcode)!;
    const address = await resolveAddress(db, postcode, null);
    if (!address.municipalityCode) return c.html(<PublicPage view={v} values={values} errors={{ postcode: v.t(unknownPostcode) }} now={now} />, 422);
    const results = await searchServices(db, { address, need: search.data.hulpvraag, text: null, audience: 'public' });
    return c.html(<PublicPage view={v} values={values} results={results} postcode={postcode.display} municipalityCode={address.municipalityCode} now={now} />);
  });
}
