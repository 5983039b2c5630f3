import { Button, ErrorSummary, PostForm, type FieldErrors } from '../platform/ui/components.tsx';
import { Checkbox } from '../platform/ui/form-fields.tsx';
import type { ViewContext } from '../platform/ui/view.ts';

/**
 * "The patient withdrew consent" — for the referral detail page (practice with access 'practice',
 * team with access 'team-holder'; do not show it once consent_withdrawn_at is set).
 *
 *   <WithdrawConsentForm view={v} referralId={referral.id} />
 *
 * Props:
 * - `view`: the page's ViewContext (language, CSRF token).
 * - `referralId`: the referral; the form posts to /verwijzingen/:id/toestemming-intrekken.
 * - `errors` (optional): field errors; only the route's own confirmation page passes them.
 * - `headingLevel` (optional, 2 by default): the level of the section heading, to fit the page outline.
 *
 * Works without JavaScript: a plain POST form with the CSRF token and a required confirmation box.
 * A post without the box ticked gets a page of its own with an error summary (422), not the detail page.
 */
export function WithdrawConsentForm(props: { view: ViewContext; referralId: string; errors?: FieldErrors; headingLevel?: 2 | 3 }) {
  const { view } = props;
  const t = view.t;
  const headingId = `toestemming-intrekken-${props.referralId}`;
  const heading = t({ nl: 'Toestemming ingetrokken?', en: 'Consent withdrawn?' });
  return (
    <section class="kl-withdraw-consent" aria-labelledby={headingId}>
      {props.headingLevel === 3 ? (
        <h3 class="utrecht-heading-3" id={headingId}>
          {heading}
        </h3>
      ) : (
        <h2 class="utrecht-heading-2" id={headingId}>
          {heading}
        </h2>
      )}
      <p class="utrecht-paragraph">
        {t({
          nl: 'Wil de patiënt niet meer dat zijn of haar gegevens worden gedeeld? Leg dat hier vast. Dan gebeurt dit meteen:',
          en: 'Does the patient no longer want their data to be shared? Record it here. This then happens at once:',
        })}
      </p>
      <ul class="utrecht-unordered-list">
        <li class="utrecht-unordered-list__item">
          {t({ nl: 'De verwijzing stopt. Het team neemt geen contact meer op.', en: 'The referral stops. The team will not make contact any more.' })}
        </li>
        <li class="utrecht-unordered-list__item">
          {t({
            nl: 'Naam, geboortedatum, contactgegevens, adres, de vraag in eigen woorden en de berichten worden gewist.',
            en: 'Name, date of birth, contact details, address, the question and the messages are erased.',
          })}
        </li>
        <li class="utrecht-unordered-list__item">
          {t({ nl: 'Het team (of de praktijk) krijgt een melding.', en: 'The team (or the practice) is notified.' })}
        </li>
      </ul>
      <p class="utrecht-paragraph">{t({ nl: 'U kunt dit niet ongedaan maken.', en: 'This cannot be undone.' })}</p>
      {props.errors ? <ErrorSummary view={view} errors={props.errors} /> : null}
      <PostForm view={view} action={`/verwijzingen/${props.referralId}/toestemming-intrekken`}>
        <Checkbox
          name="bevestig"
          required
          errors={props.errors}
          label={t({ nl: 'De patiënt heeft de toestemming voor deze verwijzing ingetrokken.', en: 'The patient has withdrawn consent for this referral.' })}
        />
        <Button variant="danger">{t({ nl: 'Toestemming intrekken en verwijzing stoppen', en: 'Withdraw consent and stop the referral' })}</Button>
      </PostForm>
    </section>
  );
}
