import { AppError } from '../platform/errors.ts';
import { fill } from '../platform/i18n.ts';
import { statusLabels } from './labels.ts';
import type { ReferralStatus } from './state-machine.ts';

/** The referral capability's errors: stable codes, a Dutch and English message, no personal data. */
export { forbidden, notFound } from '../platform/errors.ts';

export const signInRequiredError = () => new AppError('sign_in_required', 401, { nl: 'Log eerst in.', en: 'Please sign in first.' });

/** The state machine says no (409): the message names the status the referral has now. */
export function illegalTransition(current: ReferralStatus): AppError {
  const status = statusLabels[current];
  return new AppError(
    'illegal_transition',
    409,
    {
      nl: fill('Dit kan niet (meer): de verwijzing heeft nu de status "{status}". Laad de verwijzing opnieuw om te zien wat er veranderd is.', {
        status: status.nl,
      }),
      en: fill('This is not possible (any more): the referral now has the status "{status}". Reload the referral to see what has changed.', {
        status: status.en,
      }),
    },
    `illegal transition from ${current}`,
  );
}

export const consentMissing = () =>
  new AppError('consent_missing', 422, {
    nl: 'Zonder toestemming van de patiënt kan de verwijzing niet worden verstuurd. Geef de patiënt de contactgegevens van het team mee, dan kan de patiënt zelf contact opnemen.',
    en: 'Without the patient’s consent the referral cannot be sent. Give the patient the team’s contact details, so they can get in touch themselves.',
  });

export const consentWithoutMethod = () =>
  new AppError('consent_no_method', 422, {
    nl: 'Kies hoe de patiënt toestemming gaf: mondeling of schriftelijk.',
    en: 'Choose how the patient consented: verbally or in writing.',
  });

/** Consent names one team; the address now routes to another (postcode changed after checking). */
export const wrongRecipient = () =>
  new AppError('wrong_recipient', 409, {
    nl: 'De toestemming gaat over een ander team dan het team dat nu bij dit adres hoort. Controleer het team hieronder en vraag de patiënt opnieuw om toestemming voor dit team.',
    en: 'The consent is for another team than the one that now belongs to this address. Check the team below and ask the patient again for consent for this team.',
  });

/** The referral form was sent before with this key, with other details: nothing new is sent. */
export class FormSentWithOtherContent extends AppError {
  constructor(readonly sent: { id: string; reference: string }) {
    super('form_sent_other_content', 409, {
      nl: `Dit formulier is al eerder verstuurd, met andere gegevens dan nu: als verwijzing ${sent.reference}. Er is nu niets nieuws verstuurd. Bekijk de verwijzing die al verstuurd is. Wilt u iets veranderen? Stuur het team een bericht bij die verwijzing. Is het een andere patiënt? Begin dan een nieuwe verwijzing.`,
      en: `This form was sent before, with other details than now: as referral ${sent.reference}. Nothing new has been sent. Look at the referral that was sent. Want to change something? Send the team a message on that referral. Is it another patient? Then start a new referral.`,
    });
  }
}

export const notPracticeReferral = () =>
  new AppError('idempotency_conflict', 409, {
    nl: 'Dit formulier is al gebruikt. Open een nieuw formulier.',
    en: 'This form has already been used. Open a new form.',
  });
