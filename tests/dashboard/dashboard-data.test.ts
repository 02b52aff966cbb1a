import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectChannel } from '@/src/channels/connect-channel';
import { decryptSecret, secretPlace } from '@/src/crypto/secret-box';
import { loadAiSettings } from '@/src/dashboard/ai/load-ai-settings';
import { previewAiReply } from '@/src/dashboard/ai/preview-ai-reply';
import { saveAiSettings } from '@/src/dashboard/ai/save-ai-settings';
import { loadChannels } from '@/src/dashboard/channels/load-channels';
import { saveChannel, setChannelEnabled } from '@/src/dashboard/channels/save-channel';
import { changeConversation } from '@/src/dashboard/inbox/change-conversation';
import { loadInbox } from '@/src/dashboard/inbox/load-inbox';
import { loadThread } from '@/src/dashboard/inbox/load-thread';
import { sendReply } from '@/src/dashboard/inbox/send-reply';
import { loadLead } from '@/src/dashboard/leads/load-lead';
import { loadLeads } from '@/src/dashboard/leads/load-leads';
import { loadOverview } from '@/src/dashboard/overview/load-overview';
import { loadQueue } from '@/src/dashboard/queue/load-queue';
import { retryJob } from '@/src/dashboard/queue/retry-job';
import { resolveTenant, type TenantContext } from '@/src/dashboard/tenants/resolve-tenant';
import { getEnv } from '@/src/env';
import { createTenantWithStaff } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { type SeededInbox, seedInbox } from './seed-inbox';

// What each dashboard section returns for its own tenant, read and written as the staff member.

let test: TestDatabase;
let owner: Awaited<ReturnType<typeof createTenantWithStaff>>;
let tenant: TenantContext;
let calm: SeededInbox;
let urgent: SeededInbox;
const key = () => getEnv().ENCRYPTION_KEY!;

beforeAll(async () => {
  test = await createTestDatabase();
  owner = await createTenantWithStaff(test, 'clinica');
  tenant = await resolveTenant(test.db, owner.staff, 'clinica');
  calm = await seedInbox(test, owner.tenantId, { name: 'Carla', text: '¿Precio de limpieza?' });
  urgent = await seedInbox(test, owner.tenantId, {
    name: 'Uriel',
    text: 'Urgencia',
    escalated: true,
    channel: 'instagram',
  });
});
afterAll(() => test.drop());

describe('channels', () => {
  it('encrypts secrets for this tenant and shows only masked hints', async () => {
    const card = await saveChannel(test.db, owner.staff, tenant, key(), {
      channel: 'whatsapp',
      mode: 'sandbox',
      aiEnabled: 'on',
      phoneNumberId: '123456',
      businessAccountId: '654321',
      displayPhoneNumber: '',
      accessToken: 'EAAG-very-secret-token-WXYZ',
      webhookSecret: 'meta-app-secret-ABCD',
    });
    expect(card).toMatchObject({ access_token: '••••WXYZ', webhook_secret: '••••ABCD', mode: 'sandbox' });
    expect(card.verify_token).toMatch(/^[0-9a-f]{32}$/);
    const page = await loadChannels(test.db, owner.staff, tenant);
    const text = JSON.stringify(page);
    expect(text).not.toContain('very-secret');
    expect(text).not.toContain('meta-app-secret');
    expect(text).not.toMatch(/v[12]:/);
    const stored = await test.pool.query(
      "select access_token_encrypted from channel_connections where tenant_id = $1 and channel = 'whatsapp'",
      [owner.tenantId],
    );
    const sealed = stored.rows[0].access_token_encrypted;
    expect(decryptSecret(sealed, key(), secretPlace(owner.tenantId, 'whatsapp', 'access_token'))).toBe(
      'EAAG-very-secret-token-WXYZ',
    );
  });

  it('keeps the stored secret when the form leaves it blank, and disables/enables', async () => {
    const before = await test.pool.query(
      "select access_token_encrypted, verify_token from channel_connections where tenant_id = $1 and channel = 'whatsapp'",
      [owner.tenantId],
    );
    const card = await saveChannel(test.db, owner.staff, tenant, key(), {
      channel: 'whatsapp',
      mode: 'live',
      aiEnabled: 'off',
      displayName: 'Recepción',
      accessToken: '',
      webhookSecret: '',
    });
    expect(card).toMatchObject({
      mode: 'live',
      ai_enabled: false,
      display_name: 'Recepción',
      access_token: '••••WXYZ',
    });
    const after = await test.pool.query(
      "select access_token_encrypted, verify_token from channel_connections where tenant_id = $1 and channel = 'whatsapp'",
      [owner.tenantId],
    );
    expect(after.rows).toEqual(before.rows);
    expect(
      (await setChannelEnabled(test.db, owner.staff, tenant, { channel: 'whatsapp', enabled: 'off' })).status,
    ).toBe('disconnected');
    expect(
      (await setChannelEnabled(test.db, owner.staff, tenant, { channel: 'whatsapp', enabled: 'on' })).status,
    ).toBe('connected');
  });

  it('a new access token brings a channel marked needs_reauth back to connected', async () => {
    // What a rejected token (Graph 190) does to the connection.
    await test.pool.query(
      "select public.channel_mark_needs_reauth($1, 'whatsapp', 'Graph 190: Error validating access token')",
      [owner.tenantId],
    );
    const form = { channel: 'whatsapp', mode: 'live', aiEnabled: 'on', accessToken: '', webhookSecret: '' };
    const renamed = await saveChannel(test.db, owner.staff, tenant, key(), { ...form, displayName: 'Caja' });
    expect(renamed).toMatchObject({ status: 'needs_reauth', last_error: expect.stringMatching(/Graph 190/) });

    const fixed = await saveChannel(test.db, owner.staff, tenant, key(), {
      ...form,
      accessToken: 'EAAG-fresh-token-NEW1',
    });
    expect(fixed).toMatchObject({ status: 'connected', last_error: null, access_token: '••••NEW1' });
  });

  it('the CLI path re-authorizes the same way, and a disabled channel stays disabled', async () => {
    await test.pool.query("select public.channel_mark_needs_reauth($1, 'whatsapp', 'Graph 190')", [
      owner.tenantId,
    ]);
    const viaCli = await connectChannel(test.db, key(), {
      tenantSlug: 'clinica',
      channel: 'whatsapp',
      accessToken: 'EAAG-cli-token-CLI2',
    });
    expect(viaCli).toMatchObject({ status: 'connected', last_error: null });

    await setChannelEnabled(test.db, owner.staff, tenant, { channel: 'whatsapp', enabled: 'off' });
    const stillOff = await saveChannel(test.db, owner.staff, tenant, key(), {
      channel: 'whatsapp',
      mode: 'live',
      aiEnabled: 'on',
      accessToken: 'EAAG-while-off-OFF3',
    });
    expect(stillOff.status).toBe('disconnected');
    await setChannelEnabled(test.db, owner.staff, tenant, { channel: 'whatsapp', enabled: 'on' });
  });

  it('names the invalid fields and needs the account id', async () => {
    await expect(
      saveChannel(test.db, owner.staff, tenant, key(), {
        channel: 'whatsapp',
        mode: 'sandbox',
        aiEnabled: 'on',
        displayPhoneNumber: '+52 55',
      }),
    ).rejects.toMatchObject({ code: 'bad_request', details: { fields: ['displayPhoneNumber'] } });
    await expect(
      saveChannel(test.db, owner.staff, tenant, key(), {
        channel: 'tiktok',
        mode: 'sandbox',
        aiEnabled: 'on',
      }),
    ).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/needs its account id/) });
  });
});

describe('AI settings', () => {
  it('round-trips the form through the shared schema', async () => {
    const saved = await saveAiSettings(test.db, owner.staff, tenant, {
      system_prompt: 'Eres la recepcionista.',
      response_style: 'breve',
      model: 'claude-haiku-5-5',
      max_tokens: '700',
      fallback_message: 'Te contactamos pronto.',
      escalation_keywords: 'urgencia, queja\nabogado',
      auto_escalate_after_messages: '',
      'hours.timezone': 'America/Mexico_City',
      'hours.mon': '9:00-14:00, 16:00-19:00',
      'hours.sun': '',
      'service.0.name': 'Limpieza',
      'service.0.price': 'MXN 800',
      'service.1.name': '',
      'faq.0.question': '¿Dónde están?',
      'faq.0.answer': 'Insurgentes Sur 1234',
    });
    expect(saved).toMatchObject({
      system_prompt: 'Eres la recepcionista.',
      max_tokens: 700,
      escalation_keywords: ['urgencia', 'queja', 'abogado'],
      auto_escalate_after_messages: null,
      business_hours: {
        timezone: 'America/Mexico_City',
        weekly: {
          mon: [
            ['09:00', '14:00'],
            ['16:00', '19:00'],
          ],
          sun: [],
        },
      },
      knowledge: {
        services: [{ name: 'Limpieza', price: 'MXN 800' }],
        faqs: [{ question: '¿Dónde están?', answer: 'Insurgentes Sur 1234' }],
      },
    });
    expect(await loadAiSettings(test.db, owner.staff, tenant)).toEqual(saved);
  });

  it('previews an answer with the saved settings (offline responder without an API key), storing nothing', async () => {
    const env = { ...getEnv(), ANTHROPIC_API_KEY: undefined };
    const before = await test.pool.query('select count(*)::int as n from messages');
    const faq = await previewAiReply(test.db, owner.staff, tenant, env, { message: '¿Dónde están ustedes?' });
    expect(faq).toMatchObject({ generatedBy: 'offline', escalate: false });
    expect(faq.text).toContain('Insurgentes Sur 1234');
    // Monday 11:00 in Mexico City: inside the saved hours, so the keyword escalation answers with the
    // fallback message rather than the closed-hours notice.
    const openHour = new Date('2026-12-07T17:00:00Z');
    const keyword = await previewAiReply(
      test.db,
      owner.staff,
      tenant,
      env,
      { message: 'Tengo una queja' },
      openHour,
    );
    expect(keyword).toMatchObject({ generatedBy: null, escalate: true, text: 'Te contactamos pronto.' });
    expect((await test.pool.query('select count(*)::int as n from messages')).rows).toEqual(before.rows);
    await expect(previewAiReply(test.db, owner.staff, tenant, env, { message: ' ' })).rejects.toMatchObject({
      code: 'bad_request',
    });
  });

  it('refuses unreadable hours and out-of-range numbers, naming them', async () => {
    await expect(
      saveAiSettings(test.db, owner.staff, tenant, {
        max_tokens: '600',
        fallback_message: 'x',
        'hours.tue': 'mañana',
      }),
    ).rejects.toMatchObject({ code: 'bad_request', details: { fields: ['hours.tue'] } });
    await expect(
      saveAiSettings(test.db, owner.staff, tenant, { max_tokens: '9', fallback_message: 'x' }),
    ).rejects.toMatchObject({ code: 'bad_request', details: { fields: ['max_tokens'] } });
  });
});

describe('inbox and leads', () => {
  it('lists escalated conversations first and filters by channel and handler', async () => {
    const { items: all } = await loadInbox(test.db, owner.staff, tenant, { status: 'open' });
    expect(all.map((item) => item.id)).toEqual([urgent.conversationId, calm.conversationId]);
    expect(all[1]!.last_message).toMatchObject({
      text: 'Respuesta para Carla',
      sender: 'ai',
      delivery_status: 'failed',
    });
    const { items: instagram } = await loadInbox(test.db, owner.staff, tenant, {
      status: 'open',
      channel: 'instagram',
    });
    expect(instagram.map((item) => item.id)).toEqual([urgent.conversationId]);
    const { items: byHuman } = await loadInbox(test.db, owner.staff, tenant, {
      status: 'open',
      handledBy: 'human',
    });
    expect(byHuman.map((item) => item.id)).toEqual([urgent.conversationId]);
  });

  it('shows a thread with delivery errors and AI-offline marks', async () => {
    const thread = await loadThread(test.db, owner.staff, tenant, calm.conversationId);
    expect(thread.lead).toMatchObject({ name: 'Carla', score: 75, classification: 'hot' });
    expect(thread.messages.map((m) => [m.sender, m.generated_by, m.delivery_status, m.error_code])).toEqual([
      ['lead', null, 'received', null],
      ['ai', 'offline', 'failed', '131047'],
    ]);
  });

  it('takes over, hands back (clearing the escalation) and resolves', async () => {
    const handBack = await changeConversation(test.db, owner.staff, tenant, {
      change: 'handler',
      conversationId: urgent.conversationId,
      handledBy: 'ai',
    });
    expect(handBack).toMatchObject({ handled_by: 'ai', escalated_at: null });
    const resolved = await changeConversation(test.db, owner.staff, tenant, {
      change: 'status',
      conversationId: urgent.conversationId,
      status: 'resolved',
    });
    expect(resolved.status).toBe('resolved');
    const { items: open } = await loadInbox(test.db, owner.staff, tenant, { status: 'open' });
    expect(open.map((item) => item.id)).toEqual([calm.conversationId]);
    await expect(
      changeConversation(test.db, owner.staff, tenant, {
        change: 'status',
        conversationId: 'nope',
        status: 'closed',
      }),
    ).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('replies as the signed-in person through the send job', async () => {
    const reply = await sendReply(test.db, owner.staff, tenant, {
      conversationId: calm.conversationId,
      text: '  Claro, la limpieza cuesta MXN 800.  ',
    });
    expect(reply.delivery_status).toBe('queued');
    const thread = await loadThread(test.db, owner.staff, tenant, calm.conversationId);
    expect(thread.messages.at(-1)).toMatchObject({
      sender: 'human',
      text: 'Claro, la limpieza cuesta MXN 800.',
      sent_by_email: 'owner@clinica.example',
    });
    const job = await test.pool.query(
      "select job_type, status from jobs where tenant_id = $1 and status = 'pending' and job_type like 'send%'",
      [owner.tenantId],
    );
    expect(job.rows).toHaveLength(1);
    await expect(
      sendReply(test.db, owner.staff, tenant, { conversationId: calm.conversationId, text: '   ' }),
    ).rejects.toMatchObject({ code: 'bad_request', details: { fields: ['text'], reason: 'reply_empty' } });
  });

  it('names why a reply is refused, per channel, and queues nothing', async () => {
    const refused = (conversationId: string, text: string) =>
      sendReply(test.db, owner.staff, tenant, { conversationId, text }).then(
        () => 'queued',
        (error: { code: string; details?: { reason?: string } }) => `${error.code}:${error.details?.reason}`,
      );
    const setLastInbound = (conversationId: string, interval: string) =>
      test.pool.query(`update conversations set last_inbound_at = now() - $2::interval where id = $1`, [
        conversationId,
        interval,
      ]);
    const before = await test.pool.query('select count(*)::int as n from messages where tenant_id = $1', [
      owner.tenantId,
    ]);

    // Instagram counts bytes: 600 "ñ" are 600 characters but 1200 bytes.
    expect(await refused(urgent.conversationId, 'ñ'.repeat(600))).toBe(
      'bad_request:reply_too_long_instagram',
    );
    // Longer than WhatsApp allows but within the widest channel: the conversation's limit decides.
    expect(await refused(calm.conversationId, 'a'.repeat(5000))).toBe('bad_request:reply_too_long_whatsapp');
    expect(await refused(calm.conversationId, 'a'.repeat(6001))).toBe('bad_request:reply_too_long');

    await setLastInbound(calm.conversationId, '25 hours');
    expect(await refused(calm.conversationId, 'Hola')).toBe('bad_request:whatsapp_template_required');
    await setLastInbound(urgent.conversationId, '8 days');
    expect(await refused(urgent.conversationId, 'Hola')).toBe('bad_request:meta_window_closed');
    await setLastInbound(urgent.conversationId, '1 minute');

    const after = await test.pool.query('select count(*)::int as n from messages where tenant_id = $1', [
      owner.tenantId,
    ]);
    expect(after.rows[0].n).toBe(before.rows[0].n);
    await setLastInbound(calm.conversationId, '1 minute');
  });

  it('lists leads by class and shows the score history with its signals and message', async () => {
    const { leads: hot } = await loadLeads(test.db, owner.staff, tenant, { classification: 'hot' });
    expect(hot.map((lead) => lead.name).sort()).toEqual(['Carla', 'Uriel']);
    expect((await loadLeads(test.db, owner.staff, tenant, { classification: 'cold' })).leads).toEqual([]);
    const lead = await loadLead(test.db, owner.staff, tenant, calm.leadId);
    expect(lead.score_events).toEqual([
      expect.objectContaining({
        delta: 25,
        score_after: 75,
        signals: ['interested', 'urgent'],
        message_text: '¿Precio de limpieza?',
      }),
    ]);
    // Two seeded messages and the human reply above.
    expect(lead.conversations).toEqual([expect.objectContaining({ id: calm.conversationId, messages: 3 })]);
  });
});

describe('overview and queue', () => {
  it('counts today’s messages, new leads, escalations and the AI reply time', async () => {
    const overview = await loadOverview(test.db, owner.staff, tenant);
    expect(overview.messages_today).toEqual([
      { channel: 'instagram', inbound: 1, outbound: 1 },
      { channel: 'whatsapp', inbound: 1, outbound: 2 },
    ]);
    expect(overview.new_leads_today).toEqual({ hot: 2, warm: 0, cold: 0 });
    expect(overview.offline_replies_today).toBe(2);
    expect(overview.ai_reply_seconds).toHaveLength(7);
    expect(overview.ai_reply_seconds.at(-1)).toMatchObject({ replies: 2, median: 10 });
  });

  it('shows failed jobs with their error and no payload', async () => {
    const queue = await loadQueue(test.db, owner.staff, tenant);
    expect(queue.counts).toEqual([
      // The escalated conversation's email to the owner (tests/attention/).
      { job_type: 'deliver_notification', status: 'pending', count: 1 },
      { job_type: 'send_whatsapp', status: 'failed', count: 2 },
      { job_type: 'send_whatsapp', status: 'pending', count: 1 },
      // The check a new live token enqueues (tests/token-health/).
      { job_type: 'token_health', status: 'pending', count: 1 },
    ]);
    expect(queue.failed.map((job) => job.error_message)).toEqual([
      'Graph API 131047: outside the 24h window',
      'Graph API 131047: outside the 24h window',
    ]);
    expect(JSON.stringify(queue)).not.toContain('secret customer text');
  });

  it('retries a failed job once; a second retry is a conflict', async () => {
    const job = await retryJob(test.db, owner.staff, tenant, { jobId: calm.jobId });
    expect(job).toMatchObject({ id: calm.jobId, status: 'pending', job_type: 'send_whatsapp' });
    const queue = await loadQueue(test.db, owner.staff, tenant);
    expect(queue.failed.map((f) => f.id)).toEqual([urgent.jobId]);
    await expect(retryJob(test.db, owner.staff, tenant, { jobId: calm.jobId })).rejects.toMatchObject({
      code: 'conflict',
    });
  });
});
