import { describe, expect, it } from 'vitest';
import type { HistoryMessage } from './ai-context';
import { buildConversationTurns, newCustomerMessages } from './conversation-turns';

let n = 0;
const msg = (
  direction: 'inbound' | 'outbound',
  text: string | null,
  type = 'text',
  deleted = false,
): HistoryMessage => ({
  id: `m${++n}`,
  deleted,
  direction,
  sender: direction === 'inbound' ? 'lead' : 'ai',
  message_type: type,
  text,
  created_at: new Date(),
});

describe('buildConversationTurns', () => {
  it('merges consecutive messages, starts and ends with the customer', () => {
    const turns = buildConversationTurns([
      msg('outbound', 'Hola, soy el asistente'),
      msg('inbound', 'Hola'),
      msg('inbound', null, 'image'),
      msg('outbound', '¿En qué te ayudo?'),
      msg('outbound', 'Estamos abiertos'),
      msg('inbound', '¿Precio?'),
    ]);
    expect(turns).toEqual([
      { role: 'user', content: 'Hola\n[image]' },
      { role: 'assistant', content: '¿En qué te ayudo?\nEstamos abiertos' },
      { role: 'user', content: '¿Precio?' },
    ]);
  });

  it('tells Claude a message was deleted rather than showing its empty type', () => {
    expect(
      buildConversationTurns([
        msg('inbound', 'Hola'),
        msg('inbound', null, 'text', true),
        msg('inbound', '¿Abren?'),
      ]),
    ).toEqual([{ role: 'user', content: 'Hola\n[the customer deleted this message]\n¿Abren?' }]);
  });

  it('drops a trailing assistant turn (no prefill)', () => {
    expect(buildConversationTurns([msg('inbound', 'a'), msg('outbound', 'b')])).toEqual([
      { role: 'user', content: 'a' },
    ]);
  });
});

describe('newCustomerMessages', () => {
  it('returns the messages after the last reply', () => {
    const history = [
      msg('inbound', 'old'),
      msg('outbound', 'reply'),
      msg('inbound', 'new 1'),
      msg('inbound', 'new 2'),
    ];
    expect(newCustomerMessages(history).map((m) => m.text)).toEqual(['new 1', 'new 2']);
  });
});
