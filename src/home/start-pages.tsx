import { fill, type Text } from '../platform/i18n.ts';
import { ButtonLink, Link, Paragraph, Table, formatDateTime } from '../platform/ui/components.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { dueState, outcomeLabels, statusLabels } from '../referrals/labels.ts';
import { nextActionLabels } from '../referrals/next-action.ts';
import type { Outcome } from '../referrals/state-machine.ts';
import type { PracticeWork, TeamWork } from '../referrals/summarise-work.ts';
import { DueBadge, NeedsText, termBadges } from '../referrals/ui-parts.tsx';

/**
 * The start page's work (issue 11: start pages with work, not a copy of the menu): for a team the
 * counts that matter today and the user's next steps; for a practice what came back from the
 * teams since the last visit and what is still waiting on a team. No names: the referral number
 * leads to the referral.
 */
function Count(props: { n: number; label: Text; href: string; view: ViewContext; testId: string }) {
  return (
    <li class="kl-card kl-count">
      <a class="utrecht-link" href={props.href}>
        <strong class="kl-count__number" data-testid={props.testId}>
          {props.n}
        </strong>{' '}
        {props.view.t(props.label)}
      </a>
    </li>
  );
}

export function TeamStart({ view, work }: { view: ViewContext; work: TeamWork }) {
  const t = view.t;
  return (
    <>
      <section aria-labelledby="team-work-title">
        <h2 class="utrecht-heading-2" id="team-work-title">
          {t({ nl: 'Werk van uw team', en: "Your team's work" })}
        </h2>
        <ul class="kl-card-grid kl-counts">
          <Count
            view={view}
            testId="count-new"
            n={work.counts.nieuw}
            label={{ nl: 'nieuw, nog niet aangenomen', en: 'new, not accepted yet' }}
            href="/inbox?tab=nieuw"
          />
          <Count
            view={view}
            testId="count-urgent"
            n={work.counts.urgent}
            label={{ nl: 'spoed: gesprek binnen 3 werkdagen', en: 'urgent: conversation within 3 working days' }}
            href="/inbox?tab=open"
          />
          <Count view={view} testId="count-today" n={work.counts.today} label={{ nl: 'uiterlijk vandaag', en: 'due today' }} href="/inbox?tab=open" />
          <Count view={view} testId="count-overdue" n={work.counts.overdue} label={{ nl: 'te laat', en: 'overdue' }} href="/inbox?tab=te-laat" />
        </ul>
      </section>
      <section aria-labelledby="next-steps-title">
        <h2 class="utrecht-heading-2" id="next-steps-title">
          {t({ nl: 'Uw volgende stappen', en: 'Your next steps' })}
        </h2>
        <Table
          caption={t({
            nl: 'Verwijzingen voor u of nog voor niemand, de dringendste eerst',
            en: 'Referrals for you or for no one yet, most pressing first',
          })}
          headers={[
            t({ nl: 'Verwijzing', en: 'Referral' }),
            t({ nl: 'Soort hulp', en: 'Kind of help' }),
            t({ nl: 'Wat nu', en: 'What next' }),
            t({ nl: 'Uiterlijk', en: 'Due' }),
          ]}
          empty={t({
            nl: 'Er wacht nu niets op u. Nieuwe verwijzingen staan bij Binnengekomen.',
            en: 'Nothing is waiting for you now. New referrals are in the inbox.',
          })}
          rows={work.next.map((r) => [
            <Link href={`/verwijzingen/${r.id}`}>{r.reference}</Link>,
            <NeedsText view={view} needs={r.needs} urgent={r.urgent} />,
            <span data-testid="next-action">{t(nextActionLabels[r.action])}</span>,
            r.due ? <DueBadge view={view} due={r.due} reachedOn={r.plannedOn} state={dueState(r.due, work.today, r.plannedOn, r.status)} /> : '—',
          ])}
        />
        <div class="kl-actions">
          <ButtonLink href="/inbox">{t({ nl: 'Naar Binnengekomen', en: 'Go to the inbox' })}</ButtonLink>
        </div>
      </section>
    </>
  );
}

export function PracticeStart({ view, work }: { view: ViewContext; work: PracticeWork }) {
  const t = view.t;
  return (
    <>
      <div class="kl-actions">
        <ButtonLink href="/verwijzingen/nieuw">{t({ nl: 'Nieuwe verwijzing', en: 'New referral' })}</ButtonLink>
        <ButtonLink href="/verwijzingen" variant="secondary">
          {t({ nl: 'Mijn verwijzingen', en: 'My referrals' })}
        </ButtonLink>
      </div>
      <section aria-labelledby="news-title">
        <h2 class="utrecht-heading-2" id="news-title">
          {t({ nl: 'Terugkoppeling sinds uw vorige bezoek', en: 'Feedback since your last visit' })}
        </h2>
        {work.feedback.length === 0 ? (
          <Paragraph>
            {fill(t({ nl: 'Geen nieuwe terugkoppeling sinds {since}.', en: 'No new feedback since {since}.' }), {
              since: formatDateTime(work.since, view.lang),
            })}
          </Paragraph>
        ) : (
          <ul class="utrecht-unordered-list kl-news" data-testid="practice-news">
            {work.feedback.map((r) => (
              <li class="utrecht-unordered-list__item">
                <Link href={`/verwijzingen/${r.id}`}>{r.reference}</Link> · {r.teamName} ·{' '}
                <strong>{r.outcome ? t(outcomeLabels[r.outcome as Outcome] ?? { nl: r.outcome, en: r.outcome }) : t(statusLabels[r.status])}</strong>
                {r.feedback ? <>: {r.feedback}</> : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="waiting-title">
        <h2 class="utrecht-heading-2" id="waiting-title">
          {fill(t({ nl: 'Wachten op het team ({n})', en: 'Waiting on the team ({n})' }), { n: work.waitingCount })}
        </h2>
        <Table
          caption={t({
            nl: 'Verwijzingen waarvan het eerste gesprek nog niet is geweest, langst wachtend eerst',
            en: 'Referrals whose first conversation has not taken place yet, longest waiting first',
          })}
          headers={[
            t({ nl: 'Verwijzing', en: 'Referral' }),
            t({ nl: 'Team', en: 'Team' }),
            t({ nl: 'Status', en: 'Status' }),
            t({ nl: 'Eerste contact', en: 'First contact' }),
            t({ nl: 'Eerste gesprek', en: 'First conversation' }),
          ]}
          empty={t({ nl: 'Er wacht geen verwijzing op een team.', en: 'No referral is waiting on a team.' })}
          rows={work.waiting.map((r) => [
            <Link href={`/verwijzingen/${r.id}`}>{r.reference}</Link>,
            r.teamName,
            t(statusLabels[r.status]),
            ...termBadges(view, work.today, r),
          ])}
        />
        {work.waitingCount > work.waiting.length ? (
          <Paragraph>
            <Link href="/verwijzingen">{t({ nl: 'Alle verwijzingen van uw praktijk', en: "All your practice's referrals" })}</Link>
          </Paragraph>
        ) : null}
      </section>
    </>
  );
}
