import { describe, expect, it } from 'vitest';
import { aiReplyFormat, parseAiReply } from './ai-reply-schema';
import { appointmentTools } from './appointment-tools';

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: Schema;
  anyOf?: Schema[];
};

// Strict tools and structured outputs need every object closed and every property required.
function expectStrict(schema: Schema, path: string) {
  if (schema.type === 'object') {
    expect(schema.additionalProperties, path).toBe(false);
    expect([...(schema.required ?? [])].sort(), path).toEqual(Object.keys(schema.properties ?? {}).sort());
  }
  for (const [key, child] of Object.entries(schema.properties ?? {})) expectStrict(child, `${path}.${key}`);
  if (schema.items) expectStrict(schema.items, `${path}[]`);
  for (const variant of schema.anyOf ?? []) expectStrict(variant, `${path}|`);
}

describe('schemas derived from zod', () => {
  it('gives five strict tools, none taking a lead', () => {
    expect(appointmentTools.map((tool) => tool.name)).toEqual([
      'find_available_slots',
      'book_appointment',
      'reschedule_appointment',
      'cancel_appointment',
      'list_my_appointments',
    ]);
    for (const tool of appointmentTools) {
      expect(tool.strict).toBe(true);
      expect(tool.description).toBeTruthy();
      expectStrict(tool.input_schema as Schema, tool.name);
      expect(Object.keys(tool.input_schema.properties ?? {}).some((key) => key.includes('lead'))).toBe(false);
    }
  });

  it('gives the reply format the shape the API constrains, and parses answers with the same zod schema', () => {
    expect(aiReplyFormat.type).toBe('json_schema');
    expectStrict(aiReplyFormat.schema as Schema, 'reply');
    expect(aiReplyFormat.schema.required).toEqual([
      'reply',
      'intent',
      'signals',
      'escalate',
      'escalation_reason',
      'choices_style',
      'choices',
    ]);
    expect(
      parseAiReply({
        reply: 'Hola',
        intent: 'booking',
        signals: ['interested', 'interested'],
        escalate: false,
        escalation_reason: '',
      }),
    ).toEqual({
      reply: 'Hola',
      intent: 'booking',
      signals: ['interested'],
      escalate: false,
      escalation_reason: '',
      // An answer without options is still valid (issue 16 §2): they default to none.
      choices_style: 'none',
      choices: [],
    });
    expect(parseAiReply({ reply: 'Hola', intent: 'booking' })).toBeUndefined();
  });
});
