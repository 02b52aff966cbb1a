import { z } from 'zod';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import type { TenantContext } from '../tenants/resolve-tenant';

export type ThreadMessage = {
  id: string;
  direction: 'inbound' | 'outbound';
  sender: 'lead' | 'ai' | 'human' | 'system';
  message_type: string;
  text: string | null;
  media: Record<string, unknown> | null;
  generated_by: 'claude' | 'offline' | null;
  delivery_status: string;
  error_code: string | null;
  error_message: string | null;
  created_at: string;
  sent_at: string | null;
  delivered_at: string | null;
  read_at: string | null;
  failed_at: string | null;
  sent_by_email: string | null;
};

export type Thread = {
  conversation: {
    id: string;
    lead_id: string;
    channel: string;
    status: 'active' | 'pending' | 'resolved' | 'closed';
    handled_by: 'ai' | 'human';
    escalated_at: string | null;
    escalation_reason: string | null;
    last_inbound_at: string | null;
    last_message_at: string | null;
    created_at: string;
  };
  lead: { id: string; name: string | null; score: number; classification: string; origin_channel: string };
  messages: ThreadMessage[];
};

const uuidSchema = z.uuid();

export function parseId(value: unknown, what: string): string {
  const parsed = uuidSchema.safeParse(value);
  if (!parsed.success) throw new AppError('not_found', `${what} not found`);
  return parsed.data;
}

export function loadThread(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  conversationId: unknown,
): Promise<Thread> {
  return db.rpc(
    'dashboard_conversation',
    { p_tenant_id: tenant.id, p_conversation_id: parseId(conversationId, 'Conversation') },
    { as: staff },
  );
}
