import { describe, expect, it } from 'vitest';
import { demoAiContext } from '@/src/tenants/demo-tenant';
import { describeBusinessHours } from './business-hours';

describe('describeBusinessHours', () => {
  it("tells the tenant's local time and whether it is open now", () => {
    // 16:30 UTC on a Saturday is 10:30 in Mexico City (UTC-6): open 09:00-14:00.
    const saturday = new Date('2026-11-21T16:30:00Z');
    const text = describeBusinessHours(demoAiContext.business_hours, 'America/Mexico_City', saturday);
    expect(text).toContain('Current local time: Saturday 10:30 (America/Mexico_City).');
    expect(text).toContain('Saturday: 09:00-14:00');
    expect(text).toContain('Sunday: closed');
    expect(text).toContain('The business is open right now.');
    const sundayNight = new Date('2026-11-23T03:00:00Z');
    expect(describeBusinessHours(demoAiContext.business_hours, 'America/Mexico_City', sundayNight)).toContain(
      'The business is closed right now.',
    );
  });

  it('falls back to UTC for an unknown zone and says when hours are not set', () => {
    const text = describeBusinessHours({}, 'Mars/Olympus', new Date('2026-11-22T08:05:00Z'));
    expect(text).toContain('Sunday 08:05 (UTC)');
    expect(text).toContain('Business hours: not configured.');
  });
});
