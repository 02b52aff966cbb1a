import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/src/env';
import { schedulerMode } from './scheduler-mode';

describe('schedulerMode', () => {
  it('runs in-process in local mode and, in production, only when SCHEDULER=internal', () => {
    expect(schedulerMode(parseEnv({ APP_MODE: 'local' })).mode).toBe('internal');
    expect(schedulerMode(parseEnv({ APP_MODE: 'local', SCHEDULER: 'external' })).mode).toBe('external');
    expect(schedulerMode(parseEnv({ APP_MODE: 'production' }))).toMatchObject({
      mode: 'external',
      reason: expect.stringContaining('SCHEDULER=internal'),
    });
    expect(schedulerMode(parseEnv({ APP_MODE: 'production', SCHEDULER: 'internal' }))).toEqual({
      mode: 'internal',
      reason: 'SCHEDULER=internal',
    });
    expect(() => parseEnv({ SCHEDULER: 'cron' })).toThrow(/SCHEDULER/);
  });
});
