// The parameters a template's text names: {{nombre}} (named) or {{1}} (positional), in order of
// first appearance.

const parameterPattern = /\{\{\s*([a-z0-9_]+)\s*\}\}/g;

export function parametersIn(text: string | undefined): string[] {
  if (!text) return [];
  const names: string[] = [];
  for (const match of text.matchAll(parameterPattern)) {
    if (!names.includes(match[1]!)) names.push(match[1]!);
  }
  return names;
}

/** The text with every parameter replaced by its value. */
export function fillParameters(text: string, values: Record<string, string>): string {
  return text.replace(parameterPattern, (whole, name: string) => values[name] ?? whole);
}

/** Two parameters with nothing but spaces between them, which Meta rejects (INVALID_FORMAT). */
export function hasAdjacentParameters(text: string): boolean {
  return /\}\}\s*\{\{/.test(text);
}
