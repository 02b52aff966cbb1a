import '../webhooks/support/next-environment';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as platformRoute from '@/app/api/webhook/[channel]/route';
import { loadThread } from '@/src/dashboard/inbox/load-thread';
import { createTemplate, TemplateRefused } from '@/src/dashboard/templates/create-template';
import { sendTemplateReply } from '@/src/dashboard/templates/send-template-reply';
import { getEnv, setEnvForProcess } from '@/src/env';
import { sendHandlers } from '@/src/jobs/handlers/send-message-handler';
import { processJobs } from '@/src/jobs/process-jobs';
import { syncTemplatesHandler } from '@/src/templates/sync-templates-handler';
import { createConversation, readMessage, runJobs } from '../outbound/outbound-fixture';
import { type CapturedRequest, captureRequest, graphError } from '../outbound/platform-fake';
import { staffIdentity } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { callRoute } from '../webhooks/support/call-route';
import { metaSignature } from '../webhooks/support/sign';

// Templates against a fake Graph that speaks PLATFORMS-2.md §3: the list with cursors, the
// creation answer, signed template webhooks on the platform route, and the template send.

const graph = 'https://graph.test';
const appSecret = 'templates-meta-app-secret-0123456789';
const server = setupServer();
const seen: CapturedRequest[] = [];
let test: TestDatabase;

beforeAll(async () => {
  setEnvForProcess({
    GRAPH_API_BASE_URL: graph,
    GRAPH_API_VERSION: 'v26.0',
    META_APP_SECRET: appSecret,
    SEND_REQUEST_TIMEOUT_MS: '2000',
  });
  server.listen({ onUnhandledRequest: 'error' });
  test = await createTestDatabase();
});
afterEach(() => {
  server.resetHandlers();
  seen.length = 0;
});
afterAll(async () => {
  server.close();
  await test.drop();
});

type Fixture = Awaited<ReturnType<typeof createConversation>>;

async function ownerOf(fixture: Fixture) {
  const member = await test.db.rpc('admin_seed_staff_member', {
    p_tenant_slug: fixture.slug,
    p_email: `owner@${fixture.slug}.example`,
    p_role: 'owner',
  });
  const staff = staffIdentity(member.user_id, `owner@${fixture.slug}.example`);
  const tenant = {
    id: fixture.tenantId,
    slug: fixture.slug,
    name: fixture.slug,
    role: 'owner' as const,
    timezone: 'America/Mexico_City',
    locale: 'es-MX',
  };
  return { staff, tenant };
}

function metaTemplate(id: number, name: string, status: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    parameter_format: 'NAMED',
    components: [
      {
        type: 'BODY',
        text: `Hola {{nombre}}, ${name}.`,
        example: { body_text_named_params: [{ param_name: 'nombre', example: 'Ana' }] },
      },
    ],
    language: 'es_MX',
    status,
    category: 'UTILITY',
    id: String(id),
    ...extra,
  };
}

async function rows(tenantId: string) {
  const { rows } = await test.pool.query(
    'select name, language, status, template_id, category, quality_score, rejection_reason, status_note, components from whatsapp_templates where tenant_id = $1 order by name',
    [tenantId],
  );
  return rows;
}

async function postSigned(body: string) {
  const request = new Request('http://localhost:3000/api/webhook/meta', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(body, appSecret) },
    body,
  });
  const { response } = await callRoute(platformRoute.POST, request, '');
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

function templateWebhook(waba: string, time: number, field: string, value: Record<string, unknown>): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: waba, time, changes: [{ field, value }] }],
  });
}

describe('WhatsApp templates', () => {
  it('syncs every page of the list at the sweep after connecting, and marks what Meta no longer lists deleted', async () => {
    const fixture = await createConversation(test, { channel: 'whatsapp', accessToken: 'EAAG-sync-token' });
    const waba = fixture.account.businessAccountId!;
    await test.pool.query(
      `insert into whatsapp_templates (tenant_id, waba_id, template_id, name, language, category, status)
       values ($1, $2, '999', 'vieja', 'es_MX', 'utility', 'approved')`,
      [fixture.tenantId, waba],
    );
    server.use(
      http.get(`${graph}/v26.0/:waba/message_templates`, async ({ request, params }) => {
        seen.push(await captureRequest(request));
        expect(params.waba).toBe(waba);
        const after = new URL(request.url).searchParams.get('after');
        if (!after) {
          return HttpResponse.json({
            data: [
              metaTemplate(1001, 'cita_confirmada', 'APPROVED'),
              metaTemplate(1002, 'bienvenida', 'PENDING'),
            ],
            paging: {
              cursors: { before: 'QVFIUb', after: 'QVFIUc' },
              next: `${graph}/v26.0/${waba}/message_templates?after=QVFIUc`,
            },
          });
        }
        expect(after).toBe('QVFIUc');
        return HttpResponse.json({
          data: [
            metaTemplate(1003, 'seguimiento', 'REJECTED', {
              category: 'MARKETING',
              quality_score: { score: 'UNKNOWN', date: 1751247548 },
            }),
          ],
          paging: { cursors: { before: 'QVFIUc', after: 'QVFIUd' } },
        });
      }),
    );
    const scheduled = await test.db.rpc('enqueue_template_syncs', {});
    expect(scheduled.enqueued).toBeGreaterThanOrEqual(1);
    // A second sweep the same day enqueues nothing for it.
    await processJobs({
      db: test.db,
      env: getEnv(),
      handlers: [syncTemplatesHandler],
      jobTypes: ['sync_templates'],
      tenantId: fixture.tenantId,
      maxJobs: 5,
      budgetMs: 20_000,
      concurrency: 1,
    });
    expect(seen).toHaveLength(2);
    expect(seen[0]!.headers.authorization).toBe('Bearer EAAG-sync-token');
    const query = new URL(seen[0]!.url).searchParams;
    expect(query.get('fields')).toBe(
      'id,name,language,status,category,components,parameter_format,quality_score',
    );
    expect(query.get('limit')).toBe('100');
    const stored = await rows(fixture.tenantId);
    expect(stored.map((row) => [row.name, row.status, row.template_id])).toEqual([
      ['bienvenida', 'pending', '1002'],
      ['cita_confirmada', 'approved', '1001'],
      ['seguimiento', 'rejected', '1003'],
      ['vieja', 'deleted', '999'],
    ]);
    expect(stored[2]).toMatchObject({ category: 'marketing', quality_score: 'unknown' });
    const again = await test.pool.query(
      "select count(*)::int as n from jobs where tenant_id = $1 and job_type = 'sync_templates' and status = 'pending'",
      [fixture.tenantId],
    );
    await test.db.rpc('enqueue_template_syncs', {});
    const after = await test.pool.query(
      "select count(*)::int as n from jobs where tenant_id = $1 and job_type = 'sync_templates' and status = 'pending'",
      [fixture.tenantId],
    );
    expect(after.rows[0].n).toBe(again.rows[0].n);
  });

  it('creates a template from the dashboard as pending, then a signed status webhook approves it once', async () => {
    const fixture = await createConversation(test, { channel: 'whatsapp', accessToken: 'EAAG-create-token' });
    const waba = fixture.account.businessAccountId!;
    const { staff, tenant } = await ownerOf(fixture);
    server.use(
      http.post(`${graph}/v26.0/:waba/message_templates`, async ({ request }) => {
        seen.push(await captureRequest(request));
        return HttpResponse.json({ id: '1689556908129835', status: 'PENDING', category: 'UTILITY' });
      }),
    );
    const form = {
      name: 'cita_confirmada',
      language: 'es_MX',
      category: 'utility',
      body: 'Hola {{nombre}}, tu cita es el {{fecha}} a las {{hora}}.',
      examples: 'nombre=Ana\nfecha=12 de diciembre\nhora=10:30',
    };
    const row = await createTemplate(test.db, getEnv(), staff, tenant, form);
    expect(row).toMatchObject({ status: 'pending', template_id: '1689556908129835', waba_id: waba });
    expect(seen[0]!.url).toBe(`${graph}/v26.0/${waba}/message_templates`);
    expect(seen[0]!.body).toEqual({
      name: 'cita_confirmada',
      language: 'es_MX',
      category: 'utility',
      parameter_format: 'named',
      components: [
        {
          type: 'body',
          text: 'Hola {{nombre}}, tu cita es el {{fecha}} a las {{hora}}.',
          example: {
            body_text_named_params: [
              { param_name: 'nombre', example: 'Ana' },
              { param_name: 'fecha', example: '12 de diciembre' },
              { param_name: 'hora', example: '10:30' },
            ],
          },
        },
      ],
    });

    const approved = templateWebhook(waba, 1765300000, 'message_template_status_update', {
      event: 'APPROVED',
      message_template_id: 1689556908129835,
      message_template_name: 'cita_confirmada',
      message_template_language: 'es_MX',
      reason: 'NONE',
      message_template_category: 'UTILITY',
    });
    expect((await postSigned(approved)).status).toBe(200);
    expect(await rows(fixture.tenantId)).toMatchObject([
      { name: 'cita_confirmada', status: 'approved', rejection_reason: null },
    ]);
    // A redelivery changes nothing; an older PENDING arriving late does not undo the approval.
    const before = await test.pool.query('select updated_at from whatsapp_templates where tenant_id = $1', [
      fixture.tenantId,
    ]);
    await postSigned(approved);
    await postSigned(
      templateWebhook(waba, 1765200000, 'message_template_status_update', {
        event: 'PENDING',
        message_template_id: 1689556908129835,
        message_template_name: 'cita_confirmada',
        message_template_language: 'es_MX',
      }),
    );
    const later = await test.pool.query(
      'select status, updated_at from whatsapp_templates where tenant_id = $1',
      [fixture.tenantId],
    );
    expect(later.rows[0].status).toBe('approved');
    expect(later.rows[0].updated_at).toEqual(before.rows[0].updated_at);

    // Quality as Meta's own example sends it: the status field name with quality keys.
    await postSigned(
      templateWebhook(waba, 1765300100, 'message_template_status_update', {
        previous_quality_score: 'GREEN',
        new_quality_score: 'YELLOW',
        message_template_id: 1689556908129835,
        message_template_name: 'cita_confirmada',
        message_template_language: 'es_MX',
      }),
    );
    expect((await rows(fixture.tenantId))[0]).toMatchObject({ status: 'approved', quality_score: 'yellow' });

    // A pause with its disable date, then a rejection with Meta's reason and recommendation.
    await postSigned(
      templateWebhook(waba, 1765300200, 'message_template_status_update', {
        event: 'REJECTED',
        message_template_id: 1689556908129835,
        message_template_name: 'cita_confirmada',
        message_template_language: 'es_MX',
        reason: 'INVALID_FORMAT',
        rejection_info: { reason: 'Parameters are adjacent', recommendation: 'Add text between them' },
      }),
    );
    expect((await rows(fixture.tenantId))[0]).toMatchObject({
      status: 'rejected',
      rejection_reason: 'INVALID_FORMAT — Parameters are adjacent — Add text between them',
    });
    // A category change Meta made: completed (applied), announced (not yet).
    await postSigned(
      templateWebhook(waba, 1765300300, 'template_category_update', {
        message_template_id: 1689556908129835,
        message_template_name: 'cita_confirmada',
        message_template_language: 'es_MX',
        previous_category: 'UTILITY',
        new_category: 'MARKETING',
      }),
    );
    expect((await rows(fixture.tenantId))[0]).toMatchObject({ category: 'marketing' });
  });

  it('refuses a template that breaks Meta limits before calling Meta, with every reason', async () => {
    const fixture = await createConversation(test, { channel: 'whatsapp' });
    const { staff, tenant } = await ownerOf(fixture);
    const refused = await createTemplate(test.db, getEnv(), staff, tenant, {
      name: 'Cita Confirmada',
      language: 'es_MX',
      category: 'utility',
      header: 'x'.repeat(61),
      body: 'Hola {{nombre}}{{fecha}}',
      examples: 'nombre=Ana',
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TemplateRefused);
    expect((refused as TemplateRefused).issues).toEqual([
      { code: 'name_format' },
      { code: 'header_too_long' },
      { code: 'adjacent_parameters' },
      { code: 'example_missing', param: 'fecha' },
    ]);
  });

  it('after 25 h of silence the reply box sends an approved template with its values; free text is refused with the reason', async () => {
    const fixture = await createConversation(test, {
      channel: 'whatsapp',
      hoursAgo: 25,
      accessToken: 'EAAG-send-token',
    });
    const { staff, tenant } = await ownerOf(fixture);
    await test.pool.query(
      `insert into whatsapp_templates (tenant_id, waba_id, template_id, name, language, category, status,
         parameter_format, components)
       values ($1, $2, '1001', 'recordatorio_cita', 'es_MX', 'utility', 'approved', 'named', $3)`,
      [
        fixture.tenantId,
        fixture.account.businessAccountId,
        JSON.stringify([
          { type: 'HEADER', format: 'TEXT', text: 'Cita en {{sucursal}}' },
          { type: 'BODY', text: 'Hola {{nombre}}, te esperamos el {{fecha}}.' },
          {
            type: 'BUTTONS',
            buttons: [{ type: 'URL', text: 'Ver cita', url: 'https://ex.com/citas/{{1}}' }],
          },
        ]),
      ],
    );

    const refusal = await test.db
      .rpc(
        'send_human_reply',
        {
          p_tenant_id: fixture.tenantId,
          p_conversation_id: fixture.conversationId,
          p_user_id: staff.claims.sub,
          p_text: 'Hola',
        },
        { as: staff },
      )
      .catch((error: unknown) => error as Error & { details?: { reason?: string } });
    expect((refusal as Error).message).toContain('WhatsApp only allows approved message templates');
    expect((refusal as { details?: { reason?: string } }).details?.reason).toBe('whatsapp_template_required');

    const queued = await sendTemplateReply(test.db, staff, tenant, {
      conversationId: fixture.conversationId,
      template: 'recordatorio_cita|es_MX',
      'value_header.sucursal': 'Del Valle',
      'value_body.nombre': 'Ana',
      'value_body.fecha': 'jueves 11',
      'value_button2.1': 'A-123',
    }).catch((error: unknown) => error);
    // The URL button sits at index 0 of its buttons list: a wrong key is a missing value.
    expect((queued as { details?: { reason?: string } }).details?.reason).toBe('template_value_missing');

    const message = await sendTemplateReply(test.db, staff, tenant, {
      conversationId: fixture.conversationId,
      template: 'recordatorio_cita|es_MX',
      'value_header.sucursal': 'Del Valle',
      'value_body.nombre': 'Ana',
      'value_body.fecha': 'jueves 11',
      'value_button0.1': 'A-123',
    });
    server.use(
      http.post(`${graph}/v26.0/:phoneNumberId/messages`, async ({ request }) => {
        seen.push(await captureRequest(request));
        return HttpResponse.json({
          messaging_product: 'whatsapp',
          contacts: [{ input: fixture.externalId, wa_id: fixture.externalId }],
          messages: [{ id: 'wamid.TEMPLATE1', message_status: 'accepted' }],
        });
      }),
    );
    const run = await runJobs(test, sendHandlers);
    expect(run.outcomes.completed).toBe(1);
    expect(seen[0]!.url).toBe(`${graph}/v26.0/${fixture.account.phoneNumberId}/messages`);
    expect(seen[0]!.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: fixture.externalId,
      type: 'template',
      template: {
        name: 'recordatorio_cita',
        language: { code: 'es_MX' },
        components: [
          { type: 'header', parameters: [{ type: 'text', parameter_name: 'sucursal', text: 'Del Valle' }] },
          {
            type: 'body',
            parameters: [
              { type: 'text', parameter_name: 'nombre', text: 'Ana' },
              { type: 'text', parameter_name: 'fecha', text: 'jueves 11' },
            ],
          },
          { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'A-123' }] },
        ],
      },
      biz_opaque_callback_data: `inbox:${message.id}`,
    });
    const row = await readMessage(test, message.id);
    expect(row).toMatchObject({
      delivery_status: 'sent',
      platform_message_id: 'wamid.TEMPLATE1',
      message_type: 'template',
      sender: 'human',
      text: 'Cita en Del Valle\nHola Ana, te esperamos el jueves 11.',
    });
    // The thread shows it as staff read it.
    const thread = await loadThread(test.db, staff, tenant, fixture.conversationId, {});
    expect(thread.messages.at(-1)).toMatchObject({
      direction: 'outbound',
      text: 'Cita en Del Valle\nHola Ana, te esperamos el jueves 11.',
      delivery_status: 'sent',
    });
  });

  it('a paused template (132015) fails without retry, with a staff message, and stops being offered', async () => {
    const fixture = await createConversation(test, { channel: 'whatsapp', hoursAgo: 30 });
    await test.pool.query(
      `insert into whatsapp_templates (tenant_id, waba_id, template_id, name, language, category, status,
         parameter_format, components)
       values ($1, $2, '1005', 'seguimiento', 'es_MX', 'marketing', 'approved', 'named', $3)`,
      [
        fixture.tenantId,
        fixture.account.businessAccountId,
        JSON.stringify([{ type: 'BODY', text: 'Hola {{nombre}}' }]),
      ],
    );
    const { queueTemplateMessage } = await import('@/src/templates/queue-template-message');
    const queued = await queueTemplateMessage(test.db, {
      tenantId: fixture.tenantId,
      conversationId: fixture.conversationId,
      name: 'seguimiento',
      language: 'es_MX',
      params: ['Ana'],
    });
    server.use(
      http.post(`${graph}/v26.0/:id/messages`, () =>
        graphError(400, 132015, '(#132015) Cannot send message with a paused template', {
          error_data: { messaging_product: 'whatsapp', details: 'Template is paused due to low quality' },
        }),
      ),
    );
    const run = await runJobs(test, sendHandlers);
    expect(run.outcomes.failed).toBe(1);
    const row = await readMessage(test, queued.id);
    expect(row).toMatchObject({ delivery_status: 'failed', error_code: '132015', sender: 'system' });
    expect(row.error_message).toContain('paused for low quality');
    expect((await rows(fixture.tenantId))[0]).toMatchObject({ status: 'paused' });
    const again = await queueTemplateMessage(test.db, {
      tenantId: fixture.tenantId,
      conversationId: fixture.conversationId,
      name: 'seguimiento',
      language: 'es_MX',
      params: ['Ana'],
    }).catch((error: unknown) => error);
    expect((again as { details?: { reason?: string } }).details?.reason).toBe('template_not_approved');
  });
});
