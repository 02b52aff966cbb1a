import { countryName, countryTimeZones, timeZones } from '@/src/accounts/business-options';
import type { Messages } from '@/src/i18n/messages-es';

// What the business form needs from the server: labels, countries in the reader's language,
// time zones, and a first guess (Mexico) when nothing is known yet.
export function businessFieldProps(t: Messages, initial: Partial<Record<string, unknown>> = {}) {
  const text = (value: unknown, fallback: string) => (typeof value === 'string' && value ? value : fallback);
  const country = text(initial.country, 'MX');
  return {
    labels: {
      businessName: t.account.businessName,
      slug: t.account.slug,
      slugHint: t.account.slugHint('{slug}'),
      country: t.account.country,
      timezone: t.account.timezone,
      timezoneHint: t.account.timezoneHint,
    },
    countries: Object.keys(countryTimeZones)
      .map((code) => ({ value: code, label: countryName(code, t.locale) }))
      .sort((a, b) => a.label.localeCompare(b.label, t.locale)),
    timeZones,
    initial: {
      businessName: text(initial.businessName, ''),
      slug: text(initial.slug, ''),
      country,
      timezone: text(initial.timezone, countryTimeZones[country] ?? 'America/Mexico_City'),
    },
  };
}
