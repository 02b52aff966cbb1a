import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAiSettings } from '@/src/dashboard/ai/load-ai-settings';
import { saveAiSettings } from '@/src/dashboard/ai/save-ai-settings';
import { appErrorCode } from '@/src/dashboard/app-error-code';
import { loadChannels } from '@/src/dashboard/channels/load-channels';
import { saveChannel, setChannelEnabled } from '@/src/dashboard/channels/save-channel';
import {
  canAdminister,
  listMyTenants,
  resolveTenant,
  type TenantContext,
} from '@/src/dashboard/tenants/resolve-tenant';
import type { StaffIdentity } from '@/src/db/rpc-port';
import { getEnv } from '@/src/env';
import { createTenantWithStaff, staffIdentity } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// One person on the staff of two tenants with different roles (owner of A, agent of B), and a
// third tenant C they do not belong to. What the tenant picker lists, what the URL's slug
// resolves to, and what each role may read and change — through the same functions the pages
// and server actions call, against the real database.

let test: TestDatabase;
let a: Awaited<ReturnType<typeof createTenantWithStaff>>;
let b: Awaited<ReturnType<typeof createTenantWithStaff>>;
let c: Awaited<ReturnType<typeof createTenantWithStaff>>;
/** Owner of A, agent of B, nothing in C. */
let person: StaffIdentity;
let tenantA: TenantContext;
let tenantB: TenantContext;
const key = () => getEnv().ENCRYPTION_KEY!;

const whatsappForm = (phoneNumberId: string, secret: string) => ({
  channel: 'whatsapp',
  mode: 'sandbox',
  aiEnabled: 'on',
  phoneNumberId,
  businessAccountId: `${phoneNumberId}9`,
  displayPhoneNumber: '',
  accessToken: `EAAG-${secret}-token-long-enough`,
  webhookSecret: `${secret}-meta-app-secret`,
});

const aiForm = (prompt: string) => ({
  system_prompt: prompt,
  response_style: 'breve',
  model: '',
  max_tokens: '600',
  fallback_message: `Respuesta de respaldo: ${prompt}`,
  escalation_keywords: 'urgencia',
  auto_escalate_after_messages: '',
  'hours.timezone': 'America/Mexico_City',
  'hours.mon': '9:00-18:00',
  'faq.0.question': '¿Dónde están?',
  'faq.0.answer': `${prompt} — dirección`,
});

async function refusal(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
}

beforeAll(async () => {
  test = await createTestDatabase();
  a = await createTenantWithStaff(test, 'pick-a', 'owner');
  b = await createTenantWithStaff(test, 'pick-b', 'owner');
  c = await createTenantWithStaff(test, 'pick-c', 'owner');
  // The operator adds A's owner to B as an agent: the same auth user, a second membership.
  const second = await test.db.rpc('admin_seed_staff_member', {
    p_tenant_slug: 'pick-b',
    p_email: 'owner@pick-a.example',
    p_role: 'agent',
  });
  expect(second.user_id).toBe(a.userId);
  person = staffIdentity(a.userId, 'owner@pick-a.example');
  tenantA = await resolveTenant(test.db, person, 'pick-a');
  tenantB = await resolveTenant(test.db, person, 'pick-b');
});
afterAll(() => test.drop());

describe('tenant picker', () => {
  it('lists exactly the two tenants the person belongs to, each with its own role, and never C', async () => {
    const mine = await listMyTenants(test.db, person);
    expect(mine).toEqual([
      { id: a.tenantId, slug: 'pick-a', name: 'Tenant pick-a', role: 'owner' },
      { id: b.tenantId, slug: 'pick-b', name: 'Tenant pick-b', role: 'agent' },
    ]);
    expect(JSON.stringify(mine)).not.toContain(c.tenantId);
    expect(JSON.stringify(mine)).not.toContain('pick-c');
    // The others see only their own tenant (the picker then sends them straight to it).
    expect((await listMyTenants(test.db, b.staff)).map((t) => [t.slug, t.role])).toEqual([
      ['pick-b', 'owner'],
    ]);
    expect((await listMyTenants(test.db, c.staff)).map((t) => [t.slug, t.role])).toEqual([
      ['pick-c', 'owner'],
    ]);
    // Someone signed in who belongs nowhere gets an empty list, not everybody's tenants.
    const nobody = await test.pool.query(
      "insert into auth.users (email) values ('nobody@x.example') returning id",
    );
    expect(await listMyTenants(test.db, staffIdentity(nobody.rows[0].id))).toEqual([]);
  });

  it('resolves A and B by slug with the role the person has in each', () => {
    expect(tenantA).toMatchObject({ id: a.tenantId, slug: 'pick-a', role: 'owner' });
    expect(tenantB).toMatchObject({ id: b.tenantId, slug: 'pick-b', role: 'agent' });
    expect(tenantA.timezone).toEqual(expect.any(String));
    expect(tenantA.locale).toEqual(expect.any(String));
    expect(canAdminister(tenantA)).toBe(true);
    expect(canAdminister(tenantB)).toBe(false);
  });

  it('refuses C (exists, not a member) exactly like a slug that does not exist', async () => {
    const existing = await refusal(resolveTenant(test.db, person, 'pick-c'));
    const missing = await refusal(resolveTenant(test.db, person, 'pick-zz'));
    // loadTenantPage turns 'not_found' into the 404 page; both must take that path.
    expect(appErrorCode(existing)).toBe('not_found');
    expect(appErrorCode(missing)).toBe('not_found');
    const shape = (error: unknown) => {
      const e = error as { name: string; code: string; message: string; status: number; details?: unknown };
      return { name: e.name, code: e.code, message: e.message, status: e.status, details: e.details };
    };
    expect(shape(existing)).toEqual(shape(missing));
    expect((existing as Error).message).not.toContain('pick-c');
    // A malformed slug never reaches SQL and looks the same too.
    expect(appErrorCode(await refusal(resolveTenant(test.db, person, 'Pick C!')))).toBe('not_found');
    // C's own owner does resolve it: the refusal above is about membership, not existence.
    expect(await resolveTenant(test.db, c.staff, 'pick-c')).toMatchObject({ id: c.tenantId, role: 'owner' });
  });
});

describe('one person, two roles', () => {
  it('as owner of A may connect and read channels; as agent of B may not, even with a forged role', async () => {
    const card = await saveChannel(test.db, person, tenantA, key(), whatsappForm('4100001', 'only-a'));
    expect(card).toMatchObject({ channel: 'whatsapp', mode: 'sandbox', access_token: '••••ough' });
    expect((await loadChannels(test.db, person, tenantA)).connections.map((x) => x.channel)).toEqual([
      'whatsapp',
    ]);

    const forgedOwner: TenantContext = { ...tenantB, role: 'owner' };
    for (const asB of [tenantB, forgedOwner]) {
      await expect(loadChannels(test.db, person, asB)).rejects.toMatchObject({ code: 'forbidden' });
      await expect(
        saveChannel(test.db, person, asB, key(), whatsappForm('4100002', 'into-b')),
      ).rejects.toMatchObject({ code: 'forbidden' });
      await expect(
        setChannelEnabled(test.db, person, asB, { channel: 'whatsapp', enabled: 'off' }),
      ).rejects.toMatchObject({ code: 'forbidden' });
    }
    const inB = await test.pool.query(
      'select count(*)::int as n from channel_connections where tenant_id = $1',
      [b.tenantId],
    );
    expect(inB.rows[0].n).toBe(0);
  });

  it('as owner of A may change the AI settings; as agent of B may read them but not change them', async () => {
    await saveAiSettings(test.db, person, tenantA, aiForm('Solo para A'));
    const beforeB = await loadAiSettings(test.db, person, tenantB);
    await expect(
      saveAiSettings(test.db, person, tenantB, aiForm('Escrito por el agente')),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      saveAiSettings(test.db, person, { ...tenantB, role: 'owner' }, aiForm('Escrito por el agente')),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(await loadAiSettings(test.db, person, tenantB)).toEqual(beforeB);
  });

  it('what was written while acting in A never shows up in B', async () => {
    const aiA = await loadAiSettings(test.db, person, tenantA);
    expect(aiA.system_prompt).toBe('Solo para A');
    const aiB = await loadAiSettings(test.db, person, tenantB);
    expect(JSON.stringify(aiB)).not.toContain('Solo para A');
    // B's own owner sees B's channels page without A's connection...
    const channelsB = await loadChannels(test.db, b.staff, tenantB);
    expect(channelsB.connections).toEqual([]);
    // ...and what B's owner then connects stays in B: A still has only its own.
    await saveChannel(test.db, b.staff, tenantB, key(), whatsappForm('4200001', 'only-b'));
    const channelsA = await loadChannels(test.db, person, tenantA);
    expect(channelsA.connections.map((x) => x.phone_number_id)).toEqual(['4100001']);
    expect((await loadChannels(test.db, b.staff, tenantB)).connections.map((x) => x.phone_number_id)).toEqual(
      ['4200001'],
    );
    // Nor does C (whose owner reads its own AI settings) see anything of A.
    const tenantC = await resolveTenant(test.db, c.staff, 'pick-c');
    expect(JSON.stringify(await loadAiSettings(test.db, c.staff, tenantC))).not.toContain('Solo para A');
    expect((await loadChannels(test.db, c.staff, tenantC)).connections).toEqual([]);
  });

  it('the person cannot reach C through a forged context either', async () => {
    const forgedC: TenantContext = { ...tenantA, id: c.tenantId, slug: 'pick-c' };
    await expect(loadAiSettings(test.db, person, forgedC)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(loadChannels(test.db, person, forgedC)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(saveAiSettings(test.db, person, forgedC, aiForm('Intruso'))).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});
