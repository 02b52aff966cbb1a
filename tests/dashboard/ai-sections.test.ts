import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAiSettings } from '@/src/dashboard/ai/load-ai-settings';
import { previewAiReply } from '@/src/dashboard/ai/preview-ai-reply';
import { saveAiSection } from '@/src/dashboard/ai/save-ai-section';
import { resolveTenant, type TenantContext } from '@/src/dashboard/tenants/resolve-tenant';
import { getEnv } from '@/src/env';
import { messagesEs } from '@/src/i18n/messages-es';
import { createTenantWithStaff, staffIdentity } from '../support/staff';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

// Issue 18: the AI page is one form per section. Saving a section changes only its settings;
// the test chat answers with the unsaved edits on the page (offline responder: deterministic).

let test: TestDatabase;
let owner: Awaited<ReturnType<typeof createTenantWithStaff>>;
let tenant: TenantContext;
const offline = () => ({ ...getEnv(), ANTHROPIC_API_KEY: undefined });

beforeAll(async () => {
  test = await createTestDatabase();
  owner = await createTenantWithStaff(test, 'secciones');
  tenant = await resolveTenant(test.db, owner.staff, 'secciones');
  await saveAiSection(test.db, owner.staff, tenant, 'voice', {
    system_prompt: 'Eres la recepción de la clínica.',
    response_style: 'amable',
  });
  await saveAiSection(test.db, owner.staff, tenant, 'knowledge', {
    'faq.0.question': '¿Dónde están?',
    'faq.0.answer': 'Insurgentes Sur 1234.',
  });
  await saveAiSection(test.db, owner.staff, tenant, 'handoff', {
    fallback_message: 'Te escribimos pronto.',
    escalation_keywords: 'queja',
    auto_escalate_after_messages: '5',
  });
  await saveAiSection(test.db, owner.staff, tenant, 'hours', {
    'hours.timezone': 'America/Mexico_City',
    'hours.mon': '09:00-18:00',
  });
  await saveAiSection(test.db, owner.staff, tenant, 'advanced', {
    model: 'claude-haiku-5-5',
    max_tokens: '700',
  });
});
afterAll(() => test.drop());

describe('saving one section of the AI page', () => {
  it('changes that section only: every other setting stays as it was', async () => {
    const before = await loadAiSettings(test.db, owner.staff, tenant);
    const saved = await saveAiSection(test.db, owner.staff, tenant, 'hours', {
      'hours.tue': '10:00-14:00',
      'hours.notes': 'Cerramos los feriados',
    });
    const { business_hours: hoursAfter, updated_at: _a, ...restAfter } = saved;
    const { business_hours: hoursBefore, updated_at: _b, ...restBefore } = before;
    expect(restAfter).toEqual(restBefore);
    expect(hoursAfter).not.toEqual(hoursBefore);
    expect(hoursAfter).toMatchObject({
      notes: 'Cerramos los feriados',
      weekly: { tue: [['10:00', '14:00']] },
    });

    const voice = await saveAiSection(test.db, owner.staff, tenant, 'voice', {
      system_prompt: 'Eres Ana, de la clínica.',
      response_style: 'breve',
    });
    expect(voice).toMatchObject({
      system_prompt: 'Eres Ana, de la clínica.',
      knowledge: before.knowledge,
      fallback_message: 'Te escribimos pronto.',
      escalation_keywords: ['queja'],
      auto_escalate_after_messages: 5,
      model: 'claude-haiku-5-5',
      max_tokens: 700,
      business_hours: hoursAfter,
    });
  });

  it('a section posted with fields of another section ignores them', async () => {
    const saved = await saveAiSection(test.db, owner.staff, tenant, 'advanced', {
      model: '',
      max_tokens: '800',
      system_prompt: 'Esto no es de esta sección',
      fallback_message: '',
    });
    expect(saved).toMatchObject({ model: null, max_tokens: 800, system_prompt: 'Eres Ana, de la clínica.' });
    expect(saved.fallback_message).toBe('Te escribimos pronto.');
  });

  it('refuses a bad value naming its field, with a Spanish label, and saves nothing', async () => {
    const before = await loadAiSettings(test.db, owner.staff, tenant);
    await expect(
      saveAiSection(test.db, owner.staff, tenant, 'advanced', { model: '', max_tokens: '9' }),
    ).rejects.toMatchObject({ code: 'bad_request', details: { fields: ['max_tokens'] } });
    await expect(
      saveAiSection(test.db, owner.staff, tenant, 'handoff', {
        fallback_message: ' ',
        escalation_keywords: '',
      }),
    ).rejects.toMatchObject({ details: { fields: ['fallback_message'] } });
    await expect(
      saveAiSection(test.db, owner.staff, tenant, 'hours', { 'hours.wed': 'por la mañana' }),
    ).rejects.toMatchObject({ details: { fields: ['hours.wed'] } });
    expect(messagesEs.ai.fields.max_tokens).toBe('Largo máximo de cada respuesta (de 64 a 4096)');
    expect(messagesEs.ai.fields.fallback_message).toMatch(/^Mensaje cuando la IA no sabe qué responder/);
    expect(messagesEs.ai.days.wed).toBe('Miércoles');
    expect(await loadAiSettings(test.db, owner.staff, tenant)).toEqual(before);
  });

  it('an agent cannot save a section', async () => {
    const agent = await test.db.rpc('admin_seed_staff_member', {
      p_tenant_slug: 'secciones',
      p_email: 'agente@secciones.example',
      p_role: 'agent',
    });
    const staff = staffIdentity(agent.user_id, 'agente@secciones.example');
    const asAgent = await resolveTenant(test.db, staff, 'secciones');
    await expect(
      saveAiSection(test.db, staff, asAgent, 'voice', { system_prompt: 'x', response_style: '' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('the test chat', () => {
  it('answers with the unsaved edits on the page, and stores nothing', async () => {
    const messages = await test.pool.query('select count(*)::int as n from messages');
    const saved = await loadAiSettings(test.db, owner.staff, tenant);

    // Saved FAQ answers.
    const asSaved = await previewAiReply(test.db, owner.staff, tenant, offline(), {
      message: '¿Dónde están?',
    });
    expect(asSaved).toMatchObject({ generatedBy: 'offline', text: 'Insurgentes Sur 1234.' });

    // The knowledge form on the screen has a different, unsaved answer.
    const edited = await previewAiReply(test.db, owner.staff, tenant, offline(), {
      message: '¿Dónde están?',
      'draft.knowledge.tenantSlug': 'secciones',
      'draft.knowledge.faq.0.question': '¿Dónde están?',
      'draft.knowledge.faq.0.answer': 'Nos mudamos: Reforma 50.',
      'draft.knowledge.faq.1.question': '',
      'draft.knowledge.faq.1.answer': '',
    });
    expect(edited).toMatchObject({ generatedBy: 'offline', text: 'Nos mudamos: Reforma 50.' });

    // An unsaved keyword and fallback message: the hand-off uses both.
    const handOff = await previewAiReply(test.db, owner.staff, tenant, offline(), {
      message: 'Quiero un reembolso',
      'draft.handoff.fallback_message': 'Una persona te llama hoy.',
      'draft.handoff.escalation_keywords': 'queja\nreembolso',
      'draft.handoff.auto_escalate_after_messages': '',
    });
    expect(handOff).toMatchObject({ escalate: true, generatedBy: null });
    expect(handOff.escalationReason).toMatch(/reembolso/);

    expect((await test.pool.query('select count(*)::int as n from messages')).rows).toEqual(messages.rows);
    expect(await loadAiSettings(test.db, owner.staff, tenant)).toEqual(saved);
  });

  it('refuses an unsaved edit that a save would refuse, naming the field', async () => {
    await expect(
      previewAiReply(test.db, owner.staff, tenant, offline(), {
        message: 'Hola',
        'draft.advanced.model': '',
        'draft.advanced.max_tokens': '999999',
      }),
    ).rejects.toMatchObject({ code: 'bad_request', details: { fields: ['max_tokens'] } });
  });
});
