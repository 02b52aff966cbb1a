import { createApiKey } from '@/src/api/api-key';
import { addDays, todayIn } from '@/src/dashboard/calendar/calendar-days';
import { createScheduling, everyDay } from '../appointments/scheduling-fixture';
import { type SeededInbox, seedInbox } from '../dashboard/seed-inbox';
import { staffIdentity } from '../support/staff';
import type { TestDatabase } from '../support/test-database';

// Two businesses with an inbox, a calendar and a tag each, and keys: business A's write, read and
// revoked keys, business B's write key. Made through the operator functions and the pool.

export type ApiBusiness = {
  tenantId: string;
  inbox: SeededInbox;
  serviceId: string;
  branchId: string;
  tagId: string;
  day: string;
};

export type ApiFixture = {
  a: ApiBusiness;
  b: ApiBusiness;
  keys: { write: string; read: string; revoked: string; other: string };
};

export async function makeApiKey(
  test: TestDatabase,
  tenantId: string,
  scope: 'read' | 'write',
  rateLimit: number | null = null,
) {
  const made = createApiKey();
  const saved = await test.db.rpc('admin_create_api_key', {
    p_tenant_id: tenantId,
    p_name: `clave ${scope}`,
    p_scope: scope,
    p_key_hash: made.keyHash,
    p_prefix: made.prefix,
    p_rate_limit: rateLimit,
  });
  return { key: made.key, id: saved.id };
}

async function business(test: TestDatabase, slug: string, name: string): Promise<ApiBusiness> {
  const zone = 'America/Mexico_City';
  const scheduling = await createScheduling(test, {
    slug,
    timezone: zone,
    hours: everyDay('09:00', '19:00'),
    services: [{ name: 'Limpieza', minutes: 45 }],
    resources: [{ name: 'Dra. Ruiz', services: ['Limpieza'] }],
  });
  const member = await test.db.rpc('admin_seed_staff_member', {
    p_tenant_slug: slug,
    p_email: `owner@${slug}.example`,
    p_role: 'owner',
  });
  const tag = await test.db.rpc(
    'dashboard_save_tag',
    { p_tenant_id: scheduling.tenantId, p_tag_id: null, p_name: 'VIP', p_color: 'blue' },
    { as: staffIdentity(member.user_id) },
  );
  return {
    tenantId: scheduling.tenantId,
    inbox: await seedInbox(test, scheduling.tenantId, { name, text: `Hola, soy ${name} y quiero una cita` }),
    serviceId: scheduling.services.Limpieza!,
    branchId: scheduling.branchId,
    tagId: tag.id,
    day: addDays(todayIn(zone), 2),
  };
}

export async function createApiFixture(test: TestDatabase): Promise<ApiFixture> {
  const a = await business(test, 'api-a', 'Ana');
  const b = await business(test, 'api-b', 'Beto');
  const revoked = await makeApiKey(test, a.tenantId, 'write');
  await test.db.rpc('admin_revoke_api_key', { p_tenant_id: a.tenantId, p_key_id: revoked.id });
  return {
    a,
    b,
    keys: {
      write: (await makeApiKey(test, a.tenantId, 'write')).key,
      read: (await makeApiKey(test, a.tenantId, 'read')).key,
      revoked: revoked.key,
      other: (await makeApiKey(test, b.tenantId, 'write')).key,
    },
  };
}
