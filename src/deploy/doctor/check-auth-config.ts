import { z } from 'zod';
import { fetchWithTimeout } from '@/src/db/fetch-with-timeout';
import type { AppEnv } from '@/src/env';
import { type DoctorCheck, fail, ok, warn } from './doctor-check';

// Supabase Auth's Site URL and redirect allow-list must match APP_BASE_URL, or every email link
// breaks; without the project's own SMTP, Supabase sends about 2 emails an hour. Read through
// the Management API (GET /v1/projects/{ref}/config/auth) when SUPABASE_ACCESS_TOKEN is set.

const authConfigSchema = z.object({
  site_url: z.string().nullish(),
  // A comma-separated string in the answers seen; an array is accepted too.
  uri_allow_list: z.union([z.string(), z.array(z.string())]).nullish(),
  smtp_host: z.string().nullish(),
});

function projectRef(supabaseUrl: string | undefined): string | undefined {
  const host = supabaseUrl ? new URL(supabaseUrl).hostname : '';
  return /^([a-z0-9]+)\.supabase\.co$/.exec(host)?.[1];
}

function originOf(value: string | null | undefined): string | undefined {
  try {
    return value ? new URL(value).origin : undefined;
  } catch {
    return undefined;
  }
}

function allowList(value: string | string[] | null | undefined): string[] {
  const entries = Array.isArray(value) ? value : (value ?? '').split(',');
  return entries.map((entry) => entry.trim()).filter(Boolean);
}

function isAllowed(url: string, entries: string[]): boolean {
  return entries.some(
    (entry) => entry === url || (entry.endsWith('/**') && url.startsWith(entry.slice(0, -2))),
  );
}

export async function checkAuthConfig(env: AppEnv): Promise<DoctorCheck[]> {
  if (env.appMode !== 'production' || !env.APP_BASE_URL) return [];
  const ref = projectRef(env.NEXT_PUBLIC_SUPABASE_URL);
  if (!env.SUPABASE_ACCESS_TOKEN || !ref) {
    return [
      warn(
        'auth',
        'Site URL, redirect URLs and SMTP not checked: set SUPABASE_ACCESS_TOKEN (supabase.com › Account › Access Tokens) ' +
          'and NEXT_PUBLIC_SUPABASE_URL=https://<ref>.supabase.co for doctor to read them',
      ),
    ];
  }
  const base = new URL(env.APP_BASE_URL).origin;
  const response = await fetchWithTimeout(10_000)(
    `${env.SUPABASE_MANAGEMENT_API_URL}/v1/projects/${ref}/config/auth`,
    { headers: { authorization: `Bearer ${env.SUPABASE_ACCESS_TOKEN}` } },
  ).catch((error: Error) => error);
  if (response instanceof Error || !response.ok) {
    const reason = response instanceof Error ? response.message : `HTTP ${response.status}`;
    return [fail('auth', `could not read the project's Auth settings from the Management API (${reason})`)];
  }
  const config = authConfigSchema.parse(await response.json());
  const checks: DoctorCheck[] = [];
  if (originOf(config.site_url) !== base) {
    checks.push(
      fail(
        'auth',
        `Supabase's Site URL is ${config.site_url || '(empty)'}, not APP_BASE_URL ${base}: Authentication › URL Configuration`,
      ),
    );
  }
  const entries = allowList(config.uri_allow_list);
  const missing = [`${base}/auth/callback`, `${base}/auth/confirm`].filter((url) => !isAllowed(url, entries));
  if (missing.length > 0) {
    checks.push(
      fail(
        'auth',
        `Supabase's Redirect URLs lack ${missing.join(' and ')}: Authentication › URL Configuration`,
      ),
    );
  }
  if (checks.length === 0) checks.push(ok('auth', `Site URL and redirect URLs match ${base}`));
  checks.push(
    config.smtp_host
      ? ok('smtp', `emails go out through ${config.smtp_host}`)
      : warn(
          'smtp',
          "no SMTP server: Supabase's built-in mailer sends about 2 emails an hour, too few for invitations and " +
            'password resets (Project Settings › Authentication › SMTP Settings)',
        ),
  );
  return checks;
}
