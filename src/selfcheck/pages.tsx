import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AppContext, AppEnv, Services } from '../platform/http/types.ts';
import { allowHit } from '../platform/http/rate-limit.ts';
import { publicBaseUrl } from '../platform/config.ts';
import { AppError } from '../platform/errors.ts';
import { withoutBsn } from '../platform/bsn.ts';
import { cookieOptions, LANG_COOKIE } from '../platform/http/cookies.ts';
import { parsePostcode } from '../routing/postcode.ts';
import { resolveAddress } from '../routing/resolve-address.ts';
import { isCategory, type Category } from '../needs/categories.ts';
import { searchServices, type SearchResult } from '../socialmap/search-services.ts';
import { formatSlots, weekOverview } from '../socialmap/opening-hours.ts';
import type { UrgencyTrigger } from '../referrals/urgency.ts';
import type { ConsentRecipient } from '../referrals/consent.ts';
import { ConsentWordingView } from '../referrals/consent-wording-view.tsx';
import { direction, isSelfcheckLang, type SelfcheckLang, type Texts } from './languages.ts';
import { SelfcheckPage } from './layout.tsx';
import { answerLabels, questions, type AnswerKey } from './questions.ts';
import { level, resultTexts, suggestedHelp, urgentNextStep, wgsThreats, type Answers } from './scoring.ts';
import { countAnswers } from './record-answers.ts';
import { createSelfReferral, NO_TEAM, selfReferralRecipient } from './create-self-referral.ts';
import { eraseResult, loadResult, rememberPostcode, saveResult, type ResultState, type StoredResult } from './result-store.ts';
import { selfcheckConsentBox, selfcheckConsentWording } from './consent-text.ts';
import { helpLabels, ui } from './texts.ts';
import { WhereToTurn } from './where-to-turn.tsx';

const pictograms = new Map(questions.map((q) => [q.pictogram, readFileSync(new URL(`./pictograms/${q.pictogram}.svg`, import.meta.url), 'utf8')]));

/** The chosen language: the query (carried in every link and form), else the site cookie, else Dutch. */
function langOf(c: AppContext, fromForm?: unknown): SelfcheckLang {
  const asked = fromForm ?? c.req.query('lang');
  if (isSelfcheckLang(asked)) return asked;
  const cookie = getCookie(c, LANG_COOKIE);
  return isSelfcheckLang(cookie) ? cookie : 'nl';
}

const CRISIS: Record<string, UrgencyTrigger> = { rent_arrears: 'eviction', energy_arrears: 'energy_water', insurance_arrears: 'health_insurance' };

/**
 * The result's key travels in a session cookie, only for the self-check's own paths: no address
 * (history, bookmarks, a screenshot of the address bar) carries the answers (result-store.ts).
 */
const RESULT_COOKIE = 'kl_selfcheck';

function Hidden({ name, value }: { name: string; value: string }) {
  return <input type="hidden" name={name} value={value} />;
}

/** A field bots fill in and people never see. */
function Honeypot({ lang }: { lang: SelfcheckLang }) {
  return (
    <div class="kl-hp" aria-hidden="true">
      <label for="field-website">{ui.leaveEmpty[lang]}</label>
      <input id="field-website" name="website" type="text" tabindex={-1} autocomplete="off" />
    </div>
  );
}

function ErrorList({ lang, errors }: { lang: SelfcheckLang; errors: Array<{ field: string; text: string }> }) {
  if (errors.length === 0) return null;
  return (
    // Focused on arrival like the staff ErrorSummary (platform/ui/components.tsx): keyboard and
    // screen-reader users start at the list of what to fix (WCAG 2.4.3, 3.3.1).
    <div
      class="utrecht-alert utrecht-alert--error kl-error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
      id="error-summary"
      tabindex={-1}
      autofocus
    >
      <div class="utrecht-alert__content">
        <h2 class="utrecht-heading-2" id="error-summary-title">
          {ui.errorTitle[lang]}
        </h2>
        <ul class="utrecht-unordered-list">
          {errors.map((e) => (
            <li class="utrecht-unordered-list__item">
              <a class="utrecht-link" href={`#field-${e.field}`}>
                <LeftToRight lang={lang} text={e.text} />
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/**
 * Postcodes ("7601 AB") and phone numbers inside a right-to-left text, each in a left-to-right
 * isolate: in Arabic "7601 AB" would otherwise show as "AB 7601" (Unicode Bidirectional Algorithm,
 * UAX #9). Left-to-right languages need none.
 */
const LTR_RUN = /(\d{4} ?[A-Z]{2}\b|\+?\d[\d -]{3,}\d)/;

export function LeftToRight({ lang, text }: { lang: SelfcheckLang; text: string }) {
  if (direction(lang) === 'ltr') return <>{text}</>;
  return <>{text.split(LTR_RUN).map((part, i) => (i % 2 === 1 ? <bdi dir="ltr">{part}</bdi> : part))}</>;
}

/** The answers of a posted questions form that are real answers to real questions. */
function answersOf(body: Record<string, unknown>): Answers {
  const answers: Answers = {};
  for (const q of questions) {
    const a = body[q.id];
    if (typeof a === 'string' && (q.answers as readonly string[]).includes(a)) answers[q.id] = a as AnswerKey;
  }
  return answers;
}

function QuestionsPage(props: { lang: SelfcheckLang; csrf: string; problem?: string; cleared?: boolean; answers?: Answers }) {
  const { lang } = props;
  return (
    <SelfcheckPage lang={lang} title={ui.title[lang]} path="/zelftest">
      <h1 class="utrecht-heading-1">{ui.title[lang]}</h1>
      {props.cleared ? (
        <div class="utrecht-alert utrecht-alert--ok" role="status">
          <p class="utrecht-paragraph">{ui.cleared[lang]}</p>
        </div>
      ) : null}
      <p class="utrecht-paragraph">{ui.intro[lang]}</p>
      {props.problem ? (
        <div class="utrecht-alert utrecht-alert--error" role="alert" id="error-summary" tabindex={-1} autofocus>
          <p class="utrecht-paragraph">{props.problem}</p>
        </div>
      ) : null}
      {/* autocomplete off: a browser must not fill in the previous person's answers again. */}
      <form method="post" action="/zelftest" class="utrecht-form" autocomplete="off">
        <Hidden name="_csrf" value={props.csrf} />
        <Hidden name="lang" value={lang} />
        <Hidden name="started" value={String(Date.now())} />
        <Honeypot lang={lang} />
        <ol class="kl-questions">
          {questions.map((q, i) => (
            <li class="kl-question">
              <fieldset class="utrecht-form-fieldset">
                <legend class="utrecht-form-fieldset__legend kl-question__legend">
                  <span class="kl-pictogram" aria-hidden="true" dangerouslySetInnerHTML={{ __html: pictograms.get(q.pictogram) ?? '' }} />
                  <span>
                    <span class="kl-visually-hidden">{`${ui.questionCount[lang]} ${i + 1}: `}</span>
                    {q.text[lang]}
                  </span>
                </legend>
                <div class="kl-answers">
                  {q.answers.map((a: AnswerKey) => (
                    <div class="utrecht-form-field utrecht-form-field--radio">
                      <div class="utrecht-form-field__input">
                        <input
                          class="utrecht-radio-button utrecht-radio-button--html-input"
                          type="radio"
                          id={`q-${q.id}-${a}`}
                          name={q.id}
                          value={a}
                          checked={props.answers?.[q.id] === a}
                        />
                      </div>
                      <div class="utrecht-form-field__label">
                        <label class="utrecht-form-label utrecht-form-label--radio" for={`q-${q.id}-${a}`}>
                          {answerLabels[a][lang]}
                        </label>
                      </div>
                    </div>
                  ))}
                </div>
              </fieldset>
            </li>
          ))}
        </ol>
        <button class="utrecht-button utrecht-button--primary-action" type="submit">
          {ui.submit[lang]}
        </button>
      </form>
    </SelfcheckPage>
  );
}

const weekdayFormatter = (lang: SelfcheckLang) => new Intl.DateTimeFormat(lang, { weekday: 'long', timeZone: 'UTC' });
/** 2024-01-01 was a Monday: ISO weekday 1..7 → a date for Intl's weekday name in the page's language. */
function weekdayName(lang: SelfcheckLang, isoWeekday: number): string {
  return weekdayFormatter(lang).format(new Date(Date.UTC(2024, 0, isoWeekday)));
}

function HelpList(props: { lang: SelfcheckLang; results: SearchResult[]; help: Category[] }) {
  const { lang } = props;
  return (
    <ul class="kl-results">
      {props.results.map(({ card }) => {
        const walkIns = card.locations.filter((l) => l.isWalkIn && l.walkInHours.length > 0);
        return (
          <li class="kl-result">
            <article aria-labelledby={`help-${card.id}`}>
              <h3 class="utrecht-heading-3" id={`help-${card.id}`}>
                {card.name}
              </h3>
              <p class="utrecht-paragraph kl-muted">
                {card.organisationName}
                {card.isFree ? ` · ${ui.free[lang]}` : ''}
                {' · '}
                <span>
                  {card.categories
                    .filter(isCategory)
                    .map((c) => helpLabels[c][lang])
                    .join(', ')}
                </span>
              </p>
              {card.phone ? (
                <p class="utrecht-paragraph">
                  {ui.call[lang]}:{' '}
                  <a class="utrecht-link" href={`tel:${card.phone.replace(/[^\d+]/g, '')}`} dir="ltr">
                    {card.phone}
                  </a>
                  {card.phoneHours.length > 0 ? (
                    <span class="kl-muted">
                      {' '}
                      (
                      {weekOverview(card.phoneHours)
                        .map((d) => `${weekdayName(lang, d.weekday)} ${formatSlots(d.slots)}`)
                        .join('; ')}
                      )
                    </span>
                  ) : null}
                </p>
              ) : null}
              {walkIns.map((l) => (
                <p class="utrecht-paragraph">
                  <strong>{ui.walkIn[lang]}:</strong> {l.name}, {[l.street, l.houseNumber].filter(Boolean).join(' ')}, {l.city}{' '}
                  <span class="kl-muted">
                    (
                    {weekOverview(l.walkInHours)
                      .map((d) => `${weekdayName(lang, d.weekday)} ${formatSlots(d.slots)}`)
                      .join('; ')}
                    )
                  </span>
                </p>
              ))}
              {card.contacts.map((contact) => (
                <p class="utrecht-paragraph">
                  {contact.name}
                  {contact.phone ? (
                    <>
                      {' '}
                      —{' '}
                      <a class="utrecht-link" href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`} dir="ltr">
                        {contact.phone}
                      </a>
                    </>
                  ) : null}
                </p>
              ))}
            </article>
          </li>
        );
      })}
    </ul>
  );
}

interface ContactValues {
  name?: string;
  phone?: string;
  email?: string;
  postcode?: string;
  house_number?: string;
  best_time?: string;
}

/** The team that will receive the request, once the address is known: the consent names it. */
interface Recipient extends ConsentRecipient {
  teamId: string;
}

/** "Sluit en wis": a plain form, so it works without JavaScript; the server erases the result. */
function CloseAndClear({ lang, csrf }: { lang: SelfcheckLang; csrf: string }) {
  return (
    <form method="post" action="/zelftest/wissen" class="kl-no-print">
      <Hidden name="_csrf" value={csrf} />
      <Hidden name="lang" value={lang} />
      <button class="utrecht-button utrecht-button--secondary-action" type="submit">
        {ui.closeAndClear[lang]}
      </button>
    </form>
  );
}

/** The consent box; a missing tick is said at the box itself too, where the summary link lands (WCAG 3.3.1). */
function ConsentSection(props: { lang: SelfcheckLang; recipient: Recipient; retentionMonths: number; checked: boolean; error: string | undefined }) {
  const { lang, recipient } = props;
  const wording = selfcheckConsentWording(lang, recipient, props.retentionMonths);
  return (
    <section class="kl-consent" aria-labelledby="consent-title">
      <h3 class="utrecht-heading-3" id="consent-title">
        {ui.consentTitle[lang]}
      </h3>
      <Hidden name="consent_team_id" value={recipient.teamId} />
      <ConsentWordingView wording={wording} quote={false} />
      <div class={`utrecht-form-field utrecht-form-field--checkbox${props.error ? ' utrecht-form-field--invalid' : ''}`}>
        {props.error ? (
          <div class="utrecht-form-field-error-message" id="field-consent-error">
            {props.error}
          </div>
        ) : null}
        <div class="utrecht-form-field__input">
          <input
            class="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
            type="checkbox"
            id="field-consent"
            name="consent"
            value="ja"
            checked={props.checked}
            aria-invalid={props.error ? 'true' : undefined}
            aria-describedby={props.error ? 'field-consent-error' : undefined}
          />
        </div>
        <div class="utrecht-form-field__label">
          <label class="utrecht-form-label utrecht-form-label--checkbox" for="field-consent">
            {selfcheckConsentBox(lang, recipient.team)}
          </label>
        </div>
      </div>
    </section>
  );
}

interface ResultPageProps {
  lang: SelfcheckLang;
  csrf: string;
  state: StoredResult;
  retentionMonths: number;
  results?: SearchResult[] | undefined;
  /** A postcode typed in the local-help search that was not one (shown back with the error). */
  badPostcode?: string | undefined;
  contactErrors?: Array<{ field: string; text: string }> | undefined;
  contactValues?: ContactValues | undefined;
  /** Known after "Verder": the consent then names this team. */
  recipient?: Recipient | undefined;
  contactProblem?: string | undefined;
  sentTo?: string | undefined;
  /** No team serves the postcode: nothing was stored; say where to turn instead. */
  notStored?: boolean | undefined;
}

/** Whether the local help below shows at least one phone number to call. */
function numbersFollow(results: SearchResult[] | undefined): boolean {
  return (results ?? []).some(({ card }) => Boolean(card.phone) || card.contacts.some((contact) => Boolean(contact.phone)));
}

function ResultPage(props: ResultPageProps) {
  const { lang, state } = props;
  const texts = resultTexts[state.level];
  const searchPostcode = props.badPostcode ?? state.postcode ?? undefined;
  const field = (name: keyof ContactValues, label: Texts, type: string, optional: boolean, autocomplete?: string, hintId?: string) => {
    const error = props.contactErrors?.find((e) => e.field === name);
    const describedBy = [hintId, error ? `field-${name}-error` : undefined].filter(Boolean).join(' ') || undefined;
    return (
      <div class={`utrecht-form-field utrecht-form-field--text${error ? ' utrecht-form-field--invalid' : ''}`}>
        <div class="utrecht-form-field__label">
          <label class="utrecht-form-label" for={`field-${name}`}>
            {label[lang]} {optional ? <span class="kl-optional">{ui.optional[lang]}</span> : null}
          </label>
        </div>
        {error ? (
          <div class="utrecht-form-field-error-message" id={`field-${name}-error`}>
            <LeftToRight lang={lang} text={error.text} />
          </div>
        ) : null}
        <div class="utrecht-form-field__input">
          <input
            class="utrecht-textbox utrecht-textbox--html-input"
            id={`field-${name}`}
            name={name}
            type={type}
            value={props.contactValues?.[name] ?? (name === 'postcode' ? (state.postcode ?? undefined) : undefined)}
            autocomplete={autocomplete}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={describedBy}
          />
        </div>
      </div>
    );
  };
  return (
    <SelfcheckPage lang={lang} title={texts.title[lang]} path="/zelftest/uitslag">
      <h1 class="utrecht-heading-1">{texts.title[lang]}</h1>
      <div class={`utrecht-alert utrecht-alert--${state.level === 'urgent' ? 'warning' : 'info'}`} role="status">
        <div class="utrecht-alert__content">
          <p class="utrecht-paragraph">{texts.body[lang]}</p>
          {state.level === 'urgent' ? (
            <>
              <p class="utrecht-paragraph" data-testid="urgent-next-step">
                {urgentNextStep[numbersFollow(props.results) ? 'withNumbers' : 'withoutNumbers'][lang]}
              </p>
              <p class="utrecht-paragraph">{wgsThreats.intro[lang]}</p>
              <ul class="utrecht-unordered-list" data-testid="wgs-threats">
                {Object.values(wgsThreats.situations).map((situation) => (
                  <li class="utrecht-unordered-list__item">{situation[lang]}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      </div>
      <div class="kl-close-and-clear">
        <p class="utrecht-paragraph kl-muted kl-no-print">{ui.closeHint[lang]}</p>
        <CloseAndClear lang={lang} csrf={props.csrf} />
      </div>
      {state.help.length > 0 ? (
        <>
          <h2 class="utrecht-heading-2">{ui.whatHelps[lang]}</h2>
          <ul class="utrecht-unordered-list">
            {state.help.map((h) => (
              <li class="utrecht-unordered-list__item">{helpLabels[h][lang]}</li>
            ))}
          </ul>
        </>
      ) : null}
      <h2 class="utrecht-heading-2" id="hulp">
        {ui.localHelp[lang]}
      </h2>
      <form method="post" action="/zelftest/uitslag" class="utrecht-form kl-filters" role="search" aria-label={ui.localHelp[lang]}>
        <Hidden name="_csrf" value={props.csrf} />
        <Hidden name="lang" value={lang} />
        <div class={`utrecht-form-field utrecht-form-field--text${props.badPostcode !== undefined ? ' utrecht-form-field--invalid' : ''}`}>
          <div class="utrecht-form-field__label">
            <label class="utrecht-form-label" for="field-zoek-postcode">
              {ui.postcode[lang]}
            </label>
          </div>
          <div class="utrecht-form-field__description utrecht-form-field-description" id="field-zoek-postcode-hint">
            <LeftToRight lang={lang} text={ui.postcodeHint[lang]} />
          </div>
          {props.badPostcode !== undefined ? (
            <div class="utrecht-form-field-error-message" id="field-zoek-postcode-error" role="alert">
              <LeftToRight lang={lang} text={ui.badPostcode[lang]} />
            </div>
          ) : null}
          <div class="utrecht-form-field__input">
            <input
              class="utrecht-textbox utrecht-textbox--html-input utrecht-textbox--postal-code-nl-size"
              id="field-zoek-postcode"
              name="postcode"
              value={searchPostcode}
              autocomplete="postal-code"
              aria-describedby={props.badPostcode !== undefined ? 'field-zoek-postcode-hint field-zoek-postcode-error' : 'field-zoek-postcode-hint'}
              aria-invalid={props.badPostcode !== undefined ? 'true' : undefined}
            />
          </div>
        </div>
        <button class="utrecht-button utrecht-button--secondary-action" type="submit">
          {ui.showHelp[lang]}
        </button>
      </form>
      {props.results ? (
        props.results.length > 0 ? (
          <HelpList lang={lang} results={props.results} help={state.help} />
        ) : (
          <p class="utrecht-paragraph">{ui.noHelpFound[lang]}</p>
        )
      ) : null}
      {props.results && props.results.length > 0 ? <p class="utrecht-paragraph kl-muted">{ui.print[lang]}</p> : null}
      {state.postcode ? (
        // /hulp speaks Dutch and English only: other languages get the English page (hreflang says so).
        <p class="utrecht-paragraph">
          <a
            class="utrecht-link"
            href={`/hulp?postcode=${encodeURIComponent(state.postcode.replace(/\s+/g, ''))}${lang === 'nl' ? '' : '&lang=en'}`}
            hreflang={lang === 'nl' ? 'nl' : 'en'}
            data-testid="link-public-help"
          >
            {ui.allLocalHelp[lang]}
          </a>
        </p>
      ) : null}

      <h2 class="utrecht-heading-2" id="contact">
        {ui.contactTitle[lang]}
      </h2>
      {props.sentTo ? (
        // Focused, so the confirmation is read out and seen after the page loads (WCAG 4.1.3, 2.4.3).
        <div class="utrecht-alert utrecht-alert--ok" role="status" id="sent" tabindex={-1} autofocus>
          <p class="utrecht-paragraph">
            {/* The team's (Latin) name in its own isolate, so the sentence around it keeps its order in Arabic. */}
            {direction(lang) === 'rtl'
              ? ui.sent[lang].split('{team}').map((part, i) => (i === 0 ? part : [<bdi>{props.sentTo}</bdi>, part]))
              : ui.sent[lang].replace('{team}', props.sentTo)}
          </p>
        </div>
      ) : (
        <>
          {props.notStored ? <WhereToTurn lang={lang} /> : null}
          <p class="utrecht-paragraph">{ui.contactIntro[lang]}</p>
          {props.contactProblem ? (
            <div class="utrecht-alert utrecht-alert--warning" role="alert">
              <p class="utrecht-paragraph">{props.contactProblem}</p>
            </div>
          ) : null}
          <ErrorList lang={lang} errors={props.contactErrors ?? []} />
          <form method="post" action="/zelftest/contact" class="utrecht-form kl-no-print">
            <Hidden name="_csrf" value={props.csrf} />
            <Hidden name="lang" value={lang} />
            <Hidden name="started" value={String(Date.now())} />
            <Hidden name="key" value={randomUUID()} />
            <Honeypot lang={lang} />
            {field('name', ui.name, 'text', false, 'name')}
            {/* One of the two is needed: said before both, and read with each (WCAG 3.3.2), not "(niet verplicht)" twice. */}
            <p class="utrecht-form-field-description" id="field-phone-or-email-hint">
              {ui.phoneOrEmailHint[lang]}
            </p>
            {field('phone', ui.phone, 'tel', false, 'tel', 'field-phone-or-email-hint')}
            {field('email', ui.email, 'email', false, 'email', 'field-phone-or-email-hint')}
            {field('postcode', ui.postcode, 'text', false, 'postal-code')}
            {field('house_number', ui.houseNumber, 'text', true)}
            {field('best_time', ui.bestTime, 'text', true)}
            {props.recipient ? (
              <>
                <ConsentSection
                  lang={lang}
                  recipient={props.recipient}
                  retentionMonths={props.retentionMonths}
                  checked={false}
                  error={props.contactErrors?.find((e) => e.field === 'consent')?.text}
                />
                <button class="utrecht-button utrecht-button--primary-action" type="submit" name="stap" value="versturen">
                  {ui.send[lang]}
                </button>
              </>
            ) : (
              <>
                <p class="utrecht-paragraph">{ui.consentFirst[lang]}</p>
                <button class="utrecht-button utrecht-button--primary-action" type="submit" name="stap" value="controleren">
                  {ui.next[lang]}
                </button>
              </>
            )}
          </form>
        </>
      )}
      <p class="utrecht-paragraph kl-no-print">
        <a class="utrecht-link" href={`/zelftest?lang=${lang}`}>
          {ui.again[lang]}
        </a>
      </p>
      <CloseAndClear lang={lang} csrf={props.csrf} />
    </SelfcheckPage>
  );
}

/** Where a result that was erased or expired used to be: nothing of it, a way to start again. */
function NoResultPage({ lang }: { lang: SelfcheckLang }) {
  return (
    <SelfcheckPage lang={lang} title={ui.title[lang]} path="/zelftest/uitslag">
      <h1 class="utrecht-heading-1">{ui.title[lang]}</h1>
      <p class="utrecht-paragraph">{ui.noResult[lang]}</p>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`/zelftest?lang=${lang}`}>
          {ui.doTest[lang]}
        </a>
      </p>
    </SelfcheckPage>
  );
}

/** Local help for the postcode: public contacts only; the kinds of help that fit come first. */
async function localHelp(services: Services, postcode: string, help: Category[]): Promise<SearchResult[] | null> {
  const parsed = parsePostcode(postcode);
  if (!parsed) return null;
  const address = await resolveAddress(services.db, parsed, null);
  const results = await searchServices(services.db, { address, need: null, text: null, audience: 'public', limit: 40 });
  const fit = (r: SearchResult) => {
    const i = help.findIndex((h) => r.card.categories.includes(h));
    return i === -1 ? help.length : i;
  };
  return results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => fit(a.r) - fit(b.r) || a.i - b.i)
    .slice(0, 8)
    .map(({ r }) => r);
}

const MIN_FILL_MS = 3000;

function tooFast(started: unknown): boolean {
  const t = Number(started);
  return !Number.isFinite(t) || Date.now() - t < MIN_FILL_MS;
}

/**
 * The contact details; the consent box only at "versturen", once the page has named the team. What
 * the resident types never holds a BSN (platform/bsn.ts).
 */
export const contactSchema = (lang: SelfcheckLang, withConsent: boolean) =>
  z
    .object({
      name: z.string().trim().min(2, ui.nameNeeded[lang]).max(200).check(withoutBsn(ui.noBsn[lang])),
      phone: z
        .string()
        .trim()
        .max(30)
        .optional()
        .transform((v) => v || null),
      email: z
        .string()
        .trim()
        .max(254)
        .optional()
        .transform((v) => v || null),
      postcode: z
        .string()
        .trim()
        .refine((v) => parsePostcode(v) !== null, ui.badPostcode[lang]),
      house_number: z
        .string()
        .trim()
        .max(12)
        .optional()
        .transform((v) => v || null)
        .check(withoutBsn(ui.noBsn[lang])),
      best_time: z
        .string()
        .trim()
        .max(100)
        .optional()
        .transform((v) => v || null)
        .check(withoutBsn(ui.noBsn[lang])),
      consent: withConsent ? z.literal('ja', { error: ui.consentNeeded[lang] }) : z.string().optional(),
    })
    // `when`: checked together with the other fields, not in a second round after they pass. The
    // values may then be unparsed, so read them as raw text.
    .refine(
      (v) => {
        const raw = (x: unknown) => (typeof x === 'string' ? x.trim() : '');
        return /^[+\d][\d\s-]{8,}$/.test(raw(v.phone)) || z.email().safeParse(raw(v.email)).success;
      },
      { path: ['phone'], message: ui.phoneOrEmail[lang], when: () => true },
    );

export function registerSelfcheckPages(app: Hono<AppEnv>, services: Services): void {
  const { db } = services;
  const retentionMonths = services.config.retentionMonths;
  const resultCookie = { ...cookieOptions(services), path: '/zelftest' };
  const keyOf = (c: AppContext) => getCookie(c, RESULT_COOKIE) ?? '';

  // The self-check's pages say something about someone's money: no browser or proxy keeps them,
  // and the Back button cannot show them again from a cache.
  for (const path of ['/zelftest', '/zelftest/*']) {
    app.use(path, async (c, next) => {
      await next();
      c.header('Cache-Control', 'no-store');
    });
  }

  // Where an expired form (CSRF token no longer valid, platform/web/app.tsx) sends a resident: in their
  // own language, with a way to start again, never the staff sign-in.
  app.get('/zelftest/verlopen', (c) => {
    const lang = langOf(c);
    return c.html(
      <SelfcheckPage lang={lang} title={ui.expiredTitle[lang]} path="/zelftest/verlopen">
        <h1 class="utrecht-heading-1">{ui.expiredTitle[lang]}</h1>
        <p class="utrecht-paragraph">{ui.expiredBody[lang]}</p>
        <p class="utrecht-paragraph">
          <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={`/zelftest?lang=${lang}`}>
            {ui.again[lang]}
          </a>
        </p>
      </SelfcheckPage>,
    );
  });

  app.get('/zelftest', (c) => c.html(<QuestionsPage lang={langOf(c)} csrf={c.get('csrfToken')} cleared={c.req.query('gewist') !== undefined} />));

  app.post('/zelftest', async (c) => {
    const body = await c.req.parseBody();
    const lang = langOf(c, body['lang']);
    // A bot (honeypot filled, or inhumanly fast) gets the questions again and is not counted.
    // The answers given are shown again, ticked (WCAG 3.3.7 Redundant Entry): a fast person is not made to start over.
    const answers = answersOf(body);
    if (body['website'] || tooFast(body['started']))
      return c.html(<QuestionsPage lang={lang} csrf={c.get('csrfToken')} problem={ui.tooFast[lang]} answers={answers} />, 422);
    // No answer at all says nothing about someone's money: "Geen grote geldzorgen" would be a guess.
    if (Object.keys(answers).length === 0)
      return c.html(<QuestionsPage lang={lang} csrf={c.get('csrfToken')} problem={ui.noAnswers[lang]} answers={answers} />, 422);
    if (!(await allowHit(db, 'selfcheck', c.get('ctx').ip, 30, 60)))
      return c.html(<QuestionsPage lang={lang} csrf={c.get('csrfToken')} problem={ui.tooMany[lang]} answers={answers} />, 429);
    const state: ResultState = {
      level: level(answers),
      help: suggestedHelp(answers),
      urgency: Object.entries(CRISIS)
        .filter(([q]) => answers[q] === 'yes')
        .map(([, u]) => u),
    };
    await countAnswers(db, answers, { lang, level: state.level });
    setCookie(c, RESULT_COOKIE, await saveResult(db, state), resultCookie);
    return c.redirect(`/zelftest/uitslag?lang=${lang}`, 303);
  });

  const renderResult = (c: AppContext, props: Omit<ResultPageProps, 'csrf' | 'retentionMonths'>, status: 200 | 409 | 422 | 429 = 200) =>
    c.html(<ResultPage csrf={c.get('csrfToken')} retentionMonths={retentionMonths} {...props} />, status);

  app.get('/zelftest/uitslag', async (c) => {
    const lang = langOf(c);
    const state = await loadResult(db, keyOf(c));
    if (!state) return c.html(<NoResultPage lang={lang} />);
    const results = state.postcode ? ((await localHelp(services, state.postcode, state.help)) ?? undefined) : undefined;
    return renderResult(c, { lang, state, results });
  });

  // Local help: the postcode goes in the form's body, is kept with the result, and the page is shown again.
  app.post('/zelftest/uitslag', async (c) => {
    const body = await c.req.parseBody();
    const lang = langOf(c, body['lang']);
    const state = await loadResult(db, keyOf(c));
    if (!state) return c.html(<NoResultPage lang={lang} />);
    const postcode = typeof body['postcode'] === 'string' ? body['postcode'].trim().slice(0, 10) : '';
    if (!parsePostcode(postcode)) return renderResult(c, { lang, state, badPostcode: postcode }, 422);
    await rememberPostcode(db, keyOf(c), postcode);
    return c.redirect(`/zelftest/uitslag?lang=${lang}#hulp`, 303);
  });

  app.post('/zelftest/wissen', async (c) => {
    const body = await c.req.parseBody();
    const lang = langOf(c, body['lang']);
    await eraseResult(db, keyOf(c));
    deleteCookie(c, RESULT_COOKIE, resultCookie);
    return c.redirect(`/zelftest?lang=${lang}&gewist=1`, 303);
  });

  app.post('/zelftest/contact', async (c) => {
    const body = await c.req.parseBody();
    const lang = langOf(c, body['lang']);
    const state = await loadResult(db, keyOf(c));
    if (!state) return c.html(<NoResultPage lang={lang} />);
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string') values[k] = v;
    const sending = values['stap'] === 'versturen';
    const needs = state.help.length > 0 ? state.help : (['debt_counselling'] as Category[]);
    const render = (status: 200 | 409 | 422 | 429, extra: Partial<ResultPageProps>) =>
      renderResult(c, { lang, state, contactValues: values, ...extra }, status);
    const recipientOf = async (postcode: string, houseNumber: string | null): Promise<Recipient | null> => {
      try {
        return await selfReferralRecipient(db, { postcode, houseNumber, needs });
      } catch (err) {
        if (err instanceof AppError && err.status === 422) return null;
        throw err;
      }
    };
    if (body['website'] || tooFast(body['started'])) return render(422, { contactErrors: [{ field: 'name', text: ui.tooFast[lang] }] });
    const parsed = contactSchema(lang, sending).safeParse(values);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'name'), text: i.message }));
      const unique = errors.filter((e, i) => errors.findIndex((x) => x.field === e.field) === i);
      // Consent missing, but the address was fine: keep showing the consent for that team.
      const recipient =
        sending && unique.every((e) => e.field === 'consent') ? await recipientOf(values['postcode'] ?? '', values['house_number'] || null) : null;
      return render(422, { contactErrors: unique, recipient: recipient ?? undefined });
    }
    const recipient = await recipientOf(parsed.data.postcode, parsed.data.house_number);
    // No team for this postcode (outside every region): nothing is stored; say where to turn instead.
    if (!recipient) return render(422, { notStored: true });
    if (!sending) return render(200, { recipient });
    // The consent named one team; an address edited since then may belong to another: ask again.
    if (values['consent_team_id'] !== recipient.teamId) return render(409, { recipient, contactProblem: ui.otherTeam[lang] });
    if (!(await allowHit(db, 'selfcheck-contact', c.get('ctx').ip, 5, 60))) return render(429, { contactErrors: [{ field: 'name', text: ui.tooMany[lang] }] });
    const key = typeof body['key'] === 'string' && /^[0-9a-f-]{36}$/.test(body['key']) ? body['key'] : randomUUID();
    let sent: { teamName: string };
    try {
      sent = await createSelfReferral(
        db,
        c.get('ctx'),
        {
          idempotencyKey: `selfcheck:${key}`,
          name: parsed.data.name,
          phone: parsed.data.phone,
          email: parsed.data.email,
          postcode: parsed.data.postcode,
          houseNumber: parsed.data.house_number,
          bestTime: parsed.data.best_time,
          lang,
          level: state.level,
          needs,
          urgency: state.urgency,
          consentTeamId: recipient.teamId,
        },
        publicBaseUrl(services.config),
      );
    } catch (err) {
      // Routing changed between the check and the send: the consent named another team.
      if (err instanceof AppError && err.code === 'consent_other_team') return render(409, { recipient, contactProblem: ui.otherTeam[lang] });
      if (err instanceof AppError && err.code === NO_TEAM) return render(422, { notStored: true });
      throw err;
    }
    return render(200, { sentTo: sent.teamName });
  });
}
