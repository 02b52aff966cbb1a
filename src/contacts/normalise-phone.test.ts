import { describe, expect, it } from 'vitest';
import { normalisePhone } from './normalise-phone';

describe('normalisePhone', () => {
  it.each([
    ['55 1234 5678', '+525512345678'],
    ['(55) 1234-5678', '+525512345678'],
    ['044 55 1234 5678', '+525512345678'],
    ['045 33 1234 5678', '+523312345678'],
    ['01 81 1234 5678', '+528112345678'],
    ['+52 1 55 1234 5678', '+525512345678'],
    ['+52 55 1234 5678', '+525512345678'],
    ['5215512345678', '+525512345678'],
    ['525512345678', '+525512345678'],
    ['0052 1 55 1234 5678', '+525512345678'],
    ['55.1234.5678', '+525512345678'],
  ])('Mexico: %s → %s', (input, expected) => {
    expect(normalisePhone(input, 'MX')).toEqual({ ok: true, e164: expected });
  });

  it('other countries: a + prefix wins over the default country', () => {
    expect(normalisePhone('+57 300 123 4567', 'MX')).toEqual({ ok: true, e164: '+573001234567' });
    expect(normalisePhone('+1 (650) 555-1234', 'MX')).toEqual({ ok: true, e164: '+16505551234' });
  });

  it('other countries: national numbers take the default country, trunk 0 dropped', () => {
    expect(normalisePhone('300 123 4567', 'CO')).toEqual({ ok: true, e164: '+573001234567' });
    expect(normalisePhone('57 300 123 4567', 'CO')).toEqual({ ok: true, e164: '+573001234567' });
    expect(normalisePhone('0991234567', 'EC')).toEqual({ ok: true, e164: '+593991234567' });
    expect(normalisePhone('612 34 56 78', 'ES')).toEqual({ ok: true, e164: '+34612345678' });
  });

  it('refuses what is not a phone', () => {
    expect(normalisePhone('no tiene', 'MX')).toEqual({ ok: false, reason: 'invalid_phone' });
    expect(normalisePhone('1234', 'MX')).toEqual({ ok: false, reason: 'invalid_phone' });
    expect(normalisePhone('+52 1234', 'MX')).toEqual({ ok: false, reason: 'invalid_phone' });
    expect(normalisePhone('300 123 4567', 'ZZ')).toEqual({ ok: false, reason: 'unknown_country' });
  });
});
