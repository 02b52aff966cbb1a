// Dates and Meta's tier names as staff read them: "12 de diciembre", "1,000".

export function formatDay(iso: string, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone }).format(new Date(iso));
}

/** Meta's messaging limit tiers (TIER_250, TIER_1K, TIER_10K, TIER_100K, TIER_UNLIMITED). */
export function formatMessagingLimit(tier: string, locale: string, unlimited: string): string {
  if (tier === 'TIER_UNLIMITED') return unlimited;
  const match = /^TIER_(\d+)(K?)$/.exec(tier);
  if (!match) return tier;
  const count = Number(match[1]) * (match[2] ? 1000 : 1);
  return new Intl.NumberFormat(locale).format(count);
}
