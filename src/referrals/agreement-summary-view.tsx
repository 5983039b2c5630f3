import { fill, type Text } from '../platform/i18n.ts';
import type { ViewContext } from '../platform/ui/view.ts';
import { defaultTerms } from './due-dates.ts';
import { handoverLabels, handovers, type Handover } from './labels.ts';
import type { AgreementSummary } from './agreement-summary.ts';
import { DataList } from './ui-parts.tsx';

/**
 * "Afspraak met dit team": what the practice and the team agreed, shown where a referral is made
 * and followed — the terms the referral gets, whom to call and when, and how feedback comes back.
 */
export function AgreementSummaryView(props: { view: ViewContext; agreement: AgreementSummary; side: 'practice' | 'team'; heading?: boolean }) {
  const { view, agreement, side } = props;
  const t = view.t;
  const days = (n: number, unit: 'working' | 'calendar') =>
    fill(
      t(
        unit === 'working'
          ? n === 1
            ? { nl: 'binnen {n} werkdag', en: 'within {n} working day' }
            : { nl: 'binnen {n} werkdagen', en: 'within {n} working days' }
          : { nl: 'binnen {n} dagen', en: 'within {n} days' },
      ),
      { n },
    );
  const tel = (phone: string | null) =>
    phone ? (
      <a class="utrecht-link" href={`tel:${phone.replace(/[^0-9+]/g, '')}`}>
        {phone}
      </a>
    ) : null;
  const team = agreement.teamContact;
  const practice = agreement.practiceContact;
  const preferred = agreement.handoverForms.filter((h): h is Handover => (handovers as readonly string[]).includes(h));
  const heading: Text = { nl: 'Samenwerkingsafspraak met dit team', en: 'Collaboration agreement with this team' };
  return (
    <div class="kl-agreement-summary" data-testid="agreement-summary">
      {props.heading === false ? null : (
        <h3 class="utrecht-heading-3">
          {side === 'practice' ? t(heading) : t({ nl: 'Samenwerkingsafspraak met deze praktijk', en: 'Collaboration agreement with this practice' })}
        </h3>
      )}
      <DataList
        rows={[
          [t({ nl: 'Eerste contact', en: 'First contact' }), days(agreement.firstContactWorkingDays ?? defaultTerms.firstContactWorkingDays, 'working')],
          [t({ nl: 'Eerste gesprek', en: 'First conversation' }), days(agreement.firstConversationDays ?? defaultTerms.firstConversationDays, 'calendar')],
          [
            t({ nl: 'Eerste gesprek bij een bedreigende situatie', en: 'First conversation in a threatening situation' }),
            days(agreement.urgentFirstConversationWorkingDays ?? defaultTerms.urgentFirstConversationWorkingDays, 'working'),
          ],
          [
            t({ nl: 'Vaste contactpersoon van het team', en: 'The team’s fixed contact' }),
            team ? (
              <>
                <strong data-testid="agreement-team-contact">{team.name}</strong>
                {team.jobTitle ? `, ${team.jobTitle}` : ''} {tel(team.phone)}
                {agreement.teamContactHours ? ` · ${agreement.teamContactHours}` : ''}
              </>
            ) : (
              t({ nl: 'Vertrokken; het team kiest een nieuwe.', en: 'Has left; the team is choosing a new one.' })
            ),
          ],
          [
            t({ nl: 'Vaste contactpersoon van de praktijk', en: 'The practice’s fixed contact' }),
            practice ? (
              <>
                <strong>{practice.name}</strong>
                {practice.role ? `, ${practice.role}` : ''} {tel(practice.phone)}
                {practice.hours ? ` · ${practice.hours}` : ''}
              </>
            ) : null,
          ],
          [t({ nl: 'Voorkeur voor overdracht', en: 'Preferred hand-over' }), preferred.map((h) => t(handoverLabels[h])).join('; ')],
          [t({ nl: 'Toestemming vastleggen', en: 'Recording consent' }), agreement.consentRecording],
          [t({ nl: 'Terugkoppeling', en: 'Feedback' }), agreement.feedbackArrangement],
        ]}
      />
    </div>
  );
}
