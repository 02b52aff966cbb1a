import { databaseHost, isLocalDatabaseUrl } from './local-database-url';

// A database on another machine is reached over TLS, or not at all. `sslmode=require` keeps
// libpq's meaning (encrypted; the certificate is not checked, as Supabase's connection strings
// expect), which node-postgres gives only with `uselibpqcompat=true`; `verify-full` (with
// `sslrootcert=` the project's CA file) also checks the server's certificate.

const encryptedModes = new Set(['require', 'verify-ca', 'verify-full', 'no-verify']);

/** Why this URL may not be used, or undefined when it may. */
export function databaseTlsProblem(connectionString: string): string | undefined {
  if (isLocalDatabaseUrl(connectionString)) return undefined;
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    return 'DATABASE_URL is not a valid postgres:// URL';
  }
  const mode = url.searchParams.get('sslmode');
  if (mode && encryptedModes.has(mode)) return undefined;
  return (
    `DATABASE_URL points at ${databaseHost(connectionString)} without TLS` +
    `${mode ? ` (sslmode=${mode})` : ''}: add ?sslmode=require to it ` +
    '(or sslmode=verify-full&sslrootcert=<CA file> to also check the certificate; on Supabase the CA ' +
    'is under Project Settings > Database > SSL Configuration)'
  );
}

/** The connection string node-postgres should get: libpq's sslmode=require, not its stricter reading. */
export function withLibpqTls(connectionString: string): string {
  if (isLocalDatabaseUrl(connectionString)) return connectionString;
  const url = new URL(connectionString);
  if (url.searchParams.get('sslmode') === 'require' && !url.searchParams.has('uselibpqcompat')) {
    url.searchParams.set('uselibpqcompat', 'true');
  }
  return url.toString();
}

/** Supabase's transaction pooler (Supavisor, port 6543) drops session state between statements. */
export function isTransactionPoolerUrl(connectionString: string): boolean {
  try {
    return new URL(connectionString).port === '6543';
  } catch {
    return false;
  }
}
