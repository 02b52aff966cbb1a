import type { ResultOf } from '@/src/db/function-types';
import type { DbPort, StaffIdentity } from '@/src/db/rpc-port';

// The files of a page of messages (inbound and sent), by message id; one call, and none when
// no message on the page can carry a file.

export type MessageFile = ResultOf<'dashboard_media_files'>[number];
export type MessageFiles = Record<string, MessageFile[]>;

const fileTypes = new Set(['image', 'audio', 'video', 'document', 'sticker']);

export async function loadMessageFiles(
  db: DbPort,
  staff: StaffIdentity,
  tenantId: string,
  messages: readonly { id: string; media: unknown; message_type: string }[],
): Promise<MessageFiles> {
  const ids = messages
    .filter((message) => message.media !== null || fileTypes.has(message.message_type))
    .map((message) => message.id);
  if (ids.length === 0) return {};
  const files = await db.rpc(
    'dashboard_media_files',
    { p_tenant_id: tenantId, p_message_ids: ids },
    { as: staff },
  );
  const byMessage: MessageFiles = {};
  for (const file of files) {
    byMessage[file.message_id] = [...(byMessage[file.message_id] ?? []), file];
  }
  return byMessage;
}
