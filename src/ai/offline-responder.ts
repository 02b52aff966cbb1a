import type { AiContext, HistoryMessage } from './ai-context';
import { handOffText } from './closed-fallback';
import { detectCustomerIntent } from './customer-intent';
import { detectKeywordSignals } from './keyword-signals';
import type { LeadSignal, ReplyIntent } from './lead-signals';
import { containsPhrase, normalizeText } from './normalize-text';

// Answers without a model (no ANTHROPIC_API_KEY): a greeting, the tenant's FAQ answer or
// service prices that match the customer's words; otherwise the fallback message and a hand-off
// to a person. Its messages are marked generated_by 'offline', never presented as Claude's.

export type OfflineAnswer = {
  text: string;
  intent: ReplyIntent;
  signals: LeadSignal[];
  escalate: boolean;
  escalationReason: string | null;
  matched: 'faq' | 'services' | 'greeting' | 'booking' | 'none';
};

const stopWords = new Set(
  'a al con de del el en es la las lo los me mi para por que se su sus un una y o tu te hay como cual donde ustedes the is are do you what how where'.split(
    ' ',
  ),
);
const greetings = ['hola', 'buenas', 'buenos dias', 'buenas tardes', 'buenas noches', 'hi', 'hello', 'hey'];

function words(text: string): Set<string> {
  return new Set(
    normalizeText(text)
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => word.length > 2 && !stopWords.has(word)),
  );
}

function bestFaq(context: AiContext, asked: Set<string>) {
  let best: { answer: string; score: number } | undefined;
  for (const faq of context.ai.knowledge.faqs) {
    const question = words(faq.question);
    const shared = [...question].filter((word) => asked.has(word)).length;
    const score = question.size ? shared / question.size : 0;
    if (shared > 0 && score >= 0.5 && (!best || score > best.score)) best = { answer: faq.answer, score };
  }
  return best?.answer;
}

function matchingServices(context: AiContext, text: string): string[] {
  return context.ai.knowledge.services
    .filter((service) => {
      const name = words(String(service.name ?? ''));
      return [...name].some((word) => containsPhrase(text, word));
    })
    .map((service) => {
      const price = service.price ? `: ${service.price}` : '';
      const duration = service.duration ? ` (${service.duration})` : '';
      return `• ${service.name}${price}${duration}`;
    });
}

export function answerOffline(context: AiContext, fresh: HistoryMessage[]): OfflineAnswer {
  const texts = fresh.map((message) => message.text ?? '');
  const text = normalizeText(texts.join('\n'));
  const signals = detectKeywordSignals(texts);
  // A complaint or a request for a person goes to a person, whatever else the message asks.
  const wantsPerson = detectCustomerIntent(texts);
  if (wantsPerson) {
    return {
      text: handOffText(context),
      intent: wantsPerson,
      signals,
      escalate: true,
      escalationReason:
        wantsPerson === 'complaint'
          ? 'offline responder: complaint'
          : 'offline responder: asked for a person',
      matched: 'none',
    };
  }
  const faq = bestFaq(context, words(text));
  if (faq)
    return {
      text: faq,
      intent: 'question',
      signals,
      escalate: false,
      escalationReason: null,
      matched: 'faq',
    };
  const services = matchingServices(context, text);
  if (services.length > 0) {
    const lead = context.tenant.locale.startsWith('en')
      ? 'Here are our prices:'
      : 'Estos son nuestros precios:';
    return {
      text: [lead, ...services].join('\n'),
      intent: 'pricing',
      signals,
      escalate: false,
      escalationReason: null,
      matched: 'services',
    };
  }
  const onlyGreeting = words(text).size <= 2 && greetings.some((greeting) => containsPhrase(text, greeting));
  if (onlyGreeting) {
    const english = context.tenant.locale.startsWith('en');
    const reply = english
      ? `Hello! Thanks for writing to ${context.tenant.name}. How can we help you?`
      : `¡Hola! Gracias por escribir a ${context.tenant.name}. ¿En qué podemos ayudarte?`;
    return {
      text: reply,
      intent: 'greeting',
      signals,
      escalate: false,
      escalationReason: null,
      matched: 'greeting',
    };
  }
  return {
    text: handOffText(context),
    intent: 'other',
    signals,
    escalate: true,
    escalationReason: 'offline responder: no answer in the FAQ',
    matched: 'none',
  };
}
