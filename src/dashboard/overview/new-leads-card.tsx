import type { Messages } from '@/src/i18n/messages-es';
import { Badge } from '@/src/ui/badge';
import { CardSection } from '@/src/ui/card-section';
import { ui } from '@/src/ui/styles';
import type { Overview } from './load-overview';

const classes = ['hot', 'warm', 'cold'] as const;

// New leads today by class, and how many replies the offline responder (not Claude) wrote.
export function NewLeadsCard({ overview, t }: { overview: Overview; t: Messages }) {
  const o = t.overview;
  return (
    <CardSection id="ov-leads" title={o.newLeads}>
      <dl className="mt-3 grid grid-cols-3 gap-2 text-center">
        {classes.map((c) => (
          <div key={c} className="rounded-lg bg-slate-50 p-3">
            <dt>
              <Badge tone={c}>{t.classification[c]}</Badge>
            </dt>
            <dd className="mt-2 text-2xl font-semibold">{overview.new_leads_today[c]}</dd>
          </div>
        ))}
      </dl>
      <p className={`mt-4 ${ui.muted}`} title={o.offlineExplain}>
        {o.offlineReplies}: <strong>{overview.offline_replies_today}</strong>
      </p>
    </CardSection>
  );
}
