import type { TestDatabase } from '../support/test-database';

// A business with one branch, services and resources, made through the operator functions the
// CLI and the seed use (names, tenant slug).

export type Scheduling = {
  tenantId: string;
  branchId: string;
  services: Record<string, string>;
  resources: Record<string, string>;
};

export async function createScheduling(
  test: TestDatabase,
  options: {
    slug: string;
    timezone: string;
    hours: Record<string, [string, string][]>;
    services: Array<{ name: string; minutes: number; buffer?: number }>;
    resources: Array<{
      name: string;
      services: string[];
      kind?: 'person' | 'chair' | 'table';
      capacity?: number;
      seats?: number;
    }>;
  },
): Promise<Scheduling> {
  const tenant = await test.db.rpc('admin_create_tenant', {
    p_slug: options.slug,
    p_name: `Negocio ${options.slug}`,
    p_timezone: options.timezone,
  });
  const branch = await test.db.rpc('admin_save_branch', {
    p_tenant_slug: options.slug,
    p_fields: { name: 'Centro', timezone: options.timezone, weekly_hours: options.hours },
  });
  const services: Record<string, string> = {};
  for (const service of options.services) {
    const saved = await test.db.rpc('admin_save_service', {
      p_tenant_slug: options.slug,
      p_fields: {
        name: service.name,
        duration_minutes: service.minutes,
        buffer_minutes: service.buffer ?? 0,
      },
    });
    services[service.name] = saved.id;
  }
  const resources: Record<string, string> = {};
  for (const resource of options.resources) {
    const saved = await test.db.rpc('admin_save_resource', {
      p_tenant_slug: options.slug,
      p_fields: {
        branch: 'Centro',
        name: resource.name,
        services: resource.services,
        kind: resource.kind ?? 'person',
        capacity: resource.capacity ?? 1,
        ...(resource.seats ? { seats: resource.seats } : {}),
      },
    });
    resources[resource.name] = saved.id;
  }
  return { tenantId: tenant.id, branchId: branch.id, services, resources };
}

export function everyDay(from: string, to: string): Record<string, [string, string][]> {
  return Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [[from, to]] as [string, string][]]),
  );
}

/** A lead of the tenant (the way a first message makes one). */
export async function createLead(test: TestDatabase, tenantId: string, name: string): Promise<string> {
  const { rows } = await test.pool.query(
    "insert into public.leads (tenant_id, name, origin_channel) values ($1, $2, 'whatsapp') returning id",
    [tenantId, name],
  );
  return rows[0].id;
}
