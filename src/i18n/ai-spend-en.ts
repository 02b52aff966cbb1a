import type { aiSpendEs } from './ai-spend-es';

// AI spend (issue 19), in English.

export const aiSpendEn: typeof aiSpendEs = {
  modelNotAllowed: 'That AI version is not available. Pick one from the list or leave the field blank.',
  modelChoices: (models: string[]) => `Available: ${models.join(', ')}.`,
  cardTitle: 'AI use this month',
  used: (used: string, budget: string) => `${used} of ${budget} text units`,
  usedUnlimited: (used: string) => `${used} text units (no monthly limit)`,
  explain:
    'The AI is billed for each piece of text it reads and writes ("tokens"). Past the monthly limit, the assistant without AI answers and a person from the team follows up.',
  answers: (count: number) => (count === 1 ? '1 AI answer' : `${count} AI answers`),
  warning: (percent: number) =>
    `${percent} % of the monthly AI limit is used. At 100 %, conversations go to a person.`,
  exhausted: 'The monthly AI budget is used up: a person handles new conversations until next month.',
};
