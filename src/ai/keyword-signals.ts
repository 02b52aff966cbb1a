import type { LeadSignal } from './lead-signals';
import { containsPhrase, normalizeText } from './normalize-text';

// Scoring without a model (offline responder, rule hand-offs): Spanish and English phrases
// per signal, matched as whole words on accent-free text.
const phrases: Record<LeadSignal, string[]> = {
  interested: [
    'precio',
    'precios',
    'cuanto',
    'costo',
    'cita',
    'agendar',
    'reservar',
    'quiero',
    'me interesa',
    'informacion',
    'price',
    'book',
    'appointment',
    'interested',
  ],
  urgent: [
    'urgente',
    'urgencia',
    'hoy mismo',
    'lo antes posible',
    'ahora mismo',
    'dolor',
    'emergencia',
    'urgent',
    'asap',
    'emergency',
  ],
  budget_mentioned: ['presupuesto', 'mxn', 'pesos', 'dolares', 'budget', 'usd'],
  decision_maker: [
    'soy el dueno',
    'soy la duena',
    'yo decido',
    'mi empresa',
    'mi negocio',
    'i am the owner',
    'my company',
  ],
  comparing: ['otra clinica', 'otro lugar', 'mas barato', 'comparando', 'cotizando', 'cheaper', 'comparing'],
  not_interested: ['no me interesa', 'no gracias', 'ya no', 'muy caro', 'not interested', 'no thanks'],
  spam: ['gana dinero', 'bitcoin', 'criptomoneda', 'bit.ly', 'haz clic aqui', 'click here', 'crypto'],
};

export function detectKeywordSignals(texts: string[]): LeadSignal[] {
  let text = normalizeText(texts.join('\n'));
  // "no me interesa" must not also count as "me interesa": negations are taken out first.
  const negative = phrases.not_interested.filter((phrase) => containsPhrase(text, phrase));
  for (const phrase of negative) text = text.replaceAll(normalizeText(phrase), ' ');
  return (Object.keys(phrases) as LeadSignal[]).filter((signal) =>
    signal === 'not_interested'
      ? negative.length > 0
      : phrases[signal].some((phrase) => containsPhrase(text, phrase)),
  );
}
