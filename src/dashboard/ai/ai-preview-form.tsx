import type { Messages } from '@/src/i18n/messages-es';
import { ActionForm } from '@/src/ui/action-form';
import type { ActionState } from '@/src/ui/action-state';
import { ui } from '@/src/ui/styles';

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
    <section className={ui.card} aria-labelledby="ai-preview">
      <h2 id="ai-preview" className={ui.h2}>
        {t.ai.preview}
      </h2>
      <p className={`mt-1 ${ui.muted}`}>{t.ai.previewHelp}</p>
      <ActionForm action={action} className="mt-3 space-y-3" label={t.ai.preview}>
        <input type="hidden" name="tenantSlug" value={tenantSlug} />
        <label htmlFor="preview-message" className={ui.label}>
          {t.ai.previewMessage}
        </label>
        <textarea
          id="preview-message"
          name="message"
          rows={2}
          required
          maxLength={2000}
          className={ui.input}
        />
        <button type="submit" className={ui.buttonSecondary}>
          {t.ai.previewButton}
        </button>
      </ActionForm>
    </section>
  );
}
