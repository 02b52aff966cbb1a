import type { Messages } from '@/src/i18n/messages-es';
import { CardSection } from '@/src/ui/card-section';
import { ReplyTimeChart } from '@/src/ui/reply-time-chart';
import { ui } from '@/src/ui/styles';
import type { TenantContext } from '../tenants/resolve-tenant';
import { AiSpendCard } from './ai-spend-card';
import { EscalationsCard } from './escalations-card';
import type { AiSpendSummary } from './load-ai-spend';
import type { Overview } from './load-overview';
import { MessagesTodayCard } from './messages-today-card';
import { NewLeadsCard } from './new-leads-card';

// Today at a glance: three cards side by side on a wide screen, stacked on a phone, and the AI's
// reply time over the last days below them.
export function OverviewView({
  overview,
  tenant,
  t,
  aiSpend,
}: {
  overview: Overview;
  tenant: TenantContext;
  t: Messages;
  aiSpend?: AiSpendSummary;
}) {
  const o = t.overview;
  return (
    <div className="space-y-6">
      <h1 className={ui.h1}>{o.title}</h1>
      <div className="grid gap-4 md:grid-cols-3">
        <MessagesTodayCard rows={overview.messages_today} t={t} />
        <NewLeadsCard overview={overview} t={t} />
        <EscalationsCard overview={overview} tenant={tenant} t={t} />
      </div>
      {aiSpend && <AiSpendCard spend={aiSpend} t={t} />}
      <CardSection id="ov-reply-time" title={o.replyTime}>
        <ReplyTimeChart
          days={overview.ai_reply_seconds}
          locale={t.locale}
          formatSeconds={o.seconds}
          emptyText={o.replyTimeEmpty}
          title={o.replyTime}
        />
      </CardSection>
    </div>
  );
}
