import { describe, expect, it } from 'vitest';
import { messagesEn } from '@/src/i18n/messages-en';
import { messagesEs } from '@/src/i18n/messages-es';
import { channelLabel } from './channel-label';

describe('channelLabel', () => {
  it('names a known channel in the reader’s language', () => {
    expect(channelLabel(messagesEs, 'whatsapp')).toBe(messagesEs.channels.whatsapp);
    expect(channelLabel(messagesEn, 'facebook')).toBe(messagesEn.channels.facebook);
  });

  it('shows the stored id of a channel it has no name for', () => {
    expect(channelLabel(messagesEs, 'telegram')).toBe('telegram');
  });
});
