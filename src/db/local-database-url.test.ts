import { describe, expect, it } from 'vitest';
import { databaseHost, isLocalDatabaseUrl } from './local-database-url';

describe('isLocalDatabaseUrl', () => {
  it.each([
    ['postgres://postgres:pw@localhost:54329/postgres', true],
    ['postgresql://u@127.0.0.1/db', true],
    ['postgres://u@[::1]:5432/db', true],
    ['postgres:///db?host=/var/run/postgresql', true],
    ['postgres://postgres.abc:pw@aws-0-sa-east-1.pooler.supabase.com:6543/postgres', false],
    ['postgres://u:pw@db.example.com/app', false],
    ['not a url', false],
    [undefined, false],
  ])('%s → %s', (url, local) => {
    expect(isLocalDatabaseUrl(url)).toBe(local);
  });

  it('names the host without the credentials', () => {
    expect(databaseHost('postgres://user:secret@db.example.com:5432/app')).toBe('db.example.com');
  });
});
