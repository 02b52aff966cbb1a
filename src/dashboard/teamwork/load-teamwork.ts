import type { ResultOf } from '@/src/db/function-types';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { TenantContext } from '../tenants/resolve-tenant';

// The tenant's tags, quick replies and members; and one conversation's teamwork side (assignee,
// tags, internal notes, history).

export type TeamworkLists = ResultOf<'dashboard_teamwork_lists'>;
export type ConversationTeamwork = ResultOf<'dashboard_conversation_teamwork'>;

export function loadTeamworkLists(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
): Promise<TeamworkLists> {
  return db.rpc('dashboard_teamwork_lists', { p_tenant_id: tenant.id }, { as: staff });
}

export function loadConversationTeamwork(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  conversationId: string,
): Promise<ConversationTeamwork> {
  return db.rpc(
    'dashboard_conversation_teamwork',
    { p_tenant_id: tenant.id, p_conversation_id: conversationId },
    { as: staff },
  );
}

export function loadLeadTags(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  leadId: string,
): Promise<string[]> {
  return db.rpc('dashboard_lead_tags', { p_tenant_id: tenant.id, p_lead_id: leadId }, { as: staff });
}
