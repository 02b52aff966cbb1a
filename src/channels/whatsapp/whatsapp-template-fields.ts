// Meta's template words (uppercase) as whatsapp_templates stores them (PLATFORMS-2.md §3.1, §3.3).
// A status event that is not a state of its own says which state the template is back in.

const statusByMeta: Record<string, string> = {
  APPROVED: 'approved',
  PENDING: 'pending',
  REJECTED: 'rejected',
  PAUSED: 'paused',
  DISABLED: 'disabled',
  FLAGGED: 'flagged',
  IN_APPEAL: 'in_appeal',
  PENDING_DELETION: 'pending_deletion',
  DELETED: 'deleted',
  ARCHIVED: 'archived',
  LIMIT_EXCEEDED: 'limit_exceeded',
  LOCKED: 'locked',
  // A flagged template whose quality recovered, an unlocked one: usable again.
  REINSTATED: 'approved',
  UNLOCKED: 'approved',
};

export function templateStatusFromMeta(value: unknown): string | undefined {
  return typeof value === 'string' ? statusByMeta[value.toUpperCase()] : undefined;
}

const categories = new Set(['marketing', 'utility', 'authentication']);

export function templateCategoryFromMeta(value: unknown): string | undefined {
  const lower = typeof value === 'string' ? value.toLowerCase() : undefined;
  return lower && categories.has(lower) ? lower : undefined;
}

const qualities = new Set(['green', 'yellow', 'red', 'unknown']);

/** The list gives `quality_score: {score: "GREEN", date}`, the webhook a bare "GREEN". */
export function templateQualityFromMeta(value: unknown): string | undefined {
  const raw =
    typeof value === 'string'
      ? value
      : value && typeof value === 'object' && 'score' in value
        ? (value as { score: unknown }).score
        : undefined;
  const lower = typeof raw === 'string' ? raw.toLowerCase() : undefined;
  return lower && qualities.has(lower) ? lower : undefined;
}
