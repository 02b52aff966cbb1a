import type { aiProviderEs } from './ai-provider-es';

// Which AI writes the replies (issue 17 §3), in English.

export const aiProviderEn: typeof aiProviderEs = {
  title: 'Which AI answers',
  anthropic: 'Claude (by Anthropic)',
  openai: 'ChatGPT (by OpenAI)',
  notConfigured: 'is not turned on on this server',
  help: 'Both read the same things (instructions, services, frequent questions and the conversation) and can book appointments. When you switch AI, pick a version from its list or leave the version blank.',
  fallback: 'If the chosen AI does not answer (down or overloaded), let the other one answer',
  fallbackHelp:
    'Only when both are turned on. If neither answers, the customer gets the fallback message and a person follows up.',
  modelChoices: (claude: string[], openai: string[]) =>
    `Claude versions: ${claude.join(', ')}. ChatGPT versions: ${openai.join(', ')}.`,
  byProvider: 'Per AI this month',
  providerName: { anthropic: 'Claude', openai: 'ChatGPT (OpenAI)' },
  providerUse: (name: string, tokens: string, answers: number) =>
    `${name}: ${tokens} text units, ${answers === 1 ? '1 answer' : `${answers} answers`}`,
  openaiMark: 'ChatGPT',
  previewOpenAi: 'Answer from ChatGPT (OpenAI)',
};
