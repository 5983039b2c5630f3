import type { Text } from '../platform/i18n.ts';
import type { FigureId } from './read-figures.ts';

/**
 * "Hoe tellen we": one short definition per figure, on the page and in the CSV documentation. The
 * words follow VNG's DDAS model (Data Delen Armoede en Schulden), the municipal debt-help monitor,
 * so a municipality can put these figures beside its own:
 * - aanmelding: a request for help that reaches the team — here, a referral sent by a practice or
 *   a self-referral from the self-check, counted on the day it was sent;
 * - crisisinterventie: a request in a threatening situation (Wgs art. 4 lid 2: eviction, cut-off of
 *   gas/electricity/heating/water, ending of the health insurance) plus the crises a municipality
 *   adds (here "andere crisis"); the first conversation is then due within 3 working days;
 * - eerste gesprek: the first conversation about the request, due within 4 weeks (Wgs art. 4 lid 1).
 */
export const figureTitles: Record<FigureId, Text> = {
  demand: { nl: 'Vraag', en: 'Demand' },
  flow: { nl: 'Doorstroom', en: 'Flow' },
  terms: { nl: 'Termijnen', en: 'Terms' },
  outcomes: { nl: 'Resultaat en terugkoppeling', en: 'Outcomes and feedback' },
  strain: { nl: 'Geldstress voor en na', en: 'Financial strain before and after' },
  reach: { nl: 'Bereik', en: 'Reach' },
};

export const figureDefinitions: Record<FigureId, Text> = {
  demand: {
    nl: 'Een aanmelding (zoals in DDAS van de VNG) is een verwijzing van een huisartspraktijk of een aanmelding via de zelftest. We tellen hem op de dag dat hij verstuurd is. Een verwijzing kan meer dan één soort hulp of crisis hebben; die tellen dan allebei mee. Een crisisinterventie is een aanmelding met een bedreigende situatie uit de Wgs (huisuitzetting, afsluiting, zorgverzekering) of een andere crisis die de gemeente erbij telt. Signalen zijn de signalen die de praktijk vastlegde, ook als er geen verwijzing volgde. Zelftests zijn ingevulde zelftests per gemeente.',
    en: 'An application (aanmelding, as in VNG’s DDAS) is a referral from a GP practice or a self-referral from the self-check, counted on the day it was sent. A referral may have more than one kind of help or crisis; each is counted. A crisis intervention is an application with a threatening situation under the Wgs (eviction, cut-off, health insurance) or another crisis the municipality counts. Signals are the signals a practice recorded, also when no referral followed. Self-checks are completed self-checks per municipality.',
  },
  flow: {
    nl: 'Alle aanmeldingen uit de gekozen periode en hoe ver ze nu zijn: geopend door het team, aangenomen, eerste contact, eerste gesprek, afgesloten met een resultaat. Doorgestuurd: naar een ander team gestuurd. Afgewezen en afgesloten zonder hulp staan met hun reden; oudere verwijzingen hebben nog geen reden.',
    en: 'All applications of the chosen period and how far they have come now: opened by the team, accepted, first contact, first conversation, closed with an outcome. Forwarded: sent on to another team. Rejected and closed without help are shown with their reason; older referrals have no reason yet.',
  },
  terms: {
    nl: 'Eerste contact: binnen de termijn uit de samenwerkingsafspraak (standaard 3 werkdagen). Eerste gesprek: binnen 4 weken, of binnen 3 werkdagen bij een crisis (Wgs artikel 4). Werkdagen volgens de Algemene termijnenwet. We tellen alleen verwijzingen waarvan de termijn voorbij is of het contact er al was. Mediaan: de helft was sneller. 90e percentiel: 9 van de 10 waren sneller. Nu te laat: open verwijzingen waarvan de termijn vandaag voorbij is.',
    en: 'First contact: within the term of the agreement (3 working days by default). First conversation: within 4 weeks, or 3 working days in a crisis (Wgs art. 4). Working days under the Algemene termijnenwet. Only referrals whose term has passed or that had contact are counted. Median: half were faster. 90th percentile: 9 in 10 were faster. Overdue now: open referrals whose term has passed today.',
  },
  outcomes: {
    nl: 'Het resultaat van elke afgesloten verwijzing uit de periode. Al bekend: het team kende het huishouden al. Teruggekoppeld: de praktijk kreeg binnen 8 weken na het versturen een terugkoppeling bij het afsluiten; we tellen alleen verwijzingen van praktijken die 8 weken of ouder zijn.',
    en: 'The outcome of each closed referral of the period. Already known: the team knew the household already. Feedback: the practice received feedback at closing within 8 weeks of sending; only practice referrals 8 weeks or older are counted.',
  },
  strain: {
    nl: 'De vraag "Hoe moeilijk is het om rond te komen aan het eind van de maand?" (0 = niet moeilijk, 4 = het lukt niet) bij het verwijzen en opnieuw bij het afsluiten. We tonen de gemiddelde verandering per team, alleen als er minstens 10 verwijzingen zijn met beide antwoorden. Een min-getal betekent minder geldstress.',
    en: 'The question "How hard is it to make ends meet at the end of the month?" (0 = not hard, 4 = cannot manage) when referring and again when closing. We show the average change per team, only with at least 10 referrals that have both answers. A negative number means less financial strain.',
  },
  reach: {
    nl: 'Praktijken van de regio die dit kwartaal minstens één keer verwezen, van alle praktijken van de regio. Zelftest naar aanmelding: aanmeldingen via de zelftest, van het aantal ingevulde zelftests.',
    en: 'Practices of the region that referred at least once this quarter, of all practices of the region. Self-check to self-referral: self-referrals from the self-check, of the number of self-checks completed.',
  },
};

export const privacyNote: Text = {
  nl: 'Aantallen van 1 tot 4 tonen we als "< 5". Ook een ander getal kan verborgen zijn, zodat u een verborgen aantal niet kunt uitrekenen uit een totaal. Een percentage, mediaan of gemiddelde tonen we pas vanaf 10, en niet als het een aantal van 1 tot 4 zou verraden.',
  en: 'Counts from 1 to 4 are shown as "< 5". Another number may be hidden as well, so that a hidden count cannot be worked out from a total. A percentage, median or average is shown only from 10 on, and not when it would give away a count from 1 to 4.',
};
