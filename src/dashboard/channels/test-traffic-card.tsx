import type { Messages } from '@/src/i18n/messages-es';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { CardSection } from '@/src/ui/card-section';
import { ui } from '@/src/ui/styles';
import type { TestTraffic } from './test-traffic';

// How much test traffic the business holds, and a delete that asks for a tick first.
export function TestTrafficCard({
  traffic,
  tenantSlug,
  t,
  action,
}: {
  traffic: TestTraffic;
  tenantSlug: string;
  t: Messages;
  action: (state: ActionState, data: FormData) => Promise<ActionState>;
}) {
  const tt = t.testTraffic;
  const any = traffic.leads + traffic.conversations + traffic.messages > 0;
  return (
    <CardSection id="test-traffic" title={tt.title} testId="test-traffic">
      <p className={`mt-1 max-w-3xl ${ui.muted}`}>{tt.intro}</p>
      <p className="mt-2 text-sm text-slate-800">
        {any ? tt.counts(traffic.leads, traffic.conversations, traffic.messages) : tt.none}
      </p>
      {/* Always mounted: after the delete the page re-renders with nothing left to delete, and the
          form's notice must stay to say what was deleted. */}
      <ActionForm action={action} label={tt.delete} className="mt-3">
        {any && (
          <div className="space-y-3">
            <input type="hidden" name="tenantSlug" value={tenantSlug} />
            <label className="flex items-start gap-2 text-sm text-slate-800">
              <input type="checkbox" name="confirm" value="yes" required className={`mt-0.5 ${ui.focus}`} />
              <span>{tt.confirm}</span>
            </label>
            <button type="submit" className={ui.buttonDanger}>
              {tt.delete}
            </button>
          </div>
        )}
      </ActionForm>
    </CardSection>
  );
}
