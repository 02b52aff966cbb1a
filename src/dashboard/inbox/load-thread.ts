import { z } from 'zod';
import type { ResultOf } from '@/src/db/function-types';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import type { TenantContext } from '../tenants/resolve-tenant';

export type ThreadMessage = Thread['messages'][number];

export type Thread = ResultOf<'dashboard_conversation'>;

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
