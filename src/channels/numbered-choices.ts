import type { ChoicesContent } from './outbound-content';

type Choice = Pick<ChoicesContent['choices'][number], 'title' | 'description'>;

/** "1. Limpieza dental — 45 min\n2. Blanqueamiento": the options as text, for reading or typing back. */
export function renderNumberedChoices(choices: readonly Choice[]): string {
  return choices
    .map((choice, index) => {
      const description = choice.description?.trim();
      return `${index + 1}. ${choice.title}${description ? ` — ${description}` : ''}`;
    })
    .join('\n');
}

/** The readable version of a message with choices: the words, a blank line, the numbered options. */
export function withNumberedChoices(words: string, choices: readonly Choice[]): string {
  return `${words.trim()}\n\n${renderNumberedChoices(choices)}`;
}
