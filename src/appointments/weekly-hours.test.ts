import { describe, expect, it } from 'vitest';
import { parseWeeklyHours } from './weekly-hours';

describe('parseWeeklyHours', () => {
  it('reads day ranges, single days and split shifts', () => {
    expect(parseWeeklyHours('mon-fri 09:00-14:00, mon-fri 16:00-19:00,sat 09:00-14:00')).toEqual({
      mon: [
        ['09:00', '14:00'],
        ['16:00', '19:00'],
      ],
      tue: [
        ['09:00', '14:00'],
        ['16:00', '19:00'],
      ],
      wed: [
        ['09:00', '14:00'],
        ['16:00', '19:00'],
      ],
      thu: [
        ['09:00', '14:00'],
        ['16:00', '19:00'],
      ],
      fri: [
        ['09:00', '14:00'],
        ['16:00', '19:00'],
      ],
      sat: [['09:00', '14:00']],
    });
    expect(parseWeeklyHours('SUN 18:00-24:00')).toEqual({ sun: [['18:00', '24:00']] });
  });

  it.each([
    ['', 'empty'],
    ['lun-vie 09:00-19:00', 'Unknown day'],
    ['mon 9-19', 'Cannot read'],
    ['mon 19:00-09:00', 'closes before'],
    ['fri-mon 09:00-10:00', 'days run'],
    ['mon 09:00-12:00,mon 11:00-13:00', 'overlap'],
    ['mon 25:00-26:00', 'Cannot read'],
  ])('refuses %j', (text, message) => {
    expect(() => parseWeeklyHours(text)).toThrow(message);
  });
});
