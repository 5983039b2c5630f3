import { AppError } from '../platform/errors.ts';

/** The agreement use cases' refusals, each with a Dutch (B1) message and the right status. */
export const notATeamContact = () =>
  new AppError('agreement_contact_not_of_team', 422, {
    nl: 'Kies een contactpersoon van dit team. Staat de juiste persoon er niet bij? Zet die eerst op de sociale kaart, bij een dienst van het team.',
    en: 'Choose a contact of this team. Is the right person missing? Add them to the social map first, under one of the team’s services.',
  });

export const nothingToConfirm = () =>
  new AppError('agreement_nothing_to_confirm', 409, {
    nl: 'Er is niets te bevestigen: er ligt geen nieuwe versie van deze afspraak klaar.',
    en: 'There is nothing to confirm: no new version of this agreement is waiting.',
  });

export const proposalChanged = () =>
  new AppError('agreement_proposal_changed', 409, {
    nl: 'De afspraak is intussen aangepast. Lees de nieuwe versie en bevestig die opnieuw.',
    en: 'The agreement has been changed in the meantime. Read the new version and confirm that one.',
  });

export const teamContactGone = () =>
  new AppError('agreement_team_contact_gone', 409, {
    nl: 'De vaste contactpersoon van het team in deze versie werkt er niet meer. Vraag het team de afspraak aan te passen.',
    en: 'The team’s fixed contact in this version no longer works there. Ask the team to update the agreement.',
  });

export const notAgreedYet = () =>
  new AppError('agreement_not_agreed', 409, {
    nl: 'Deze afspraak is nog niet bevestigd. Bevestig eerst de afspraak.',
    en: 'This agreement has not been confirmed yet. Confirm the agreement first.',
  });
