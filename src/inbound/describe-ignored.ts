/** The kinds a delivery did not store, counted, for webhook_events.detail (never values). */
export function describeIgnored(ignored: string[]): string | undefined {
  if (ignored.length === 0) return undefined;
  const counts = new Map<string, number>();
  for (const kind of ignored) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  const parts = [...counts].map(([kind, count]) => (count > 1 ? `${kind} x${count}` : kind));
  return `not stored: ${parts.join(', ')}`.slice(0, 500);
}
