import { z } from 'zod';

// The only reader of process.env. Everything else asks getEnv().

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const base64Key = optionalString.refine(
  (value) => value === undefined || Buffer.from(value, 'base64').length === 32,
  'must be 32 random bytes, base64-encoded (openssl rand -base64 32)',
);

/** A comma list of model ids, without repeats (1 to 50). */
function modelList(defaults: string) {
  return z
    .string()
    .default(defaults)
    .transform((list) => [
      ...new Set(
        list
          .split(',')
          .map((model) => model.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/))
        .min(1)
        .max(50),
    );
}

const envSchema = z.object({
  APP_MODE: z.enum(['local', 'production']).optional(),
  NODE_ENV: optionalString,
  DATABASE_URL: optionalString,
  // Per process. Small by default: every serverless instance has its own pool, and Supabase's
  // pooler shares the server's connections among them.
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(5),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(30_000),
  DATABASE_IDLE_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(10_000),
  SUPABASE_HTTP_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(15_000),
  NEXT_PUBLIC_SUPABASE_URL: optionalString,
  NEXT_PUBLIC_SUPABASE_ANON_KEY: optionalString,
  SUPABASE_SERVICE_ROLE_KEY: optionalString,
  // Only for `doctor`: a personal access token to read the project's Auth settings (Management API).
  SUPABASE_ACCESS_TOKEN: optionalString,
  SUPABASE_MANAGEMENT_API_URL: z.url().default('https://api.supabase.com'),
  ENCRYPTION_KEY: base64Key,
  // The key before ENCRYPTION_KEY, only while `secrets rotate` moves stored secrets to the new one.
  ENCRYPTION_KEY_PREVIOUS: base64Key,
  CRON_SECRET: optionalString,
  APP_BASE_URL: optionalString,
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATA_DIR: z.string().default('.data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  META_APP_SECRET: optionalString,
  META_VERIFY_TOKEN: optionalString,
  // The platform's own apps: self-serve onboarding (Embedded Signup, Facebook Login, TikTok OAuth),
  // debug_token's app token, and TikTok token refresh.
  META_APP_ID: optionalString,
  META_ES_CONFIG_ID: optionalString,
  META_FLB_CONFIG_ID: optionalString,
  FACEBOOK_SDK_URL: z.url().default('https://connect.facebook.net/en_US/sdk.js'),
  TIKTOK_CLIENT_KEY: optionalString,
  TIKTOK_CLIENT_SECRET: optionalString,
  TIKTOK_AUTH_URL: z.url().default('https://www.tiktok.com/v2/auth/authorize/'),
  TIKTOK_OAUTH_SCOPES: z.string().default('user.info.basic'),
  GRAPH_API_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/)
    .default('v26.0'),
  GRAPH_API_BASE_URL: z.url().default('https://graph.facebook.com'),
  TIKTOK_API_BASE_URL: z.url().default('https://business-api.tiktok.com'),
  /** Postmark's API (email replies, token check); a fake's URL in tests. */
  POSTMARK_API_BASE_URL: z.url().default('https://api.postmarkapp.com'),
  TIKTOK_SIGNATURE_TOLERANCE_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
  TIKTOK_REPLY_WINDOW_HOURS: z.coerce.number().int().min(1).max(720).default(48),
  TIKTOK_MAX_REPLIES_PER_DAY: z.coerce.number().int().min(1).max(1000).default(10),
  TWILIO_API_BASE_URL: z.url().default('https://api.twilio.com'),
  INSTAGRAM_API_BASE_URL: z.url().default('https://graph.instagram.com'),
  SEND_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  SEND_UNCONFIRMED_GRACE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(120),
  ANTHROPIC_API_KEY: optionalString,
  ANTHROPIC_BASE_URL: z.url().default('https://api.anthropic.com'),
  ANTHROPIC_MODEL: z.string().default('claude-haiku-5-5'),
  // The models a tenant may pick (comma list; ANTHROPIC_MODEL is always allowed). Synced into
  // ai_model_allowlist when the app starts, so SQL refuses the others too.
  ANTHROPIC_MODELS: modelList('claude-haiku-5-5,claude-sonnet-5-5,claude-haiku-4-5'),
  // Tokens (in, out, cache write and read) a tenant's AI may use per calendar month; 0: no limit.
  // A tenant's own value (admin_set_ai_limits) wins.
  AI_MONTHLY_TOKEN_BUDGET: z.coerce.number().int().min(0).default(0),
  // AI answers one customer gets per day before a person takes over; 0: no limit.
  AI_DAILY_TURNS_PER_CUSTOMER: z.coerce.number().int().min(0).max(10_000).default(40),
  // Voice-note transcription (POST {base}/audio/transcriptions). Without a key voice notes are
  // not transcribed and the tenant's setting decides (ask the customer to write, or hand over).
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: z.url().default('https://api.openai.com/v1'),
  OPENAI_TRANSCRIPTION_MODEL: z.string().min(1).default('whisper-1'),
  // OpenAI as the second AI provider (Responses API). The default model, and the models a tenant
  // may pick (comma list; OPENAI_MODEL is always allowed), synced into ai_model_allowlist too.
  OPENAI_MODEL: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,100}$/)
    .default('gpt-6.2-luna'),
  OPENAI_MODELS: modelList('gpt-6.2-luna,gpt-6.1-terra,gpt-6.1-sol'),
  AI_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(20_000),
  AI_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(1),
  AI_HISTORY_MESSAGES: z.coerce.number().int().min(1).max(100).default(20),
  JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
  JOB_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(600).default(60),
  // Who sweeps the queue: 'internal' = this process (`npm start` on your own server), 'external' =
  // Vercel Cron / Supabase Cron call /api/jobs/process. Unset: internal in local mode, else external.
  SCHEDULER: z.enum(['internal', 'external']).optional(),
  JOBS_LOCAL_INTERVAL_MS: z.coerce.number().int().min(200).max(60_000).default(1500),
  // Retention (the purge_expired job), in days; see supabase/migrations/*_retention_purge.sql.
  RETENTION_COMPLETED_JOBS_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
  RETENTION_FAILED_JOBS_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  RETENTION_WEBHOOK_EVENTS_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  RETENTION_PENDING_STATUSES_DAYS: z.coerce.number().int().min(1).max(3650).default(14),
  // Files customers sent: their bytes are deleted after this many days (the message stays).
  RETENTION_MEDIA_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  // Files customers send (the fetch_media job): the private Supabase Storage bucket they live in
  // when Supabase is configured (else DATA_DIR/media), how long one download may take, and how
  // long the dashboard's signed links to them last.
  MEDIA_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/)
    .default('media'),
  MEDIA_DOWNLOAD_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(45_000),
  MEDIA_SIGNED_URL_SECONDS: z.coerce.number().int().min(10).max(3600).default(60),
  // Error tracking: off unless SENTRY_DSN is set (src/observability; events are scrubbed first).
  SENTRY_DSN: z.url().optional(),
  SENTRY_ENVIRONMENT: optionalString,
  // Share of requests traced (performance data); 0 sends errors only.
  SENTRY_TRACES_SAMPLE_RATE: z.coerce.number().min(0).max(1).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  // Self-service sign-up at /signup; `closed` for operators who create businesses by hand.
  SIGNUP: z.enum(['open', 'closed']).default('open'),
  // Web Push (phone and desktop notifications with the tab closed). All three or none: generate
  // the pair with `npx web-push generate-vapid-keys`; the subject is a mailto: or https: contact.
  VAPID_PUBLIC_KEY: optionalString,
  VAPID_PRIVATE_KEY: optionalString,
  VAPID_SUBJECT: optionalString,
  // Email notices to staff (escalations): smtp://user:pass@host:587 or smtps://…; unset = no email.
  SMTP_URL: optionalString,
  SMTP_FROM: z.string().default('Bandeja <avisos@localhost>'),
  // Automation webhooks (n8n, Make…) to http://localhost and loopback addresses; other private
  // networks are always refused. Unset: allowed in local mode only.
  AUTOMATION_WEBHOOKS_ALLOW_LOCALHOST: z.stringbool().optional(),
  // Benchmarks only: /api/bench/* answer and database calls are counted per SQL function.
  BENCH_ENDPOINTS: z.stringbool().default(false),
});

type RawEnv = z.infer<typeof envSchema>;
export type AppEnv = RawEnv & { appMode: 'local' | 'production' };

export function parseEnv(source: Record<string, string | undefined>): AppEnv {
  // `NAME=` in a .env file means "not set", for every variable.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value?.trim()));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment: ${problems.join('; ')}`);
  }
  const raw = parsed.data;
  const databaseConfigured = Boolean(raw.DATABASE_URL || raw.NEXT_PUBLIC_SUPABASE_URL);
  const appMode = raw.APP_MODE ?? (databaseConfigured ? 'production' : 'local');
  return { ...raw, appMode };
}

let cached: AppEnv | undefined;

export function getEnv(): AppEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For launchers and tests that change the environment before the app reads it. */
export function setEnvForProcess(values: Record<string, string>): void {
  Object.assign(process.env, values);
  cached = undefined;
}

/** Production refuses to run without the secrets that keep tenants safe. */
export function assertProductionReady(env: AppEnv): void {
  if (env.appMode !== 'production') return;
  const missing = [
    !env.CRON_SECRET
      ? 'CRON_SECRET'
      : env.CRON_SECRET.length < 16
        ? 'CRON_SECRET of at least 16 characters'
        : undefined,
    env.ENCRYPTION_KEY ? undefined : 'ENCRYPTION_KEY',
    env.DATABASE_URL || (env.NEXT_PUBLIC_SUPABASE_URL && env.SUPABASE_SERVICE_ROLE_KEY)
      ? undefined
      : 'DATABASE_URL or NEXT_PUBLIC_SUPABASE_URL + SUPABASE_SERVICE_ROLE_KEY',
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new Error(`APP_MODE=production needs ${missing.join(', ')}`);
  }
}

/** Set by Next.js itself ('nodejs' | 'edge'); not part of our configuration. */
export function nextRuntime(): string | undefined {
  return process.env.NEXT_RUNTIME;
}
