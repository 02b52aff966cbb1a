import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { Messages } from '@/src/i18n/messages-es';
import type { TenantContext } from '../tenants/resolve-tenant';
import { sendChoicesReply } from './send-choices-reply';
import { sendReply } from './send-reply';
import { sendServicesMenu } from './send-services-menu';

// What the reply box's submit means: the "menú de servicios" button, a reply with options (any
// line in "Agregar opciones"), or a plain reply. Returns the notice to show.
export async function sendFromReplyBox(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  form: Record<string, string>,
  t: Messages,
): Promise<string> {
  if (form.intent === 'services_menu') {
    await sendServicesMenu(db, staff, tenant, form);
    return t.choices.servicesMenuSent;
  }
  if (form.choices?.trim()) await sendChoicesReply(db, staff, tenant, form, t.choices);
  else await sendReply(db, staff, tenant, form);
  return t.inbox.replyQueued;
}
