import { describe, expect, it } from 'vitest';
import { messagesEs } from '@/src/i18n/messages-es';
import { deliveryErrorKey } from './delivery-error-text';

const known = messagesEs.inbox.deliveryErrors;

describe('deliveryErrorKey', () => {
  it('finds our own codes and the platform codes staff can act on', () => {
    expect(deliveryErrorKey('whatsapp_template_required', known)).toBe('whatsapp_template_required');
    expect(deliveryErrorKey('send_unconfirmed', known)).toBe('send_unconfirmed');
    expect(deliveryErrorKey('131047', known)).toBe('131047');
    expect(deliveryErrorKey('190', known)).toBe('reauth');
    expect(deliveryErrorKey('190/463', known)).toBe('reauth');
    expect(deliveryErrorKey('10/2018278', known)).toBe('meta_window');
    expect(deliveryErrorKey('10/2534022', known)).toBe('meta_window');
    expect(deliveryErrorKey('551/1545041', known)).toBe('551');
  });

  it('leaves unknown codes to the stored text', () => {
    expect(deliveryErrorKey('100/2018001', known)).toBeUndefined();
    expect(deliveryErrorKey('http_502', known)).toBeUndefined();
    expect(deliveryErrorKey(null, known)).toBeUndefined();
  });
});
