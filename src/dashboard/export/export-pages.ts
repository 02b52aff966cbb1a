import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { Messages } from '@/src/i18n/messages-es';
import { channelLabel } from '../channel-label';
import { type InboxFilter, inboxFilterSchema, loadInbox } from '../inbox/load-inbox';
import { type LeadsFilter, leadsFilterSchema, loadLeads } from '../leads/load-leads';
import type { TenantContext } from '../tenants/resolve-tenant';
import { csvDate } from './csv-date';

// What a download holds: the header row, then every row the list's filters match, page after
// page by the list's own keyset cursor (never the whole table in memory).

export type ExportKind = 'leads' | 'conversations';
type Cells = (string | number | null)[];
export type ExportPages = { header: string[]; file: string; pages: AsyncGenerator<Cells[]> };

const pageSize = 200;

async function* leadPages(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  filter: LeadsFilter,
  t: Messages,
): AsyncGenerator<Cells[]> {
  let after: string | undefined;
  do {
    const page = await loadLeads(db, staff, tenant, { ...filter, after }, pageSize);
    yield page.leads.map((lead) => [
      lead.name,
      lead.phone,
      lead.email,
      channelLabel(t, lead.origin_channel),
      lead.score,
      t.classification[lead.classification],
      lead.last_message_text,
      csvDate(lead.last_message_at, tenant.timezone),
      csvDate(lead.created_at, tenant.timezone),
    ]);
    after = page.next ?? undefined;
  } while (after);
}

async function* conversationPages(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  filter: InboxFilter,
  t: Messages,
): AsyncGenerator<Cells[]> {
  let after: string | undefined;
  do {
    const page = await loadInbox(db, staff, tenant, { ...filter, after }, pageSize);
    yield page.items.map((item) => [
      item.lead.name,
      channelLabel(t, item.channel),
      t.conversationStatus[item.status],
      t.handledBy[item.handled_by],
      t.classification[item.lead.classification],
      item.lead.score,
      item.escalated_at ? t.common.yes : t.common.no,
      item.last_message?.text ?? null,
      csvDate(item.last_message_at, tenant.timezone),
    ]);
    after = page.next ?? undefined;
  } while (after);
}

/** The download of `kind` for the list filters in `query` (the list page's own URL fields). */
export function exportPages(
  kind: ExportKind,
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  query: Record<string, string>,
  t: Messages,
): ExportPages {
  const f = t.finding.csv;
  if (kind === 'leads') {
    const filter = leadsFilterSchema.parse({ ...query, after: undefined });
    return { header: f.leads, file: f.leadsFile, pages: leadPages(db, staff, tenant, filter, t) };
  }
  const filter = inboxFilterSchema.parse({ ...query, after: undefined });
  return {
    header: f.conversations,
    file: f.conversationsFile,
    pages: conversationPages(db, staff, tenant, filter, t),
  };
}
