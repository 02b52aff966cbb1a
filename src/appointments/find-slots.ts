import type { DbPort } from '@/src/db/rpc-port';
import { parseInput } from './parse-input';
import {
  type NamedSlotQuery,
  namedSlotQuerySchema,
  preferencesToSql,
  type SlotQuery,
  slotQuerySchema,
} from './slot-query';

// Free slots of a service, computed by SQL in each branch's time zone; each slot carries its
// instant (starts_at), its local wall-clock start and the resource that would hold it.

/** For a tenant's own flows (AI tools, offline responder), under the service role. */
export async function findSlots(db: DbPort, tenantId: string, input: SlotQuery) {
  const query = parseInput(slotQuerySchema, input, 'slot search');
  return db.rpc('appointment_slots', {
    p_tenant_id: tenantId,
    p_query: {
      service_id: query.serviceId,
      ...(query.branchId && { branch_id: query.branchId }),
      ...(query.resourceId && { resource_id: query.resourceId }),
      ...(query.excludeAppointmentId && { exclude_appointment_id: query.excludeAppointmentId }),
      ...preferencesToSql(query),
    },
  });
}

/** For the operator (CLI): the service, branch and resource by name. */
export async function findSlotsByName(db: DbPort, tenantSlug: string, input: NamedSlotQuery) {
  const query = parseInput(namedSlotQuerySchema, input, 'slot search');
  return db.rpc('admin_appointment_slots', {
    p_tenant_slug: tenantSlug,
    p_query: {
      service: query.service,
      ...(query.branch && { branch: query.branch }),
      ...(query.resource && { resource: query.resource }),
      ...preferencesToSql(query),
    },
  });
}
