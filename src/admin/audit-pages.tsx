import type { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv, Services } from '../platform/http/types.ts';
import { view } from '../platform/ui/view.ts';
import { authorize } from '../platform/http/authorize.ts';
import { validateValues } from '../platform/http/forms.ts';
import { Page } from '../platform/ui/layout.tsx';
import { Button, ErrorSummary, Heading1, Link, Paragraph, SelectField, Table, TextField, formatDateTime } from '../platform/ui/components.tsx';
import { roleLabels, isRole } from '../platform/auth/roles.ts';
import type { Translate } from '../platform/i18n.ts';
import { parseDate } from '../platform/dates.ts';
import { auditActionLabel } from './audit-labels.ts';
import { browseAuditLog } from './browse-audit-log.ts';

const outcomeLabels = {
  success: { nl: 'gelukt', en: 'succeeded' },
  failure: { nl: 'mislukt', en: 'failed' },
  denied: { nl: 'geweigerd', en: 'denied' },
} as const;

/**
 * A filter date as people write it (31-01-2026) or as a browser's date field sends it (2026-01-31),
 * so the hint's dd-mm-jjjj is true; empty means no bound.
 */
const filterDate = (t: Translate) =>
  z
    .string()
    .trim()
    .transform((value, ctx) => {
      if (value === '') return undefined;
      const iso = parseDate(value);
      if (!iso) ctx.addIssue({ code: 'custom', message: t({ nl: 'Vul een datum in, zoals 31-01-2026.', en: 'Enter a date, such as 31-01-2026.' }) });
      return iso ?? z.NEVER;
    })
    .optional();

const filterSchema = (t: Translate) =>
  z.object({
    gebruiker: z.string().trim().max(254).optional(),
    actie: z.string().trim().max(100).optional(),
    van: filterDate(t),
    tot: filterDate(t),
    voor: z
      .string()
      .regex(/^\d{1,19}$/)
      .optional(),
  });

/** Admins browse the audit log (NEN 7513: who did what, when, from where). Reading it is itself logged. */
export function registerAuditPages(app: Hono<AppEnv>, services: Services): void {
  const { db } = services;

  app.get('/beheer/auditlog', authorize(services, { roles: ['admin'] }), async (c) => {
    const v = view(c);
    const t = v.t;
    const query = c.req.query();
    const parsed = validateValues(filterSchema(t), query);
    const filters = parsed.ok ? parsed.data : {};
    const { page, actions } = await browseAuditLog(db, c.get('ctx'), {
      email: filters.gebruiker,
      action: filters.actie,
      fromDate: filters.van,
      toDate: filters.tot,
      before: filters.voor,
    });
    const next = new URLSearchParams(Object.entries(query).filter(([k]) => k !== 'voor'));
    const last = page.rows[page.rows.length - 1];
    if (last) next.set('voor', last.id);
    return c.html(
      <Page view={v} title={t({ nl: 'Auditlog', en: 'Audit log' })} wide>
        <Heading1>{t({ nl: 'Auditlog', en: 'Audit log' })}</Heading1>
        <Paragraph>
          {t({
            nl: 'Alles wat er met accounts, beheer en patiëntgegevens gebeurt, staat hier. Niemand kan regels wijzigen of verwijderen.',
            en: 'Everything that happens to accounts, administration and patient data is listed here. Nobody can change or remove entries.',
          })}
        </Paragraph>
        <ErrorSummary view={v} errors={parsed.ok ? {} : parsed.errors} />
        <form method="get" action="/beheer/auditlog" class="kl-filters" role="search" aria-label={t({ nl: 'Filters', en: 'Filters' })}>
          <TextField view={v} name="gebruiker" type="email" label={{ nl: 'E-mailadres gebruiker', en: 'User e-mail address' }} value={filters.gebruiker} />
          <SelectField
            view={v}
            name="actie"
            label={{ nl: 'Actie', en: 'Action' }}
            value={filters.actie}
            placeholder={{ nl: 'Alle acties', en: 'All actions' }}
            options={actions.map((a) => ({ value: a, label: auditActionLabel(a, t) }))}
          />
          <TextField
            view={v}
            name="van"
            type="date"
            label={{ nl: 'Vanaf datum', en: 'From date' }}
            value={filters.van}
            errors={parsed.ok ? {} : parsed.errors}
          />
          <TextField
            view={v}
            name="tot"
            type="date"
            label={{ nl: 'Tot en met datum', en: 'Up to and including' }}
            value={filters.tot}
            errors={parsed.ok ? {} : parsed.errors}
          />
          <Button variant="secondary">{t({ nl: 'Filteren', en: 'Filter' })}</Button>
        </form>
        <Table
          caption={t({ nl: 'Auditregels, nieuwste eerst', en: 'Audit entries, newest first' })}
          headers={[
            t({ nl: 'Tijd', en: 'Time' }),
            t({ nl: 'Wie', en: 'Who' }),
            t({ nl: 'Rol', en: 'Role' }),
            t({ nl: 'Actie', en: 'Action' }),
            t({ nl: 'Onderwerp', en: 'Subject' }),
            t({ nl: 'Uitkomst', en: 'Outcome' }),
            t({ nl: 'Vanaf', en: 'From' }),
          ]}
          empty={t({ nl: 'Geen regels gevonden met deze filters.', en: 'No entries found with these filters.' })}
          rows={page.rows.map((r) => [
            formatDateTime(r.at, v.lang),
            r.actor_email ?? t({ nl: 'systeem / onbekend', en: 'system / unknown' }),
            r.actor_role && isRole(r.actor_role) ? t(roleLabels[r.actor_role]) : '—',
            auditActionLabel(r.action, t),
            r.subject_type ? `${r.subject_type}${r.subject_id ? ` ${r.subject_id}` : ''}` : '—',
            t(outcomeLabels[r.outcome]),
            r.ip ?? '—',
          ])}
        />
        {page.hasMore ? (
          <Paragraph>
            <Link href={`/beheer/auditlog?${next.toString()}`}>{t({ nl: 'Oudere regels', en: 'Older entries' })}</Link>
          </Paragraph>
        ) : null}
      </Page>,
    );
  });
}
