import { describe, expect, it } from 'vitest';
import { describeAppointmentPlace, formatSpanishDateTime } from './spanish-date';

describe('formatSpanishDateTime', () => {
  it('names day, date and time in the branch zone', () => {
    expect(formatSpanishDateTime('2026-12-15T16:30:00Z', 'America/Mexico_City')).toBe(
      'martes 15 de diciembre, 10:30',
    );
  });

  it('follows Tijuana across its daylight-saving change (UTC-7 in summer, UTC-8 in winter)', () => {
    expect(formatSpanishDateTime('2026-03-07T17:30:00Z', 'America/Tijuana')).toBe('sábado 7 de marzo, 09:30');
    // 8 March 2026, 02:00 local: clocks move to 03:00 (PDT, UTC-7).
    expect(formatSpanishDateTime('2026-03-09T16:30:00Z', 'America/Tijuana')).toBe('lunes 9 de marzo, 09:30');
    expect(formatSpanishDateTime('2026-11-02T17:30:00Z', 'America/Tijuana')).toBe(
      'lunes 2 de noviembre, 09:30',
    );
  });

  it('keeps Mexico City without daylight saving', () => {
    expect(formatSpanishDateTime('2026-07-01T15:00:00Z', 'America/Mexico_City')).toBe(
      'miércoles 1 de julio, 09:00',
    );
  });

  it('writes midnight as 00:00', () => {
    expect(formatSpanishDateTime('2026-12-15T06:00:00Z', 'America/Mexico_City')).toBe(
      'martes 15 de diciembre, 00:00',
    );
  });

  it('names branch and address', () => {
    expect(
      describeAppointmentPlace({
        starts_at: '2026-12-15T16:30:00Z',
        timezone: 'America/Mexico_City',
        branch_name: 'Sucursal Centro',
        branch_address: 'Av. Juárez 10',
        service_name: 'Limpieza dental',
      }),
    ).toBe('Limpieza dental: martes 15 de diciembre, 10:30 en Sucursal Centro, Av. Juárez 10');
  });
});
