import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assertProductionReady, parseEnv } from './env';

const key = randomBytes(32).toString('base64');

describe('environment', () => {
  it('is local when nothing is configured', () => {
    const env = parseEnv({});
    expect(env.appMode).toBe('local');
    expect(env.GRAPH_API_VERSION).toBe('v26.0');
    expect(env.PORT).toBe(3000);
  });

  it('is production by default once a database is configured', () => {
    expect(parseEnv({ DATABASE_URL: 'postgres://x@db/app' }).appMode).toBe('production');
    expect(parseEnv({ NEXT_PUBLIC_SUPABASE_URL: 'https://abc.supabase.co' }).appMode).toBe('production');
    expect(parseEnv({ DATABASE_URL: 'postgres://x@db/app', APP_MODE: 'local' }).appMode).toBe('local');
  });

  it('treats empty strings as unset', () => {
    const env = parseEnv({ DATABASE_URL: '', CRON_SECRET: '  ', APP_MODE: '' });
    expect(env.appMode).toBe('local');
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.CRON_SECRET).toBeUndefined();
  });

  it('rejects a malformed encryption key, mode or URL with the variable named', () => {
    expect(() => parseEnv({ ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(/ENCRYPTION_KEY: must be 32 random bytes/);
    expect(() => parseEnv({ APP_MODE: 'staging' })).toThrow(/APP_MODE/);
    expect(() => parseEnv({ GRAPH_API_BASE_URL: 'not a url' })).toThrow(/GRAPH_API_BASE_URL/);
  });

  it('reads error tracking settings: off by default, a DSN URL and a sample rate in 0..1', () => {
    expect(parseEnv({}).SENTRY_DSN).toBeUndefined();
    const env = parseEnv({
      SENTRY_DSN: 'https://public@o1.ingest.sentry.io/42',
      SENTRY_TRACES_SAMPLE_RATE: '0.25',
    });
    expect(env.SENTRY_DSN).toBe('https://public@o1.ingest.sentry.io/42');
    expect(env.SENTRY_TRACES_SAMPLE_RATE).toBe(0.25);
    expect(() => parseEnv({ SENTRY_DSN: 'not a dsn' })).toThrow(/SENTRY_DSN/);
    expect(() => parseEnv({ SENTRY_TRACES_SAMPLE_RATE: '2' })).toThrow(/SENTRY_TRACES_SAMPLE_RATE/);
  });

  it('refuses production without CRON_SECRET and ENCRYPTION_KEY', () => {
    const bare = parseEnv({ DATABASE_URL: 'postgres://x@db/app' });
    expect(() => assertProductionReady(bare)).toThrow(/CRON_SECRET, ENCRYPTION_KEY/);
    const ready = parseEnv({
      DATABASE_URL: 'postgres://x@db/app',
      CRON_SECRET: 'c'.repeat(32),
      ENCRYPTION_KEY: key,
    });
    expect(() => assertProductionReady(ready)).not.toThrow();
    expect(() => assertProductionReady(parseEnv({}))).not.toThrow();
    const guessable = parseEnv({
      DATABASE_URL: 'postgres://x@db/app',
      CRON_SECRET: 'cron',
      ENCRYPTION_KEY: key,
    });
    expect(() => assertProductionReady(guessable)).toThrow(/CRON_SECRET of at least 16 characters/);
  });

  it('refuses production with Supabase URL but no service role key', () => {
    const env = parseEnv({
      NEXT_PUBLIC_SUPABASE_URL: 'https://abc.supabase.co',
      CRON_SECRET: 'c',
      ENCRYPTION_KEY: key,
    });
    expect(() => assertProductionReady(env)).toThrow(/SUPABASE_SERVICE_ROLE_KEY/);
  });
});
