import type { Hono } from 'hono';
import type { AppContext, AppEnv, Services } from '../platform/http/types.ts';
import { fill, type Text } from '../platform/i18n.ts';
import { view, type ViewContext } from '../platform/ui/view.ts';
import { anyRole, authorize } from '../platform/http/authorize.ts';
import { parseForm } from '../platform/http/forms.ts';
import { publicBaseUrl } from '../platform/config.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { amsterdamToday } from '../platform/dates.ts';
import { writeAudit } from '../platform/audit/audit.ts';
import { Page } from '../platform/ui/layout.tsx';
import {
  Alert,
  Button,
  ErrorSummary,
  Heading1,
  Link,
  Paragraph,
  PostForm,
  SelectField,
  Table,
  TextField,
  formatDateTime,
  type FieldErrors,
} from '../platform/ui/components.tsx';
import { RadioGroup } from '../platform/ui/form-fields.tsx';
import { dutchDate } from '../referrals/labels.ts';
import { referralScope } from '../referrals/referral-scope.ts';
import type { FoundReferral } from '../referrals/access.ts';
import { weekdayLabels } from '../socialmap/opening-hours.ts';
import {
  addOnsiteException,
  addOnsiteHours,
  endOnsiteHours,
  listOnsiteHours,
  onsiteChoices,
  onsiteManagerRoles,
  onsiteViewerRoles,
  ownTeamHours,
  practiceOfRegion,
  type OnsiteHoursView,
} from './onsite-hours.ts';
import { bookingSchema, exceptionSchema, onsiteHoursSchema, slotLengths } from './onsite-form.ts';
import { bookable, bookOnsiteSlot, cancelOnsiteBooking, currentBooking, slotChoices, type Booking, type SlotChoice } from './book-onsite.ts';
import { calendarFeed, FEED_SUFFIX, feedCreatedAt, feedPath, renewFeed, revokeFeed } from './calendar-feed.ts';

/**
 * On-site hours and the introductory meeting at the practice:
 *
 *   GET  /spreekuren                              the team's hours (and the form) · the practice: hours at the practice
 *   POST /spreekuren                              a team member adds hours at a practice of the region
 *   POST /spreekuren/:id/uitzondering             a day off: holiday or cancelled
 *   POST /spreekuren/:id/stoppen                  the hours end
 *   GET  /verwijzingen/:id/kennismaking           the free slots for a referral (practice), the booking (both sides)
 *   POST /verwijzingen/:id/kennismaking           the practice books a slot
 *   POST /verwijzingen/:id/kennismaking/afzeggen  the practice or the holding team cancels it
 *   GET  /agenda                                  one's own iCalendar feed: its secret address
 *   POST /agenda/adres · POST /agenda/intrekken   a new address (the old one stops) · no address
 *   GET  /agenda/:file                            the feed itself, by its secret (no session: agenda apps fetch it)
 */
const notices: Record<string, Text> = {
  toegevoegd: { nl: 'Het spreekuur is toegevoegd.', en: 'The on-site hours have been added.' },
  uitzondering: { nl: 'De uitzondering is opgeslagen.', en: 'The exception has been saved.' },
  gestopt: { nl: 'Het spreekuur is gestopt.', en: 'The on-site hours have ended.' },
  gepland: { nl: 'De kennismaking is gepland. Het team krijgt een melding.', en: 'The introductory meeting has been booked. The team has been notified.' },
  afgezegd: { nl: 'De kennismaking is afgezegd.', en: 'The introductory meeting has been cancelled.' },
  adres: { nl: 'Uw nieuwe agenda-adres staat hieronder. Het oude werkt niet meer.', en: 'Your new calendar address is below. The old one no longer works.' },
  ingetrokken: { nl: 'Het agenda-adres is ingetrokken.', en: 'The calendar address has been revoked.' },
};

function Notice({ view, notice }: { view: ViewContext; notice: string | undefined }) {
  const text = notice ? notices[notice] : undefined;
  return text ? <Alert type="ok">{view.t(text)}</Alert> : null;
}

function hoursText(view: ViewContext, h: OnsiteHoursView): string {
  return `${view.t(weekdayLabels[h.weekday]!)} ${h.startsAt}–${h.endsAt}`;
}

export function registerOnsiteRoutes(app: Hono<AppEnv>, services: Services): void {
  const { db } = services;
  const baseUrl = publicBaseUrl(services.config);
  const viewer = authorize(services, { roles: onsiteViewerRoles });
  // The practice named in the form must be one of the team's region: another tenant's answers 404.
  const manager = authorize(services, {
    roles: onsiteManagerRoles,
    scope: async (actor, c) => {
      const practiceId = (await c.req.parseBody())['practice_id'];
      return typeof practiceId === 'string' && (await practiceOfRegion(db, actor, practiceId));
    },
  });
  const ownHours = authorize(services, { roles: onsiteManagerRoles, scope: (actor, c) => ownTeamHours(db, actor, c.req.param('id')) });
  const bookingReader = authorize(services, { roles: onsiteViewerRoles, scope: referralScope(services, ['practice', 'team-holder']) });
  const booker = authorize(services, { roles: ['practice_staff', 'practice_admin'], scope: referralScope(services, ['practice']) });
  const anyone = authorize(services, { roles: anyRole });

  const renderHours = async (
    c: AppContext,
    form: { values?: Record<string, string | null | undefined>; errors?: FieldErrors; problem?: string } = {},
    status: 200 | 422 = 200,
  ) => {
    const v = view(c);
    const t = v.t;
    const actor = c.get('ctx').actor!;
    const team = onsiteManagerRoles.includes(actor.role);
    const hours = await listOnsiteHours(db, team ? { teamId: actor.teamId! } : { practiceId: actor.practiceId! });
    const choices = team ? await onsiteChoices(db, actor) : { practices: [], hosts: [] };
    const values = form.values ?? {
      host_user_id: actor.userId,
      starts_at: '09:00',
      ends_at: '12:00',
      slot_minutes: '30',
      starts_on: dutchDate(amsterdamToday()),
    };
    const errors = form.errors ?? {};
    const title = t({ nl: 'Spreekuur in de praktijk', en: 'On-site hours at practices' });
    return c.html(
      <Page view={v} title={title}>
        <Heading1>{title}</Heading1>
        <Notice view={v} notice={c.req.query('melding')} />
        {form.problem ? <Alert type="error">{form.problem}</Alert> : null}
        <Paragraph>
          {team
            ? t({
                nl: 'Houd het eerste gesprek in de huisartsenpraktijk in plaats van op het gemeentehuis. De praktijk plant een kennismaking in een vrij tijdstip van uw spreekuur.',
                en: 'Hold the first conversation at the GP practice instead of the town hall. The practice books an introductory meeting in a free slot of your hours.',
              })
            : t({
                nl: 'Teams die spreekuur houden in uw praktijk. Kies bij een verwijzing "Kennismaking in de praktijk" en plan daarna een tijdstip.',
                en: 'Teams that hold hours at your practice. Choose "Meeting at the practice" on a referral, then book a time.',
              })}
        </Paragraph>
        <Paragraph>
          <Link href="/agenda">{t({ nl: 'Kennismakingen in uw eigen agenda zien', en: 'See introductory meetings in your own calendar' })}</Link>
        </Paragraph>
        <Table
          caption={t({ nl: 'Spreekuren', en: 'On-site hours' })}
          headers={[
            t({ nl: 'Wanneer', en: 'When' }),
            t({ nl: 'Praktijk', en: 'Practice' }),
            t({ nl: 'Wie', en: 'Who' }),
            t({ nl: 'Uitzonderingen', en: 'Exceptions' }),
          ]}
          empty={t({ nl: 'Er zijn nog geen spreekuren.', en: 'There are no on-site hours yet.' })}
          rows={hours.map((h) => [
            hoursText(v, h),
            h.room ? `${h.practiceName} (${h.room})` : h.practiceName,
            `${h.hostName} (${h.teamName})`,
            h.exceptions.length
              ? h.exceptions
                  .map((e) => `${dutchDate(e.date)}: ${e.reason === 'holiday' ? t({ nl: 'vakantie', en: 'holiday' }) : t({ nl: 'afgezegd', en: 'cancelled' })}`)
                  .join('; ')
              : '—',
          ])}
        />
        {team ? (
          <>
            {hours.map((h) => (
              <details class="kl-details">
                <summary>
                  {fill(t({ nl: 'Uitzondering of stoppen: {hours}, {practice}', en: 'Exception or end: {hours}, {practice}' }), {
                    hours: hoursText(v, h),
                    practice: h.practiceName,
                  })}
                </summary>
                <PostForm view={v} action={`/spreekuren/${h.id}/uitzondering`} novalidate>
                  <TextField view={v} name="on_date" required size="short" label={{ nl: 'Datum', en: 'Date' }} />
                  <RadioGroup
                    view={v}
                    name="reason"
                    legend={{ nl: 'Waarom niet?', en: 'Why not?' }}
                    value="holiday"
                    options={[
                      { value: 'holiday', label: { nl: 'Vakantie of vrij', en: 'Holiday or day off' } },
                      { value: 'cancelled', label: { nl: 'Afgezegd', en: 'Cancelled' } },
                    ]}
                  />
                  <Button variant="secondary">{t({ nl: 'Uitzondering opslaan', en: 'Save exception' })}</Button>
                </PostForm>
                <PostForm view={v} action={`/spreekuren/${h.id}/stoppen`} class="kl-inline-form">
                  <Button variant="danger">{t({ nl: 'Spreekuur stoppen', en: 'End these hours' })}</Button>
                </PostForm>
              </details>
            ))}
            <section class="kl-section" aria-labelledby="section-new-hours">
              <h2 class="utrecht-heading-2" id="section-new-hours">
                {t({ nl: 'Spreekuur toevoegen', en: 'Add on-site hours' })}
              </h2>
              <ErrorSummary view={v} errors={errors} />
              <PostForm view={v} action="/spreekuren" novalidate>
                <SelectField
                  view={v}
                  name="practice_id"
                  required
                  label={{ nl: 'Praktijk', en: 'Practice' }}
                  placeholder={{ nl: 'Kies een praktijk…', en: 'Choose a practice…' }}
                  options={choices.practices.map((p) => ({ value: p.id, label: p.label }))}
                  value={values['practice_id']}
                  errors={errors}
                />
                <SelectField
                  view={v}
                  name="host_user_id"
                  required
                  label={{ nl: 'Wie houdt het spreekuur?', en: 'Who holds the hours?' }}
                  options={choices.hosts.map((p) => ({ value: p.id, label: p.label }))}
                  value={values['host_user_id']}
                  errors={errors}
                />
                <SelectField
                  view={v}
                  name="weekday"
                  required
                  label={{ nl: 'Dag', en: 'Day' }}
                  options={[1, 2, 3, 4, 5].map((d) => ({ value: String(d), label: t(weekdayLabels[d]!) }))}
                  value={values['weekday']}
                  errors={errors}
                />
                <TextField
                  view={v}
                  name="starts_at"
                  required
                  size="short"
                  label={{ nl: 'Van', en: 'From' }}
                  description={{ nl: 'Bijvoorbeeld 09:00.', en: 'For example 09:00.' }}
                  value={values['starts_at']}
                  errors={errors}
                />
                <TextField view={v} name="ends_at" required size="short" label={{ nl: 'Tot', en: 'Until' }} value={values['ends_at']} errors={errors} />
                <SelectField
                  view={v}
                  name="slot_minutes"
                  required
                  label={{ nl: 'Hoe lang duurt een kennismaking?', en: 'How long is an introductory meeting?' }}
                  options={slotLengths.map((m) => ({ value: String(m), label: fill(t({ nl: '{m} minuten', en: '{m} minutes' }), { m }) }))}
                  value={values['slot_minutes']}
                  errors={errors}
                />
                <TextField view={v} name="room" label={{ nl: 'Ruimte in de praktijk', en: 'Room at the practice' }} value={values['room']} errors={errors} />
                <TextField
                  view={v}
                  name="starts_on"
                  required
                  size="short"
                  label={{ nl: 'Vanaf', en: 'Starting' }}
                  value={values['starts_on']}
                  errors={errors}
                />
                <Button>{t({ nl: 'Spreekuur toevoegen', en: 'Add on-site hours' })}</Button>
              </PostForm>
            </section>
          </>
        ) : null}
      </Page>,
      status,
    );
  };

  app.get('/spreekuren', viewer, (c) => renderHours(c));

  app.post('/spreekuren', manager, async (c) => {
    const form = await parseForm(c, onsiteHoursSchema(view(c).t));
    if (!form.ok) return renderHours(c, { values: form.values, errors: form.errors }, 422);
    try {
      await addOnsiteHours(db, c.get('ctx'), form.data);
    } catch (err) {
      if (err instanceof AppError && err.status === 422) return renderHours(c, { values: form.values, problem: view(c).t(err.userMessage) }, 422);
      throw err;
    }
    return c.redirect('/spreekuren?melding=toegevoegd', 303);
  });

  app.post('/spreekuren/:id/uitzondering', ownHours, async (c) => {
    const form = await parseForm(c, exceptionSchema(view(c).t));
    if (!form.ok) return renderHours(c, { problem: Object.values(form.errors)[0] }, 422);
    await addOnsiteException(db, c.get('ctx'), ownHours.scoped(c).id, { date: form.data.on_date, reason: form.data.reason, note: form.data.note });
    return c.redirect('/spreekuren?melding=uitzondering', 303);
  });

  app.post('/spreekuren/:id/stoppen', ownHours, async (c) => {
    await endOnsiteHours(db, c.get('ctx'), ownHours.scoped(c).id);
    return c.redirect('/spreekuren?melding=gestopt', 303);
  });

  const renderBooking = async (c: AppContext, found: FoundReferral, problem?: string, status: 200 | 409 | 422 = 200) => {
    const v = view(c);
    const referral = found.referral;
    // When and where the patient meets the team is part of their referral: every showing is recorded.
    await writeAudit(db, c.get('ctx'), {
      action: 'onsite.booking_read',
      subjectType: 'referral',
      subjectId: referral.id,
      patientRef: referral.id,
      details: { access: found.access },
    });
    const booking = await currentBooking(db, referral.id);
    const slots = found.access === 'practice' && !booking && bookable(referral) ? await slotChoices(db, referral) : [];
    return c.html(
      <BookingPage
        view={v}
        referralId={referral.id}
        reference={referral.reference}
        access={found.access}
        booking={booking}
        slots={slots}
        canBook={bookable(referral)}
        notice={c.req.query('melding')}
        problem={problem}
      />,
      status,
    );
  };

  app.get('/verwijzingen/:id/kennismaking', bookingReader, (c) => renderBooking(c, bookingReader.scoped(c)));

  app.post('/verwijzingen/:id/kennismaking', booker, async (c) => {
    const found = booker.scoped(c);
    const form = await parseForm(c, bookingSchema(view(c).t));
    if (!form.ok) return renderBooking(c, found, Object.values(form.errors)[0], 422);
    try {
      await bookOnsiteSlot(db, c.get('ctx'), { referralId: found.referral.id, hoursId: form.data.slot.hoursId, start: form.data.slot.start }, baseUrl);
    } catch (err) {
      if (err instanceof AppError && err.status === 409) return renderBooking(c, found, view(c).t(err.userMessage), 409);
      throw err;
    }
    return c.redirect(`/verwijzingen/${found.referral.id}/kennismaking?melding=gepland`, 303);
  });

  app.post('/verwijzingen/:id/kennismaking/afzeggen', bookingReader, async (c) => {
    const found = bookingReader.scoped(c);
    await cancelOnsiteBooking(db, c.get('ctx'), found.referral, baseUrl);
    return c.redirect(`/verwijzingen/${found.referral.id}/kennismaking?melding=afgezegd`, 303);
  });

  const renderFeed = async (c: AppContext, token?: string) => {
    const v = view(c);
    const t = v.t;
    const created = await feedCreatedAt(db, c.get('ctx').actor!.userId);
    const title = t({ nl: 'Korte Lijn in uw eigen agenda', en: 'Korte Lijn in your own calendar' });
    return c.html(
      <Page view={v} title={title}>
        <Heading1>{title}</Heading1>
        <Notice view={v} notice={token ? 'adres' : c.req.query('melding')} />
        <Paragraph>
          {t({
            nl: 'Abonneer u in uw agenda (Outlook, Google, Apple) op dit adres. U ziet dan de kennismakingen in praktijken die u houdt of plant, de bezoeken aan praktijken die u plande en de MDO’s waaraan u meedoet. Er staan geen gegevens van patiënten in. Houd het adres geheim: wie het heeft, ziet uw afspraken. Denkt u dat iemand anders het heeft? Maak een nieuw adres.',
            en: 'Subscribe to this address in your calendar (Outlook, Google, Apple). You then see the introductory meetings at practices that you hold or book, the practice visits you planned and the MDOs you take part in. It holds no patient data. Keep the address secret: whoever has it sees your appointments. Think someone else has it? Make a new address.',
          })}
        </Paragraph>
        {token ? (
          <p class="utrecht-paragraph">
            <code class="kl-secret" data-testid="feed-url">
              {`${baseUrl}${feedPath(token)}`}
            </code>
          </p>
        ) : created ? (
          <Paragraph>
            {fill(
              t({
                nl: 'U heeft een agenda-adres sinds {date}. Het adres wordt om veiligheidsredenen maar één keer getoond.',
                en: 'You have had a calendar address since {date}. For security it is shown only once.',
              }),
              {
                date: formatDateTime(created, v.lang),
              },
            )}
          </Paragraph>
        ) : null}
        <div class="kl-actions">
          <PostForm view={v} action="/agenda/adres" class="kl-inline-form">
            <Button>{created ? t({ nl: 'Nieuw adres maken', en: 'Make a new address' }) : t({ nl: 'Adres maken', en: 'Make an address' })}</Button>
          </PostForm>
          {created ? (
            <PostForm view={v} action="/agenda/intrekken" class="kl-inline-form">
              <Button variant="secondary">{t({ nl: 'Adres intrekken', en: 'Revoke the address' })}</Button>
            </PostForm>
          ) : null}
        </div>
      </Page>,
    );
  };

  app.get('/agenda', anyone, (c) => renderFeed(c));
  app.post('/agenda/adres', anyone, async (c) => renderFeed(c, await renewFeed(db, c.get('ctx'))));
  app.post('/agenda/intrekken', anyone, async (c) => {
    await revokeFeed(db, c.get('ctx'));
    return c.redirect('/agenda?melding=ingetrokken', 303);
  });

  // The secret in the address is the authorisation: agenda apps fetch without a session.
  app.get('/agenda/:file', async (c) => {
    const file = c.req.param('file');
    const feed = file.endsWith(FEED_SUFFIX) ? await calendarFeed(db, file.slice(0, -FEED_SUFFIX.length), baseUrl) : null;
    if (feed === null) throw notFound('calendar feed');
    c.header('Cache-Control', 'no-store');
    return c.body(feed, 200, { 'Content-Type': 'text/calendar; charset=utf-8' });
  });
}

function BookingPage(props: {
  view: ViewContext;
  referralId: string;
  reference: string;
  access: FoundReferral['access'];
  booking: Booking | null;
  slots: SlotChoice[];
  canBook: boolean;
  notice?: string | undefined;
  problem?: string | undefined;
}) {
  const { view } = props;
  const t = view.t;
  const title = fill(t({ nl: 'Kennismaking in de praktijk – {reference}', en: 'Meeting at the practice – {reference}' }), { reference: props.reference });
  const slotText = (s: { start: Date; end: Date }) => `${formatDateTime(s.start, view.lang)} – ${formatDateTime(s.end, view.lang).split(' ').pop()}`;
  return (
    <Page view={view} title={title}>
      <Heading1>{title}</Heading1>
      <Notice view={view} notice={props.notice} />
      {props.problem ? <Alert type="error">{props.problem}</Alert> : null}
      {props.booking ? (
        <>
          <Paragraph>
            <strong data-testid="booked-slot">{slotText(props.booking)}</strong>
            {fill(t({ nl: ', met {host}', en: ', with {host}' }), { host: props.booking.hostName })}
            {props.booking.room ? ` (${props.booking.room})` : ''}
          </Paragraph>
          <PostForm view={view} action={`/verwijzingen/${props.referralId}/kennismaking/afzeggen`} class="kl-inline-form">
            <Button variant="secondary">{t({ nl: 'Kennismaking afzeggen', en: 'Cancel the meeting' })}</Button>
          </PostForm>
        </>
      ) : !props.canBook ? (
        <Paragraph>
          {t({
            nl: 'Voor deze verwijzing is geen kennismaking in de praktijk te plannen: de vorm van overdracht is anders, of de verwijzing loopt niet meer.',
            en: 'No meeting at the practice can be booked for this referral: the form of hand-over is different, or the referral is no longer open.',
          })}
        </Paragraph>
      ) : props.access !== 'practice' ? (
        <Paragraph>{t({ nl: 'De praktijk heeft nog geen tijdstip gekozen.', en: 'The practice has not chosen a time yet.' })}</Paragraph>
      ) : props.slots.length === 0 ? (
        <Paragraph>
          {t({
            nl: 'Het team heeft de komende weken geen vrij spreekuur in uw praktijk. Het team neemt zelf contact op; u kunt ook de vaste contactpersoon bellen.',
            en: 'The team has no free on-site hours at your practice in the coming weeks. The team will make contact itself; you can also call the fixed contact.',
          })}
        </Paragraph>
      ) : (
        <PostForm view={view} action={`/verwijzingen/${props.referralId}/kennismaking`}>
          <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset kl-choices">
            <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
              {t({ nl: 'Kies een vrij tijdstip', en: 'Choose a free time' })}
            </legend>
            {props.slots.slice(0, 40).map((s, i) => {
              const id = `field-slot-${i}`;
              return (
                <div class="utrecht-form-field utrecht-form-field--radio kl-choice">
                  <div class="utrecht-form-field__input">
                    <input
                      class="utrecht-radio-button utrecht-radio-button--html-input"
                      type="radio"
                      id={id}
                      name="slot"
                      value={`${s.hoursId}|${s.start.toISOString()}`}
                      checked={i === 0}
                    />
                  </div>
                  <div class="utrecht-form-field__label">
                    <label class="utrecht-form-label utrecht-form-label--radio" for={id}>
                      {`${slotText(s)} · ${s.hostName}${s.room ? ` (${s.room})` : ''}`}
                    </label>
                  </div>
                </div>
              );
            })}
          </fieldset>
          <Button>{t({ nl: 'Dit tijdstip plannen', en: 'Book this time' })}</Button>
        </PostForm>
      )}
      <Paragraph>
        <Link href={`/verwijzingen/${props.referralId}`}>{t({ nl: 'Terug naar de verwijzing', en: 'Back to the referral' })}</Link>
      </Paragraph>
    </Page>
  );
}
