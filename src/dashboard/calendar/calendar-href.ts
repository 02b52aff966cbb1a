// The calendar's URL with some of its parameters changed (undefined drops one).
export function calendarHref(
  tenantSlug: string,
  current: Record<string, string | undefined>,
  change: Record<string, string | undefined> = {},
): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...current, ...change })) {
    if (value) params.set(key, value);
  }
  const query = params.toString();
  return `/t/${tenantSlug}/calendar${query ? `?${query}` : ''}`;
}
