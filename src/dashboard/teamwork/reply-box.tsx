import type { ReactNode } from 'react';
import type { Messages } from '@/src/i18n/messages-es';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { ui } from '@/src/ui/styles';
import type { TeamworkLists } from './load-teamwork';
import { PickerTextarea } from './picker-textarea';

// The reply form: typing "/" lists the tenant's quick replies by title and puts the chosen text
// in the box, to edit before sending.
export function ReplyBox({
  action,
  tenantSlug,
  conversationId,
  maxLength,
  windowNotice,
  quickReplies,
  extra,
  t,
}: {
  action: (state: ActionState, data: FormData) => Promise<ActionState>;
  tenantSlug: string;
  conversationId: string;
  maxLength: number;
  windowNotice: string | null;
  quickReplies: TeamworkLists['quick_replies'];
  /** Options to tap (issue 16 §2): fields above the send button, and buttons beside it. */
  extra?: { fields: ReactNode; actions: ReactNode };
  t: Messages;
}) {
  const i = t.inbox;
  const w = t.teamwork;
  return (
    <ActionForm action={action} resetOnSuccess className={`${ui.card} p-3 sm:p-5`} label={i.reply}>
      <div className="space-y-2">
        <input type="hidden" name="tenantSlug" value={tenantSlug} />
        <input type="hidden" name="conversationId" value={conversationId} />
        <PickerTextarea
          id="reply-text"
          name="text"
          label={i.replyLabel}
          hint={quickReplies.length > 0 ? w.quickReplyHint : undefined}
          trigger="/"
          rows={2}
          required
          maxLength={maxLength}
          describedBy={windowNotice ? 'reply-window' : undefined}
          listLabel={w.quickReplies}
          emptyText={w.noQuickMatch}
          options={quickReplies.map((reply) => ({
            id: reply.id,
            label: reply.title,
            detail: reply.body,
            insert: reply.body,
          }))}
        />
        {windowNotice && (
          <p id="reply-window" className="text-xs text-amber-900" data-testid="reply-window">
            {windowNotice}
          </p>
        )}
        {extra?.fields}
        <div className="flex flex-wrap items-center gap-2">
          <button type="submit" className={ui.button}>
            {i.replySend}
          </button>
          {extra?.actions}
        </div>
      </div>
    </ActionForm>
  );
}
