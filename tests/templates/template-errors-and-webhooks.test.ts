import { describe, expect, it } from 'vitest';
import { normaliseWhatsappWebhook } from '@/src/channels/whatsapp/normalise-whatsapp-webhook';
import { classifyWhatsAppSendError } from '@/src/channels/whatsapp/whatsapp-send-errors';
import { deliveryErrorKey } from '@/src/dashboard/inbox/delivery-error-text';
import { messagesEs } from '@/src/i18n/messages-es';
import { templatesEs } from '@/src/i18n/templates-es';

// The template error codes of PLATFORMS-2.md §3.5 and the three template webhooks of §3.3, as
// Meta sends them.

function graphError(code: number, message: string) {
  return {
    error: {
      message,
      type: 'OAuthException',
      code,
      error_data: { messaging_product: 'whatsapp', details: 'x' },
      fbtrace_id: 'A1',
    },
  };
}

describe('template send errors', () => {
  const codes = [132000, 132001, 132005, 132007, 132012, 132015, 132016, 131049, 131050, 131047];

  it.each(codes)('%i is permanent, never retried, with a Spanish text staff read', (code) => {
    const failure = classifyWhatsAppSendError(400, graphError(code, `(#${code}) error`));
    expect(failure).toMatchObject({ kind: 'permanent', code: String(code) });
    expect(failure.staffMessage).toContain(`Meta error ${code}`);
    const texts = { ...messagesEs.inbox.deliveryErrors, ...templatesEs.deliveryErrors };
    const key = deliveryErrorKey(String(code), texts);
    expect(key).toBe(String(code));
    expect(texts[key!]).toMatch(/[a-záéíóúñ]/);
  });

  it('tells staff not to resend a 131049 for 24 hours', () => {
    expect(classifyWhatsAppSendError(400, graphError(131049, 'held')).staffMessage).toContain('24 h');
    expect(templatesEs.deliveryErrors['131049']).toContain('24 horas');
  });
});

function delivery(field: string, value: Record<string, unknown>) {
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: '102290129340398', time: 1751247548, changes: [{ field, value }] }],
  };
}

describe('template webhooks', () => {
  it('reads a status update, keeping the numeric template id as text and the rejection reason', () => {
    const { events, ignored } = normaliseWhatsappWebhook(
      delivery('message_template_status_update', {
        event: 'REJECTED',
        message_template_id: 1689556908129835,
        message_template_name: 'abandoned_cart',
        message_template_language: 'en',
        reason: 'INVALID_FORMAT',
        message_template_category: 'MARKETING',
        rejection_info: { reason: 'Adjacent parameters', recommendation: 'Add words between them' },
      }),
    );
    expect(ignored).toEqual([]);
    expect(events).toEqual([
      {
        kind: 'template_update',
        account_id: '102290129340398',
        account_id_kind: 'business_account',
        template_id: '1689556908129835',
        name: 'abandoned_cart',
        language: 'en',
        status: 'rejected',
        reason: 'INVALID_FORMAT — Adjacent parameters — Add words between them',
        status_note: null,
        quality_score: null,
        category: 'marketing',
        at: '2025-06-30T01:39:08.000Z',
      },
    ]);
  });

  it('dispatches on the value: a quality change under the status field name, a disable date', () => {
    const quality = normaliseWhatsappWebhook(
      delivery('message_template_status_update', {
        previous_quality_score: 'GREEN',
        new_quality_score: 'RED',
        message_template_id: 1,
        message_template_name: 'x',
        message_template_language: 'es_MX',
      }),
    );
    expect(quality.events[0]).toMatchObject({ kind: 'template_update', quality_score: 'red', status: null });
    const disabled = normaliseWhatsappWebhook(
      delivery('message_template_status_update', {
        event: 'DISABLED',
        message_template_id: 2,
        message_template_name: 'x',
        message_template_language: 'es_MX',
        reason: 'NONE',
        disable_info: { disable_date: 1751347548 },
      }),
    );
    expect(disabled.events[0]).toMatchObject({
      status: 'disabled',
      reason: null,
      status_note: expect.stringContaining('2025-07-01'),
    });
  });

  it('waits for a category change Meta only announced', () => {
    const announced = normaliseWhatsappWebhook(
      delivery('template_category_update', {
        message_template_id: 3,
        message_template_name: 'x',
        message_template_language: 'es_MX',
        correct_category: 'MARKETING',
        new_category: 'MARKETING',
        previous_category: 'UTILITY',
        category_update_timestamp: 1751347548,
      }),
    );
    expect(announced.events).toEqual([]);
    expect(announced.ignored).toEqual(['template:category_pending']);
  });
});
