import { describe, expect, it } from 'vitest';
import { refuseRemoteLocalMode } from './refuse-remote-local-mode';

const remote = 'postgres://postgres.abc:secret-password@aws-0-us-east-1.pooler.supabase.com:5432/postgres';

describe('local mode and the database it may use', () => {
  it('refuses a database on another machine, naming the host and the setting to use, never the password', () => {
    const refuse = () => refuseRemoteLocalMode({ appMode: 'local', DATABASE_URL: remote });
    expect(refuse).toThrow('on aws-0-us-east-1.pooler.supabase.com');
    expect(refuse).toThrow('Set APP_MODE=production');
    expect(refuse).not.toThrow(/secret-password/);
    expect(() =>
      refuseRemoteLocalMode({ appMode: 'local', NEXT_PUBLIC_SUPABASE_URL: 'https://abc.supabase.co' }),
    ).toThrow('on abc.supabase.co');
  });

  it('allows this machine, and any database in production mode', () => {
    for (const url of [
      'postgres://postgres:postgres@127.0.0.1:54329/postgres',
      'postgres:///app',
      undefined,
    ]) {
      expect(() => refuseRemoteLocalMode({ appMode: 'local', DATABASE_URL: url })).not.toThrow();
    }
    expect(() =>
      refuseRemoteLocalMode({ appMode: 'local', NEXT_PUBLIC_SUPABASE_URL: 'http://127.0.0.1:54321' }),
    ).not.toThrow();
    expect(() => refuseRemoteLocalMode({ appMode: 'production', DATABASE_URL: remote })).not.toThrow();
  });
});
