import Link from 'next/link';
import type { Messages } from '@/src/i18n/messages-es';
import { Badge } from '@/src/ui/badge';
import { formatTime } from '@/src/ui/format-date';
import { ui } from '@/src/ui/styles';
import type { TenantContext } from '../tenants/resolve-tenant';
import { statusTone } from './appointment-card';
import { formatLocalStart } from './calendar-days';
import { calendarHref } from './calendar-href';
import type { CalendarAppointment } from './load-calendar';

// A lead's appointments, in a card beside the conversation and on the lead's page: when (in
// the branch's zone), what, with whom, status, and the calendar one click away.
export function LeadAppointments({
  appointments,
  leadId,
  tenant,
  t,
  headingLevel = 'h2',
}: {
  appointments: CalendarAppointment[];
  leadId: string;
  tenant: TenantContext;
  t: Messages;
  headingLevel?: 'h2' | 'h3';
}) {
  const c = t.calendar;
  const Heading = headingLevel;
  return (
    <section aria-labelledby="lead-appointments-title" className={ui.card} data-testid="lead-appointments">
      <Heading id="lead-appointments-title" className="text-sm font-semibold text-slate-900">
        {c.leadAppointments}
      </Heading>
      {appointments.length === 0 ? (
        <p className={`mt-2 ${ui.muted}`}>{c.noLeadAppointments}</p>
      ) : (
        <ul className="mt-2 space-y-2 text-sm">
          {appointments.map((a) => (
            <li key={a.id} className="rounded-lg bg-slate-50 p-2">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium text-slate-900">
                  {formatLocalStart(a.local_start, t.locale)}–{formatTime(a.ends_at, t.locale, a.timezone)}
                </span>
                <Badge tone={statusTone[a.status]}>{c.statuses[a.status] ?? a.status}</Badge>
              </div>
              <p className="mt-1 text-slate-800">
                {a.service_name} · {c.with} {a.resource_name} · {a.branch_name}
              </p>
              <Link
                href={calendarHref(tenant.slug, {
                  view: 'day',
                  date: a.local_start.slice(0, 10),
                  branch: a.branch_id,
                })}
                className={`mt-1 inline-block ${ui.link}`}
              >
                {c.seeCalendar}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <Link
        href={calendarHref(tenant.slug, { book: '1', lead: leadId })}
        className={`mt-3 inline-block text-sm ${ui.link}`}
      >
        + {c.bookOpen}
      </Link>
    </section>
  );
}
