import type { Messages } from '@/src/i18n/messages-es';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { CardSection } from '@/src/ui/card-section';
import { ui } from '@/src/ui/styles';
import { TextField } from '@/src/ui/text-field';

export function AiPreviewForm({
  tenantSlug,
  t,
  action,
}: {
  tenantSlug: string;
  t: Messages;
  action: (state: ActionState, data: FormData) => Promise<ActionState>;
}) {
  return (
    <CardSection id="ai-preview" title={t.ai.preview}>
      <p className={`mt-1 ${ui.muted}`}>{t.ai.previewHelp}</p>
      <ActionForm action={action} className="mt-3" label={t.ai.preview}>
        <div className="space-y-3">
          <input type="hidden" name="tenantSlug" value={tenantSlug} />
          <TextField
            id="preview-message"
            name="message"
            label={t.ai.previewMessage}
            rows={2}
            required
            maxLength={2000}
          />
          <button type="submit" className={ui.buttonSecondary}>
            {t.ai.previewButton}
          </button>
        </div>
      </ActionForm>
    </CardSection>
  );
}
