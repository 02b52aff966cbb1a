// Which AI writes the replies (issue 17 §3), in plain Spanish for the AI page and the overview.

export const aiProviderEs = {
  title: 'Qué IA responde',
  anthropic: 'Claude (de Anthropic)',
  openai: 'ChatGPT (de OpenAI)',
  notConfigured: 'no está activada en este servidor',
  help: 'Las dos leen lo mismo (instrucciones, servicios, preguntas frecuentes y la conversación) y pueden agendar citas. Al cambiar de IA, elige una versión de su lista o deja la versión en blanco.',
  fallback: 'Si la IA elegida no responde (caída o saturada), que conteste la otra',
  fallbackHelp:
    'Solo cuando las dos están activadas. Si ninguna responde, el cliente recibe el mensaje de respaldo y una persona sigue la conversación.',
  modelChoices: (claude: string[], openai: string[]) =>
    `Versiones de Claude: ${claude.join(', ')}. Versiones de ChatGPT: ${openai.join(', ')}.`,
  byProvider: 'Por IA este mes',
  providerName: { anthropic: 'Claude', openai: 'ChatGPT (OpenAI)' } as Record<string, string>,
  providerUse: (name: string, tokens: string, answers: number) =>
    `${name}: ${tokens} unidades de texto, ${answers === 1 ? '1 respuesta' : `${answers} respuestas`}`,
  openaiMark: 'ChatGPT',
  previewOpenAi: 'Respuesta de ChatGPT (OpenAI)',
};
