import { loadServicesMenuForAi, servicesMenuRequest } from '@/src/appointments/services-menu';
import { type FittedReply, fitChoicesToChannel } from '@/src/channels/fit-choices';
import type { DbPort } from '@/src/db/rpc-port';
import type { AiContext } from './ai-context';
import type { AiReply } from './ai-reply-schema';

// The options Claude offered, made to fit the conversation's channel (never failing the reply:
// see fit-choices.ts). "services_menu" is the tenant's services from the services table, so the
// menu never lists something a model made up; without services (or a database) the words go
// alone.

export function listButtonFor(locale: string): string {
  return locale.startsWith('en') ? 'See options' : 'Ver opciones';
}

export async function fitAiChoices(
  reply: Pick<AiReply, 'choices_style' | 'choices'>,
  words: string,
  context: AiContext,
  db: DbPort | undefined,
): Promise<FittedReply> {
  const { channel } = context.conversation;
  const { locale } = context.tenant;
  if (reply.choices_style === 'services_menu') {
    const services = db ? await loadServicesMenuForAi(db, context.tenant.id) : [];
    return fitChoicesToChannel(
      words,
      services.length ? servicesMenuRequest(services, locale) : null,
      channel,
    );
  }
  if (reply.choices_style === 'none' || reply.choices.length === 0)
    return fitChoicesToChannel(words, null, channel);
  return fitChoicesToChannel(
    words,
    { style: reply.choices_style, choices: reply.choices, listButton: listButtonFor(locale) },
    channel,
  );
}
