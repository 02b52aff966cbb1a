import { containsPhrase, normalizeText } from './normalize-text';

// "¿Qué servicios tienen?": the question the offline responder answers with the services menu.
const phrases = [
  'que servicios',
  'cuales servicios',
  'servicios tienen',
  'servicios ofrecen',
  'servicios manejan',
  'que ofrecen',
  'que tratamientos',
  'menu de servicios',
  'lista de servicios',
  'catalogo',
  'what services',
  'which services',
  'services do you',
];

export function asksForServices(texts: string[]): boolean {
  const text = normalizeText(texts.join('\n'));
  return phrases.some((phrase) => containsPhrase(text, phrase));
}
