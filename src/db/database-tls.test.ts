import { describe, expect, it } from 'vitest';
import { databaseTlsProblem, isTransactionPoolerUrl, withLibpqTls } from './database-tls';

const supabase = 'postgresql://postgres.abc:pw@aws-0-us-east-1.pooler.supabase.com:5432/postgres';

describe('databaseTlsProblem', () => {
  it('lets a database on this machine go without TLS', () => {
    expect(databaseTlsProblem('postgres://u:p@localhost:5432/db')).toBeUndefined();
    expect(databaseTlsProblem('postgres://u:p@127.0.0.1:54329/db')).toBeUndefined();
  });

  it('refuses a remote database without TLS, naming the host and the fix, never the password', () => {
    for (const url of [supabase, `${supabase}?sslmode=disable`, `${supabase}?sslmode=prefer`]) {
      const problem = databaseTlsProblem(url);
      expect(problem).toMatch(/aws-0-us-east-1\.pooler\.supabase\.com without TLS.*sslmode=require/);
      expect(problem).not.toContain('pw');
    }
  });

  it('accepts sslmode=require and the verifying modes', () => {
    for (const mode of ['require', 'verify-ca', 'verify-full']) {
      expect(databaseTlsProblem(`${supabase}?sslmode=${mode}`)).toBeUndefined();
    }
  });
});

describe('withLibpqTls', () => {
  it('gives sslmode=require its libpq meaning and leaves other URLs alone', () => {
    expect(withLibpqTls(`${supabase}?sslmode=require`)).toContain('uselibpqcompat=true');
    expect(withLibpqTls(`${supabase}?sslmode=verify-full`)).not.toContain('uselibpqcompat');
    expect(withLibpqTls('postgres://u:p@localhost/db')).toBe('postgres://u:p@localhost/db');
  });
});

describe('isTransactionPoolerUrl', () => {
  it('knows port 6543', () => {
    expect(isTransactionPoolerUrl(supabase.replace(':5432', ':6543'))).toBe(true);
    expect(isTransactionPoolerUrl(supabase)).toBe(false);
  });
});
