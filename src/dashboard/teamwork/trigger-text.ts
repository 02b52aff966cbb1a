// The token being typed before the caret that opens a picker: "/hor" (quick replies) or "@ana"
// (mentions). A trigger counts at the start of the text or after a space or a line break.

export type TriggerToken = { start: number; query: string };

export function triggerToken(text: string, caret: number, trigger: '/' | '@'): TriggerToken | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf(trigger);
  if (at < 0) return null;
  if (at > 0 && !/\s/.test(before[at - 1] ?? '')) return null;
  const query = before.slice(at + 1);
  if (/\s/.test(query) || query.length > 60) return null;
  return { start: at, query };
}

/** The text with the token replaced by `insert`, and where the caret goes. */
export function replaceToken(
  text: string,
  caret: number,
  token: TriggerToken,
  insert: string,
): { text: string; caret: number } {
  const next = text.slice(0, token.start) + insert + text.slice(caret);
  return { text: next, caret: token.start + insert.length };
}

/** Options whose label contains the query, case and accents ignored. */
export function matchOptions<T extends { label: string }>(options: T[], query: string): T[] {
  const fold = (value: string) =>
    value
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase();
  const wanted = fold(query);
  return options.filter((option) => fold(option.label).includes(wanted)).slice(0, 8);
}
