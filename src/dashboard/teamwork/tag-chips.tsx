import type { Messages } from '@/src/i18n/messages-es';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { ui } from '@/src/ui/styles';
import type { TeamworkLists } from './load-teamwork';
import { tagChipClass } from './tag-colors';

// The tenant's tags as toggles for one conversation or lead: a pressed chip is applied.
export function TagChips({
  action,
  tenantSlug,
  target,
  targetId,
  tags,
  applied,
  heading,
  t,
}: {
  action: (state: ActionState, data: FormData) => Promise<ActionState>;
  tenantSlug: string;
  target: 'conversation' | 'lead';
  targetId: string;
  tags: TeamworkLists['tags'];
  applied: string[];
  heading: string;
  t: Messages;
}) {
  const w = t.teamwork;
  return (
    <div data-testid={`${target}-tags`}>
      <h3 className="text-xs font-semibold text-slate-700">{heading}</h3>
      <ul className="mt-1 flex flex-wrap gap-1.5">
        {tags.map((tag) => {
          const on = applied.includes(tag.id);
          return (
            <li key={tag.id}>
              <ActionForm action={action}>
                <input type="hidden" name="tenantSlug" value={tenantSlug} />
                <input type="hidden" name="target" value={target} />
                <input type="hidden" name="targetId" value={targetId} />
                <input type="hidden" name="tagId" value={tag.id} />
                <input type="hidden" name="on" value={on ? 'false' : 'true'} />
                <button
                  type="submit"
                  aria-pressed={on}
                  aria-label={on ? w.removeTag(tag.name) : w.addTag(tag.name)}
                  className={`rounded-full px-2.5 py-1 text-xs font-medium ring-1 ${ui.focus} ${
                    on ? tagChipClass(tag.color) : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50'
                  }`}
                >
                  {on ? '✓ ' : '+ '}
                  {tag.name}
                </button>
              </ActionForm>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
