import { CalendarTabs } from '@/src/dashboard/calendar/calendar-tabs';
import { type CalendarForms, CalendarView } from '@/src/dashboard/calendar/calendar-view';
import { loadCalendar, loadSlots } from '@/src/dashboard/calendar/load-calendar';
import { loadLeads } from '@/src/dashboard/leads/load-leads';
import { loadTenantPage } from '@/src/dashboard/load-tenant-page';
import { ui } from '@/src/ui/styles';
import { bookAppointmentAction, moveAppointmentAction, setAppointmentStatusAction } from './actions';

export const dynamic = 'force-dynamic';

export default async function CalendarPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenantSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { tenantSlug } = await params;
  const { db, staff, tenant, t } = await loadTenantPage(tenantSlug);
  const data = await loadCalendar(db, staff, tenant, await searchParams);
  const forms: CalendarForms = {};
  // Free slots from the day shown, never from the past.
  const from = [data.date, data.today].sort()[1] ?? data.today;
  if (data.branch && data.query.move) {
    const appointment = data.days.flatMap((day) => day.appointments).find((a) => a.id === data.query.move);
    if (appointment && (appointment.status === 'requested' || appointment.status === 'confirmed')) {
      const found = await loadSlots(db, staff, tenant, {
        serviceId: appointment.service_id,
        branchId: appointment.branch_id,
        from,
        excludeAppointmentId: appointment.id,
      });
      forms.move = { appointment, slots: found.slots };
    }
  }
  if (data.branch && data.query.book) {
    const { leads } = await loadLeads(db, staff, tenant, {});
    const serviceId = data.scheduling.services.find((s) => s.id === data.query.service)?.id;
    const slots = serviceId
      ? (
          await loadSlots(db, staff, tenant, {
            serviceId,
            branchId: data.branch.id,
            resourceId: data.resource?.id,
            from,
          })
        ).slots
      : [];
    forms.book = { serviceId, slots, leads, leadId: data.query.lead };
  }
  return (
    <div className="space-y-4">
      <h1 className={ui.h1}>{t.calendar.title}</h1>
      <CalendarTabs tenantSlug={tenant.slug} t={t} current="calendar" />
      <CalendarView
        data={data}
        forms={forms}
        tenant={tenant}
        t={t}
        actions={{
          setStatus: setAppointmentStatusAction,
          move: moveAppointmentAction,
          book: bookAppointmentAction,
        }}
      />
    </div>
  );
}
