import Link from 'next/link';
import type { Messages } from '@/src/i18n/messages-es';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { CardSection } from '@/src/ui/card-section';
import { ui } from '@/src/ui/styles';
import { channelLabel } from '../channel-label';
import type { LeadRecord, MergeCandidate } from './load-lead-record';

type Action = (state: ActionState, data: FormData) => Promise<ActionState>;

// Merging: search the tenant's other leads (a plain GET form, ?buscar=), merge one into this
// lead, and the standing merges with their undo (or why it can no longer be undone).
export function LeadMergeCard({
  record,
  leadId,
  tenantSlug,
  query,
  candidates,
  t,
  when,
  mergeAction,
  undoAction,
}: {
  record: LeadRecord;
  leadId: string;
  tenantSlug: string;
  query: string;
  candidates: MergeCandidate[] | undefined;
  t: Messages;
  when: (iso: string) => string;
  mergeAction: Action;
  undoAction: Action;
}) {
  const r = t.leadRecord;
  const hidden = <input type="hidden" name="tenantSlug" value={tenantSlug} />;
  return (
    <CardSection id="lead-merge" title={record.merged_into ? r.mergesTitle : r.mergeTitle}>
      {!record.merged_into && (
        <>
          <p className={`mt-1 ${ui.muted}`}>{r.mergeIntro}</p>
          <form method="get" className="mt-3 flex flex-wrap items-end gap-2" aria-label={r.mergeTitle}>
            <div className="min-w-0 flex-1">
              <label htmlFor="merge-search" className={ui.label}>
                {r.searchLabel}
              </label>
              <input
                id="merge-search"
                name="buscar"
                type="search"
                defaultValue={query}
                maxLength={100}
                minLength={2}
                className={ui.input}
              />
            </div>
            <button type="submit" className={ui.buttonSecondary}>
              {r.search}
            </button>
          </form>
          {candidates && candidates.length === 0 && <p className={`mt-3 ${ui.muted}`}>{r.noCandidates}</p>}
          {candidates && candidates.length > 0 && (
            <ul className="mt-3 space-y-3">
              {candidates.map((candidate) => {
                const name = candidate.name ?? r.unnamed;
                return (
                  <li
                    key={candidate.id}
                    className="rounded-lg border border-slate-200 p-3 text-sm"
                    data-testid="merge-candidate"
                  >
                    <p className="font-medium [overflow-wrap:anywhere]">{name}</p>
                    <p className="text-slate-600 [overflow-wrap:anywhere]">
                      {[
                        candidate.channels.map((channel) => channelLabel(t, channel)).join(', '),
                        candidate.phone,
                        candidate.email,
                        r.scoreShort(candidate.score),
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </p>
                    <ActionForm action={mergeAction} className="mt-2" label={r.mergeButton(name)}>
                      {hidden}
                      <input type="hidden" name="leadId" value={leadId} />
                      <input type="hidden" name="mergedId" value={candidate.id} />
                      <button type="submit" className={ui.button}>
                        {r.mergeButton(name)}
                      </button>
                    </ActionForm>
                  </li>
                );
              })}
            </ul>
          )}
        </>
      )}
      {record.merges.length > 0 && (
        <ul className="mt-4 space-y-3">
          {record.merges.map((merge) => {
            const other = merge.other_lead_name ?? r.unnamed;
            return (
              <li key={merge.id} className="rounded-lg bg-slate-50 p-3 text-sm" data-testid="lead-merge">
                <p className="[overflow-wrap:anywhere]">
                  {merge.role === 'survivor'
                    ? r.mergedFrom(other, when(merge.created_at))
                    : r.mergedAwayTo(other, when(merge.created_at))}{' '}
                  <Link href={`/t/${tenantSlug}/leads/${merge.other_lead_id}`} className={ui.link}>
                    {r.openOther}
                  </Link>
                </p>
                {merge.undo_refusal ? (
                  <p className="mt-1 text-slate-700">{r.refused[merge.undo_refusal]}</p>
                ) : (
                  <ActionForm action={undoAction} className="mt-2" label={r.undo}>
                    {hidden}
                    <input type="hidden" name="mergeId" value={merge.id} />
                    <button type="submit" className={ui.buttonSecondary}>
                      {r.undo}
                    </button>
                  </ActionForm>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </CardSection>
  );
}
