// AI spend (issue 19): the model list, the monthly budget on the overview, in Spanish.

export const aiSpendEs = {
  modelNotAllowed:
    'Esa versión de la IA no está disponible. Elige una de la lista o deja el campo en blanco.',
  modelChoices: (models: string[]) => `Disponibles: ${models.join(', ')}.`,
  cardTitle: 'Uso de la IA este mes',
  /** "Tokens": the pieces of text the AI reads and writes, which is what the AI provider bills. */
  used: (used: string, budget: string) => `${used} de ${budget} unidades de texto`,
  usedUnlimited: (used: string) => `${used} unidades de texto (sin límite mensual)`,
  explain:
    'La IA cobra por cada trozo de texto que lee y escribe ("tokens"). Al pasar el límite del mes, responde el asistente sin IA y una persona del equipo sigue la conversación.',
  answers: (count: number) => (count === 1 ? '1 respuesta de la IA' : `${count} respuestas de la IA`),
  warning: (percent: number) =>
    `Ya se usó el ${percent} % del límite mensual de la IA. Al llegar al 100 %, las conversaciones pasan a una persona.`,
  exhausted:
    'Se agotó el presupuesto mensual de IA: las conversaciones nuevas las atiende una persona hasta el próximo mes.',
};
