import { describe, expect, it } from 'vitest';
import type { AiContext } from './ai-context';
import { handOffText } from './closed-fallback';

const weekly = {
  mon: [['09:00', '19:00']],
  tue: [['09:00', '19:00']],
  wed: [['09:00', '19:00']],
  thu: [['09:00', '19:00']],
  fri: [['13:00', '19:00']],
  sat: [],
  sun: [],
};

function contextAt(iso: string, locale: string, hours: Record<string, unknown>): AiContext {
  return {
    now: new Date(iso),
    tenant: { id: 't', name: 'Clínica Sol', timezone: 'America/Mexico_City', locale },
    ai: { fallback_message: 'Te respondemos en breve.', business_hours: hours },
  } as unknown as AiContext;
}

describe('handOffText', () => {
  it('Sunday night in Spanish: when the clinic opens, not "en breve"', () => {
    // Sunday 6 December 2026, 21:12 in Mexico City (UTC-6).
    expect(handOffText(contextAt('2026-12-07T03:12:00Z', 'es-MX', { weekly }))).toBe(
      'Gracias por escribir a Clínica Sol. Ahora estamos cerrados; abrimos mañana a las 9:00 y una persona del equipo te responderá entonces.',
    );
  });

  it('in English, and "at 1" in Spanish reads "a la 1:00"', () => {
    // Thursday 10 December, 20:00: next is Friday 13:00.
    expect(handOffText(contextAt('2026-12-11T02:00:00Z', 'en', { weekly }))).toBe(
      'Thanks for writing to Clínica Sol. We are closed right now; we open tomorrow at 13:00, and someone from the team will answer you then.',
    );
    const oneOclock = { weekly: { ...weekly, fri: [['01:00', '19:00']] } };
    expect(handOffText(contextAt('2026-12-11T02:00:00Z', 'es-MX', oneOclock))).toContain(
      'abrimos mañana a la 1:00',
    );
  });

  it('the tenant fallback while open or without hours', () => {
    expect(handOffText(contextAt('2026-12-07T16:00:00Z', 'es-MX', { weekly }))).toBe(
      'Te respondemos en breve.',
    );
    expect(handOffText(contextAt('2026-12-07T03:12:00Z', 'es-MX', {}))).toBe('Te respondemos en breve.');
  });
});
