import { getDb } from '@/src/db/get-db';
import { log } from '@/src/shared/logger';

export type SystemStatus = { database: 'ok' | 'down'; migrations: number; tenants: number };

export async function getSystemStatus(): Promise<SystemStatus> {
  try {
    const result = await getDb().rpc('system_status', {});
    return { database: 'ok', ...result };
  } catch (error) {
    log.error('system.status_failed', { error: (error as Error).message });
    return { database: 'down', migrations: 0, tenants: 0 };
  }
}
