import type { CalendarFeed } from '@/src/calendar-feed/manage-feeds';
import type { Messages } from '@/src/i18n/messages-es';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { CardSection } from '@/src/ui/card-section';
import { formatDateTime } from '@/src/ui/format-date';
import { SelectField } from '@/src/ui/select-field';
import { ui } from '@/src/ui/styles';
import { TextField } from '@/src/ui/text-field';
import type { TenantContext } from '../tenants/resolve-tenant';
import type { Scheduling } from './load-calendar';
import { formatDayHours, weekDays } from './settings-writes';

type Action = (state: ActionState, data: FormData) => Promise<ActionState>;
export type SettingsActions = {
  saveBranch: Action;
  saveService: Action;
  saveResource: Action;
  addClosure: Action;
  removeClosure: Action;
  createFeed: Action;
  revokeFeed: Action;
};

// Time zones of the region offered first; a branch's own zone is always in the list.
const zones = [
  'America/Mexico_City',
  'America/Tijuana',
  'America/Monterrey',
  'America/Cancun',
  'America/Hermosillo',
  'America/Bogota',
  'America/Lima',
  'America/Santiago',
  'America/Argentina/Buenos_Aires',
  'America/Guatemala',
  'America/Costa_Rica',
  'America/Panama',
  'America/Caracas',
  'America/Guayaquil',
  'America/La_Paz',
  'America/Asuncion',
  'America/Montevideo',
  'America/Santo_Domingo',
  'America/El_Salvador',
  'America/Tegucigalpa',
  'America/Managua',
];

type Branch = Scheduling['branches'][number];
type Service = Scheduling['services'][number];
type Resource = Scheduling['resources'][number];

function Hidden({ values }: { values: Record<string, string> }) {
  return (
    <>
      {Object.entries(values).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

function BranchForm({
  branch,
  tenant,
  t,
  action,
}: {
  branch?: Branch;
  tenant: TenantContext;
  t: Messages;
  action: Action;
}) {
  const s = t.calendar.settings;
  const id = branch?.id ?? 'new';
  const zone = branch?.timezone ?? tenant.timezone;
  const hours = (branch?.weekly_hours ?? {}) as Record<string, [string, string][] | undefined>;
  return (
    <ActionForm action={action} label={branch ? s.edit(branch.name) : s.newBranch} resetOnSuccess={!branch}>
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        <Hidden values={{ tenantSlug: tenant.slug, branchId: branch?.id ?? '' }} />
        <TextField
          id={`branch-${id}-name`}
          name="name"
          label={s.name}
          defaultValue={branch?.name}
          required
          maxLength={200}
        />
        <SelectField
          id={`branch-${id}-timezone`}
          name="timezone"
          label={s.timezone}
          defaultValue={zone}
          options={(zones.includes(zone) ? zones : [zone, ...zones]).map((z) => ({
            value: z,
            label: z.replaceAll('_', ' '),
          }))}
        />
        <TextField
          id={`branch-${id}-address`}
          name="address"
          label={s.address}
          defaultValue={branch?.address ?? ''}
          maxLength={500}
        />
        <TextField
          id={`branch-${id}-maps`}
          name="mapsUrl"
          label={s.mapsUrl}
          hint={s.mapsUrlHelp}
          type="url"
          defaultValue={branch?.maps_url ?? ''}
          maxLength={500}
        />
        <fieldset className="sm:col-span-2">
          <legend className={ui.label}>{s.hours}</legend>
          <p className={ui.help}>{s.hoursHelp}</p>
          <div className="mt-2 grid grid-cols-2 gap-2 lg:grid-cols-4">
            {weekDays.map((day) => (
              <TextField
                key={day}
                id={`branch-${id}-hours-${day}`}
                name={`hours.${day}`}
                label={t.ai.days[day]}
                defaultValue={formatDayHours(hours[day])}
                maxLength={100}
              />
            ))}
          </div>
        </fieldset>
        <div>
          <button type="submit" className={ui.button}>
            {branch ? s.save : s.create}
          </button>
        </div>
      </div>
    </ActionForm>
  );
}

function ServiceForm({
  service,
  tenant,
  t,
  action,
}: {
  service?: Service;
  tenant: TenantContext;
  t: Messages;
  action: Action;
}) {
  const s = t.calendar.settings;
  const id = service?.id ?? 'new';
  return (
    <ActionForm
      action={action}
      label={service ? s.edit(service.name) : s.newService}
      resetOnSuccess={!service}
    >
      <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4 lg:items-end">
        <Hidden values={{ tenantSlug: tenant.slug, serviceId: service?.id ?? '' }} />
        <TextField
          id={`service-${id}-name`}
          name="name"
          label={s.name}
          defaultValue={service?.name}
          required
          maxLength={200}
        />
        <TextField
          id={`service-${id}-minutes`}
          name="minutes"
          label={s.minutes}
          inputMode="numeric"
          defaultValue={service?.duration_minutes ?? 30}
          required
        />
        <TextField
          id={`service-${id}-buffer`}
          name="buffer"
          label={s.buffer}
          inputMode="numeric"
          defaultValue={service?.buffer_minutes ?? 0}
        />
        <TextField
          id={`service-${id}-price`}
          name="price"
          label={service ? s.priceUnit(service.currency) : s.price}
          inputMode="numeric"
          defaultValue={service?.price_min ?? ''}
        />
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" name="active" defaultChecked={service?.active ?? true} className="h-4 w-4" />
          {s.active}
        </label>
        <div>
          <button type="submit" className={ui.button}>
            {service ? s.save : s.create}
          </button>
        </div>
      </div>
    </ActionForm>
  );
}

function ResourceForm({
  resource,
  branches,
  services,
  tenant,
  t,
  action,
}: {
  resource?: Resource;
  branches: Branch[];
  services: Service[];
  tenant: TenantContext;
  t: Messages;
  action: Action;
}) {
  const s = t.calendar.settings;
  const id = resource?.id ?? 'new';
  return (
    <ActionForm
      action={action}
      label={resource ? s.edit(resource.name) : s.newResource}
      resetOnSuccess={!resource}
    >
      <div className="mt-3 grid gap-3 sm:grid-cols-2">
        <Hidden values={{ tenantSlug: tenant.slug, resourceId: resource?.id ?? '' }} />
        <TextField
          id={`resource-${id}-name`}
          name="name"
          label={s.name}
          defaultValue={resource?.name}
          required
          maxLength={200}
        />
        <SelectField
          id={`resource-${id}-branch`}
          name="branchId"
          label={t.calendar.branch}
          defaultValue={resource?.branch_id ?? branches[0]?.id ?? ''}
          options={branches.map((b) => ({ value: b.id, label: b.name }))}
        />
        <fieldset className="sm:col-span-2">
          <legend className={ui.label}>{s.resourceServices}</legend>
          <div className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
            {services.map((service) => (
              <label key={service.id} className="flex items-center gap-2 text-sm text-slate-800">
                <input
                  type="checkbox"
                  name={`service.${service.id}`}
                  defaultChecked={resource?.service_ids.includes(service.id) ?? true}
                  className="h-4 w-4"
                />
                {service.name}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            name="active"
            defaultChecked={resource?.active ?? true}
            className="h-4 w-4"
          />
          {s.active}
        </label>
        <div>
          <button type="submit" className={ui.button}>
            {resource ? s.save : s.create}
          </button>
        </div>
      </div>
    </ActionForm>
  );
}

function Editable({ summary, children }: { summary: string; children: React.ReactNode }) {
  return (
    <details className="rounded-lg border border-slate-200 p-3">
      <summary className={`cursor-pointer text-sm font-medium text-slate-900 ${ui.focus}`}>{summary}</summary>
      {children}
    </details>
  );
}

// Branches, services, who attends and closed days, in plain words. Admins change them; agents
// read them (SQL refuses their writes anyway).
export function SettingsView({
  scheduling,
  tenant,
  t,
  canEdit,
  actions,
  feeds,
}: {
  scheduling: Scheduling;
  tenant: TenantContext;
  t: Messages;
  canEdit: boolean;
  actions: SettingsActions;
  /** Admins only: the live calendar feeds. */
  feeds?: CalendarFeed[];
}) {
  const s = t.calendar.settings;
  const { branches, services, resources, closures } = scheduling;
  const branchName = (id: string) => branches.find((b) => b.id === id)?.name ?? '—';
  const resourceName = (id: string | null) =>
    id ? (resources.find((r) => r.id === id)?.name ?? '—') : s.wholeBranch;
  const zoneOf = (id: string) => branches.find((b) => b.id === id)?.timezone ?? tenant.timezone;
  return (
    <div className="space-y-4">
      {!canEdit && <p className={ui.muted}>{s.adminOnly}</p>}
      <CardSection id="settings-branches" title={s.branches}>
        <p className={`mt-1 ${ui.muted}`}>{s.branchesHelp}</p>
        <ul className="mt-3 space-y-2">
          {branches.map((branch) => (
            <li key={branch.id}>
              {canEdit ? (
                <Editable summary={`${branch.name} · ${branch.timezone.replaceAll('_', ' ')}`}>
                  <BranchForm branch={branch} tenant={tenant} t={t} action={actions.saveBranch} />
                </Editable>
              ) : (
                <p className="text-sm text-slate-800">
                  <strong>{branch.name}</strong> · {branch.address ?? ''} · {branch.timezone}
                </p>
              )}
            </li>
          ))}
          {canEdit && (
            <li>
              <Editable summary={`+ ${s.newBranch}`}>
                <BranchForm tenant={tenant} t={t} action={actions.saveBranch} />
              </Editable>
            </li>
          )}
        </ul>
      </CardSection>

      <CardSection id="settings-services" title={s.services}>
        <p className={`mt-1 ${ui.muted}`}>{s.servicesHelp}</p>
        <ul className="mt-3 space-y-2">
          {services.map((service) => {
            const summary = `${service.name} · ${service.duration_minutes} min${service.price_min !== null ? ` · $${service.price_min}` : ''}${service.active ? '' : ` · ${s.inactive}`}`;
            return (
              <li key={service.id}>
                {canEdit ? (
                  <Editable summary={summary}>
                    <ServiceForm service={service} tenant={tenant} t={t} action={actions.saveService} />
                  </Editable>
                ) : (
                  <p className="text-sm text-slate-800">{summary}</p>
                )}
              </li>
            );
          })}
          {canEdit && (
            <li>
              <Editable summary={`+ ${s.newService}`}>
                <ServiceForm tenant={tenant} t={t} action={actions.saveService} />
              </Editable>
            </li>
          )}
        </ul>
      </CardSection>

      <CardSection id="settings-resources" title={s.resources}>
        <p className={`mt-1 ${ui.muted}`}>{s.resourcesHelp}</p>
        <ul className="mt-3 space-y-2">
          {resources.map((resource) => {
            const summary = `${resource.name} · ${branchName(resource.branch_id)}${resource.active ? '' : ` · ${s.inactive}`}`;
            return (
              <li key={resource.id}>
                {canEdit ? (
                  <Editable summary={summary}>
                    <ResourceForm
                      resource={resource}
                      branches={branches}
                      services={services}
                      tenant={tenant}
                      t={t}
                      action={actions.saveResource}
                    />
                  </Editable>
                ) : (
                  <p className="text-sm text-slate-800">{summary}</p>
                )}
              </li>
            );
          })}
          {canEdit && (
            <li>
              {branches.length === 0 ? (
                <p className={ui.muted}>{s.noBranchesYet}</p>
              ) : services.length === 0 ? (
                <p className={ui.muted}>{s.noServicesYet}</p>
              ) : (
                <Editable summary={`+ ${s.newResource}`}>
                  <ResourceForm
                    branches={branches}
                    services={services}
                    tenant={tenant}
                    t={t}
                    action={actions.saveResource}
                  />
                </Editable>
              )}
            </li>
          )}
        </ul>
      </CardSection>

      <CardSection id="settings-closures" title={s.closures}>
        <p className={`mt-1 ${ui.muted}`}>{s.closuresHelp}</p>
        {closures.length === 0 ? (
          <p className={`mt-3 ${ui.muted}`}>{s.noClosures}</p>
        ) : (
          <ul className="mt-3 space-y-2">
            {closures.map((closure) => (
              <li
                key={closure.id}
                className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-slate-50 p-2 text-sm"
              >
                <span>
                  {formatDateTime(closure.starts_at, t.locale, zoneOf(closure.branch_id))} →{' '}
                  {formatDateTime(closure.ends_at, t.locale, zoneOf(closure.branch_id))} ·{' '}
                  {branchName(closure.branch_id)} · {resourceName(closure.resource_id)}
                  {closure.reason ? ` · ${closure.reason}` : ''}
                </span>
                {canEdit && (
                  <ActionForm action={actions.removeClosure} label={s.remove}>
                    <div>
                      <Hidden values={{ tenantSlug: tenant.slug, closureId: closure.id }} />
                      <button type="submit" className={`${ui.buttonDanger} px-3 py-1.5`}>
                        {s.remove}
                      </button>
                    </div>
                  </ActionForm>
                )}
              </li>
            ))}
          </ul>
        )}
        {canEdit && branches.length > 0 && (
          <div className="mt-3">
            <Editable summary={`+ ${s.newClosure}`}>
              <ActionForm action={actions.addClosure} label={s.newClosure} resetOnSuccess>
                <div className="mt-3 grid gap-3 sm:grid-cols-2">
                  <Hidden values={{ tenantSlug: tenant.slug }} />
                  <SelectField
                    id="closure-branch"
                    name="branchId"
                    label={t.calendar.branch}
                    defaultValue={branches[0]!.id}
                    options={branches.map((b) => ({ value: b.id, label: b.name }))}
                  />
                  <SelectField
                    id="closure-resource"
                    name="resourceId"
                    label={s.closureWho}
                    defaultValue=""
                    options={[
                      { value: '', label: s.wholeBranch },
                      ...resources.map((r) => ({
                        value: r.id,
                        label: `${r.name} (${branchName(r.branch_id)})`,
                      })),
                    ]}
                  />
                  <TextField id="closure-date" name="date" type="date" label={s.from} required />
                  <TextField id="closure-until" name="until" type="date" label={s.until} />
                  <TextField
                    id="closure-reason"
                    name="reason"
                    label={s.reason}
                    maxLength={200}
                    className="sm:col-span-2"
                  />
                  <div>
                    <button type="submit" className={ui.button}>
                      {s.newClosure}
                    </button>
                  </div>
                </div>
              </ActionForm>
            </Editable>
          </div>
        )}
      </CardSection>

      {canEdit && feeds && branches.length > 0 && (
        <CardSection id="settings-feeds" title={t.calendar.feeds.title}>
          <p className={`mt-1 ${ui.muted}`}>{t.calendar.feeds.help}</p>
          {feeds.length === 0 ? (
            <p className={`mt-3 ${ui.muted}`}>{t.calendar.feeds.none}</p>
          ) : (
            <ul className="mt-3 space-y-2">
              {feeds.map((feed) => (
                <li
                  key={feed.id}
                  className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-slate-50 p-2 text-sm"
                  data-testid="calendar-feed"
                >
                  <span>
                    {feed.resource_name
                      ? `${feed.resource_name} · ${feed.branch_name}`
                      : t.calendar.feeds.wholeBranch(feed.branch_name)}{' '}
                    · {t.calendar.feeds.since}: {formatDateTime(feed.created_at, t.locale, feed.timezone)}
                  </span>
                  <ActionForm action={actions.revokeFeed} label={t.calendar.feeds.revoke}>
                    <div>
                      <Hidden values={{ tenantSlug: tenant.slug, feedId: feed.id }} />
                      <button type="submit" className={`${ui.buttonDanger} px-3 py-1.5`}>
                        {t.calendar.feeds.revoke}
                      </button>
                    </div>
                  </ActionForm>
                </li>
              ))}
            </ul>
          )}
          <ActionForm action={actions.createFeed} label={t.calendar.feeds.create} className="mt-3">
            <div className="grid gap-3 sm:grid-cols-[1fr_auto] sm:items-end">
              <Hidden values={{ tenantSlug: tenant.slug }} />
              <SelectField
                id="feed-target"
                name="target"
                label={t.calendar.feeds.target}
                defaultValue={`branch:${branches[0]!.id}`}
                options={[
                  ...branches.map((b) => ({
                    value: `branch:${b.id}`,
                    label: t.calendar.feeds.wholeBranch(b.name),
                  })),
                  ...resources.map((r) => ({
                    value: `resource:${r.branch_id}:${r.id}`,
                    label: `${r.name} (${branchName(r.branch_id)})`,
                  })),
                ]}
              />
              <div>
                <button type="submit" className={ui.button}>
                  {t.calendar.feeds.create}
                </button>
              </div>
            </div>
          </ActionForm>
        </CardSection>
      )}
    </div>
  );
}
