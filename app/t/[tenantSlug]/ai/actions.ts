'use server';

import { revalidatePath } from 'next/cache';
import type { AiSection } from '@/src/dashboard/ai/ai-form';
import { saveAutoMessages } from '@/src/dashboard/ai/auto-messages';
import { previewAiReply } from '@/src/dashboard/ai/preview-ai-reply';
import { saveAiSection } from '@/src/dashboard/ai/save-ai-section';
import { runStaffAction } from '@/src/dashboard/run-staff-action';
import type { Messages } from '@/src/i18n/messages-es';
import type { ActionState } from '@/src/ui/action-state';

// One server action per section of the AI page: each form saves only its own settings.

function fieldLabels(t: Messages): Record<string, string> {
  const days = Object.entries(t.ai.days).map(([day, name]) => [`hours.${day}`, name]);
  return { ...t.ai.fields, ...Object.fromEntries(days) };
}

function saveSection(section: Exclude<AiSection, 'media'>, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      await saveAiSection(db, staff, tenant, section, form);
      revalidatePath(`/t/${tenant.slug}/ai`);
      return t.ai.sectionSaved(t.ai.sections[section]);
    },
    { fieldLabels, reasons: (t) => ({ model_not_allowed: t.aiSpend.modelNotAllowed }) },
  );
}

export async function saveAiVoiceAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return saveSection('voice', data);
}

export async function saveAiKnowledgeAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return saveSection('knowledge', data);
}

export async function saveAiHandoffAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return saveSection('handoff', data);
}

export async function saveAiHoursAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return saveSection('hours', data);
}

export async function saveAiMediaAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      await saveAiSection(db, staff, tenant, 'media', form);
      revalidatePath(`/t/${tenant.slug}/ai`);
      return t.aiMedia.saved;
    },
    {
      fieldLabels: (t) => ({
        media_turn_byte_budget: t.aiMedia.budget,
        voice_without_transcript: t.aiMedia.voiceTitle,
      }),
    },
  );
}

export async function saveAiAdvancedAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return saveSection('advanced', data);
}

export async function saveAutoMessagesAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, t, form }) => {
      await saveAutoMessages(db, staff, tenant, form);
      revalidatePath(`/t/${tenant.slug}/ai`);
      return t.ai.sectionSaved(t.ai.sections.autoMessages);
    },
    { fieldLabels },
  );
}

export async function previewAiReplyAction(_state: ActionState, data: FormData): Promise<ActionState> {
  return runStaffAction(
    data,
    async ({ db, staff, tenant, env, t, form }) => {
      const preview = await previewAiReply(db, staff, tenant, env, form);
      const source =
        preview.generatedBy === 'claude'
          ? t.ai.previewClaude
          : preview.generatedBy === 'openai'
            ? t.aiProvider.previewOpenAi
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
    { fieldLabels },
  );
}
