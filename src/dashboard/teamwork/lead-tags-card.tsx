import Link from 'next/link';
import type { Messages } from '@/src/i18n/messages-es';
import type { ActionState } from '@/src/ui/action-state';
import { ui } from '@/src/ui/styles';
import type { TeamworkLists } from './load-teamwork';
import { TagChips } from './tag-chips';

// The customer's tags on the lead page: the tenant's list as toggles.
export function LeadTagsCard({
  action,
  tenantSlug,
  leadId,
  tags,
  applied,
  t,
}: {
  action: (state: ActionState, data: FormData) => Promise<ActionState>;
  tenantSlug: string;
  leadId: string;
  tags: TeamworkLists['tags'];
  applied: string[];
  t: Messages;
}) {
  const w = t.teamwork;
  return (
    <section aria-label={w.leadTags} className={`${ui.card} space-y-2`}>
      <h2 className="text-sm font-semibold text-slate-900">{w.tags}</h2>
      {tags.length === 0 ? (
        <p className={ui.help}>
          {w.noTags}{' '}
          <Link href={`/t/${tenantSlug}/tags`} className={ui.link}>
            {w.manageTags}
          </Link>
        </p>
      ) : (
        <TagChips
          action={action}
          tenantSlug={tenantSlug}
          target="lead"
          targetId={leadId}
          tags={tags}
          applied={applied}
          heading={w.leadTags}
          t={t}
        />
      )}
    </section>
  );
}
