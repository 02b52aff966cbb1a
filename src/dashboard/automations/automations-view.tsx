import { automationEvents } from '@/src/automations/automation-events';
import type { AutomationSettings } from '@/src/automations/manage-automations';
import type { Messages } from '@/src/i18n/messages-es';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { CardSection } from '@/src/ui/card-section';
import { formatDateTime } from '@/src/ui/format-date';
import { ui } from '@/src/ui/styles';
import { TextField } from '@/src/ui/text-field';

// The Automatizaciones page: the addresses that receive notices (add, edit, pause), the "answer
// with my workflow" switch, and the log of the latest notices with a "Reenviar" each.

type Action = (state: ActionState, data: FormData) => Promise<ActionState>;
type Endpoint = AutomationSettings['endpoints'][number];

function Hidden({ values }: { values: Record<string, string> }) {
  return Object.entries(values).map(([name, value]) => (
    <input key={name} type="hidden" name={name} value={value} />
  ));
}

function EndpointFields({ prefix, endpoint, t }: { prefix: string; endpoint?: Endpoint; t: Messages }) {
  const a = t.automations;
  return (
    <div className="space-y-3">
      <TextField
        id={`${prefix}-url`}
        name="url"
        label={a.url}
        hint={a.urlHelp}
        type="url"
        required
        maxLength={2000}
        mono
        defaultValue={endpoint?.url}
      />
      <TextField
        id={`${prefix}-description`}
        name="description"
        label={a.description}
        maxLength={200}
        defaultValue={endpoint?.description ?? ''}
      />
      <fieldset>
        <legend className={ui.label}>{a.events}</legend>
        <div className="mt-1 grid gap-1 sm:grid-cols-2">
          {automationEvents.map((event) => (
            <label key={event} className="flex items-start gap-2 text-sm text-slate-800">
              <input
                type="checkbox"
                name={`event:${event}`}
                defaultChecked={endpoint ? endpoint.events.includes(event) : event === 'message.received'}
                className="mt-1"
              />
              <span>{a.eventNames[event]}</span>
            </label>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

export function AutomationsView({
  settings,
  tenant,
  t,
  actions,
}: {
  settings: AutomationSettings;
  tenant: { slug: string; timezone: string };
  t: Messages;
  actions: { create: Action; update: Action; resend: Action; mode: Action };
}) {
  const a = t.automations;
  const when = (iso: string | null) => formatDateTime(iso, t.locale, tenant.timezone);
  return (
    <div className="space-y-4">
      <p className={ui.muted}>{a.intro}</p>
      <CardSection id="automation-endpoints" title={a.endpointsTitle}>
        {settings.endpoints.length === 0 && <p className={`mt-2 ${ui.muted}`}>{a.none}</p>}
        <ul className="mt-3 space-y-3">
          {settings.endpoints.map((endpoint) => (
            <li
              key={endpoint.id}
              className="rounded-lg border border-slate-200 p-3"
              data-testid="automation-endpoint"
            >
              <p className="text-sm font-medium text-slate-900 [overflow-wrap:anywhere]">
                {endpoint.description ? `${endpoint.description} · ` : ''}
                <span className="font-mono">{endpoint.url}</span>
              </p>
              <p className={ui.help}>
                {endpoint.active ? a.active : a.inactive} · {a.secretHint(endpoint.secret_hint)}
              </p>
              <details className="mt-2">
                <summary className={`cursor-pointer text-sm ${ui.link}`}>{a.edit}</summary>
                <ActionForm action={actions.update} label={a.save} className="mt-2">
                  <div className="space-y-3">
                    <Hidden values={{ tenantSlug: tenant.slug, endpointId: endpoint.id }} />
                    <EndpointFields prefix={`endpoint-${endpoint.id}`} endpoint={endpoint} t={t} />
                    <label className="flex items-center gap-2 text-sm text-slate-800">
                      <input type="checkbox" name="active" defaultChecked={endpoint.active} />
                      {a.active}
                    </label>
                    <button type="submit" className={ui.button}>
                      {a.save}
                    </button>
                  </div>
                </ActionForm>
              </details>
            </li>
          ))}
        </ul>
        <ActionForm action={actions.create} label={a.add} className="mt-4" resetOnSuccess>
          <div className="space-y-3">
            <Hidden values={{ tenantSlug: tenant.slug }} />
            <EndpointFields prefix="new-endpoint" t={t} />
            <button type="submit" className={ui.button}>
              {a.add}
            </button>
          </div>
        </ActionForm>
      </CardSection>

      <CardSection id="automation-workflow" title={a.workflowTitle}>
        <p className={`mt-1 ${ui.muted}`}>{a.workflowHelp}</p>
        <p className="mt-2 text-sm font-medium text-slate-900" data-testid="workflow-mode">
          {settings.reply_through_workflow ? a.workflowOn : a.workflowOff}
        </p>
        <ActionForm action={actions.mode} label={a.workflowTitle} className="mt-2">
          <Hidden
            values={{ tenantSlug: tenant.slug, mode: settings.reply_through_workflow ? 'off' : 'on' }}
          />
          <button type="submit" className={ui.buttonSecondary}>
            {settings.reply_through_workflow ? a.turnOff : a.turnOn}
          </button>
        </ActionForm>
      </CardSection>

      <CardSection id="automation-log" title={a.logTitle}>
        {settings.deliveries.length === 0 ? (
          <p className={`mt-2 ${ui.muted}`}>{a.logEmpty}</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-200">
            {settings.deliveries.map((delivery) => (
              <li key={delivery.id} className="py-3" data-testid="automation-delivery">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <p className="text-sm font-medium text-slate-900">
                    {a.eventNames[delivery.event_type] ?? delivery.event_type}
                  </p>
                  <span
                    className={`rounded-full px-2 py-0.5 text-xs font-medium ${
                      delivery.status === 'delivered'
                        ? 'bg-emerald-100 text-emerald-900'
                        : delivery.status === 'failed'
                          ? 'bg-rose-100 text-rose-900'
                          : 'bg-amber-100 text-amber-900'
                    }`}
                  >
                    {a.status[delivery.status]}
                  </span>
                </div>
                <p className={`${ui.help} [overflow-wrap:anywhere]`}>
                  {when(delivery.created_at)} · {a.columns.to}:{' '}
                  <span className="font-mono">{delivery.url}</span> · {a.columns.attempts}:{' '}
                  {delivery.attempts}
                  {delivery.status === 'pending' && delivery.next_attempt_at
                    ? ` · ${a.nextAttempt}: ${when(delivery.next_attempt_at)}`
                    : ''}
                </p>
                {delivery.last_error && (
                  <p className="mt-1 text-xs text-rose-800 [overflow-wrap:anywhere]">{delivery.last_error}</p>
                )}
                <ActionForm action={actions.resend} label={a.resend} className="mt-2">
                  <Hidden values={{ tenantSlug: tenant.slug, deliveryId: delivery.id }} />
                  <button type="submit" className={ui.buttonSecondary}>
                    {a.resend}
                  </button>
                </ActionForm>
              </li>
            ))}
          </ul>
        )}
      </CardSection>
    </div>
  );
}
