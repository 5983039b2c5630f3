import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppContext, AppEnv, Services } from '../platform/http/types.ts';
import { allowHit } from '../platform/http/rate-limit.ts';
import { publicBaseUrl } from '../platform/config.ts';
import { AppError } from '../platform/errors.ts';
import { getCookie } from 'hono/cookie';
import { LANG_COOKIE } from '../platform/http/cookies.ts';
import { parsePostcode } from '../routing/postcode.ts';
import { resolveAddress } from '../routing/resolve-address.ts';
import { isCategory, type Category } from '../needs/categories.ts';
import { searchServices, type SearchResult } from '../socialmap/search-services.ts';
import { formatSlots, weekOverview } from '../socialmap/opening-hours.ts';
import { urgencyTriggers, type UrgencyTrigger } from '../referrals/urgency.ts';
import { isSelfcheckLang, type SelfcheckLang, type Texts } from './languages.ts';
import { SelfcheckPage } from './layout.tsx';
import { answerLabels, questions, type AnswerKey } from './questions.ts';
import { level, resultTexts, suggestedHelp, type Answers, type Level } from './scoring.ts';
import { countAnswers } from './record-answers.ts';
import { createSelfReferral } from './create-self-referral.ts';
import { helpLabels, ui } from './texts.ts';

const pictograms = new Map(questions.map((q) => [q.pictogram, readFileSync(new URL(`./pictograms/${q.pictogram}.svg`, import.meta.url), 'utf8')]));

/** The chosen language: the query (carried in every link and form), else the site cookie, else Dutch. */
function langOf(c: AppContext, fromForm?: unknown): SelfcheckLang {
  const asked = fromForm ?? c.req.query('lang');
  if (isSelfcheckLang(asked)) return asked;
  const cookie = getCookie(c, LANG_COOKIE);
  return isSelfcheckLang(cookie) ? cookie : 'nl';
}

const CRISIS: Record<string, UrgencyTrigger> = { rent_arrears: 'eviction', energy_arrears: 'energy_water', insurance_arrears: 'health_insurance' };

/** The result travels in the URL (level, kinds of help, crisis types): nothing about the person. */
interface ResultState {
  level: Level;
  help: Category[];
  urgency: UrgencyTrigger[];
}

function readResult(q: (k: string) => string | undefined): ResultState | null {
  const n = q('n');
  if (n !== 'none' && n !== 'some' && n !== 'serious' && n !== 'urgent') return null;
  const help = (q('h') ?? '').split(',').filter(isCategory);
  const urgency = (q('u') ?? '').split(',').filter((u): u is UrgencyTrigger => (urgencyTriggers as readonly string[]).includes(u));
  return { level: n, help, urgency };
}

function resultParams(state: ResultState, lang: SelfcheckLang): Record<string, string> {
  return { n: state.level, h: state.help.join(','), u: state.urgency.join(','), lang };
}

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
    <div class="utrecht-alert utrecht-alert--error kl-error-summary" role="alert" aria-labelledby="error-summary-title">
      <div class="utrecht-alert__content">
        <h2 class="utrecht-heading-2" id="error-summary-title">
          {ui.errorTitle[lang]}
        </h2>
        <ul class="utrecht-unordered-list">
          {errors.map((e) => (
            <li class="utrecht-unordered-list__item">
              <a class="utrecht-link" href={`#field-${e.field}`}>
                {e.text}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function QuestionsPage(props: { lang: SelfcheckLang; csrf: string; problem?: string }) {
  const { lang } = props;
  return (
    <SelfcheckPage lang={lang} title={ui.title[lang]} path="/zelftest">
      <h1 class="utrecht-heading-1">{ui.title[lang]}</h1>
      <p class="utrecht-paragraph">{ui.intro[lang]}</p>
      {props.problem ? (
        <div class="utrecht-alert utrecht-alert--error" role="alert">
          <p class="utrecht-paragraph">{props.problem}</p>
        </div>
      ) : null}
      <form method="post" action="/zelftest" class="utrecht-form">
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
                        <input class="utrecht-radio-button utrecht-radio-button--html-input" type="radio" id={`q-${q.id}-${a}`} name={q.id} value={a} />
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

function ResultPage(props: {
  lang: SelfcheckLang;
  csrf: string;
  state: ResultState;
  postcode?: string;
  results?: SearchResult[];
  postcodeError?: string;
  contactErrors?: Array<{ field: string; text: string }>;
  contactValues?: ContactValues;
  sentTo?: string;
}) {
  const { lang, state } = props;
  const texts = resultTexts[state.level];
  const params = resultParams(state, lang);
  const field = (name: keyof ContactValues, label: Texts, type: string, optional: boolean, autocomplete?: string) => {
    const error = props.contactErrors?.find((e) => e.field === name);
    return (
      <div class={`utrecht-form-field utrecht-form-field--text${error ? ' utrecht-form-field--invalid' : ''}`}>
        <div class="utrecht-form-field__label">
          <label class="utrecht-form-label" for={`field-${name}`}>
            {label[lang]} {optional ? <span class="kl-optional">{ui.optional[lang]}</span> : null}
          </label>
        </div>
        {error ? (
          <div class="utrecht-form-field-error-message" id={`field-${name}-error`}>
            {error.text}
          </div>
        ) : null}
        <div class="utrecht-form-field__input">
          <input
            class="utrecht-textbox utrecht-textbox--html-input"
            id={`field-${name}`}
            name={name}
            type={type}
            value={props.contactValues?.[name] ?? (name === 'postcode' ? props.postcode : undefined)}
            autocomplete={autocomplete}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? `field-${name}-error` : undefined}
          />
        </div>
      </div>
    );
  };
  return (
    <SelfcheckPage
      lang={lang}
      title={texts.title[lang]}
      path="/zelftest/uitslag"
      params={{ ...params, ...(props.postcode ? { postcode: props.postcode } : {}) }}
    >
      <h1 class="utrecht-heading-1">{texts.title[lang]}</h1>
      <div class={`utrecht-alert utrecht-alert--${state.level === 'urgent' ? 'warning' : 'info'}`} role="status">
        <p class="utrecht-paragraph">{texts.body[lang]}</p>
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
      <h2 class="utrecht-heading-2">{ui.localHelp[lang]}</h2>
      <form method="get" action="/zelftest/uitslag" class="utrecht-form kl-filters" role="search" aria-label={ui.localHelp[lang]}>
        {Object.entries(params).map(([k, v]) => (
          <Hidden name={k} value={v} />
        ))}
        <div class={`utrecht-form-field utrecht-form-field--text${props.postcodeError ? ' utrecht-form-field--invalid' : ''}`}>
          <div class="utrecht-form-field__label">
            <label class="utrecht-form-label" for="field-zoek-postcode">
              {ui.postcode[lang]}
            </label>
          </div>
          <div class="utrecht-form-field__description utrecht-form-field-description" id="field-zoek-postcode-hint">
            {ui.postcodeHint[lang]}
          </div>
          {props.postcodeError ? (
            <div class="utrecht-form-field-error-message" id="field-zoek-postcode-error" role="alert">
              {props.postcodeError}
            </div>
          ) : null}
          <div class="utrecht-form-field__input">
            <input
              class="utrecht-textbox utrecht-textbox--html-input utrecht-textbox--postal-code-nl-size"
              id="field-zoek-postcode"
              name="postcode"
              value={props.postcode}
              autocomplete="postal-code"
              aria-describedby={props.postcodeError ? 'field-zoek-postcode-hint field-zoek-postcode-error' : 'field-zoek-postcode-hint'}
              aria-invalid={props.postcodeError ? 'true' : undefined}
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

      <h2 class="utrecht-heading-2" id="contact">
        {ui.contactTitle[lang]}
      </h2>
      {props.sentTo ? (
        <div class="utrecht-alert utrecht-alert--ok" role="status">
          <p class="utrecht-paragraph">{ui.sent[lang].replace('{team}', props.sentTo)}</p>
        </div>
      ) : (
        <>
          <p class="utrecht-paragraph">{ui.contactIntro[lang]}</p>
          <ErrorList lang={lang} errors={props.contactErrors ?? []} />
          <form method="post" action="/zelftest/contact" class="utrecht-form kl-no-print">
            <Hidden name="_csrf" value={props.csrf} />
            {Object.entries(params).map(([k, v]) => (
              <Hidden name={k} value={v} />
            ))}
            <Hidden name="started" value={String(Date.now())} />
            <Hidden name="key" value={randomUUID()} />
            <Honeypot lang={lang} />
            {field('name', ui.name, 'text', false, 'name')}
            {field('phone', ui.phone, 'tel', true, 'tel')}
            {field('email', ui.email, 'email', true, 'email')}
            {field('postcode', ui.postcode, 'text', false, 'postal-code')}
            {field('house_number', ui.houseNumber, 'text', true)}
            {field('best_time', ui.bestTime, 'text', true)}
            <div
              class={`utrecht-form-field utrecht-form-field--checkbox${props.contactErrors?.some((e) => e.field === 'consent') ? ' utrecht-form-field--invalid' : ''}`}
            >
              <div class="utrecht-form-field__input">
                <input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="field-consent" name="consent" value="ja" />
              </div>
              <div class="utrecht-form-field__label">
                <label class="utrecht-form-label utrecht-form-label--checkbox" for="field-consent">
                  {ui.consent[lang]}
                </label>
              </div>
            </div>
            <button class="utrecht-button utrecht-button--primary-action" type="submit">
              {ui.send[lang]}
            </button>
          </form>
        </>
      )}
      <p class="utrecht-paragraph kl-no-print">
        <a class="utrecht-link" href={`/zelftest?lang=${lang}`}>
          {ui.again[lang]}
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

const contactSchema = (lang: SelfcheckLang) =>
  z
    .object({
      name: z.string().trim().min(2, ui.nameNeeded[lang]).max(200),
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
        .transform((v) => v || null),
      best_time: z
        .string()
        .trim()
        .max(100)
        .optional()
        .transform((v) => v || null),
      consent: z.literal('ja', { error: ui.consentNeeded[lang] }),
    })
    .superRefine((v, issue) => {
      const phoneOk = v.phone !== null && /^[+\d][\d\s-]{8,}$/.test(v.phone);
      const emailOk = v.email !== null && z.email().safeParse(v.email).success;
      if (!phoneOk && !emailOk) issue.addIssue({ code: 'custom', path: ['phone'], message: ui.phoneOrEmail[lang] });
    });

export function registerSelfcheckPages(app: Hono<AppEnv>, services: Services): void {
  const { db } = services;

  app.get('/zelftest', (c) => c.html(<QuestionsPage lang={langOf(c)} csrf={c.get('csrfToken')} />));

  app.post('/zelftest', async (c) => {
    const body = await c.req.parseBody();
    const lang = langOf(c, body['lang']);
    // A bot (honeypot filled, or inhumanly fast) gets the questions again and is not counted.
    if (body['website'] || tooFast(body['started'])) return c.html(<QuestionsPage lang={lang} csrf={c.get('csrfToken')} problem={ui.tooFast[lang]} />, 422);
    if (!(await allowHit(db, 'selfcheck', c.get('ctx').ip, 30, 60)))
      return c.html(<QuestionsPage lang={lang} csrf={c.get('csrfToken')} problem={ui.tooMany[lang]} />, 429);
    const answers: Answers = {};
    for (const q of questions) {
      const a = body[q.id];
      if (typeof a === 'string' && (q.answers as readonly string[]).includes(a)) answers[q.id] = a as AnswerKey;
    }
    const state: ResultState = {
      level: level(answers),
      help: suggestedHelp(answers),
      urgency: Object.entries(CRISIS)
        .filter(([q]) => answers[q] === 'yes')
        .map(([, u]) => u),
    };
    await countAnswers(db, answers, { lang, level: state.level });
    return c.redirect(`/zelftest/uitslag?${new URLSearchParams(resultParams(state, lang)).toString()}`, 303);
  });

  app.get('/zelftest/uitslag', async (c) => {
    const lang = langOf(c);
    const state = readResult((k) => c.req.query(k));
    if (!state) return c.redirect(`/zelftest?lang=${lang}`, 303);
    const postcode = c.req.query('postcode')?.trim().slice(0, 10);
    if (!postcode) return c.html(<ResultPage lang={lang} csrf={c.get('csrfToken')} state={state} />);
    const results = await localHelp(services, postcode, state.help);
    if (!results)
      return c.html(<ResultPage lang={lang} csrf={c.get('csrfToken')} state={state} postcode={postcode} postcodeError={ui.badPostcode[lang]} />, 422);
    return c.html(<ResultPage lang={lang} csrf={c.get('csrfToken')} state={state} postcode={postcode} results={results} />);
  });

  app.post('/zelftest/contact', async (c) => {
    const body = await c.req.parseBody();
    const lang = langOf(c, body['lang']);
    const state = readResult((k) => (typeof body[k] === 'string' ? (body[k] as string) : undefined));
    if (!state) return c.redirect(`/zelftest?lang=${lang}`, 303);
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string') values[k] = v;
    const render = (status: 200 | 422 | 429, extra: { contactErrors?: Array<{ field: string; text: string }>; sentTo?: string }) =>
      c.html(<ResultPage lang={lang} csrf={c.get('csrfToken')} state={state} contactValues={values} {...extra} />, status);
    if (body['website'] || tooFast(body['started'])) return render(422, { contactErrors: [{ field: 'name', text: ui.tooFast[lang] }] });
    const parsed = contactSchema(lang).safeParse(values);
    if (!parsed.success) {
      const errors = parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? 'name'), text: i.message }));
      return render(422, { contactErrors: errors.filter((e, i) => errors.findIndex((x) => x.field === e.field) === i) });
    }
    if (!(await allowHit(db, 'selfcheck-contact', c.get('ctx').ip, 5, 60))) return render(429, { contactErrors: [{ field: 'name', text: ui.tooMany[lang] }] });
    const key = typeof body['key'] === 'string' && /^[0-9a-f-]{36}$/.test(body['key']) ? body['key'] : randomUUID();
    try {
      const sent = await createSelfReferral(
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
          needs: state.help.length > 0 ? state.help : ['debt_counselling'],
          urgency: state.urgency,
        },
        publicBaseUrl(services.config),
      );
      return render(200, { sentTo: sent.teamName });
    } catch (err) {
      if (err instanceof AppError && err.status === 422)
        return render(422, { contactErrors: [{ field: 'postcode', text: err.userMessage[lang === 'nl' ? 'nl' : 'en'] }] });
      throw err;
    }
  });
}
