import type { DbPort } from '@/src/db/rpc-port';
import { parseInput } from './parse-input';
import {
  type BranchInput,
  branchInputSchema,
  type ResourceInput,
  resourceInputSchema,
  type ServiceInput,
  serviceInputSchema,
} from './scheduling-inputs';

// The operator's writes of the catalog (CLI, demo seed): by tenant slug and names, each an
// upsert by name, so running them again changes what they name and nothing else.

export async function saveBranch(db: DbPort, tenantSlug: string, input: BranchInput) {
  const branch = parseInput(branchInputSchema, input, 'branch');
  return db.rpc('admin_save_branch', {
    p_tenant_slug: tenantSlug,
    p_fields: {
      name: branch.name,
      ...(branch.timezone && { timezone: branch.timezone }),
      ...(branch.weeklyHours && { weekly_hours: branch.weeklyHours }),
      ...(branch.address !== undefined && { address: branch.address }),
      ...(branch.mapsUrl !== undefined && { maps_url: branch.mapsUrl }),
      ...(branch.phone !== undefined && { phone: branch.phone }),
    },
  });
}

export async function saveService(db: DbPort, tenantSlug: string, input: ServiceInput) {
  const service = parseInput(serviceInputSchema, input, 'service');
  return db.rpc('admin_save_service', {
    p_tenant_slug: tenantSlug,
    p_fields: {
      name: service.name,
      duration_minutes: service.minutes,
      ...(service.bufferMinutes !== undefined && { buffer_minutes: service.bufferMinutes }),
      ...(service.price !== undefined && {
        price_min: service.price,
        price_max: service.priceMax ?? service.price,
      }),
      ...(service.currency && { currency: service.currency }),
      ...(service.description !== undefined && { description: service.description }),
      ...(service.branches && { branches: service.branches }),
    },
  });
}

export async function saveResource(db: DbPort, tenantSlug: string, input: ResourceInput) {
  const resource = parseInput(resourceInputSchema, input, 'resource');
  return db.rpc('admin_save_resource', {
    p_tenant_slug: tenantSlug,
    p_fields: {
      branch: resource.branch,
      name: resource.name,
      services: resource.services,
      ...(resource.kind && { kind: resource.kind }),
      ...(resource.capacity !== undefined && { capacity: resource.capacity }),
      ...(resource.seats !== undefined && { seats: resource.seats }),
      ...(resource.weeklyHours && { weekly_hours: resource.weeklyHours }),
    },
  });
}
