import Link from 'next/link';
import type { Messages } from '@/src/i18n/messages-es';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { SelectField } from '@/src/ui/select-field';
import { ui } from '@/src/ui/styles';
import { TextField } from '@/src/ui/text-field';
import type { TenantContext } from '../tenants/resolve-tenant';
import { AppointmentCard } from './appointment-card';
import { addDays, formatDayTitle, formatLocalStart } from './calendar-days';
import { calendarHref } from './calendar-href';
import type { CalendarAppointment, CalendarData, CalendarSlot } from './load-calendar';

type Action = (state: ActionState, data: FormData) => Promise<ActionState>;

export type CalendarForms = {
  move?: { appointment: CalendarAppointment; slots: CalendarSlot[] };
  book?: {
    serviceId?: string;
    slots: CalendarSlot[];
    leads: Array<{ id: string; name: string | null }>;
    leadId?: string;
  };
};

function slotOptions(slots: CalendarSlot[], locale: string) {
  return slots.map((slot) => ({
    value: `${slot.starts_at}|${slot.resource_id}`,
    label: `${formatLocalStart(slot.local_start, locale)} · ${slot.resource_name}`,
  }));
}

// The calendar: a branch (and optionally one resource), a day or a week as one list per day in
// the branch's time zone, and the forms to move an appointment or book a new one. Server
// rendered; the filters are a plain GET form, so it works without JavaScript and on a phone.
export function CalendarView({
  data,
  forms,
  tenant,
  t,
  actions,
}: {
  data: CalendarData;
  forms: CalendarForms;
  tenant: TenantContext;
  t: Messages;
  actions: { setStatus: Action; move: Action; book: Action };
}) {
  const c = t.calendar;
  const { branch, resource, query, date, today } = data;
  const step = query.view === 'day' ? 1 : 7;
  const current = {
    view: query.view,
    date,
    branch: branch?.id,
    resource: resource?.id,
  };
  const href = (change: Record<string, string | undefined>) => calendarHref(tenant.slug, current, change);
  if (!branch) return <p className={ui.muted}>{c.noBranches}</p>;
  const branchResources = data.scheduling.resources.filter((r) => r.branch_id === branch.id && r.active);
  const services = data.scheduling.services.filter((s) => s.active && s.branch_ids.includes(branch.id));
  return (
    <div className="space-y-4">
      <form method="get" action={`/t/${tenant.slug}/calendar`} aria-label={c.show} className={ui.card}>
        <div className="grid grid-cols-2 items-end gap-3 lg:grid-cols-5">
          <SelectField
            id="calendar-branch"
            name="branch"
            label={c.branch}
            defaultValue={branch.id}
            options={data.scheduling.branches.map((b) => ({ value: b.id, label: b.name }))}
          />
          <SelectField
            id="calendar-resource"
            name="resource"
            label={c.resource}
            defaultValue={resource?.id ?? ''}
            options={[
              { value: '', label: c.allResources },
              ...branchResources.map((r) => ({ value: r.id, label: r.name })),
            ]}
          />
          <SelectField
            id="calendar-view"
            name="view"
            label={c.view}
            defaultValue={query.view}
            options={[
              { value: 'week', label: c.week },
              { value: 'day', label: c.day },
            ]}
          />
          <TextField id="calendar-date" name="date" type="date" label={c.date} defaultValue={date} />
          <div>
            <button type="submit" className={`${ui.button} w-full`}>
              {c.show}
            </button>
          </div>
        </div>
      </form>

      <div className="flex flex-wrap items-center justify-between gap-2">
        <nav aria-label={c.view} className="flex flex-wrap gap-2">
          <Link href={href({ date: addDays(date, -step) })} className={`${ui.buttonSecondary} px-3 py-1.5`}>
            ← {c.previous}
          </Link>
          <Link href={href({ date: today })} className={`${ui.buttonSecondary} px-3 py-1.5`}>
            {c.today}
          </Link>
          <Link href={href({ date: addDays(date, step) })} className={`${ui.buttonSecondary} px-3 py-1.5`}>
            {c.next} →
          </Link>
        </nav>
        <Link href={href({ book: '1' })} className={`${ui.button} px-3 py-1.5`}>
          + {c.bookOpen}
        </Link>
      </div>
      <p className={ui.muted}>{c.timezoneNote(branch.timezone.replaceAll('_', ' '))}</p>

      {forms.move && (
        <MoveForm
          move={forms.move}
          tenant={tenant}
          t={t}
          action={actions.move}
          closeHref={href({})}
          current={current}
        />
      )}
      {query.book && forms.book && (
        <BookForm
          book={forms.book}
          services={services}
          tenant={tenant}
          t={t}
          action={actions.book}
          closeHref={href({})}
          current={current}
        />
      )}

      <div className="space-y-4">
        {data.days.map((day) => (
          <section
            key={day.date}
            aria-labelledby={`day-${day.date}`}
            className="rounded-xl border border-slate-200 bg-slate-50 px-3 py-2 sm:px-4 sm:py-3"
            data-testid="calendar-day"
          >
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <h2 id={`day-${day.date}`} className="text-base font-semibold text-slate-900">
                {formatDayTitle(day.date, t.locale)}
                {day.date === today && (
                  <span className="ml-2 text-sm font-normal text-teal-800">({c.today})</span>
                )}
              </h2>
              <span className="text-sm text-slate-600">
                {day.appointments.length === 0 ? c.noAppointments : c.appointmentsOf(day.appointments.length)}
              </span>
            </div>
            {day.appointments.length === 0 ? null : (
              <ol className="mt-2 grid gap-2 md:grid-cols-2">
                {day.appointments.map((appointment) => (
                  <AppointmentCard
                    key={appointment.id}
                    appointment={appointment}
                    tenantSlug={tenant.slug}
                    t={t}
                    locale={t.locale}
                    setStatus={actions.setStatus}
                    moveHref={`${href({ move: appointment.id })}#move-form`}
                    reminders={data.reminders[appointment.id]}
                  />
                ))}
              </ol>
            )}
          </section>
        ))}
      </div>
    </div>
  );
}

function MoveForm({
  move,
  tenant,
  t,
  action,
  closeHref,
  current,
}: {
  move: NonNullable<CalendarForms['move']>;
  tenant: TenantContext;
  t: Messages;
  action: Action;
  closeHref: string;
  current: Record<string, string | undefined>;
}) {
  const c = t.calendar;
  const a = move.appointment;
  const what = `${a.lead_name ?? c.unnamedLead} (${a.service_name}, ${formatLocalStart(a.local_start, t.locale)})`;
  return (
    <section id="move-form" aria-labelledby="move-title" className={ui.card}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="move-title" className={ui.h2}>
          {c.moveTitle}
        </h2>
        <Link href={closeHref} className={ui.link}>
          {c.closeForm}
        </Link>
      </div>
      <p className={`mt-1 ${ui.muted}`}>{c.moveHelp(what)}</p>
      <form method="get" action={`/t/${tenant.slug}/calendar`} className="mt-3">
        <div className="flex flex-wrap items-end gap-2">
          {Object.entries({ ...current, move: a.id })
            .filter(([key]) => key !== 'date')
            .map(([key, value]) => value && <input key={key} type="hidden" name={key} value={value} />)}
          <TextField id="move-date" name="date" type="date" label={c.date} defaultValue={current.date} />
          <button type="submit" className={ui.buttonSecondary}>
            {c.searchSlots}
          </button>
        </div>
      </form>
      {move.slots.length === 0 ? (
        <p className={`mt-3 ${ui.muted}`}>{c.noSlots}</p>
      ) : (
        <ActionForm action={action} label={c.moveTitle} className="mt-3">
          <div className="space-y-3">
            <input type="hidden" name="tenantSlug" value={tenant.slug} />
            <input type="hidden" name="appointmentId" value={a.id} />
            <SelectField
              id="move-slot"
              name="slot"
              label={c.newSlot}
              defaultValue=""
              options={[{ value: '', label: '—' }, ...slotOptions(move.slots, t.locale)]}
            />
            <button type="submit" className={ui.button}>
              {c.moveSubmit}
            </button>
          </div>
        </ActionForm>
      )}
    </section>
  );
}

function BookForm({
  book,
  services,
  tenant,
  t,
  action,
  closeHref,
  current,
}: {
  book: NonNullable<CalendarForms['book']>;
  services: CalendarData['scheduling']['services'];
  tenant: TenantContext;
  t: Messages;
  action: Action;
  closeHref: string;
  current: Record<string, string | undefined>;
}) {
  const c = t.calendar;
  return (
    <section id="book-form" aria-labelledby="book-title" className={ui.card}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="book-title" className={ui.h2}>
          {c.bookTitle}
        </h2>
        <Link href={closeHref} className={ui.link}>
          {c.closeForm}
        </Link>
      </div>
      <p className={`mt-1 ${ui.muted}`}>{c.bookHelp}</p>
      {book.leads.length === 0 ? (
        <p className={`mt-3 ${ui.muted}`}>{c.noLeads}</p>
      ) : (
        <>
          <form method="get" action={`/t/${tenant.slug}/calendar`} className="mt-3">
            <div className="grid gap-3 sm:grid-cols-3 sm:items-end">
              {Object.entries({ ...current, book: '1', lead: book.leadId })
                .filter(([key]) => key !== 'date')
                .map(([key, value]) => value && <input key={key} type="hidden" name={key} value={value} />)}
              <SelectField
                id="book-service"
                name="service"
                label={c.service}
                defaultValue={book.serviceId ?? ''}
                options={[
                  { value: '', label: '—' },
                  ...services.map((s) => ({ value: s.id, label: `${s.name} (${s.duration_minutes} min)` })),
                ]}
              />
              <TextField id="book-date" name="date" type="date" label={c.date} defaultValue={current.date} />
              <div>
                <button type="submit" className={`${ui.buttonSecondary} w-full`}>
                  {c.searchSlots}
                </button>
              </div>
            </div>
          </form>
          {book.serviceId &&
            (book.slots.length === 0 ? (
              <p className={`mt-3 ${ui.muted}`}>{c.noSlots}</p>
            ) : (
              <ActionForm action={action} label={c.bookTitle} className="mt-4">
                <div className="grid gap-3 sm:grid-cols-2">
                  <input type="hidden" name="tenantSlug" value={tenant.slug} />
                  <input type="hidden" name="serviceId" value={book.serviceId} />
                  <SelectField
                    id="book-lead"
                    name="leadId"
                    label={c.lead}
                    defaultValue={book.leadId ?? ''}
                    options={[
                      { value: '', label: '—' },
                      ...book.leads.map((lead) => ({ value: lead.id, label: lead.name ?? c.unnamedLead })),
                    ]}
                  />
                  <SelectField
                    id="book-slot"
                    name="slot"
                    label={c.slot}
                    defaultValue=""
                    options={[{ value: '', label: '—' }, ...slotOptions(book.slots, t.locale)]}
                  />
                  <TextField
                    id="book-notes"
                    name="notes"
                    label={c.notes}
                    maxLength={1000}
                    className="sm:col-span-2"
                  />
                  <div>
                    <button type="submit" className={ui.button}>
                      {c.bookSubmit}
                    </button>
                  </div>
                </div>
              </ActionForm>
            ))}
        </>
      )}
    </section>
  );
}
