import { z } from 'zod';
import {
  loadServicesMenuForStaff,
  servicesMenuRequest,
  servicesMenuTexts,
} from '@/src/appointments/services-menu';
import { channelSchema } from '@/src/channels/channel-registry';
import { fitChoicesToChannel } from '@/src/channels/fit-choices';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import type { TenantContext } from '../tenants/resolve-tenant';
import { queueStaffChoices } from './send-choices-reply';
import type { SentReply } from './send-reply';

// The reply box's one click "Enviar menú de servicios": the tenant's active services as a list
// (WhatsApp), quick replies (Messenger, Instagram) or numbered lines (TikTok), after what the
// staff member typed or a short introduction. Service names are the tenant's, so they are fitted
// to the channel (shortened at a word) rather than refused.

const menuSchema = z.object({
  conversationId: z.uuid(),
  channel: channelSchema,
  text: z.string().trim().max(1000).optional(),
});

export async function sendServicesMenu(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  form: Record<string, string>,
): Promise<SentReply> {
  const parsed = menuSchema.safeParse(form);
  if (!parsed.success) throw new AppError('bad_request', 'Invalid services menu request');
  const { conversationId, channel } = parsed.data;
  const services = await loadServicesMenuForStaff(db, staff, tenant.id);
  if (services.length === 0) {
    throw new AppError('bad_request', 'No active services', { reason: 'services_menu_empty' });
  }
  const words = parsed.data.text || servicesMenuTexts(tenant.locale).intro;
  const fitted = fitChoicesToChannel(words, servicesMenuRequest(services, tenant.locale), channel);
  if (!fitted.content) {
    // Nothing tappable fits (very long names): the numbered text alone, as a plain reply.
    return db.rpc(
      'send_human_reply',
      {
        p_tenant_id: tenant.id,
        p_conversation_id: conversationId,
        p_user_id: staff.claims.sub,
        p_text: fitted.text,
      },
      { as: staff },
    );
  }
  return queueStaffChoices(db, staff, tenant, conversationId, {
    channel,
    text: fitted.text,
    content: fitted.content,
  });
}
