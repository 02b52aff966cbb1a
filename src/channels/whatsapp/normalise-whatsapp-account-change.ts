import type { ConnectionQualityEvent, TemplateUpdateEvent } from '@/src/channels/inbound-event';
import { parseItem } from '@/src/channels/malformed-item';
import { isoFromSeconds } from '@/src/channels/platform-time';
import {
  isTemplateValue,
  normaliseWhatsappTemplateChange,
  templateFields,
  whatsappTemplateValueSchema,
} from './normalise-whatsapp-template-change';
import { whatsappAccountUpdateValueSchema, whatsappQualityValueSchema } from './whatsapp-webhook-schema';

// Changes about the WhatsApp Business Account rather than one conversation. They name the WABA
// (entry.id), not a phone number; `at` is the entry's time, so ingest never lets an older
// change overwrite a newer one.
//
// phone_number_quality_update (…/webhooks/reference/phone_number_quality_update): the event says
// what moved. FLAGGED means the number's quality rating fell to low, UNFLAGGED that it recovered
// (Meta names no level then; GREEN until the number is read again). The limit is
// max_daily_conversations_per_business, or current_limit (being removed) on older payloads.
// account_update: only a restriction of messaging is about sending; it becomes the limit.

const qualityByEvent: Record<string, string> = { FLAGGED: 'RED', UNFLAGGED: 'GREEN' };
const messagingRestrictions = [
  'RESTRICTED_BIZ_INITIATED_MESSAGING',
  'RESTRICTED_CUSTOMER_INITIATED_MESSAGING',
];

type Result = { event?: ConnectionQualityEvent | TemplateUpdateEvent; ignored: string[] };

function digits(value: string | undefined): string | null {
  const only = value?.replace(/\D/g, '');
  return only ? only : null;
}

function qualityUpdate(value: unknown, path: string, time: unknown): Result {
  const parsed = parseItem(whatsappQualityValueSchema, value, path);
  if (!parsed.ok) return { ignored: [parsed.reason] };
  const { event, max_daily_conversations_per_business: max, current_limit } = parsed.data;
  const limit = max === undefined ? current_limit : String(max);
  const rating = event ? qualityByEvent[event] : undefined;
  if (!limit && !rating) return { ignored: ['field:phone_number_quality_update'] };
  return {
    event: {
      kind: 'connection_quality',
      quality_rating: rating ?? null,
      messaging_limit: limit ?? null,
      display_phone_number: digits(parsed.data.display_phone_number),
      at: isoFromSeconds(time),
    },
    ignored: [],
  };
}

function accountUpdate(value: unknown, path: string, time: unknown): Result {
  const parsed = parseItem(whatsappAccountUpdateValueSchema, value, path);
  if (!parsed.ok) return { ignored: [parsed.reason] };
  const restriction = (parsed.data.restriction_info ?? [])
    .map((item) => item.restriction_type)
    .find((type) => type !== undefined && messagingRestrictions.includes(type));
  if (!restriction) return { ignored: [`account_update:${parsed.data.event ?? 'unknown'}`.slice(0, 120)] };
  return {
    event: {
      kind: 'connection_quality',
      quality_rating: null,
      messaging_limit: restriction,
      display_phone_number: digits(parsed.data.phone_number),
      at: isoFromSeconds(time),
    },
    ignored: [],
  };
}

/** An account-level change, or undefined when `field` is not one. */
export function normaliseWhatsappAccountChange(
  field: string,
  value: unknown,
  path: string,
  time: unknown,
): Result | undefined {
  // Template changes: by the value's keys too (Meta's quality example names the wrong field).
  if (templateFields.has(field) || isTemplateValue(value)) {
    const parsed = parseItem(whatsappTemplateValueSchema, value, path);
    return parsed.ok ? normaliseWhatsappTemplateChange(parsed.data, time) : { ignored: [parsed.reason] };
  }
  if (field === 'phone_number_quality_update') return qualityUpdate(value, path, time);
  if (field === 'account_update') return accountUpdate(value, path, time);
  return undefined;
}
