import type { ComponentProps, ReactNode } from 'react';
import type { Messages } from '@/src/i18n/messages-es';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { CardSection } from '@/src/ui/card-section';
import { ui } from '@/src/ui/styles';
import { TextField } from '@/src/ui/text-field';

export type SectionAction = (state: ActionState, data: FormData) => Promise<ActionState>;

// Each field's id follows its name (ai-<name>): unique on the page, stable for the labels.
export function AiText(props: Omit<ComponentProps<typeof TextField>, 'id'>) {
  return <TextField id={`ai-${props.name.replaceAll('.', '-')}`} {...props} />;
}

// One section of the AI page: its own card, its own form and Save button. `data-ai-section`
// lets the test chat read the section's unsaved fields. Agents see it read-only (the fieldset is
// disabled and the SQL function refuses them anyway).
export function AiSectionForm({
  section,
  title,
  intro,
  tenantSlug,
  canEdit,
  t,
  action,
  children,
}: {
  section: string;
  title: string;
  intro: string;
  tenantSlug: string;
  canEdit: boolean;
  t: Messages;
  action: SectionAction;
  children: ReactNode;
}) {
  return (
    <div data-ai-section={section}>
      <CardSection id={`ai-section-${section}`} title={title}>
        <p className={`mt-1 ${ui.muted}`}>{intro}</p>
        <ActionForm action={action} label={title} className="mt-4">
          <div className="space-y-4">
            <input type="hidden" name="tenantSlug" value={tenantSlug} />
            <fieldset disabled={!canEdit} className="space-y-4">
              {children}
            </fieldset>
            {canEdit ? (
              <button type="submit" className={ui.button}>
                {t.ai.saveSection}
              </button>
            ) : (
              <p className={ui.muted}>{t.ai.readOnly}</p>
            )}
          </div>
        </ActionForm>
      </CardSection>
    </div>
  );
}
