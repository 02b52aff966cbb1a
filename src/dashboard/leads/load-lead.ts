import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { parseId } from '../inbox/load-thread';
import type { TenantContext } from '../tenants/resolve-tenant';

export type LeadDetail = {
  lead: {
    id: string;
    name: string | null;
    origin_channel: string;
    phone: string | null;
    email: string | null;
    score: number;
    classification: 'hot' | 'warm' | 'cold';
    last_message_at: string | null;
    created_at: string;
  };
  identities: { channel: string; external_id: string; username: string | null }[];
  score_events: {
    id: string;
    delta: number;
    score_before: number;
    score_after: number;
    classification_after: string;
    signals: string[];
    reason: string | null;
    created_at: string;
    message_id: string | null;
    message_text: string | null;
  }[];
  conversations: {
    id: string;
    channel: string;
    status: string;
    handled_by: string;
    escalated_at: string | null;
    last_message_at: string | null;
    messages: number;
  }[];
};

export function loadLead(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  leadId: unknown,
): Promise<LeadDetail> {
  return db.rpc(
    'dashboard_lead',
    { p_tenant_id: tenant.id, p_lead_id: parseId(leadId, 'Lead') },
    { as: staff },
  );
}
