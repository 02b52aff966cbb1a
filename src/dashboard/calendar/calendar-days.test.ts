import { describe, expect, it } from 'vitest';
import { addDays, daysFrom, formatLocalStart, isCalendarDate, queryWindow, todayIn } from './calendar-days';

describe('calendar days', () => {
  it('adds days across months and years', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(daysFrom('2026-02-27', 3)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });
  it('accepts only real dates', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-2-3')).toBe(false);
    expect(isCalendarDate(undefined)).toBe(false);
  });
  it("today is the branch's date, not the server's", () => {
    const lateEvening = new Date('2026-12-08T04:30:00Z');
    expect(todayIn('America/Mexico_City', lateEvening)).toBe('2026-12-07');
    expect(todayIn('UTC', lateEvening)).toBe('2026-12-08');
  });
  it('asks the database for a day either side', () => {
    expect(queryWindow(['2026-12-07', '2026-12-08'])).toEqual({
      from: '2026-12-06T00:00:00Z',
      to: '2026-12-10T00:00:00Z',
    });
  });
  it('formats a local start without shifting it', () => {
    expect(formatLocalStart('2026-12-08T10:30', 'es-MX')).toMatch(/8.*dic.*10:30/);
  });
});
