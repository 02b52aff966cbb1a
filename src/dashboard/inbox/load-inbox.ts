import { z } from 'zod';
import { channelSchema } from '@/src/channels/channel-registry';
import type { ResultOf } from '@/src/db/function-types';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { decodeInboxCursor, encodeCursor } from '../paging/keyset-cursor';
import { listQueryFields, scoreSchema } from '../paging/list-query-fields';
import type { TenantContext } from '../tenants/resolve-tenant';

export const inboxFilterSchema = z.object({
  status: z.enum(['open', 'resolved', 'closed', 'all']).catch('open'),
  channel: channelSchema.optional().catch(undefined),
  handledBy: z.enum(['ai', 'human']).optional().catch(undefined),
  score: scoreSchema.optional().catch(undefined),
  assigned: z.enum(['mine', 'unassigned']).optional().catch(undefined),
  tag: z.uuid().optional().catch(undefined),
  ...listQueryFields,
});
export type InboxFilter = z.infer<typeof inboxFilterSchema>;

export type InboxItem = ResultOf<'dashboard_conversations'>[number];
export type InboxPage = { items: InboxItem[]; next: string | null };

export const inboxPageSize = 50;

/** One page of the inbox, in its order (escalated first, newest first, then id); `next` is the
 * cursor of the following page, or null on the last one. */
export async function loadInbox(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  filter: InboxFilter,
  pageSize = inboxPageSize,
): Promise<InboxPage> {
  const after = decodeInboxCursor(filter.after);
  const rows = await db.rpc(
    'dashboard_conversations',
    {
      p_tenant_id: tenant.id,
      p_status: filter.status === 'all' ? null : filter.status,
      p_channel: filter.channel ?? null,
      p_handled_by: filter.handledBy ?? null,
      p_classification: filter.score ?? null,
      p_query: filter.q ?? null,
      p_from: filter.from ?? null,
      p_to: filter.to ?? null,
      p_after_escalated: after?.escalated ?? null,
      p_after_at: after?.at ?? null,
      p_after_id: after?.id ?? null,
      p_limit: pageSize + 1,
      p_assigned: filter.assigned ?? null,
      p_tag: filter.tag ?? null,
    },
    { as: staff },
  );
  const items = rows.slice(0, pageSize);
  const last = items.at(-1);
  const next =
    rows.length > pageSize && last ? encodeCursor([last.escalated_first, last.sort_at, last.id]) : null;
  return { items, next };
}
