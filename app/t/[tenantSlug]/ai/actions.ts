'use server';

import { revalidatePath } from 'next/cache';
import { previewAiReply } from '@/src/dashboard/ai/preview-ai-reply';
import { saveAiSettings } from '@/src/dashboard/ai/save-ai-settings';
import { runStaffAction } from '@/src/dashboard/run-staff-action';
import type { ActionState } from '@/src/ui/action-state';

export async function saveAiSettingsAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      await saveAiSettings(db, staff, tenant, form);
      revalidatePath(`/t/${tenant.slug}/ai`);
      return t.common.saved;
    },
    { fieldLabels: (t) => ({ ...t.ai.fields, ...dayLabels(t.ai.days) }) },
  );
}

function dayLabels(days: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(days).map(([day, name]) => [`hours.${day}`, name]));
}

export async function previewAiReplyAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, env, t, form }) => {
      const preview = await previewAiReply(db, staff, tenant, env, form);
      const source =
        preview.generatedBy === 'claude'
          ? t.ai.previewClaude
          : preview.generatedBy === 'offline'
            ? t.ai.previewOffline
            : t.ai.previewHandOff;
      const lines = [preview.text];
      if (preview.escalate) lines.push(t.inbox.escalationReason(preview.escalationReason ?? ''));
      if (preview.signals.length > 0) {
        lines.push(
          `${t.leads.signals}: ${preview.signals.map((s) => t.leads.signalNames[s] ?? s).join(', ')}`,
        );
      }
      return { notice: source, lines };
    },
    { fieldLabels: (t) => ({ message: t.ai.previewMessage }) },
  );
}
