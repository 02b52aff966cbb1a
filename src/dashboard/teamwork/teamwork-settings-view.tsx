import type { Messages } from '@/src/i18n/messages-es';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { ui } from '@/src/ui/styles';
import type { TeamworkLists } from './load-teamwork';
import { tagChipClass, tagColors } from './tag-colors';

type Action = (state: ActionState, data: FormData) => Promise<ActionState>;
export type SettingsActions = { saveTag: Action; deleteTag: Action; saveQuick: Action; deleteQuick: Action };

function TagForm({
  tag,
  slug,
  t,
  actions,
}: {
  tag?: TeamworkLists['tags'][number];
  slug: string;
  t: Messages;
  actions: SettingsActions;
}) {
  const w = t.teamwork;
  const key = tag?.id ?? 'new';
  return (
    <ActionForm action={actions.saveTag} resetOnSuccess={!tag} label={tag ? w.editTag(tag.name) : w.newTag}>
      <div className="flex flex-wrap items-end gap-2">
        <input type="hidden" name="tenantSlug" value={slug} />
        <input type="hidden" name="tagId" value={tag?.id ?? ''} />
        <div className="min-w-40 flex-1">
          <label htmlFor={`tag-name-${key}`} className={ui.label}>
            {w.tagName}
          </label>
          <input
            id={`tag-name-${key}`}
            name="name"
            defaultValue={tag?.name}
            maxLength={40}
            required
            className={ui.input}
          />
        </div>
        <div>
          <label htmlFor={`tag-color-${key}`} className={ui.label}>
            {w.tagColor}
          </label>
          <select
            id={`tag-color-${key}`}
            name="color"
            defaultValue={tag?.color ?? 'slate'}
            className={ui.input}
          >
            {tagColors.map((color) => (
              <option key={color} value={color}>
                {w.colors[color]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={tag ? ui.buttonSecondary : ui.button}>
          {tag ? w.save : w.createTag}
        </button>
      </div>
    </ActionForm>
  );
}

function QuickForm({
  reply,
  slug,
  t,
  actions,
}: {
  reply?: TeamworkLists['quick_replies'][number];
  slug: string;
  t: Messages;
  actions: SettingsActions;
}) {
  const w = t.teamwork;
  const key = reply?.id ?? 'new';
  return (
    <ActionForm
      action={actions.saveQuick}
      resetOnSuccess={!reply}
      label={reply ? w.editQuickReply(reply.title) : w.newQuickReply}
    >
      <div className="space-y-2">
        <input type="hidden" name="tenantSlug" value={slug} />
        <input type="hidden" name="quickReplyId" value={reply?.id ?? ''} />
        <label htmlFor={`quick-title-${key}`} className={ui.label}>
          {w.quickTitle}
        </label>
        <input
          id={`quick-title-${key}`}
          name="title"
          defaultValue={reply?.title}
          maxLength={60}
          required
          className={ui.input}
        />
        <label htmlFor={`quick-body-${key}`} className={ui.label}>
          {w.quickBody}
        </label>
        <textarea
          id={`quick-body-${key}`}
          name="body"
          defaultValue={reply?.body}
          rows={3}
          maxLength={2000}
          required
          className={ui.input}
        />
        <button type="submit" className={reply ? ui.buttonSecondary : ui.button}>
          {reply ? w.save : w.createQuickReply}
        </button>
      </div>
    </ActionForm>
  );
}

function DeleteButton({
  action,
  slug,
  field,
  id,
  label,
}: {
  action: Action;
  slug: string;
  field: string;
  id: string;
  label: string;
}) {
  return (
    <ActionForm action={action}>
      <input type="hidden" name="tenantSlug" value={slug} />
      <input type="hidden" name={field} value={id} />
      <button type="submit" className={ui.buttonDanger} aria-label={label}>
        {label}
      </button>
    </ActionForm>
  );
}

// The tenant's tag list and quick replies: admins edit them here, agents read them.
export function TeamworkSettingsView({
  lists,
  slug,
  admin,
  t,
  actions,
}: {
  lists: TeamworkLists;
  slug: string;
  admin: boolean;
  t: Messages;
  actions: SettingsActions;
}) {
  const w = t.teamwork;
  return (
    <div className="space-y-6">
      <p className={ui.muted}>{w.settingsHelp}</p>
      {!admin && <p className={ui.muted}>{w.adminOnly}</p>}
      <section aria-labelledby="tags-title" className={`${ui.card} space-y-4`}>
        <h2 id="tags-title" className={ui.h2}>
          {w.tags}
        </h2>
        {lists.tags.length === 0 && <p className={ui.muted}>{w.noTags}</p>}
        <ul className="space-y-3" data-testid="tag-list">
          {lists.tags.map((tag) => (
            <li key={tag.id} className="space-y-2 border-b border-slate-100 pb-3">
              <span
                className={`inline-block rounded-full px-2.5 py-1 text-xs font-medium ring-1 ${tagChipClass(tag.color)}`}
              >
                {tag.name}
              </span>
              {admin && (
                <div className="flex flex-wrap items-end gap-2">
                  <TagForm tag={tag} slug={slug} t={t} actions={actions} />
                  <DeleteButton
                    action={actions.deleteTag}
                    slug={slug}
                    field="tagId"
                    id={tag.id}
                    label={`${w.remove}: ${tag.name}`}
                  />
                </div>
              )}
            </li>
          ))}
        </ul>
        {admin && (
          <div>
            <h3 className="text-sm font-semibold text-slate-900">{w.newTag}</h3>
            <TagForm slug={slug} t={t} actions={actions} />
          </div>
        )}
      </section>
      <section aria-labelledby="quick-title" className={`${ui.card} space-y-4`}>
        <h2 id="quick-title" className={ui.h2}>
          {w.quickReplies}
        </h2>
        <p className={ui.help}>{w.quickReplyHint}</p>
        {lists.quick_replies.length === 0 && <p className={ui.muted}>{w.noQuickReplies}</p>}
        <ul className="space-y-4" data-testid="quick-reply-list">
          {lists.quick_replies.map((reply) => (
            <li key={reply.id} className="space-y-2 border-b border-slate-100 pb-4">
              {admin ? (
                <>
                  <QuickForm reply={reply} slug={slug} t={t} actions={actions} />
                  <DeleteButton
                    action={actions.deleteQuick}
                    slug={slug}
                    field="quickReplyId"
                    id={reply.id}
                    label={`${w.remove}: ${reply.title}`}
                  />
                </>
              ) : (
                <>
                  <h3 className="text-sm font-semibold text-slate-900">{reply.title}</h3>
                  <p className="whitespace-pre-wrap text-sm text-slate-800">{reply.body}</p>
                </>
              )}
            </li>
          ))}
        </ul>
        {admin && (
          <div>
            <h3 className="text-sm font-semibold text-slate-900">{w.newQuickReply}</h3>
            <QuickForm slug={slug} t={t} actions={actions} />
          </div>
        )}
      </section>
    </div>
  );
}
