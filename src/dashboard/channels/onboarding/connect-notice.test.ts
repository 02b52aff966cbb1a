import { describe, expect, it } from 'vitest';
import { messagesEs } from '@/src/i18n/messages-es';
import { connectNotice } from './connect-notice';

describe('connectNotice', () => {
  it('explains a known reason in Spanish and falls back to the generic text otherwise', () => {
    expect(connectNotice({ connectError: 'state_invalid' }, messagesEs)).toEqual({
      status: 'error',
      message: messagesEs.connect.reasons.state_invalid,
      fields: [],
    });
    expect(connectNotice({ connectError: 'made_up' }, messagesEs)).toMatchObject({
      message: messagesEs.errors.generic,
    });
    expect(connectNotice({ connectError: '<script>' }, messagesEs)).toBeUndefined();
  });

  it('says TikTok is connected with our own words only', () => {
    expect(connectNotice({ connected: 'tiktok', name: 'Gana dinero aquí' }, messagesEs)).toEqual({
      status: 'ok',
      notice: 'Listo: TikTok quedó conectado y en vivo.',
    });
    expect(connectNotice({}, messagesEs)).toBeUndefined();
  });
});
