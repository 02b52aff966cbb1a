// Twilio posts application/x-www-form-urlencoded. Every field is kept exactly as sent (no
// trimming, nothing dropped): the signature covers all of them (PLATFORMS-2.md §11). A repeated
// name keeps its first value, as Twilio sends each field once.
export function parseTwilioForm(rawText: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawText)) {
    if (!(name in fields)) fields[name] = value;
  }
  return fields;
}
