// Where to go after signing in or following an email link: a path on our own origin, never a
// URL a link could point elsewhere ("//evil.example", "/\\evil.example", "https://…").
export function safeNextPath(value: unknown, fallback = '/t'): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 512) return fallback;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return fallback;
  // Control characters and whitespace have no place in our paths (and browsers strip some).
  if ([...value].some((char) => char.charCodeAt(0) <= 0x20 || char.charCodeAt(0) === 0x7f)) return fallback;
  const parsed = new URL(value, 'http://our.origin');
  if (parsed.origin !== 'http://our.origin') return fallback;
  return `${parsed.pathname}${parsed.search}`;
}
