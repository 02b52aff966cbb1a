'use client';

import { useRef } from 'react';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { ui } from '@/src/ui/styles';
import { PickerTextarea } from './picker-textarea';

type Member = { user_id: string; email: string };
type Texts = { title: string; label: string; help: string; save: string; list: string; empty: string };

/** The members whose "@email" is in the text. */
export function mentionedIds(text: string, members: Member[]): string[] {
  return members.filter((member) => text.includes(`@${member.email}`)).map((member) => member.user_id);
}

// The internal note box: yellow like the notes it writes; "@" opens the team list and the picked
// members travel as ids in a hidden field (the SQL checks they belong to the tenant).
export function NoteComposer({
  action,
  tenantSlug,
  conversationId,
  members,
  texts,
}: {
  action: (state: ActionState, data: FormData) => Promise<ActionState>;
  tenantSlug: string;
  conversationId: string;
  members: Member[];
  texts: Texts;
}) {
  const mentions = useRef<HTMLInputElement>(null);
  return (
    <ActionForm
      action={action}
      resetOnSuccess
      label={texts.title}
      className="rounded-xl border border-amber-300 bg-amber-50 p-4"
    >
      <div className="space-y-3">
        <input type="hidden" name="tenantSlug" value={tenantSlug} />
        <input type="hidden" name="conversationId" value={conversationId} />
        <input ref={mentions} type="hidden" name="mentions" defaultValue="" />
        <PickerTextarea
          id="note-text"
          name="body"
          label={texts.label}
          hint={texts.help}
          trigger="@"
          rows={2}
          maxLength={4000}
          required
          listLabel={texts.list}
          emptyText={texts.empty}
          options={members.map((member) => ({
            id: member.user_id,
            label: member.email,
            insert: `@${member.email} `,
          }))}
          onTextChange={(text) => {
            if (mentions.current) mentions.current.value = mentionedIds(text, members).join(',');
          }}
        />
        <button type="submit" className={ui.buttonSecondary}>
          {texts.save}
        </button>
      </div>
    </ActionForm>
  );
}
