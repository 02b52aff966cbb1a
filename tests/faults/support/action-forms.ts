import { randomUUID } from 'node:crypto';
import type { DashboardStack } from './dashboard-stack';

// For every server action: what it takes, a valid form, and the route parameters of its page.

export type ActionCase = {
  key: string;
  args: 'state-form' | 'form' | 'none';
  form: Record<string, string>;
  params?: Record<string, string>;
};

export function actionCases(stack: DashboardStack): ActionCase[] {
  const t = 'dash-a';
  const { conversationId, jobId, leadId } = stack.ids;
  const inTenant = (file: string, name: string, form: Record<string, string>, params = {}): ActionCase => ({
    key: `app/t/[tenantSlug]/${file}#${name}`,
    args: 'state-form',
    form: { tenantSlug: t, ...form },
    params: { tenantSlug: t, ...params },
  });
  const business = {
    businessName: 'Café Luna',
    slug: 'cafe-luna',
    timezone: 'America/Mexico_City',
    country: 'MX',
  };
  return [
    {
      key: 'app/login/actions.ts#devSignInAction',
      args: 'state-form',
      form: { email: 'agent@dash-a.example' },
    },
    {
      key: 'app/login/actions.ts#passwordSignInAction',
      args: 'state-form',
      form: { email: 'owner@dash-a.example', password: 'not-a-password' },
    },
    {
      key: 'app/login/actions.ts#magicLinkAction',
      args: 'state-form',
      form: { email: 'owner@dash-a.example' },
    },
    {
      key: 'app/auth/actions.ts#requestResetAction',
      args: 'state-form',
      form: { email: 'owner@dash-a.example' },
    },
    {
      key: 'app/auth/actions.ts#setPasswordAction',
      args: 'state-form',
      form: { password: 'a-new-password-123', confirm: 'a-new-password-123', next: '/t' },
    },
    {
      key: 'app/invite/[token]/actions.ts#acceptInvitationAction',
      args: 'state-form',
      form: { token: 'x'.repeat(43) },
      params: { token: 'x'.repeat(43) },
    },
    {
      key: 'app/signup/actions.ts#signUpAction',
      args: 'state-form',
      form: { ...business, email: 'new@cafe-luna.example', password: 'a-long-password-1' },
    },
    { key: 'app/signup/actions.ts#createBusinessAction', args: 'state-form', form: business },
    { key: 'app/language-action.ts#setLanguageAction', args: 'form', form: { language: 'en' } },
    { key: 'app/sign-out-action.ts#signOutAction', args: 'none', form: {} },
    inTenant('ai/actions.ts', 'saveAiVoiceAction', {
      system_prompt: 'Eres la recepción.',
      response_style: 'breve',
    }),
    inTenant('ai/actions.ts', 'saveAiKnowledgeAction', {
      'faq.0.question': '¿Dónde?',
      'faq.0.answer': 'En la Roma.',
    }),
    inTenant('ai/actions.ts', 'saveAiHandoffAction', {
      fallback_message: 'Te escribimos pronto.',
      escalation_keywords: 'queja',
      auto_escalate_after_messages: '8',
    }),
    inTenant('ai/actions.ts', 'saveAiHoursAction', { 'hours.mon': '09:00-14:00' }),
    inTenant('ai/actions.ts', 'saveAiMediaAction', {
      media_turn_budget_mb: '8',
      voice_without_transcript: 'hand_over',
    }),
    inTenant('ai/actions.ts', 'saveAutoMessagesAction', {
      greeting_enabled: 'on',
      greeting_text: '¡Hola! Gracias por escribir.',
      away_text: '',
    }),
    inTenant('ai/actions.ts', 'saveAiAdvancedAction', { model: 'claude-haiku-5-5', max_tokens: '600' }),
    inTenant('ai/actions.ts', 'previewAiReplyAction', {
      message: '¿Precio de limpieza?',
      channel: 'whatsapp',
      'draft.handoff.fallback_message': 'Te escribimos pronto.',
    }),
    // The self-serve steps (one FormData argument; without the platform app they are a 501).
    {
      ...inTenant('channels/onboarding-actions.ts', 'beginOnboardingAction', { flow: 'meta_pages' }),
      args: 'form',
    },
    {
      ...inTenant('channels/onboarding-actions.ts', 'finishWhatsAppSignupAction', {
        state: 'x'.repeat(43),
        code: 'code',
        event: 'FINISH',
        wabaId: '1',
        phoneNumberId: '2',
        pin: '123456',
      }),
      args: 'form',
    },
    {
      ...inTenant('channels/onboarding-actions.ts', 'listFacebookPagesAction', {
        state: 'x'.repeat(43),
        userToken: 't',
      }),
      args: 'form',
    },
    {
      ...inTenant('channels/onboarding-actions.ts', 'connectFacebookPageAction', {
        state: 'x'.repeat(43),
        pageId: '1',
      }),
      args: 'form',
    },
    inTenant('channels/actions.ts', 'saveChannelAction', {
      channel: 'whatsapp',
      mode: 'sandbox',
      aiEnabled: 'on',
      phoneNumberId: '7700001',
      accessToken: '',
      webhookSecret: '',
      verifyToken: '',
    }),
    inTenant('channels/actions.ts', 'setChannelEnabledAction', { channel: 'whatsapp', enabled: 'on' }),
    inTenant('channels/actions.ts', 'sendChannelTestAction', { channel: 'whatsapp' }),
    inTenant('channels/actions.ts', 'deleteTestTrafficAction', { confirm: 'yes' }),
    inTenant(
      'inbox/[conversationId]/actions.ts',
      'changeConversationAction',
      { conversationId, change: 'handler', handledBy: 'human' },
      { conversationId },
    ),
    inTenant(
      'inbox/[conversationId]/actions.ts',
      'sendReplyAction',
      { conversationId, text: 'Hola, soy Ana.' },
      { conversationId },
    ),
    inTenant(
      'inbox/[conversationId]/actions.ts',
      'requestAiReplyAction',
      { conversationId },
      { conversationId },
    ),
    inTenant(
      'leads/[leadId]/actions.ts',
      'updateLeadAction',
      {
        leadId,
        name: 'Ana López',
        phone: '+52 55 1234 5678',
        email: 'ana@example.com',
        notes: '',
        stage: 'contacted',
      },
      { leadId },
    ),
    inTenant('leads/[leadId]/actions.ts', 'mergeLeadsAction', { leadId, mergedId: randomUUID() }, { leadId }),
    inTenant('leads/[leadId]/actions.ts', 'undoLeadMergeAction', { mergeId: randomUUID() }, { leadId }),
    inTenant(
      'inbox/[conversationId]/actions.ts',
      'assignConversationAction',
      { conversationId, assignee: '' },
      { conversationId },
    ),
    inTenant(
      'inbox/[conversationId]/actions.ts',
      'escalateConversationAction',
      { conversationId, reason: 'Pide factura' },
      { conversationId },
    ),
    inTenant(
      'inbox/[conversationId]/actions.ts',
      'addNoteAction',
      { conversationId, body: 'Revisar el precio', mentions: '' },
      { conversationId },
    ),
    inTenant(
      'inbox/[conversationId]/actions.ts',
      'sendTemplateReplyAction',
      { conversationId, template: 'recordatorio_cita|es_MX', 'value_body.nombre': 'Ana' },
      { conversationId },
    ),
    inTenant('templates/actions.ts', 'syncTemplatesAction', {}),
    inTenant('templates/actions.ts', 'createTemplateAction', {
      name: 'cita_confirmada',
      language: 'es_MX',
      category: 'utility',
      body: 'Hola {{nombre}}, tu cita quedó confirmada.',
      examples: 'nombre=Ana',
    }),
    inTenant('tags/actions.ts', 'setTagAction', {
      target: 'conversation',
      targetId: conversationId,
      tagId: randomUUID(),
      on: 'true',
    }),
    inTenant('tags/actions.ts', 'saveTagAction', { tagId: '', name: 'VIP', color: 'amber' }),
    inTenant('tags/actions.ts', 'deleteTagAction', { tagId: randomUUID() }),
    inTenant('tags/actions.ts', 'saveQuickReplyAction', {
      quickReplyId: '',
      title: 'Horario',
      body: 'Abrimos de 9 a 19.',
    }),
    inTenant('tags/actions.ts', 'deleteQuickReplyAction', { quickReplyId: randomUUID() }),
    inTenant('queue/actions.ts', 'retryJobAction', { jobId }),
    inTenant('notifications/actions.ts', 'savePreferencesAction', { push: 'on', email: 'on' }),
    inTenant('notifications/actions.ts', 'savePushSubscriptionAction', {
      subscription: JSON.stringify({
        endpoint: 'https://push.example.com/send/abc',
        keys: {
          p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
          auth: 'tBHItJI5svbpez7KI4CCXg',
        },
      }),
    }),
    inTenant('team/actions.ts', 'inviteAction', { email: 'new-agent@dash-a.example', role: 'agent' }),
    inTenant('team/actions.ts', 'resendAction', { invitationId: randomUUID() }),
    inTenant('team/actions.ts', 'revokeAction', { invitationId: randomUUID() }),
    inTenant('team/actions.ts', 'setRoleAction', { userId: randomUUID(), role: 'agent' }),
    inTenant('team/actions.ts', 'removeAction', { userId: randomUUID() }),
    inTenant('calendar/actions.ts', 'setAppointmentStatusAction', {
      appointmentId: randomUUID(),
      status: 'confirmed',
    }),
    inTenant('calendar/actions.ts', 'moveAppointmentAction', {
      appointmentId: randomUUID(),
      slot: `2030-01-08T16:00:00Z|${randomUUID()}`,
    }),
    inTenant('calendar/actions.ts', 'bookAppointmentAction', {
      leadId: randomUUID(),
      serviceId: randomUUID(),
      slot: `2030-01-08T16:00:00Z|${randomUUID()}`,
    }),
    inTenant('calendar/settings/actions.ts', 'saveBranchAction', {
      branchId: '',
      name: 'Sucursal Norte',
      address: 'Av. Reforma 10',
      mapsUrl: '',
      timezone: 'America/Mexico_City',
      'hours.mon': '09:00-14:00, 16:00-19:00',
    }),
    inTenant('calendar/settings/actions.ts', 'saveServiceAction', {
      serviceId: '',
      name: 'Revisión',
      minutes: '30',
      buffer: '10',
      price: '400',
      active: 'on',
    }),
    inTenant('calendar/settings/actions.ts', 'saveResourceAction', {
      resourceId: '',
      branchId: randomUUID(),
      name: 'Dra. Paz',
      active: 'on',
    }),
    inTenant('calendar/settings/actions.ts', 'addClosureAction', {
      branchId: randomUUID(),
      resourceId: '',
      date: '2030-01-01',
      until: '',
      reason: 'Año nuevo',
    }),
    inTenant('calendar/settings/actions.ts', 'removeClosureAction', { closureId: randomUUID() }),
    inTenant('calendar/settings/actions.ts', 'createFeedAction', { target: `branch:${randomUUID()}` }),
    inTenant('automations/actions.ts', 'createEndpointAction', {
      url: 'https://n8n.example.com/webhook/inbox',
      'event:message.received': 'on',
    }),
    inTenant('automations/actions.ts', 'updateEndpointAction', {
      endpointId: randomUUID(),
      url: 'https://n8n.example.com/webhook/inbox',
      'event:message.received': 'on',
    }),
    inTenant('automations/actions.ts', 'resendDeliveryAction', { deliveryId: randomUUID() }),
    inTenant('automations/actions.ts', 'setWorkflowModeAction', { mode: 'off' }),
    inTenant('calendar/settings/actions.ts', 'revokeFeedAction', { feedId: randomUUID() }),
    inTenant('api/actions.ts', 'createApiKeyAction', { name: 'n8n', scope: 'write' }),
    inTenant('api/actions.ts', 'revokeApiKeyAction', { keyId: randomUUID() }),
    inTenant('calendar/settings/actions.ts', 'saveReminderSettingsAction', {
      reminder_offsets: '24, 2',
      follow_up_hours: '24, 72, 168',
      follow_ups_enabled: 'on',
      review_url: 'https://example.com/opiniones',
    }),
    inTenant('simulator/actions.ts', 'simulateMessageAction', {
      channel: 'whatsapp',
      text: 'Hola',
      from: '5215500001111',
    }),
  ];
}
