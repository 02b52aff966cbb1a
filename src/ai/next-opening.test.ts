import { describe, expect, it } from 'vitest';
import { nextOpening } from './next-opening';

const clinic = {
  timezone: 'America/Mexico_City',
  weekly: {
    mon: [['09:00', '19:00']],
    tue: [
      ['09:00', '14:00'],
      ['16:00', '19:00'],
    ],
    wed: [['09:00', '19:00']],
    thu: [['09:00', '19:00']],
    fri: [['09:00', '19:00']],
    sat: [['09:00', '14:00']],
    sun: [],
  },
};

// Mexico City is UTC-6 all year (no daylight saving since 2022).
const at = (iso: string) => new Date(iso);

describe('nextOpening', () => {
  it('Sunday 21:12: Monday at 9', () => {
    expect(nextOpening(clinic, 'UTC', at('2026-12-07T03:12:00Z'))).toEqual({
      daysAhead: 1,
      day: 'mon',
      time: '09:00',
    });
  });

  it('Saturday after closing: Monday, two days ahead', () => {
    expect(nextOpening(clinic, 'UTC', at('2026-12-05T21:00:00Z'))).toEqual({
      daysAhead: 2,
      day: 'mon',
      time: '09:00',
    });
  });

  it('the lunch break: the same day, at the next range', () => {
    expect(nextOpening(clinic, 'UTC', at('2026-12-08T21:00:00Z'))).toEqual({
      daysAhead: 0,
      day: 'tue',
      time: '16:00',
    });
  });

  it('before opening: today', () => {
    expect(nextOpening(clinic, 'UTC', at('2026-12-09T13:30:00Z'))?.daysAhead).toBe(0);
  });

  it('null while open, and when hours are not configured or never open', () => {
    expect(nextOpening(clinic, 'UTC', at('2026-12-07T16:00:00Z'))).toBeNull();
    expect(nextOpening({}, 'America/Mexico_City', at('2026-12-07T03:12:00Z'))).toBeNull();
    expect(nextOpening({ weekly: { sun: [] } }, 'UTC', at('2026-12-07T03:12:00Z'))).toBeNull();
  });

  it('uses the tenant zone when the hours name none', () => {
    const { timezone: _zone, ...withoutZone } = clinic;
    expect(nextOpening(withoutZone, 'America/Mexico_City', at('2026-12-07T03:12:00Z'))?.day).toBe('mon');
  });
});
