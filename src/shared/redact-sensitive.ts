// What counts as a secret or as customer data, in one place: the logger, job failure messages
// and the error tracker (src/observability) cut out the same things.

// Values under these keys are replaced whatever they look like. from/to only as whole keys
// (message sender and recipient), so "total" or "customer" stay readable.
const sensitiveKey =
  /token|secret|password|authorization|cookie|api[-_]?key|signature|body|text|content(?![-_]?(type|length|encoding|language))|caption|phone|wa_id|email|payload|^(from|to)$/i;

export function isSensitiveKey(key: string): boolean {
  return sensitiveKey.test(key);
}

// Credentials by context (a header, key=value) and by shape (the formats our vendors issue),
// so a token quoted in an error message is cut out even with nothing naming it.
const credentialPatterns: [RegExp, string][] = [
  [/(bearer\s+)[^\s"',]+/gi, '$1[redacted]'],
  [/(authorization["']?\s*[=:]\s*["']?)(?:(?:basic|bearer|token)\s+)?[^\s"',;}]+/gi, '$1[redacted]'],
  [
    /((?:access_token|api[_-]?key|secret|token|signature|password)["']?\s*[=:]\s*["']?)[^\s"'&,]+/gi,
    '$1[redacted]',
  ],
  // user:password@ in a URL (database URLs, DSNs).
  [/(?<![a-z0-9+.-])([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+(?::[^\s/@]*)?@/gi, '$1[redacted]@'],
  // JWTs (Supabase sessions and legacy keys).
  [/\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g, '[redacted]'],
  // Meta (EAA…), Instagram (IGQV…, IGAA…) and TikTok (act.…) access tokens.
  [/\b(?:EAA[A-Za-z0-9]{20,}|IG(?:QV|AA)[\w-]{20,}|act\.[\w.!-]{20,})/g, '[redacted]'],
  // Anthropic (sk-ant-…), OpenAI (sk-…), Supabase (sb_secret_…, sbp_…), GitHub and Slack tokens.
  [/\b(?:sk|rk|sb_secret|sbp|ghp|gho|ghs|github_pat|xox[abpr]|key)[-_][\w-]{16,}/g, '[redacted]'],
  [/sk-ant-[\w-]+/g, '[redacted]'],
  // Our own sealed secrets (src/crypto/secret-box.ts): v2:<key id>:<iv>:<tag>:<data>, or v1.
  [/\bv[12](?::[A-Za-z0-9+/]+={0,2}){3,4}/g, '[redacted]'],
];

export function redactCredentials(text: string): string {
  let out = text;
  for (const [pattern, replacement] of credentialPatterns) out = out.replace(pattern, replacement);
  return out;
}

// UUIDs and ISO dates are matched first and kept, so only digit runs that can be phone numbers
// or WhatsApp ids (E.164, or long runs with spaces, dots or dashes) become [number].
const numberOrKept =
  /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})|(\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?(?!\d))|\+?\d[\d\s().-]{6,}\d/gi;

export function redactNumbers(text: string): string {
  return text.replace(numberOrKept, (match, uuid?: string, date?: string) =>
    uuid || date ? match : '[number]',
  );
}

// Starts only where a run of address characters starts: linear on long strings.
const email = /(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

/** Credentials, email addresses and phone numbers: for text that leaves the tenant's own view. */
export function redactSensitiveText(text: string): string {
  return redactNumbers(redactCredentials(text).replace(email, '[email]'));
}
