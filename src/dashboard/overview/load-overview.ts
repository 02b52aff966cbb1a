import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import type { TenantContext } from '../tenants/resolve-tenant';

export type Overview = {
  timezone: string;
  today: string;
  messages_today: { channel: string; inbound: number; outbound: number }[];
  new_leads_today: { hot: number; warm: number; cold: number };
  offline_replies_today: number;
  escalations_waiting: {
    conversation_id: string;
    channel: string;
    escalated_at: string;
    reason: string | null;
    lead_name: string | null;
  }[];
  escalations_waiting_count: number;
  ai_reply_seconds: { day: string; median: number | null; replies: number }[];
};

export function loadOverview(db: DbPort, staff: StaffIdentity, tenant: TenantContext): Promise<Overview> {
  return db.rpc('dashboard_overview', { p_tenant_id: tenant.id }, { as: staff });
}
