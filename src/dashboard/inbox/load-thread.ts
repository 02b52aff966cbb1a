import { z } from 'zod';
import type { ResultOf } from '@/src/db/function-types';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';
import { AppError } from '@/src/shared/app-error';
import { loadMessageFiles, type MessageFiles } from '../../media/load-message-files';
import { decodeTimeCursor, encodeCursor } from '../paging/keyset-cursor';
import type { TenantContext } from '../tenants/resolve-tenant';

export type ThreadMessage = Thread['messages'][number];

export type Thread = ResultOf<'dashboard_conversation'> & {
  older: string | null;
  latest: boolean;
  /** The files of the messages on screen, by message id. */
  files: MessageFiles;
};

export const threadPageSize = 50;

const uuidSchema = z.uuid();

export function parseId(value: unknown, what: string): string {
  const parsed = uuidSchema.safeParse(value);
  if (!parsed.success) throw new AppError('not_found', `${what} not found`);
  return parsed.data;
}

/** A conversation with its newest messages (or those before the `before` cursor), oldest to
 * newest on screen; `older` is the cursor of the page before, or null at the first message. */
export async function loadThread(
  db: DbPort,
  staff: StaffIdentity,
  tenant: TenantContext,
  conversationId: unknown,
  options: { before?: unknown; pageSize?: number } = {},
): Promise<Thread> {
  const before = decodeTimeCursor(options.before);
  const thread = await db.rpc(
    'dashboard_conversation',
    {
      p_tenant_id: tenant.id,
      p_conversation_id: parseId(conversationId, 'Conversation'),
      p_before_at: before?.at ?? null,
      p_before_id: before?.id ?? null,
      p_limit: options.pageSize ?? threadPageSize,
    },
    { as: staff },
  );
  const first = thread.messages[0];
  return {
    ...thread,
    files: await loadMessageFiles(db, staff, tenant.id, thread.messages),
    older: thread.has_older && first ? encodeCursor([first.created_at, first.id]) : null,
    latest: before === undefined,
  };
}
