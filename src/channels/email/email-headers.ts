// Reading the headers Postmark hands over as [{Name, Value}] (names are case-insensitive).

export type HeaderList = ReadonlyArray<{ Name: string; Value: string }>;

export function headerValue(headers: HeaderList, name: string): string | null {
  const wanted = name.toLowerCase();
  return headers.find((header) => header.Name.toLowerCase() === wanted)?.Value ?? null;
}

/** The ids in a Message-ID / In-Reply-To / References value, without their angle brackets. */
export function messageIds(value: string | null): string[] {
  if (!value) return [];
  const ids = [...value.matchAll(/<([^<>\s]+)>/g)].map((match) => match[1]!);
  if (ids.length > 0) return ids;
  // Some mailers leave the brackets out of a single id.
  const single = value.trim();
  return single && !/\s/.test(single) ? [single] : [];
}
