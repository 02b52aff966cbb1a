import type { Messages } from '@/src/i18n/messages-es';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { CardSection } from '@/src/ui/card-section';
import { SelectField } from '@/src/ui/select-field';
import { ui } from '@/src/ui/styles';
import { TextField } from '@/src/ui/text-field';
import { leadStages } from './lead-fields';
import type { LeadRecord } from './load-lead-record';

// The lead's contact details and stage, editable by staff. The phone here is a contact field;
// the channel accounts (listed under "Cuentas") never change from this form.
export function LeadContactForm({
  record,
  leadId,
  tenantSlug,
  t,
  action,
}: {
  record: LeadRecord;
  leadId: string;
  tenantSlug: string;
  t: Messages;
  action: (state: ActionState, data: FormData) => Promise<ActionState>;
}) {
  const r = t.leadRecord;
  const { contact } = record;
  return (
    <CardSection id="lead-contact" title={r.contactTitle}>
      <p className={`mt-1 ${ui.muted}`}>{r.contactIntro}</p>
      <ActionForm action={action} className="mt-3" label={r.contactTitle}>
        <div className="space-y-3">
          <input type="hidden" name="tenantSlug" value={tenantSlug} />
          <input type="hidden" name="leadId" value={leadId} />
          <TextField
            id="lead-name"
            name="name"
            label={r.name}
            defaultValue={contact.name ?? ''}
            maxLength={200}
          />
          <div className="grid gap-3 sm:grid-cols-2">
            <TextField
              id="lead-phone"
              name="phone"
              type="tel"
              label={r.phone}
              hint={r.phoneHint}
              defaultValue={contact.phone ?? ''}
              maxLength={40}
              autoComplete="off"
              mono
            />
            <TextField
              id="lead-email"
              name="email"
              type="email"
              label={r.email}
              defaultValue={contact.email ?? ''}
              maxLength={254}
              autoComplete="off"
            />
          </div>
          <SelectField
            id="lead-stage"
            name="stage"
            label={r.stage}
            defaultValue={contact.stage}
            options={leadStages.map((stage) => ({ value: stage, label: r.stages[stage] }))}
          />
          <TextField
            id="lead-notes"
            name="notes"
            label={r.notes}
            rows={3}
            defaultValue={contact.notes ?? ''}
            maxLength={4000}
          />
          <button type="submit" className={ui.button}>
            {r.save}
          </button>
        </div>
      </ActionForm>
    </CardSection>
  );
}
