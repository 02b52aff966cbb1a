import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInbox } from '@/src/dashboard/inbox/load-inbox';
import { loadLeads } from '@/src/dashboard/leads/load-leads';
import { resolveTenant, type TenantContext } from '@/src/dashboard/tenants/resolve-tenant';
import type { StaffIdentity } from '@/src/db/rpc-port';
import { seedInbox } from '../dashboard/seed-inbox';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Search of the inbox and the leads list against the real migrations: Spanish words without
// accents or case, names by trigram, phones by any run of their digits, never another tenant's.

let test: TestDatabase;
let a: { staff: StaffIdentity; tenant: TenantContext; tenantId: string };
let b: { staff: StaffIdentity; tenant: TenantContext; tenantId: string };
const ids: Record<string, { leadId: string; conversationId: string }> = {};

async function member(slug: string) {
  const created = await createTenantWithStaff(test, slug);
  return { ...created, tenant: await resolveTenant(test.db, created.staff, slug) };
}

beforeAll(async () => {
  test = await createTestDatabase();
  a = await member('clinica-a');
  b = await member('clinica-b');
  ids.limpieza = await seedInbox(test, a.tenantId, {
    name: 'Carla Núñez',
    text: '¿Cuánto cuesta la LIMPIEZA?',
  });
  ids.maria = await seedInbox(test, a.tenantId, { name: 'María José Pérez', text: 'Hola, buenas tardes' });
  ids.josefina = await seedInbox(test, a.tenantId, { name: 'Josefina Ramírez', text: 'Buen día' });
  ids.phone = await seedInbox(test, a.tenantId, {
    name: 'Sin nombre claro',
    text: 'Quiero una cita',
    channel: 'instagram',
  });
  await test.pool.query(
    `update leads set phone = '+52 (55) 1234-5678', email = 'cliente@correo.mx' where id = $1`,
    [ids.phone!.leadId],
  );
  ids.other = await seedInbox(test, b.tenantId, { name: 'Carla Otra', text: 'La limpieza dental, ¿cuánto?' });
  await test.pool.query(`update leads set phone = '+52 (55) 1234-5678' where id = $1`, [ids.other!.leadId]);
});
afterAll(() => test.drop());

const inbox = async (who: typeof a, q: string) =>
  (await loadInbox(test.db, who.staff, who.tenant, { status: 'all', q })).items.map((item) => item.id);
const leads = async (who: typeof a, q: string) =>
  (await loadLeads(test.db, who.staff, who.tenant, { q })).leads.map((lead) => lead.id);

describe('search', () => {
  it('finds "¿Cuánto cuesta la LIMPIEZA?" by "limpieza", whatever the accents and case', async () => {
    for (const q of ['limpieza', 'LIMPIEZA', 'limpiéza', 'cuanto cuesta', 'CUÁNTO', 'limpiezas', 'limp']) {
      expect(await inbox(a, q), q).toEqual([ids.limpieza!.conversationId]);
    }
    const page = await loadInbox(test.db, a.staff, a.tenant, { status: 'all', q: 'limpieza' });
    expect(page.items[0]!.match_text).toBe('¿Cuánto cuesta la LIMPIEZA?');
    expect(await leads(a, 'limpieza')).toEqual([ids.limpieza!.leadId]);
  });

  it('finds names without accents, in part, and with a typo (trigram)', async () => {
    expect(await inbox(a, 'maria jose')).toEqual([ids.maria!.conversationId]);
    expect(await inbox(a, 'PEREZ')).toEqual([ids.maria!.conversationId]);
    expect(await leads(a, 'nunez')).toEqual([ids.limpieza!.leadId]);
    expect(await leads(a, 'Josefna')).toEqual([ids.josefina!.leadId]);
  });

  it('finds phones by part of their digits, however they were written', async () => {
    for (const q of ['1234', '1234-5678', '55 1234 5678', '+525512345678'.slice(3)]) {
      expect(await leads(a, q), q).toEqual([ids.phone!.leadId]);
    }
    expect(await inbox(a, '12345678')).toEqual([ids.phone!.conversationId]);
    expect(await leads(a, 'correo.mx')).toEqual([ids.phone!.leadId]);
    expect(await leads(a, 'ext-María')).toEqual([ids.maria!.leadId]);
  });

  it('tenant B never sees tenant A hits, and the other way round', async () => {
    expect(await inbox(b, 'limpieza')).toEqual([ids.other!.conversationId]);
    expect(await leads(b, 'maria')).toEqual([]);
    expect(await leads(b, '1234')).toEqual([ids.other!.leadId]);
    expect(await inbox(a, 'dental')).toEqual([]);
    expect(await leads(a, 'otra')).toEqual([]);
  });

  it('treats what is typed as words, never as query syntax', async () => {
    for (const q of ["limpieza' | !", '%', '_', '\\', '&:*', '(((', 'la', '¿?']) {
      const found = await inbox(a, q);
      expect(Array.isArray(found), q).toBe(true);
    }
    expect(await inbox(a, '%')).toEqual([]);
    expect(await inbox(a, 'limpieza & cita')).toEqual([]);
  });

  it('combines the search with filters: channel, score, date range', async () => {
    const filtered = async (filter: Record<string, string>) =>
      (await loadInbox(test.db, a.staff, a.tenant, { status: 'all', ...filter })).items.map((i) => i.id);
    expect(await filtered({ q: 'cita', channel: 'whatsapp' })).toEqual([]);
    expect(await filtered({ q: 'cita', channel: 'instagram' })).toEqual([ids.phone!.conversationId]);
    expect(await filtered({ q: 'limpieza', score: 'cold' })).toEqual([]);
    expect(await filtered({ q: 'limpieza', score: 'hot' })).toEqual([ids.limpieza!.conversationId]);
    expect(await filtered({ q: 'limpieza', from: '2000-01-01', to: '2000-01-02' })).toEqual([]);
    expect(await filtered({ q: 'limpieza', from: '2000-01-01' })).toEqual([ids.limpieza!.conversationId]);
    const leadsIn2000 = await loadLeads(test.db, a.staff, a.tenant, { to: '2000-01-02' });
    expect(leadsIn2000.leads).toEqual([]);
  });
});
