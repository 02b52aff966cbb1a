import { randomBytes } from 'node:crypto';

// Every secret the app is configured with, and the forms a leak could take: as is, base64,
// base64url, hex and URL-encoded (a value pasted into a log line, a redirect, a JSON field).

export type Secrets = Record<string, string>;

export function makeSecrets(): Secrets {
  const token = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;
  return {
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    CRON_SECRET: randomBytes(24).toString('hex'),
    ANTHROPIC_API_KEY: `sk-ant-${randomBytes(16).toString('hex')}`,
    SUPABASE_SERVICE_ROLE_KEY: `sb_secret_${randomBytes(16).toString('hex')}`,
    META_APP_SECRET: token('meta-app-secret'),
    whatsappToken: `EAAG${randomBytes(16).toString('hex')}WA`,
    facebookToken: `EAAG${randomBytes(16).toString('hex')}FB`,
    instagramToken: `IGQV${randomBytes(16).toString('hex')}IG`,
    tiktokToken: `act.${randomBytes(16).toString('hex')}TT`,
    connectionAppSecret: token('connection-app-secret'),
    tiktokClientSecret: token('tiktok-client-secret'),
    newAccessToken: `EAAG${randomBytes(16).toString('hex')}NEW`,
    newAppSecret: token('dashboard-typed-app-secret'),
  };
}

function variants(value: string): string[] {
  const forms = [
    value,
    Buffer.from(value).toString('base64'),
    Buffer.from(value).toString('base64url'),
    Buffer.from(value).toString('hex'),
    encodeURIComponent(value),
  ];
  // The encryption key is itself base64: its raw bytes in other encodings too.
  if (/^[A-Za-z0-9+/]{43}=$/.test(value)) {
    const raw = Buffer.from(value, 'base64');
    forms.push(raw.toString('hex'), raw.toString('base64url'));
  }
  return [...new Set(forms)];
}

/** Every "<secret name> (<form>)" found in `text`. */
export function findSecrets(secrets: Secrets, text: string): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(secrets)) {
    for (const form of variants(value)) {
      if (text.includes(form)) found.push(`${name} (${form === value ? 'as is' : form.slice(0, 12)})`);
    }
  }
  return found;
}
