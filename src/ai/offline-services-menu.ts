import {
  loadServicesMenuForAi,
  servicesMenuRequest,
  servicesMenuTexts,
} from '@/src/appointments/services-menu';
import { fitChoicesToChannel } from '@/src/channels/fit-choices';
import type { ChoicesContent } from '@/src/channels/outbound-content';
import type { DbPort } from '@/src/db/rpc-port';
import type { AiContext, HistoryMessage } from './ai-context';
import { detectCustomerIntent } from './customer-intent';
import { detectKeywordSignals } from './keyword-signals';
import type { OfflineAnswer } from './offline-responder';
import { asksForServices } from './services-question';

// Without a model: "¿qué servicios tienen?" gets the services menu (when the tenant has
// services), before the FAQ. A complaint or a request for a person still goes to a person.

export type OfflineMenuAnswer = OfflineAnswer & { content: ChoicesContent | null };

export async function answerOfflineServicesMenu(
  db: DbPort,
  context: AiContext,
  fresh: HistoryMessage[],
): Promise<OfflineMenuAnswer | undefined> {
  const texts = fresh.map((message) => message.text ?? '');
  if (detectCustomerIntent(texts) || !asksForServices(texts)) return undefined;
  const services = await loadServicesMenuForAi(db, context.tenant.id);
  if (services.length === 0) return undefined;
  const { locale } = context.tenant;
  const fitted = fitChoicesToChannel(
    servicesMenuTexts(locale).intro,
    servicesMenuRequest(services, locale),
    context.conversation.channel,
  );
  return {
    text: fitted.text,
    content: fitted.content,
    intent: 'question',
    signals: detectKeywordSignals(texts),
    escalate: false,
    escalationReason: null,
    matched: 'services',
  };
}
