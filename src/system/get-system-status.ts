import { getDb } from '@/src/db/get-db';
import { getEnv } from '@/src/env';
import { log } from '@/src/shared/logger';

// What /api/health tells anyone who asks. A deployment says only whether its database answers
// and how many migrations it has: how many businesses use it is nobody's business. Local mode
// (loopback, a developer's machine) also counts tenants, which its launch test reads.

export type SystemStatus = { database: 'ok' | 'down'; migrations: number; tenants?: number };

export async function getSystemStatus(): Promise<SystemStatus> {
  try {
    const { migrations, tenants } = await getDb().rpc('system_status', {});
    return getEnv().appMode === 'local'
      ? { database: 'ok', migrations, tenants }
      : { database: 'ok', migrations };
  } catch (error) {
    log.error('system.status_failed', { error: (error as Error).message });
    return { database: 'down', migrations: 0 };
  }
}
