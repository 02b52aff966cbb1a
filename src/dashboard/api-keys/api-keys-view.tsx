import type { Messages } from '@/src/i18n/messages-es';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { CardSection } from '@/src/ui/card-section';
import { formatDateTime } from '@/src/ui/format-date';
import { SelectField } from '@/src/ui/select-field';
import { ui } from '@/src/ui/styles';
import { TextField } from '@/src/ui/text-field';
import type { ApiKeyRow } from './manage-api-keys';

// The "API e integraciones" page: what a key is, the keys (never the keys themselves: a prefix),
// a form to make one (shown once, in the form's notice) and revoke buttons.

type Action = (state: ActionState, data: FormData) => Promise<ActionState>;

export function ApiKeysView({
  keys,
  slug,
  docsUrl,
  timezone,
  t,
  actions,
}: {
  keys: ApiKeyRow[];
  slug: string;
  docsUrl: string;
  timezone: string;
  t: Messages;
  actions: { create: Action; revoke: Action };
}) {
  const a = t.apiKeys;
  return (
    <div className="space-y-4">
      <h1 className={ui.h1}>{a.title}</h1>
      <p className={ui.muted}>{a.intro}</p>
      <p className={`text-sm ${ui.muted}`}>
        {a.docs} <code className="break-all">{docsUrl}</code>
      </p>
      <CardSection id="api-keys" title={a.listTitle}>
        {keys.length === 0 ? (
          <p className={`mt-3 ${ui.muted}`}>{a.none}</p>
        ) : (
          <ul className="mt-3 space-y-2">
            {keys.map((key) => (
              <li
                key={key.id}
                className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-slate-50 p-2 text-sm"
                data-testid="api-key"
              >
                <span className="min-w-0">
                  <strong>{key.name}</strong> · <code>{key.prefix}…</code> ·{' '}
                  {key.scope === 'write' ? a.scopeWrite : a.scopeRead}
                  <br />
                  <span className={ui.muted}>
                    {a.since}: {formatDateTime(key.created_at, t.locale, timezone)} · {a.lastUsed}:{' '}
                    {key.last_used_at ? formatDateTime(key.last_used_at, t.locale, timezone) : a.never}
                    {key.revoked_at
                      ? ` · ${a.revokedOn}: ${formatDateTime(key.revoked_at, t.locale, timezone)}`
                      : ''}
                  </span>
                </span>
                {!key.revoked_at && (
                  <ActionForm action={actions.revoke} label={`${a.revoke} ${key.name}`}>
                    <div>
                      <input type="hidden" name="tenantSlug" value={slug} />
                      <input type="hidden" name="keyId" value={key.id} />
                      <button type="submit" className={`${ui.buttonDanger} px-3 py-1.5`}>
                        {a.revoke}
                      </button>
                    </div>
                  </ActionForm>
                )}
              </li>
            ))}
          </ul>
        )}
        <ActionForm action={actions.create} label={a.create} className="mt-4">
          <div className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
            <input type="hidden" name="tenantSlug" value={slug} />
            <TextField
              id="api-key-name"
              name="name"
              label={a.name}
              hint={a.namePlaceholder}
              required
              maxLength={80}
            />
            <SelectField
              id="api-key-scope"
              name="scope"
              label={a.scope}
              defaultValue="read"
              options={[
                { value: 'read', label: a.scopeRead },
                { value: 'write', label: a.scopeWrite },
              ]}
            />
            <div>
              <button type="submit" className={ui.button}>
                {a.create}
              </button>
            </div>
          </div>
        </ActionForm>
      </CardSection>
    </div>
  );
}
