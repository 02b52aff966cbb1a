import { z } from 'zod';
import type { TemplateUpdateEvent } from '@/src/channels/inbound-event';
import { lenient, lenientText } from '@/src/channels/lenient-fields';
import { isoFromSeconds } from '@/src/channels/platform-time';
import {
  templateCategoryFromMeta,
  templateQualityFromMeta,
  templateStatusFromMeta,
} from './whatsapp-template-fields';

// message_template_status_update, message_template_quality_update, template_category_update
// (PLATFORMS-2.md §3.3). Meta's own quality example carries field "message_template_status_update",
// so the kind is read from the value's keys, not from `field`. message_template_id is a number:
// kept as text.

const text = lenientText(2000);

const valueSchema = z.looseObject({
  event: text,
  message_template_id: lenient(z.union([z.number(), z.string().max(64)])),
  message_template_name: text,
  message_template_language: text,
  message_template_category: text,
  reason: text,
  rejection_info: lenient(z.looseObject({ reason: text, recommendation: text })),
  disable_info: lenient(z.looseObject({ disable_date: lenient(z.union([z.number(), z.string().max(64)])) })),
  other_info: lenient(z.looseObject({ title: text, description: text })),
  new_quality_score: text,
  previous_quality_score: text,
  new_category: text,
  correct_category: text,
  previous_category: text,
  category_update_timestamp: lenient(z.union([z.number(), z.string().max(64)])),
});

type Value = z.infer<typeof valueSchema>;

export const templateFields = new Set([
  'message_template_status_update',
  'message_template_quality_update',
  'template_category_update',
]);

function rejection(value: Value): string | null {
  const parts = [
    value.reason && value.reason !== 'NONE' ? value.reason : undefined,
    value.rejection_info?.reason,
    value.rejection_info?.recommendation,
  ].filter(Boolean);
  return parts.length ? parts.join(' — ') : null;
}

function statusNote(value: Value): string | null {
  const date = value.disable_info?.disable_date;
  if (date !== undefined) return `disable_date ${isoFromSeconds(date) ?? String(date)}`;
  const other = [value.other_info?.title, value.other_info?.description].filter(Boolean);
  return other.length ? other.join(': ') : null;
}

/**
 * The template change in `value`, or a reason it is ignored. A category change announced for
 * later (correct_category, applies in 24 h) is not applied until Meta reports it done.
 */
export function normaliseWhatsappTemplateChange(
  value: Value,
  time: unknown,
): { event?: TemplateUpdateEvent; ignored: string[] } {
  const base = {
    kind: 'template_update' as const,
    template_id: value.message_template_id === undefined ? null : String(value.message_template_id),
    name: value.message_template_name ?? null,
    language: value.message_template_language ?? null,
    status: null,
    reason: null,
    status_note: null,
    quality_score: null,
    category: null,
    at: isoFromSeconds(time),
  };
  if (!base.template_id && !(base.name && base.language)) return { ignored: ['template:unnamed'] };
  if (value.new_quality_score !== undefined) {
    const quality = templateQualityFromMeta(value.new_quality_score);
    return quality
      ? { event: { ...base, quality_score: quality }, ignored: [] }
      : { ignored: ['template:quality'] };
  }
  if (value.new_category !== undefined) {
    const category = templateCategoryFromMeta(value.new_category);
    if (!category || value.correct_category !== undefined) return { ignored: ['template:category_pending'] };
    return { event: { ...base, category }, ignored: [] };
  }
  const status = templateStatusFromMeta(value.event);
  if (!status) return { ignored: [`template:${value.event ?? 'unknown'}`.slice(0, 120)] };
  return {
    event: {
      ...base,
      status,
      reason: status === 'rejected' ? rejection(value) : null,
      status_note: statusNote(value),
      category: templateCategoryFromMeta(value.message_template_category) ?? null,
    },
    ignored: [],
  };
}

/** Whether a change's value is about a template, whatever its `field` says. */
export function isTemplateValue(value: unknown): value is Record<string, unknown> {
  return (
    !!value &&
    typeof value === 'object' &&
    ('message_template_id' in value || 'message_template_name' in value)
  );
}

export const whatsappTemplateValueSchema = valueSchema;
