// A failed send's error is stored as the sender wrote it: a code (ours, or the platform's
// `code[/subcode]`) and an English text with the platform's own words. Staff read the codes they
// can act on in their language; the stored text stays below as the technical detail.

// Meta subcodes that mean "outside the messaging window" (Messenger 2018278, Instagram 2534022).
const metaWindowSubcodes = new Set(['2018278', '2534022']);

export function deliveryErrorKey(code: string | null, known: Record<string, string>): string | undefined {
  if (!code) return undefined;
  if (known[code]) return code;
  const [main, subcode] = code.split('/');
  if (main === '190') return 'reauth';
  if (main === '10' && subcode && metaWindowSubcodes.has(subcode)) return 'meta_window';
  return main && known[main] ? main : undefined;
}
