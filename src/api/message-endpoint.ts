import { z } from 'zod';
import { fillTemplate, type StoredTemplate } from '@/src/templates/fill-template';
import type { ApiEndpoint, Invoke } from './api-endpoint';
import { ApiError } from './api-error';

// Send in a conversation as the key's member: free text (send_human_reply: the channel's text
// limit and reply window apply), or an approved WhatsApp template filled like
// queueTemplateMessage does (the way to write after the 24 h window).

const body = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string().trim().min(1).max(6000) }),
  z.object({
    type: z.literal('template'),
    name: z.string().min(1).max(512),
    language: z.string().min(2).max(15).default('es_MX'),
    params: z
      .union([z.record(z.string(), z.string().max(1024)), z.array(z.string().max(1024)).max(20)])
      .default([]),
  }),
]);

async function sendTemplate(
  invoke: Invoke,
  conversationId: string,
  input: Extract<z.output<typeof body>, { type: 'template' }>,
) {
  const { templates } = (await invoke('templates.list', {})) as {
    templates: (StoredTemplate & { status: string })[];
  };
  const template = templates.find(
    (row) => row.name === input.name && row.language === input.language && row.status === 'approved',
  );
  if (!template) {
    throw new ApiError(
      'validation_failed',
      `The template ${input.name} (${input.language}) is not approved`,
      {
        reason: 'template_not_approved',
      },
    );
  }
  const filled = fillTemplate(template, input.params);
  if (!filled.ok) {
    throw new ApiError('validation_failed', 'Template values missing or invalid', {
      fields: [...filled.missing, ...filled.invalid],
      reason: filled.missing.length ? 'template_value_missing' : 'template_value_invalid',
    });
  }
  return invoke('messages.send_template', {
    conversation_id: conversationId,
    name: template.name,
    language: template.language,
    text: filled.text,
    components: filled.components,
  });
}

export const messageEndpoint: ApiEndpoint = {
  method: 'POST',
  path: '/conversations/{id}/messages',
  summary: 'Send a text (inside the reply window) or an approved WhatsApp template',
  tag: 'messages',
  scope: 'write',
  params: z.object({ id: z.uuid() }),
  body,
  creates: true,
  async run(invoke, { params, body: input }: { params: { id: string }; body: z.output<typeof body> }) {
    const message =
      input.type === 'text'
        ? await invoke('messages.send_text', { conversation_id: params.id, text: input.text })
        : await sendTemplate(invoke, params.id, input);
    return { data: message };
  },
};
