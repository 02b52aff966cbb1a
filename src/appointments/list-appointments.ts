import { z } from 'zod';
import type { DbPort } from '@/src/db/rpc-port';
import { parseInput } from './parse-input';

// Appointments by start time. A lead sees its own from 30 days ago on; the operator lists a
// tenant's from a moment (default now) on.

const statuses = z.enum(['requested', 'confirmed', 'cancelled', 'completed', 'no_show']);

export async function listLeadAppointments(db: DbPort, tenantId: string, leadId: string) {
  return db.rpc('appointment_list_for_lead', {
    p_tenant_id: tenantId,
    p_lead_id: parseInput(z.uuid(), leadId, 'lead id'),
  });
}

const operatorListSchema = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    branch: z.string().trim().min(1).max(200).optional(),
    resource: z.string().trim().min(1).max(200).optional(),
    statuses: z.array(statuses).max(5).optional(),
    limit: z.number().int().min(1).max(500).optional(),
  })
  .strict();
export type OperatorListQuery = z.infer<typeof operatorListSchema>;

export async function listAppointments(db: DbPort, tenantSlug: string, input: OperatorListQuery = {}) {
  const query = parseInput(operatorListSchema, input, 'appointment list');
  return db.rpc('admin_appointments', { p_tenant_slug: tenantSlug, p_query: query });
}
