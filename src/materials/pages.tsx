import { readFileSync } from 'node:fs';
import type { Child } from 'hono/jsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { Page } from '../platform/ui/layout.tsx';
import { Alert, Button, Heading1, Link, Paragraph, PostForm, formatDateTime } from '../platform/ui/components.tsx';
import { defineAsset, favicon, scriptAsset, stylesheet } from '../platform/ui/assets.ts';
import { fill, languages, type Lang } from '../platform/i18n.ts';
import { languageNames, selfcheckLanguages, type SelfcheckLang } from '../selfcheck/languages.ts';
import { pictogramSvg, type PictogramName } from './pictograms.ts';
import type { CardContent, HandoverContent, PlacematContent } from './material-content.ts';
import { cardTexts } from './material-texts.ts';
import type { WalkInPoint } from './load-practice-materials.ts';

/** The materials' own stylesheet (print sizes, the screen's slides), served by the app like every asset. */
export const materialsCss = defineAsset('materials.css', readFileSync(new URL('./materials.css', import.meta.url)), 'text/css; charset=utf-8');
/** The screen's only script: fetches the slides again every 5 minutes (same origin, so the CSP allows it). */
const screenRefresh = scriptAsset(new URL('./screen-refresh.js', import.meta.url));

function Svg(props: { svg: string; class?: string; label?: string }) {
  return props.label ? (
    <span class={props.class} role="img" aria-label={props.label} dangerouslySetInnerHTML={{ __html: props.svg }} />
  ) : (
    <span class={props.class} aria-hidden="true" dangerouslySetInnerHTML={{ __html: props.svg }} />
  );
}

const Picto = (props: { name: PictogramName; size?: number }) => <Svg svg={pictogramSvg(props.name, { size: props.size ?? 40 })} />;

/** The frame of a printable material: no menu, a toolbar that does not print, one sheet. */
function MaterialDocument(props: { lang: string; dir?: 'rtl' | 'ltr'; title: string; toolbarLang: string; toolbar: Child; children: Child }) {
  return (
    <html lang={props.lang} dir={props.dir ?? 'ltr'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Korte Lijn`}</title>
        <link rel="stylesheet" href={stylesheet.href} />
        <link rel="stylesheet" href={materialsCss.href} />
        <link rel="icon" href={favicon.href} type="image/svg+xml" />
      </head>
      <body class="kl-material">
        {/* The toolbar speaks the user's language (Dutch or English), whatever the material's. */}
        <nav class="kl-material__toolbar kl-no-print" aria-label="Materiaal / Material" lang={props.toolbarLang} dir="ltr">
          {props.toolbar}
        </nav>
        <main>{props.children}</main>
      </body>
    </html>
  );
}

/** Around every printable material: where "back" leads, its PDF, and the other languages it comes in. */
export interface MaterialFrame {
  view: ViewContext;
  back: string;
  pdf: string;
  languages: Array<{ href: string; label: string; lang: string; current: boolean }>;
}

function Framed(props: { frame: MaterialFrame; lang: string; rtl?: boolean; title: string; children: Child }) {
  return (
    <MaterialDocument
      lang={props.lang}
      dir={props.rtl ? 'rtl' : 'ltr'}
      title={props.title}
      toolbarLang={props.frame.view.lang}
      toolbar={<Toolbar {...props.frame} />}
    >
      {props.children}
    </MaterialDocument>
  );
}

function Toolbar(props: MaterialFrame) {
  const t = props.view.t;
  return (
    <>
      <a href={props.back}>{t({ nl: '← Terug', en: '← Back' })}</a>
      <a href={props.pdf} download>
        {t({ nl: 'PDF downloaden', en: 'Download PDF' })}
      </a>
      <span>{t({ nl: 'Of druk deze pagina af (Ctrl+P).', en: 'Or print this page (Ctrl+P).' })}</span>
      {props.languages.map((l) =>
        l.current ? (
          <strong lang={l.lang}>{l.label}</strong>
        ) : (
          <a href={l.href} lang={l.lang}>
            {l.label}
          </a>
        ),
      )}
    </>
  );
}

export function PlacematPage(props: { frame: MaterialFrame; content: PlacematContent; qrSvg: string }) {
  const p = props.content;
  return (
    <Framed frame={props.frame} lang={p.lang} title={p.title}>
      <article class="kl-sheet kl-sheet--placemat" data-testid="placemat">
        <div class="kl-placemat__head">
          <div>
            <h1>{p.title}</h1>
            <p>{p.intro}</p>
            <p class="kl-muted">{p.madeOn}</p>
          </div>
          <figure class="kl-qr">
            <Svg svg={props.qrSvg} label={p.scan} />
            <figcaption class="kl-muted">{p.scan}</figcaption>
          </figure>
        </div>
        <div class="kl-placemat__body">
          <section aria-labelledby="routes-heading">
            <h2 id="routes-heading">{p.routesHeading}</h2>
            <ul class="kl-routes">
              {p.routes.map((r) => (
                <li>
                  <p class="kl-route__label">
                    <Picto name={r.pictogram} />
                    {r.label}
                  </p>
                  {r.lines.map((line) => (
                    <p>{line}</p>
                  ))}
                  {r.urgent ? <p class="kl-route__urgent">{r.urgent}</p> : null}
                </li>
              ))}
            </ul>
          </section>
          <div>
            <TextList heading={p.contactsHeading} lines={p.contacts} empty={p.empty} />
            <TextList heading={p.termsHeading} lines={p.terms} empty={p.empty} />
            <TextList heading={p.onsiteHeading} lines={[...p.onsite, ...p.visits]} empty={p.empty} />
          </div>
        </div>
        <section aria-labelledby="calendar-heading">
          <h2 id="calendar-heading">{p.calendarHeading}</h2>
          <p>
            <span class="kl-legend kl-day--onsite" /> {p.legend.onsite} · <span class="kl-legend kl-day--visit" /> {p.legend.visit}
          </p>
          <div class="kl-calendar">
            {p.calendar.map((month) => (
              <table>
                <caption>{`${p.monthNames[month.month - 1] ?? ''} ${month.year}`}</caption>
                <thead>
                  <tr>
                    {p.dayInitials.map((d) => (
                      <th scope="col">{d}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {month.weeks.map((week) => (
                    <tr>
                      {week.map((day) => (
                        <td class={day.marks.map((m) => `kl-day--${m}`).join(' ') || undefined} data-date={day.date ?? undefined}>
                          {day.day ?? ''}
                          {day.marks.length > 0 ? (
                            <span class="kl-visually-hidden">{` (${day.marks.map((m) => (m === 'onsite' ? p.legend.onsite : p.legend.visit)).join(', ')})`}</span>
                          ) : null}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            ))}
          </div>
        </section>
      </article>
    </Framed>
  );
}

function TextList(props: { heading: string; lines: readonly string[]; empty: string }) {
  return (
    <section>
      <h2>{props.heading}</h2>
      {props.lines.length > 0 ? (
        <ul>
          {props.lines.map((l) => (
            <li>{l}</li>
          ))}
        </ul>
      ) : (
        <p class="kl-muted">{props.empty}</p>
      )}
    </section>
  );
}

function CardBlock(props: { c: CardContent; qrSvg: string; first: boolean }) {
  const c = props.c;
  // The four cards are the same; only the first carries headings for assistive technology.
  return (
    <section class="kl-card6" aria-hidden={props.first ? undefined : 'true'}>
      <div class="kl-pictos">
        {(['debt', 'rent', 'energy', 'food'] as const).map((n) => (
          <Picto name={n} size={30} />
        ))}
      </div>
      {props.first ? <h1 class="kl-card6__title">{c.title}</h1> : <p class="kl-card6__title">{c.title}</p>}
      <p>{c.notAlone}</p>
      <h2 class="kl-route__label">
        <Picto name="walk_in" size={22} />
        {c.walkInHeading}
      </h2>
      {c.walkIns.map((w) => (
        <p>
          <strong>{w.name}</strong>
          <br />
          {w.address}
          {w.hours.map((h) => (
            <>
              <br />
              {h.day} <span dir="ltr">{h.times}</span>
            </>
          ))}
        </p>
      ))}
      {c.noWalkIn ? <p>{c.noWalkIn}</p> : null}
      <h2>{c.callHeading}</h2>
      {c.calls.map((call) => (
        <p>
          {call.name}
          <br />
          <span class="kl-phone">{call.phone}</span>
        </p>
      ))}
      <div class="kl-card6__foot">
        <p>
          <strong>{c.scan}</strong>
          <br />
          <span class="kl-muted">{c.madeOn}</span>
        </p>
        <span class="kl-qr">
          <Svg svg={props.qrSvg} label={c.scan} />
        </span>
      </div>
    </section>
  );
}

export function CardsPage(props: { frame: MaterialFrame; content: CardContent; qrSvg: string }) {
  const c = props.content;
  return (
    <Framed frame={props.frame} lang={c.lang} rtl={c.rtl} title={c.title}>
      <div class="kl-sheet kl-sheet--cards" data-testid="cards">
        {[0, 1, 2, 3].map((i) => (
          <CardBlock c={c} qrSvg={props.qrSvg} first={i === 0} />
        ))}
      </div>
    </Framed>
  );
}

export function HandoverPage(props: { frame: MaterialFrame; content: HandoverContent }) {
  const c = props.content;
  return (
    <Framed frame={props.frame} lang={c.lang} rtl={c.rtl} title={c.title}>
      <article class="kl-sheet kl-sheet--handover" data-testid="handover-card">
        <h1>{c.title}</h1>
        <p>{c.referredTo}</p>
        <p class="kl-handover__value">{c.team}</p>
        <dl>
          {c.rows.map((r) => (
            <>
              <dt class="kl-muted">{r.label}</dt>
              <dd class="kl-handover__value">{r.number ? <span class="kl-phone">{r.value}</span> : r.value}</dd>
            </>
          ))}
        </dl>
        <h2 class="kl-route__label">
          <Picto name="forms" size={24} />
          {c.atHand}
        </h2>
        <ul>
          {c.items.map((i) => (
            <li>{i}</li>
          ))}
        </ul>
        {c.notCalled ? (
          <p>
            <strong>
              {c.notCalled.text} <span class="kl-phone">{c.notCalled.phone}</span>
            </strong>
          </p>
        ) : null}
        <p class="kl-muted">{c.reference}</p>
      </article>
    </Framed>
  );
}

const screenLanguages: readonly SelfcheckLang[] = ['nl', 'en', 'ar'];

/** What the waiting-room screen shows: public social map data only. */
export interface ScreenContent {
  practiceName: string;
  walkInsToday: Array<Pick<WalkInPoint, 'name' | 'address'> & { hours: string }>;
  selfcheckQrSvg: string;
  madeOn: string;
}

/**
 * The waiting-room screen for a TV browser: three slides that follow each other by CSS alone, the
 * slides fetched again every five minutes (screen-refresh.js), nothing but same-origin files, no
 * cookie, no patient data.
 */
export function WaitingRoomPage(props: { content: ScreenContent }) {
  const c = props.content;
  const needs: readonly PictogramName[] = ['debt', 'rent', 'energy', 'insurance', 'benefits', 'forms', 'food'];
  return (
    <html lang="nl" dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`Zorgen over geld? · ${c.practiceName}`}</title>
        <link rel="stylesheet" href={materialsCss.href} />
        <script src={screenRefresh.href} defer />
        <link rel="icon" href={favicon.href} type="image/svg+xml" />
      </head>
      <body class="kl-screen">
        <main>
          <section class="kl-slide kl-slide--1 kl-screen__langs" aria-labelledby="slide-1">
            <h1 id="slide-1">{cardTexts.title.nl}</h1>
            <div class="kl-screen__pictos">
              {needs.map((n) => (
                <Picto name={n} size={96} />
              ))}
            </div>
            {screenLanguages.map((lang) => (
              <p lang={lang} dir={lang === 'ar' ? 'rtl' : 'ltr'}>
                {lang === 'nl' ? cardTexts.notAlone.nl : `${cardTexts.title[lang]} ${cardTexts.notAlone[lang]}`}
              </p>
            ))}
          </section>
          <section class="kl-slide kl-slide--2" aria-labelledby="slide-2">
            <h2 id="slide-2">
              <Picto name="walk_in" size={72} /> Vandaag binnenlopen · <span lang="en">Walk in today</span>
            </h2>
            {c.walkInsToday.length > 0 ? (
              <ul>
                {c.walkInsToday.map((w) => (
                  <li>
                    <strong>{w.name}</strong> · {w.hours}
                    <br />
                    {w.address}
                  </li>
                ))}
              </ul>
            ) : (
              <p>Vandaag geen inloop in de buurt. Scan de code voor andere dagen.</p>
            )}
          </section>
          <section class="kl-slide kl-slide--3" aria-labelledby="slide-3">
            <h2 id="slide-3">
              <Picto name="selfcheck" size={72} /> Doe de zelftest · <span lang="en">Take the self-check</span>
            </h2>
            <div class="kl-screen__qr">
              <Svg svg={c.selfcheckQrSvg} label="QR-code: zelftest" />
            </div>
            <p>
              {selfcheckLanguages.map((l) => (
                <span lang={l}>{`${languageNames[l]} `}</span>
              ))}
            </p>
            <p class="kl-muted">{c.madeOn}</p>
          </section>
        </main>
      </body>
    </html>
  );
}

export interface PracticeChoice {
  id: string;
  name: string;
}

export interface MaterialsIndexProps {
  view: ViewContext;
  practice: PracticeChoice | null;
  practices: PracticeChoice[];
  /** The practice's screen address: just made (shown once), or only when it was made. */
  screen: { createdAt: Date | null; newUrl: string | null };
  mayManageScreen: boolean;
  showSignals: boolean;
  notice?: string | undefined;
}

export function MaterialsIndexPage(props: MaterialsIndexProps) {
  const { view } = props;
  const t = view.t;
  const practice = props.practice;
  const base = practice ? `/materialen/praktijk/${practice.id}` : '';
  return (
    <Page view={view} title={t({ nl: 'Materialen', en: 'Materials' })}>
      <Heading1>{t({ nl: 'Materialen', en: 'Materials' })}</Heading1>
      <Paragraph>
        {t({
          nl: 'Plaatjes, niet te veel tekst. Alles komt uit de sociale kaart en de afspraken van vandaag, met de datum erop en een QR-code naar de actuele hulp. Druk af wat u nodig hebt; maak het opnieuw als er iets verandert.',
          en: 'Pictures, not too much text. Everything comes from today’s social map and agreements, with the date on it and a QR code to the current help. Print what you need; make it again when something changes.',
        })}
      </Paragraph>
      {props.notice ? <Alert type="ok">{props.notice}</Alert> : null}
      {props.practices.length > 0 ? (
        <section aria-labelledby="choose-practice">
          <h2 class="utrecht-heading-2" id="choose-practice">
            {t({ nl: 'Kies een praktijk', en: 'Choose a practice' })}
          </h2>
          <ul class="utrecht-unordered-list">
            {props.practices.map((p) => (
              <li class="utrecht-unordered-list__item">
                <Link href={`/materialen?praktijk=${p.id}`}>{p.name}</Link>
                {practice?.id === p.id ? ` (${t({ nl: 'gekozen', en: 'chosen' })})` : ''}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {practice ? (
        <>
          <h2 class="utrecht-heading-2">{fill(t({ nl: 'Voor {name}', en: 'For {name}' }), { name: practice.name })}</h2>
          <MaterialLinks
            title={t({ nl: 'Placemat (A3 liggend)', en: 'Placemat (A3 landscape)' })}
            text={t({
              nl: 'Voor de spreekkamer en de balie: hulp per vraag, vaste contactpersonen, termijnen en de kalender van het jaar.',
              en: 'For the consulting room and the desk: help per question, fixed contacts, terms and the calendar of the year.',
            })}
            picto="debt"
            links={languages.map((l: Lang) => ({
              lang: l,
              label: l === 'nl' ? 'Nederlands' : 'English',
              html: `${base}/placemat?taal=${l}`,
              pdf: `${base}/placemat/pdf?taal=${l}`,
            }))}
            view={view}
          />
          <MaterialLinks
            title={t({ nl: 'Informatiekaarten voor patiënten (A6, vier op A4)', en: 'Information cards for patients (A6, four on A4)' })}
            text={t({
              nl: '"Zorgen over geld? Hier kunt u terecht": inloop, telefoon en een QR-code naar de hulp bij de postcode van de praktijk.',
              en: '"Worried about money? This is where you can go": walk-in, phone and a QR code to the help for the practice’s postcode.',
            })}
            picto="walk_in"
            links={selfcheckLanguages.map((l) => ({
              lang: l,
              label: languageNames[l],
              html: `${base}/kaarten?taal=${l}`,
              pdf: `${base}/kaarten/pdf?taal=${l}`,
            }))}
            view={view}
          />
          <section class="kl-card" aria-labelledby="screen-heading">
            <h3 class="utrecht-heading-3" id="screen-heading">
              {t({ nl: 'Scherm in de wachtkamer', en: 'Waiting-room screen' })}
            </h3>
            <Paragraph>
              {t({
                nl: 'Een eigen adres voor de tv in de wachtkamer: wisselende dia’s met de inloop van vandaag en de zelftest, zonder inloggen en zonder patiëntgegevens. Het scherm haalt elke 5 minuten de nieuwe gegevens op.',
                en: 'An address of its own for the TV in the waiting room: rotating slides with today’s walk-in and the self-check, without signing in and without patient data. The screen fetches new data every 5 minutes.',
              })}
            </Paragraph>
            {props.screen.newUrl ? (
              <Alert type="ok">
                {t({
                  nl: 'Open dit adres in de browser van de tv. U ziet het maar één keer:',
                  en: 'Open this address in the TV’s browser. You see it only once:',
                })}{' '}
                <a class="utrecht-link" href={props.screen.newUrl} data-testid="screen-url">
                  {props.screen.newUrl}
                </a>
              </Alert>
            ) : props.screen.createdAt ? (
              <Paragraph>
                {fill(t({ nl: 'Er is een scherm-adres sinds {date}.', en: 'A screen address exists since {date}.' }), {
                  date: formatDateTime(props.screen.createdAt, view.lang),
                })}
              </Paragraph>
            ) : (
              <Paragraph>{t({ nl: 'Er is nog geen scherm-adres.', en: 'There is no screen address yet.' })}</Paragraph>
            )}
            {props.mayManageScreen ? (
              <div class="kl-actions">
                <PostForm view={view} action={`${base}/wachtkamer`}>
                  <Button variant="secondary">
                    {props.screen.createdAt
                      ? t({ nl: 'Nieuw adres maken (het oude stopt)', en: 'Make a new address (the old one stops)' })
                      : t({ nl: 'Adres maken', en: 'Make an address' })}
                  </Button>
                </PostForm>
                {props.screen.createdAt ? (
                  <PostForm view={view} action={`${base}/wachtkamer/intrekken`}>
                    <Button variant="danger">{t({ nl: 'Adres intrekken', en: 'Revoke the address' })}</Button>
                  </PostForm>
                ) : null}
              </div>
            ) : null}
          </section>
          <section class="kl-card" aria-labelledby="handover-heading">
            <h3 class="utrecht-heading-3" id="handover-heading">
              {t({ nl: 'Overdrachtskaart bij een verwijzing', en: 'Hand-over card for a referral' })}
            </h3>
            <Paragraph>
              {t({
                nl: 'Na elke verwijzing drukt u aan de balie een kaart af in de taal van de patiënt: wie belt, uiterlijk wanneer, vanaf welk nummer en wat de patiënt klaar legt. U vindt de kaart op de pagina van de verwijzing. We mailen hem nooit.',
                en: 'After every referral you print a card at the desk in the patient’s language: who will call, by when, from which number and what the patient gets ready. You find it on the referral’s page. We never e-mail it.',
              })}
            </Paragraph>
          </section>
          {props.showSignals ? (
            <section class="kl-card" aria-labelledby="signals-heading">
              <h3 class="utrecht-heading-3" id="signals-heading">
                {t({ nl: 'Signalenlijst om af te drukken', en: 'Printable signals checklist' })}
              </h3>
              <Paragraph>
                <Link href="/signalen/afdrukken">{t({ nl: 'Signalen van geldzorgen (afdrukken)', en: 'Signals of money worries (print)' })}</Link>
              </Paragraph>
            </section>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}

function MaterialLinks(props: {
  view: ViewContext;
  title: string;
  text: string;
  picto: PictogramName;
  links: Array<{ lang: string; label: string; html: string; pdf: string }>;
}) {
  const t = props.view.t;
  return (
    <section class="kl-card">
      <h3 class="utrecht-heading-3">
        <Picto name={props.picto} size={32} /> {props.title}
      </h3>
      <Paragraph>{props.text}</Paragraph>
      <ul class="utrecht-unordered-list">
        {props.links.map((l) => (
          <li class="utrecht-unordered-list__item" lang={l.lang} dir={l.lang === 'ar' ? 'rtl' : undefined}>
            {l.label}:{' '}
            <a class="utrecht-link" href={l.html} lang={props.view.lang} dir="ltr">
              {t({ nl: 'bekijken en afdrukken', en: 'view and print' })}
            </a>
            {' · '}
            <a class="utrecht-link" href={l.pdf} lang={props.view.lang} dir="ltr" download>
              PDF
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
