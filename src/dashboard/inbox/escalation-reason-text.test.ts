import { describe, expect, it } from 'vitest';
import { replyIntents } from '@/src/ai/lead-signals';
import { messagesEn } from '@/src/i18n/messages-en';
import { messagesEs } from '@/src/i18n/messages-es';
import { escalationReasonText } from './escalation-reason-text';

const es = messagesEs.inbox.escalationReasons;

describe('escalationReasonText', () => {
  it('shows the reasons our code writes in the staff language', () => {
    expect(escalationReasonText('keyword: urgencia', es)).toBe(
      'el cliente escribió la palabra clave «urgencia»',
    );
    expect(escalationReasonText('reached 8 customer messages', es)).toBe(
      'la conversación llegó a 8 mensajes del cliente',
    );
    expect(escalationReasonText('AI unavailable: timeout', es)).toMatch(
      /^la IA no estuvo disponible \(timeout\)/,
    );
    expect(escalationReasonText('The reply could not be sent: 131047: Re-engagement message', es)).toBe(
      'no se pudo enviar la respuesta (131047: Re-engagement message)',
    );
    expect(escalationReasonText('escalated by the AI', messagesEn.inbox.escalationReasons)).toBe(
      'the AI asked for a person',
    );
    expect(escalationReasonText('by staff: Pide factura', es)).toBe(
      'alguien del equipo la pasó a una persona: Pide factura',
    );
  });

  it('names the hand-offs of complaints and requests for a person', () => {
    expect(escalationReasonText('offline responder: complaint', es)).toBe('el cliente presentó una queja');
    expect(escalationReasonText('offline responder: asked for a person', es)).toBe(
      'el cliente pidió hablar con una persona',
    );
  });

  it('every reply intent and answer source has a label in both languages', () => {
    for (const key of [...replyIntents, 'offline', 'claude']) {
      expect(messagesEs.intents[key], key).toBeTruthy();
      expect(messagesEn.intents[key], key).toBeTruthy();
    }
  });

  it('leaves a reason Claude wrote as it is', () => {
    expect(escalationReasonText('El paciente pide hablar con la doctora', es)).toBe(
      'El paciente pide hablar con la doctora',
    );
  });
});
