import { fill, type Text } from '../platform/i18n.ts';
import { Page } from '../platform/ui/layout.tsx';
import { Alert, Heading1, Link, Paragraph, Table, formatDateTime } from '../platform/ui/components.tsx';
import type { ViewContext } from '../platform/ui/view.ts';
import { isRole, roleLabels } from '../platform/auth/roles.ts';
import { TIME_ZONE } from '../platform/dates.ts';
import { auditActionLabel } from '../admin/audit-labels.ts';
import { dutchDate } from '../referrals/labels.ts';
import { DataList } from '../referrals/ui-parts.tsx';
import type { AccessLine } from './access-lines.ts';
import type { AccessReport } from './produce-access-report.ts';

/**
 * The access report on screen and on paper: the browser prints it (the print style sheet leaves out
 * the header, navigation and links marked kl-no-print), so it needs no script.
 */
export function AccessReportPage({ view, report }: { view: ViewContext; report: AccessReport }) {
  const t = view.t;
  const person = report.scope === 'person';
  const first = report.referrals.find((r) => r.id === report.referralId)!;
  const title = person
    ? t({ nl: 'Toegangsverslag: alle verwijzingen van deze persoon', en: 'Access report: all referrals of this person' })
    : fill(t({ nl: 'Toegangsverslag verwijzing {reference}', en: 'Access report for referral {reference}' }), { reference: first.reference });
  const actor = view.actor!;
  return (
    <Page view={view} title={title} wide>
      <Heading1>{title}</Heading1>
      <Paragraph>
        {t({
          nl: 'Wie heeft de gegevens bekeken of veranderd? Dat staat hieronder, van oud naar nieuw. Het komt uit het logboek van Korte Lijn (NEN 7513). U mag dit overzicht aan de patiënt geven.',
          en: 'Who looked at or changed the data? That is below, oldest first. It comes from the Korte Lijn log (NEN 7513). You may give this overview to the patient.',
        })}
      </Paragraph>
      <DataList
        rows={[
          [
            t({ nl: 'Over', en: 'About' }),
            report.person
              ? [report.person.name, report.person.birthDate ? `${t({ nl: 'geboren', en: 'born' })} ${dutchDate(report.person.birthDate)}` : null]
                  .filter(Boolean)
                  .join(', ') || t({ nl: 'de persoonsgegevens zijn gewist', en: 'the personal data were erased' })
              : null,
          ],
          [
            person ? t({ nl: 'Verwijzingen', en: 'Referrals' }) : t({ nl: 'Verwijzing', en: 'Referral' }),
            report.referrals.map((r) => `${r.reference} (${dutchDate(r.requestedOn)})`).join(', '),
          ],
          [
            t({ nl: 'Gemaakt', en: 'Produced' }),
            fill(t({ nl: '{when} door {name}, {role}', en: '{when} by {name}, {role}' }), {
              when: formatDateTime(report.producedAt, view.lang),
              name: actor.name,
              role: t(roleLabels[actor.role]),
            }),
          ],
        ]}
      />
      {person ? (
        <Paragraph>
          {t({
            nl: 'Dezelfde persoon: dezelfde naam en geboortedatum. Heeft een verwijzing geen geboortedatum (een aanmelding via de zelftest), dan dezelfde naam, postcode en huisnummer.',
            en: 'The same person: the same name and date of birth. When a referral has no date of birth (a self-referral through the self-check), the same name, postcode and house number.',
          })}
        </Paragraph>
      ) : null}
      {report.person === null ? (
        <Alert type="info">
          {t({
            nl: 'Uw team heeft deze verwijzing doorgestuurd. Dit verslag gaat alleen over deze verwijzing; de gegevens van de persoon ziet u niet meer.',
            en: 'Your team forwarded this referral. This report covers this referral only; you no longer see the person’s data.',
          })}
        </Alert>
      ) : null}
      {report.truncated ? (
        <Alert type="warning">
          {t({
            nl: 'Er zijn zoveel regels in het logboek dat de oudste hier niet staan. Vraag de functioneel beheerder om een volledig overzicht.',
            en: 'The log has so many entries that the oldest are not shown here. Ask the functional administrator for a complete overview.',
          })}
        </Alert>
      ) : null}
      <Table
        caption={t({ nl: 'Wie de gegevens bekeek of veranderde, oudste eerst', en: 'Who looked at or changed the data, oldest first' })}
        headers={[
          t({ nl: 'Wanneer', en: 'When' }),
          t({ nl: 'Wie', en: 'Who' }),
          t({ nl: 'Namens', en: 'On behalf of' }),
          t({ nl: 'Wat', en: 'What' }),
          t({ nl: 'Vanaf (IP-adres)', en: 'From (IP address)' }),
          ...(person ? [t({ nl: 'Verwijzing', en: 'Referral' })] : []),
        ]}
        rows={report.lines.map((line) => [
          when(line, view),
          who(line, view),
          line.onBehalfOf ?? '—',
          line.outcome === 'success' ? auditActionLabel(line.action, t) : `${auditActionLabel(line.action, t)} (${t(outcomeLabels[line.outcome])})`,
          line.ip ?? '—',
          ...(person ? [line.references.join(', ')] : []),
        ])}
        empty={t({ nl: 'Het logboek heeft nog niets over deze gegevens.', en: 'The log has nothing about these data yet.' })}
      />
      <p class="utrecht-paragraph kl-muted">
        {t({
          nl: 'Het IP-adres is zoals Korte Lijn het vastlegde. "job" is een automatische taak van Korte Lijn, zoals een herinnering.',
          en: 'The IP address is as Korte Lijn recorded it. "job" is an automatic task of Korte Lijn, such as a reminder.',
        })}
      </p>
      <p class="utrecht-paragraph kl-no-print">
        {t({ nl: 'Afdrukken: gebruik de afdrukfunctie van uw browser (Ctrl+P).', en: 'To print: use your browser’s print function (Ctrl+P).' })}
      </p>
      <ul class="utrecht-unordered-list kl-no-print">
        {person ? (
          <li class="utrecht-unordered-list__item">
            <Link href={`/verwijzingen/${report.referralId}/toegangsverslag`}>{t({ nl: 'Alleen deze verwijzing', en: 'This referral only' })}</Link>
          </li>
        ) : report.person ? (
          <li class="utrecht-unordered-list__item">
            <Link href={`/verwijzingen/${report.referralId}/toegangsverslag/persoon`}>
              {t({ nl: 'Alle verwijzingen van deze persoon', en: 'All referrals of this person' })}
            </Link>
          </li>
        ) : null}
        {report.person ? (
          // What Korte Lijn holds about the person (inzage, AVG art. 15): src/privacy-requests.
          <li class="utrecht-unordered-list__item">
            <Link href="/privacyverzoeken">
              {t({ nl: 'Welke gegevens zijn er over deze persoon? (inzage)', en: 'Which data are there about this person? (access)' })}
            </Link>
          </li>
        ) : null}
        <li class="utrecht-unordered-list__item">
          <Link href={`/verwijzingen/${report.referralId}`}>{t({ nl: 'Terug naar de verwijzing', en: 'Back to the referral' })}</Link>
        </li>
      </ul>
    </Page>
  );
}

const outcomeLabels: Record<'failure' | 'denied', Text> = {
  failure: { nl: 'mislukt', en: 'failed' },
  denied: { nl: 'geweigerd', en: 'refused' },
};

const timeFormats = {
  nl: new Intl.DateTimeFormat('nl-NL', { timeStyle: 'short', timeZone: TIME_ZONE }),
  en: new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: TIME_ZONE }),
};

/** One time, or "first – last (n×)" for repeated accesses on one day. */
function when(line: AccessLine, view: ViewContext): string {
  const first = formatDateTime(line.firstAt, view.lang);
  if (line.count === 1) return first;
  return `${first} – ${timeFormats[view.lang].format(line.lastAt)} (${line.count}×)`;
}

function who(line: AccessLine, view: ViewContext): string {
  const t = view.t;
  if (line.actorName) return line.actorRole && isRole(line.actorRole) ? `${line.actorName}, ${t(roleLabels[line.actorRole])}` : line.actorName;
  if (line.ip === 'job' || line.ip === 'cli') return t({ nl: 'Korte Lijn (automatisch)', en: 'Korte Lijn (automatic)' });
  return t({ nl: 'Zonder account, bijvoorbeeld de inwoner via de zelftest', en: 'Without an account, for example the resident through the self-check' });
}
