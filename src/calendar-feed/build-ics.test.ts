import { describe, expect, it } from 'vitest';
import { buildIcs, escapeText, foldLine, formatUtc } from './build-ics';

describe('iCalendar (RFC 5545)', () => {
  it('escapes TEXT values', () => {
    expect(escapeText('Limpieza; con Dra. Ruiz, 45 min\\ \nsegunda línea')).toBe(
      'Limpieza\\; con Dra. Ruiz\\, 45 min\\\\ \\nsegunda línea',
    );
  });

  it('writes UTC times with Z', () => {
    expect(formatUtc(new Date('2026-12-08T16:30:00.000Z'))).toBe('20261208T163000Z');
  });

  it('folds at 75 octets without splitting a UTF-8 character', () => {
    const line = `SUMMARY:${'ñ'.repeat(80)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(parts.map((part, i) => (i === 0 ? part : part.slice(1))).join('')).toBe(line);
    expect(foldLine('SHORT:1')).toBe('SHORT:1');
  });

  it('builds a calendar with CRLF lines, a UID and a DTSTAMP per event', () => {
    const ics = buildIcs({
      name: 'Sucursal Del Valle',
      now: new Date('2026-12-07T12:00:00Z'),
      events: [
        {
          uid: 'a1@inbox-ai',
          start: new Date('2026-12-08T16:00:00Z'),
          end: new Date('2026-12-08T16:45:00Z'),
          updated: new Date('2026-12-07T10:00:00Z'),
          summary: 'Limpieza · Ana López',
          location: 'Av. Insurgentes Sur 1234, CDMX',
          status: 'CONFIRMED',
        },
      ],
    });
    expect(ics.endsWith('\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const lines = ics.split('\r\n');
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines).toContain('UID:a1@inbox-ai');
    expect(lines).toContain('DTSTAMP:20261207T120000Z');
    expect(lines).toContain('DTSTART:20261208T160000Z');
    expect(lines).toContain('LOCATION:Av. Insurgentes Sur 1234\\, CDMX');
    expect(lines.at(-2)).toBe('END:VCALENDAR');
  });
});
