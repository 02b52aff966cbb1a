// Whether a connection string points at a PostgreSQL on this machine. Destructive or demo-only
// steps (db reset, seeding the public demo tenant) run only there, never on a deployed database.

const localHosts = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

export function isLocalDatabaseUrl(connectionString: string | undefined): boolean {
  if (!connectionString) return false;
  try {
    const url = new URL(connectionString);
    // An empty host means a Unix socket (host=/var/run/postgresql or none): this machine.
    return url.hostname === '' || localHosts.has(url.hostname.toLowerCase());
  } catch {
    return false;
  }
}

/** The host only (never the user or password), for messages. */
export function databaseHost(connectionString: string | undefined): string {
  try {
    return new URL(connectionString ?? '').hostname || 'a local socket';
  } catch {
    return 'an unreadable DATABASE_URL';
  }
}
