import { describe, expect, it } from 'vitest';
import { formatDay, formatMessagingLimit } from './format-health';

describe('format-health', () => {
  it('says the day the way staff say it, in the tenant time zone', () => {
    expect(formatDay('2026-12-12T03:00:00Z', 'es-MX', 'America/Mexico_City')).toBe('11 de diciembre');
    expect(formatDay('2026-12-12T18:00:00Z', 'en-US', 'America/Mexico_City')).toBe('December 12');
  });

  it('turns Meta tiers into numbers and keeps unknown ones as they are', () => {
    expect(formatMessagingLimit('TIER_1K', 'es-MX', 'Sin límite')).toBe('1,000');
    expect(formatMessagingLimit('TIER_250', 'es-MX', 'Sin límite')).toBe('250');
    expect(formatMessagingLimit('TIER_UNLIMITED', 'es-MX', 'Sin límite')).toBe('Sin límite');
    expect(formatMessagingLimit('TIER_2K_PORTFOLIO', 'es-MX', 'Sin límite')).toBe('TIER_2K_PORTFOLIO');
  });
});
