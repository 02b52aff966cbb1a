import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectChannel } from '@/src/channels/connect-channel';
import { previewAiReply } from '@/src/dashboard/ai/preview-ai-reply';
import { saveAiSettings } from '@/src/dashboard/ai/save-ai-settings';
import { appErrorCode } from '@/src/dashboard/app-error-code';
import { saveChannel, setChannelEnabled } from '@/src/dashboard/channels/save-channel';
import { sendChannelTest } from '@/src/dashboard/channels/send-channel-test';
import { changeConversation } from '@/src/dashboard/inbox/change-conversation';
import { inboxFilterSchema, loadInbox } from '@/src/dashboard/inbox/load-inbox';
import { loadThread } from '@/src/dashboard/inbox/load-thread';
import { sendReply } from '@/src/dashboard/inbox/send-reply';
import { loadLead } from '@/src/dashboard/leads/load-lead';
import { leadsFilterSchema, loadLeads } from '@/src/dashboard/leads/load-leads';
import { retryJob } from '@/src/dashboard/queue/retry-job';
import { deliverAsPlatform } from '@/src/dashboard/simulator/deliver-as-platform';
import { resolveTenant, type TenantContext } from '@/src/dashboard/tenants/resolve-tenant';
import type { StaffIdentity } from '@/src/db/rpc-port';
import { type AppEnv, getEnv } from '@/src/env';
import { seedInbox } from '../dashboard/seed-inbox';
import { createTenantWithStaff, staffIdentity } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { callRoute } from '../webhooks/support/call-route';
import { routes } from '../webhooks/support/post-webhook';
import { hostileString, mutatedForm, randomForm } from './support/hostile-strings';
import { tenantFingerprint } from './support/tenant-rows';

// Every dashboard function a server action calls, fed valid forms with hostile values swapped
// in and entirely random forms, as the owner and as an agent: it either succeeds or refuses
// with one of our error codes (never a raw exception, which the action would turn into a
// logged "generic" failure), a refusal writes nothing, and the other tenant never changes.

let test: TestDatabase;
let owner: StaffIdentity;
let agent: StaffIdentity;
let tenant: TenantContext;
let agentTenant: TenantContext;
let otherTenantId: string;
let ids: { conversationId: string; leadId: string; jobId: string; foreignConversationId: string };
const env = (): AppEnv => ({ ...getEnv(), ANTHROPIC_API_KEY: undefined });

// The simulator and the channel test post to our webhook route: handled in process.
const routeFetch: typeof fetch = async (input, init) => {
  const request = new Request(input as string, init);
  const [, , , channel, slug] = new URL(request.url).pathname.split('/');
  const route = routes[channel as keyof typeof routes];
  const { response } = await callRoute(request.method === 'GET' ? route.GET : route.POST, request, slug!);
  return response;
};

beforeAll(async () => {
  test = await createTestDatabase();
  const a = await createTenantWithStaff(test, 'prop-a');
  const b = await createTenantWithStaff(test, 'prop-b');
  otherTenantId = b.tenantId;
  owner = a.staff;
  const member = await test.db.rpc('admin_seed_staff_member', {
    p_tenant_slug: 'prop-a',
    p_email: 'agent@prop-a.example',
    p_role: 'agent',
  });
  agent = staffIdentity(member.user_id, 'agent@prop-a.example');
  for (const [slug, phone] of [
    ['prop-a', '7300001'],
    ['prop-b', '7300002'],
  ] as const) {
    await connectChannel(test.db, getEnv().ENCRYPTION_KEY!, {
      tenantSlug: slug,
      channel: 'whatsapp',
      mode: 'sandbox',
      phoneNumberId: phone,
      accessToken: `${slug}-access-token`,
      appSecret: `${slug}-app-secret`,
      verifyToken: `${slug}-verify-token`,
    });
  }
  const seeded = await seedInbox(test, a.tenantId, { name: 'Ana', text: 'Hola' });
  const foreign = await seedInbox(test, b.tenantId, { name: 'Beto', text: 'Hola B' });
  ids = { ...seeded, foreignConversationId: foreign.conversationId };
  tenant = await resolveTenant(test.db, owner, 'prop-a');
  agentTenant = await resolveTenant(test.db, agent, 'prop-a');
});
afterAll(() => test.drop());

type Action = (staff: StaffIdentity, tenant: TenantContext, form: Record<string, string>) => Promise<unknown>;

const key = () => getEnv().ENCRYPTION_KEY;

const actions: Array<[string, Action, () => Record<string, string>]> = [
  [
    'saveChannel',
    (s, t, f) => saveChannel(test.db, s, t, key(), f),
    () => ({
      channel: 'whatsapp',
      mode: 'sandbox',
      aiEnabled: 'on',
      phoneNumberId: '7300001',
      accessToken: 'prop-a-access-token',
      webhookSecret: 'prop-a-app-secret',
      verifyToken: 'prop-a-verify-token',
    }),
  ],
  [
    'setChannelEnabled',
    (s, t, f) => setChannelEnabled(test.db, s, t, f),
    () => ({ channel: 'whatsapp', enabled: 'on' }),
  ],
  [
    'sendChannelTest',
    (s, t, f) => sendChannelTest(test.db, s, t, env(), f, 'Hola', { fetch: routeFetch }),
    () => ({ channel: 'whatsapp' }),
  ],
  [
    'saveAiSettings',
    (s, t, f) => saveAiSettings(test.db, s, t, f),
    () => ({
      system_prompt: 'Eres la recepción de la clínica.',
      response_style: 'breve',
      model: 'claude-haiku-5-5',
      max_tokens: '600',
      fallback_message: 'Te contactamos pronto.',
      escalation_keywords: 'queja, gerente',
      auto_escalate_after_messages: '8',
      'hours.timezone': 'America/Mexico_City',
      'hours.mon': '09:00-14:00, 16:00-19:00',
      'service.0.name': 'Limpieza',
      'service.0.price': 'MXN 800',
      'faq.0.question': '¿Dónde están?',
      'faq.0.answer': 'En la Roma.',
    }),
  ],
  [
    'previewAiReply',
    (s, t, f) => previewAiReply(test.db, s, t, env(), f),
    () => ({ message: '¿Cuánto cuesta una limpieza?', channel: 'whatsapp' }),
  ],
  [
    'changeConversation',
    (s, t, f) => changeConversation(test.db, s, t, f),
    () => ({ change: 'handler', conversationId: ids.conversationId, handledBy: 'human' }),
  ],
  [
    'sendReply',
    (s, t, f) => sendReply(test.db, s, t, f),
    () => ({ conversationId: ids.conversationId, text: 'Hola, te atiende Ana.' }),
  ],
  ['retryJob', (s, t, f) => retryJob(test.db, s, t, f), () => ({ jobId: ids.jobId })],
  [
    'deliverAsPlatform',
    (s, t, f) => deliverAsPlatform(test.db, s, t, env(), f, { fetch: routeFetch }),
    () => ({ channel: 'whatsapp', text: 'Hola', from: '5215511110000' }),
  ],
  ['loadInbox', (s, t, f) => loadInbox(test.db, s, t, inboxFilterSchema.parse(f)), () => ({ status: 'all' })],
  [
    'loadLeads',
    (s, t, f) => loadLeads(test.db, s, t, leadsFilterSchema.parse(f)),
    () => ({ channel: 'whatsapp' }),
  ],
  ['loadThread', (s, t, f) => loadThread(test.db, s, t, f.id), () => ({ id: ids.conversationId })],
  ['loadLead', (s, t, f) => loadLead(test.db, s, t, f.id), () => ({ id: ids.leadId })],
];

/** Succeeds, or refuses with one of our codes and writes nothing; the other tenant never changes. */
async function expectSafe(
  action: Action,
  staff: StaffIdentity,
  context: TenantContext,
  form: Record<string, string>,
) {
  const before = await tenantFingerprint(test, context.id);
  const otherBefore = await tenantFingerprint(test, otherTenantId);
  let failure: unknown;
  await Promise.resolve()
    .then(() => action(staff, context, form))
    .catch((error: unknown) => {
      failure = error;
    });
  if (failure !== undefined) {
    const code = appErrorCode(failure);
    expect(code, `not one of our errors: ${String(failure)}`).toBeDefined();
    expect(code).not.toBe('internal');
    expect(await tenantFingerprint(test, context.id)).toEqual(before);
  }
  expect(await tenantFingerprint(test, otherTenantId)).toEqual(otherBefore);
}

describe.each(actions)('%s', (_name, action, valid) => {
  it('valid forms with hostile values swapped in: success or a clean refusal', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedForm(valid()), (form) => expectSafe(action, owner, tenant, form)),
      { numRuns: 40 },
    );
  });

  it('random forms, as the owner and as an agent: a clean refusal or a harmless success', async () => {
    await fc.assert(
      fc.asyncProperty(randomForm, fc.boolean(), (form, asAgent) =>
        asAgent ? expectSafe(action, agent, agentTenant, form) : expectSafe(action, owner, tenant, form),
      ),
      { numRuns: 20 },
    );
  });

  it('the other tenant’s row ids are refused whatever else the form says', async () => {
    await fc.assert(
      fc.asyncProperty(hostileString(), async (text) => {
        const form = {
          ...valid(),
          conversationId: ids.foreignConversationId,
          id: ids.foreignConversationId,
          text,
        };
        await expectSafe(action, owner, tenant, form);
      }),
      { numRuns: 5 },
    );
  });
});

describe('the tenant named in the URL', () => {
  it('any slug resolves only to the member’s own tenant or is not found', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(hostileString(), fc.constantFrom('prop-a', 'prop-b', 'PROP-A', ' prop-a')),
        async (slug) => {
          const resolved = await resolveTenant(test.db, owner, slug).catch((error: unknown) => error);
          if (resolved instanceof Error) expect(appErrorCode(resolved)).toBe('not_found');
          else expect(resolved).toMatchObject({ id: tenant.id });
        },
      ),
      { numRuns: 60 },
    );
  });
});
