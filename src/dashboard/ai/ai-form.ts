import { type AiSettingsPatch, aiSettingsPatchSchema } from '@/src/ai/ai-settings-schema';
import { AppError } from '@/src/shared/app-error';

// The AI settings forms (flat string fields, as browsers post them) → the shared, zod-validated
// settings patch. The page has one form per section, and each section's patch names only its
// own settings, so saving one leaves the others as they are (the SQL updates only the keys it
// is given). Blank service/FAQ rows are dropped; a blank day is "closed".

export const weekDays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export const aiSections = ['voice', 'knowledge', 'handoff', 'hours', 'advanced'] as const;
/** 'media' (photos, PDFs, voice notes) is saved on its own only, never with the whole form. */
export type AiSection = (typeof aiSections)[number] | 'media';

export type FormEntries = Record<string, string>;

const rangePattern = /^\s*(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$/;

function pad(time: string): string {
  return time.length === 4 ? `0${time}` : time;
}

/** "09:00-14:00, 16:00-19:00" → [["09:00","14:00"],["16:00","19:00"]]; null when unreadable. */
function parseDayHours(text: string): [string, string][] | null {
  if (text.trim() === '') return [];
  const ranges: [string, string][] = [];
  for (const part of text.split(',')) {
    const match = rangePattern.exec(part);
    if (!match) return null;
    ranges.push([pad(match[1]!), pad(match[2]!)]);
  }
  return ranges;
}

export function formatDayHours(ranges: [string, string][] | undefined): string {
  return (ranges ?? []).map(([from, to]) => `${from}-${to}`).join(', ');
}

function rows(entries: FormEntries, prefix: string, keys: string[]): Record<string, string>[] {
  const indexes = new Set<number>();
  for (const name of Object.keys(entries)) {
    const match = new RegExp(`^${prefix}\\.(\\d+)\\.`).exec(name);
    if (match) indexes.add(Number(match[1]));
  }
  return [...indexes]
    .sort((a, b) => a - b)
    .map((index) =>
      Object.fromEntries(
        keys
          .map((key) => [key, (entries[`${prefix}.${index}.${key}`] ?? '').trim()] as const)
          .filter(([, value]) => value !== ''),
      ),
    )
    .filter((row) => Object.keys(row).length > 0);
}

function invalid(fields: string[]): AppError {
  return new AppError('bad_request', `Invalid fields: ${fields.join(', ')}`, { fields });
}

function hoursCandidate(entries: FormEntries) {
  const badDays = weekDays.filter((day) => parseDayHours(entries[`hours.${day}`] ?? '') === null);
  if (badDays.length > 0) throw invalid(badDays.map((day) => `hours.${day}`));
  const weekly = Object.fromEntries(
    weekDays.map((day) => [day, parseDayHours(entries[`hours.${day}`] ?? '')]),
  );
  const timezone = (entries['hours.timezone'] ?? '').trim();
  const notes = (entries['hours.notes'] ?? '').trim();
  return {
    business_hours: { ...(timezone ? { timezone } : {}), weekly, ...(notes ? { notes } : {}) },
  };
}

const megabyte = 1024 * 1024;

/** Megabytes as typed ("8", "2,5") → bytes; anything else stays as typed so zod names the field. */
function mediaCandidate(entries: FormEntries) {
  const budget = (entries.media_turn_budget_mb ?? '').trim().replace(',', '.');
  const megabytes = budget === '' ? Number.NaN : Number(budget);
  return {
    media_turn_byte_budget: Number.isFinite(megabytes) ? Math.round(megabytes * megabyte) : budget,
    voice_without_transcript: entries.voice_without_transcript ?? '',
  };
}

const candidates: Record<AiSection, (entries: FormEntries) => Record<string, unknown>> = {
  voice: (entries) => ({
    system_prompt: entries.system_prompt ?? '',
    response_style: (entries.response_style ?? '').trim(),
  }),
  knowledge: (entries) => ({
    knowledge: {
      services: rows(entries, 'service', ['name', 'price', 'duration', 'description']),
      faqs: rows(entries, 'faq', ['question', 'answer']),
    },
  }),
  handoff: (entries) => {
    const autoEscalate = (entries.auto_escalate_after_messages ?? '').trim();
    return {
      fallback_message: (entries.fallback_message ?? '').trim(),
      escalation_keywords: (entries.escalation_keywords ?? '')
        .split(/[\n,]/)
        .map((keyword) => keyword.trim())
        .filter(Boolean),
      auto_escalate_after_messages: autoEscalate === '' ? null : Number(autoEscalate),
    };
  },
  hours: hoursCandidate,
  media: mediaCandidate,
  advanced: (entries) => ({
    model: (entries.model ?? '').trim(),
    max_tokens: Number(entries.max_tokens),
    // The provider choice (issue 17 §3) is on the page's form; an unticked box is not posted.
    ...(entries.ai_provider === undefined
      ? {}
      : { ai_provider: entries.ai_provider, ai_provider_fallback: entries.ai_provider_fallback === 'on' }),
  }),
};

function validate(candidate: Record<string, unknown>): AiSettingsPatch {
  const parsed = aiSettingsPatchSchema.safeParse(candidate);
  if (!parsed.success) {
    throw invalid([...new Set(parsed.error.issues.map((issue) => issue.path.slice(0, 2).join('.')))]);
  }
  return parsed.data;
}

/** One section's form → a patch naming only that section's settings. */
export function parseAiSection(section: AiSection, entries: FormEntries): AiSettingsPatch {
  return validate(candidates[section](entries));
}

/** Every section at once (the CLI-like whole form). */
export function parseAiForm(entries: FormEntries): AiSettingsPatch {
  return validate(Object.assign({}, ...aiSections.map((section) => candidates[section](entries))));
}
