import type { Messages } from '@/src/i18n/messages-es';
import { channelLabel } from '../channel-label';

// A job type as staff read it ("Enviar mensajes por WhatsApp"), not its internal name; a type
// this build has no words for shows its name rather than nothing.
export function jobTypeLabel(t: Messages, jobType: string): string {
  const send = /^send_(.+)$/.exec(jobType);
  if (send) return t.queue.sendTo(channelLabel(t, send[1]!));
  return t.queue.jobTypes[jobType] ?? jobType;
}
