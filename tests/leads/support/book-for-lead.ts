import type { TestDatabase } from '../../support/test-database';
import type { Customer } from './customer-on-two-channels';

// A branch, a service, a resource and one confirmed appointment for the lead, as staff book it.
export async function bookForLead(test: TestDatabase, c: Customer, leadId: string): Promise<string> {
  await test.db.rpc('admin_save_branch', {
    p_tenant_slug: c.slug,
    p_fields: { name: 'Roma Norte', weekly_hours: { mon: [['09:00', '19:00']], tue: [['09:00', '19:00']] } },
  });
  await test.db.rpc('admin_save_service', {
    p_tenant_slug: c.slug,
    p_fields: { name: 'Limpieza', duration_minutes: 45, price_min: 800 },
  });
  await test.db.rpc('admin_save_resource', {
    p_tenant_slug: c.slug,
    p_fields: { branch: 'Roma Norte', name: 'Dra. Ruiz', services: ['Limpieza'] },
  });
  const slots = await test.db.rpc('admin_appointment_slots', {
    p_tenant_slug: c.slug,
    p_query: { service: 'Limpieza', days: 14, limit: 1 },
  });
  const slot = slots.slots[0]!;
  const service = await test.pool.query('select id from services where tenant_id = $1', [c.tenantId]);
  const booked = await test.db.rpc(
    'dashboard_book_appointment',
    {
      p_tenant_id: c.tenantId,
      p_booking: {
        lead_id: leadId,
        service_id: service.rows[0].id,
        branch_id: slot.branch_id,
        starts_at: slot.starts_at,
      },
    },
    { as: c.staff },
  );
  if (booked.outcome !== 'booked') throw new Error(`not booked: ${booked.outcome}`);
  return booked.appointment.id;
}
