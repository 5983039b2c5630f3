import type { Hono } from 'hono';
import type { AppContext, AppEnv, Services } from '../platform/http/types.ts';
import { view } from '../platform/ui/view.ts';
import { authorize } from '../platform/http/authorize.ts';
import { validateValues } from '../platform/http/forms.ts';
import { idParam } from '../platform/http/params.ts';
import { Page } from '../platform/ui/layout.tsx';
import { Alert, Button, ButtonLink, ErrorSummary, Heading1, Paragraph, PostForm, Table, type FieldErrors } from '../platform/ui/components.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { categoryLabels, isCategory } from '../needs/categories.ts';
import { openers, positiveHealthDimensions, signalOutcomeLabels, signalOutcomes, signals, strainQuestion, strainScale } from './checklist.ts';
import { getSignalRecord, recentSignalRecords, saveSignalRecord, signalRecordSchema } from './signal-records.ts';

const practiceRoles = ['practice_staff', 'practice_admin'] as const;

function Openers({ view }: { view: ViewContext }) {
  const t = view.t;
  return (
    <>
      <h2 class="utrecht-heading-2">{t({ nl: 'Zo begint u het gesprek', en: 'How to open the conversation' })}</h2>
      <ul class="utrecht-unordered-list">
        {openers.map((o) => (
          <li class="utrecht-unordered-list__item">{t(o)}</li>
        ))}
      </ul>
      <details class="kl-details">
        <summary>{t({ nl: 'Positieve Gezondheid als bril (zes dimensies)', en: 'Positive Health as a lens (six dimensions)' })}</summary>
        <dl class="utrecht-data-list">
          {positiveHealthDimensions.map((d) => (
            <div class="utrecht-data-list__item">
              <dt class="utrecht-data-list__item-key">{t(d.label)}</dt>
              <dd class="utrecht-data-list__item-value">{t(d.question)}</dd>
            </div>
          ))}
        </dl>
      </details>
    </>
  );
}

function SignalForm(props: { view: ViewContext; values: Record<string, string | string[]>; errors: FieldErrors }) {
  const { view, values, errors } = props;
  const t = view.t;
  const ticked = new Set([values['signals'] ?? []].flat());
  return (
    <PostForm view={view} action="/signalen" novalidate>
      <fieldset
        class={`utrecht-form-fieldset${errors['signals'] ? ' utrecht-form-fieldset--invalid' : ''}`}
        id="field-signals"
        aria-describedby={errors['signals'] ? 'field-signals-error' : undefined}
      >
        <legend class="utrecht-form-fieldset__legend">{t({ nl: 'Wat viel u op?', en: 'What did you notice?' })}</legend>
        {errors['signals'] ? (
          <p class="utrecht-form-field-error-message" id="field-signals-error">
            {errors['signals']}
          </p>
        ) : null}
        {signals.map((s) => (
          <div class="utrecht-form-field utrecht-form-field--checkbox">
            <div class="utrecht-form-field__input">
              <input
                class="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
                type="checkbox"
                id={`signal-${s.code}`}
                name="signals"
                value={s.code}
                checked={ticked.has(s.code)}
              />
            </div>
            <div class="utrecht-form-field__label">
              <label class="utrecht-form-label utrecht-form-label--checkbox" for={`signal-${s.code}`}>
                {t(s.label)}
              </label>
            </div>
          </div>
        ))}
      </fieldset>
      <fieldset class={`utrecht-form-fieldset${errors['strain'] ? ' utrecht-form-fieldset--invalid' : ''}`} id="field-strain">
        <legend class="utrecht-form-fieldset__legend">
          {t({ nl: 'Vraag aan de patiënt: ', en: 'Ask the patient: ' })}"{t(strainQuestion)}"
        </legend>
        {errors['strain'] ? <p class="utrecht-form-field-error-message">{errors['strain']}</p> : null}
        {strainScale.map((label, i) => (
          <div class="utrecht-form-field utrecht-form-field--radio">
            <div class="utrecht-form-field__input">
              <input
                class="utrecht-radio-button utrecht-radio-button--html-input"
                type="radio"
                id={`strain-${i}`}
                name="strain"
                value={String(i)}
                checked={values['strain'] === String(i)}
              />
            </div>
            <div class="utrecht-form-field__label">
              <label class="utrecht-form-label utrecht-form-label--radio" for={`strain-${i}`}>
                {t(label)}
              </label>
            </div>
          </div>
        ))}
      </fieldset>
      <fieldset class={`utrecht-form-fieldset${errors['outcome'] ? ' utrecht-form-fieldset--invalid' : ''}`} id="field-outcome">
        <legend class="utrecht-form-fieldset__legend">{t({ nl: 'Wat is er afgesproken?', en: 'What was agreed?' })}</legend>
        {errors['outcome'] ? <p class="utrecht-form-field-error-message">{errors['outcome']}</p> : null}
        {signalOutcomes.map((o) => (
          <div class="utrecht-form-field utrecht-form-field--radio">
            <div class="utrecht-form-field__input">
              <input
                class="utrecht-radio-button utrecht-radio-button--html-input"
                type="radio"
                id={`outcome-${o}`}
                name="outcome"
                value={o}
                checked={values['outcome'] === o}
              />
            </div>
            <div class="utrecht-form-field__label">
              <label class="utrecht-form-label utrecht-form-label--radio" for={`outcome-${o}`}>
                {t(signalOutcomeLabels[o])}
              </label>
            </div>
          </div>
        ))}
      </fieldset>
      <div class={`utrecht-form-field utrecht-form-field--text${errors['note'] ? ' utrecht-form-field--invalid' : ''}`}>
        <div class="utrecht-form-field__label">
          <label class="utrecht-form-label" for="field-note">
            {t({ nl: 'Korte notitie', en: 'Short note' })} <span class="kl-optional">{t({ nl: '(niet verplicht)', en: '(optional)' })}</span>
          </label>
        </div>
        <div class="utrecht-form-field__description utrecht-form-field-description" id="field-note-description">
          {t({
            nl: 'Anoniem: geen naam, geboortedatum, adres of BSN. Deze tekst gaat mee als u hierna een verwijzing start.',
            en: 'Anonymous: no name, date of birth, address or BSN. This text is carried over if you start a referral next.',
          })}
        </div>
        {errors['note'] ? (
          <div class="utrecht-form-field-error-message" id="field-note-error">
            {errors['note']}
          </div>
        ) : null}
        <div class="utrecht-form-field__input">
          <textarea
            class="utrecht-textarea utrecht-textarea--html-textarea"
            id="field-note"
            name="note"
            rows={3}
            maxlength={500}
            aria-describedby={errors['note'] ? 'field-note-description field-note-error' : 'field-note-description'}
          >
            {typeof values['note'] === 'string' ? values['note'] : ''}
          </textarea>
        </div>
      </div>
      <Button>{t({ nl: 'Anoniem opslaan', en: 'Save anonymously' })}</Button>
    </PostForm>
  );
}

async function renderAid(c: AppContext, services: Services, status: 200 | 422, values: Record<string, string | string[]> = {}, errors: FieldErrors = {}) {
  const v = view(c);
  const t = v.t;
  const recent = await recentSignalRecords(services.db, c.get('ctx').actor!.practiceId!);
  return c.html(
    <Page view={v} title={t({ nl: 'Signalen van geldzorgen', en: 'Signals of money worries' })}>
      <Heading1>{t({ nl: 'Signalen van geldzorgen', en: 'Signals of money worries' })}</Heading1>
      <Paragraph>
        {t({
          nl: 'Een korte hulp tijdens het consult. U legt alleen vast wat u zag, zonder gegevens van de patiënt. Zo telt het mee, ook als er geen verwijzing volgt.',
          en: 'A short aid during the consult. You only record what you saw, without patient details. That way it counts, even when no referral follows.',
        })}
      </Paragraph>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href="/signalen/afdrukken">
          {t({ nl: 'Afdrukbare versie voor in de spreekkamer', en: 'Printable version for the consulting room' })}
        </a>
      </p>
      <Openers view={v} />
      <h2 class="utrecht-heading-2">{t({ nl: 'Vastleggen', en: 'Record' })}</h2>
      <ErrorSummary view={v} errors={errors} />
      <SignalForm view={v} values={values} errors={errors} />
      <h2 class="utrecht-heading-2">{t({ nl: 'Recent vastgelegd door uw praktijk', en: 'Recently recorded by your practice' })}</h2>
      <Table
        caption={t({ nl: 'Anonieme signalen, nieuwste eerst', en: 'Anonymous signals, newest first' })}
        headers={[t({ nl: 'Datum', en: 'Date' }), t({ nl: 'Signalen', en: 'Signals' }), t({ nl: 'Afspraak', en: 'Agreed' }), t({ nl: 'Verder', en: 'Next' })]}
        empty={t({ nl: 'Nog niets vastgelegd.', en: 'Nothing recorded yet.' })}
        rows={recent.map((r) => [
          r.recorded_on,
          String(r.signals.length + (r.strain !== null ? 1 : 0)),
          t(signalOutcomeLabels[r.outcome]),
          <a class="utrecht-link" href={`/signalen/${r.id}`}>
            {t({ nl: 'Bekijken', en: 'View' })}
          </a>,
        ])}
      />
    </Page>,
    status,
  );
}

export function registerSignalPages(app: Hono<AppEnv>, services: Services): void {
  const guard = authorize(services, { roles: practiceRoles });

  app.get('/signalen', guard, (c) => renderAid(c, services, 200));

  app.post('/signalen', guard, async (c) => {
    const body = await c.req.parseBody({ all: true });
    const values: Record<string, string | string[]> = {};
    for (const [k, val] of Object.entries(body))
      if (k !== '_csrf') values[k] = Array.isArray(val) ? val.filter((x): x is string => typeof x === 'string') : typeof val === 'string' ? val : '';
    const input = { ...values, signals: [values['signals'] ?? []].flat() };
    const parsed = validateValues(signalRecordSchema(view(c).t), input as unknown as Record<string, string>);
    if (!parsed.ok) return renderAid(c, services, 422, values, parsed.errors);
    const id = await saveSignalRecord(services.db, c.get('ctx'), parsed.data);
    return c.redirect(`/signalen/${id}?melding=opgeslagen`, 303);
  });

  app.get('/signalen/afdrukken', guard, (c) => {
    const v = view(c);
    const t = v.t;
    return c.html(
      <Page view={v} title={t({ nl: 'Signalen van geldzorgen — om af te drukken', en: 'Signals of money worries — to print' })}>
        <Heading1>{t({ nl: 'Geldzorgen in de spreekkamer', en: 'Money worries in the consulting room' })}</Heading1>
        <h2 class="utrecht-heading-2">{t({ nl: 'Let op deze signalen', en: 'Watch for these signals' })}</h2>
        <ul class="utrecht-unordered-list kl-print-columns">
          {signals.map((s) => (
            <li class="utrecht-unordered-list__item">{t(s.label)}</li>
          ))}
        </ul>
        <h2 class="utrecht-heading-2">{t({ nl: 'Eén vraag', en: 'One question' })}</h2>
        <Paragraph>
          "{t(strainQuestion)}" — {strainScale.map((s) => t(s)).join(' · ')}
        </Paragraph>
        <Openers view={v} />
        <Paragraph>
          {t({
            nl: 'Verwijs warm: bel samen, of spreek af in de praktijk. Korte Lijn kiest het team bij de postcode van de patiënt.',
            en: 'Refer warmly: call together, or meet at the practice. Korte Lijn picks the team by the patient’s postcode.',
          })}
        </Paragraph>
        <p class="utrecht-paragraph kl-no-print">
          <a class="utrecht-link" href="/signalen">
            {t({ nl: 'Terug', en: 'Back' })}
          </a>
        </p>
      </Page>,
    );
  });

  app.get('/signalen/:id', guard, async (c) => {
    const v = view(c);
    const t = v.t;
    const record = await getSignalRecord(services.db, c.get('ctx').actor!.practiceId!, idParam(c));
    const prefill = new URLSearchParams({ signaal: record.id });
    return c.html(
      <Page view={v} title={t({ nl: 'Signaal vastgelegd', en: 'Signal recorded' })}>
        <Heading1>{t({ nl: 'Signaal vastgelegd', en: 'Signal recorded' })}</Heading1>
        {c.req.query('melding') === 'opgeslagen' ? (
          <Alert type="ok">{t({ nl: 'Opgeslagen, zonder gegevens van de patiënt.', en: 'Saved, without patient details.' })}</Alert>
        ) : null}
        <dl class="utrecht-data-list">
          <div class="utrecht-data-list__item">
            <dt class="utrecht-data-list__item-key">{t({ nl: 'Signalen', en: 'Signals' })}</dt>
            <dd class="utrecht-data-list__item-value">
              {record.signals.map((code) => t(signals.find((s) => s.code === code)?.label ?? { nl: code, en: code })).join(', ') || '—'}
            </dd>
          </div>
          <div class="utrecht-data-list__item">
            <dt class="utrecht-data-list__item-key">{t(strainQuestion)}</dt>
            <dd class="utrecht-data-list__item-value">{record.strain !== null ? t(strainScale[record.strain]!) : '—'}</dd>
          </div>
          <div class="utrecht-data-list__item">
            <dt class="utrecht-data-list__item-key">{t({ nl: 'Passende hulp', en: 'Fitting help' })}</dt>
            <dd class="utrecht-data-list__item-value">
              {record.needs
                .filter(isCategory)
                .map((n) => t(categoryLabels[n]))
                .join(', ') || '—'}
            </dd>
          </div>
          <div class="utrecht-data-list__item">
            <dt class="utrecht-data-list__item-key">{t({ nl: 'Afspraak', en: 'Agreed' })}</dt>
            <dd class="utrecht-data-list__item-value">{t(signalOutcomeLabels[record.outcome])}</dd>
          </div>
        </dl>
        <div class="kl-actions">
          <ButtonLink href={`/verwijzingen/nieuw?${prefill.toString()}`}>{t({ nl: 'Verwijzing starten', en: 'Start a referral' })}</ButtonLink>
          <a class="utrecht-link" href="/signalen">
            {t({ nl: 'Nieuw signaal vastleggen', en: 'Record another signal' })}
          </a>
        </div>
      </Page>,
    );
  });
}
