import { describe, expect, it } from 'vitest';
import { AppError, errorCodeForSqlState, isAppError } from './app-error';

describe('AppError', () => {
  it('maps codes to statuses in one place', () => {
    expect(new AppError('not_found', 'x').status).toBe(404);
    expect(new AppError('payload_too_large', 'x').status).toBe(413);
  });

  it('is recognised by shape, so a copy of the class from another bundle still counts', () => {
    class OtherBundleAppError extends Error {
      constructor(readonly code: string) {
        super('from another bundle');
        this.name = 'AppError';
      }
    }
    expect(isAppError(new AppError('conflict', 'x'))).toBe(true);
    expect(isAppError(new OtherBundleAppError('not_found'))).toBe(true);
    expect(isAppError(new OtherBundleAppError('made_up'))).toBe(false);
    expect(isAppError(new Error('plain'))).toBe(false);
    expect(isAppError({ name: 'AppError', code: 'not_found' })).toBe(false);
  });

  it('reads PostgREST-style SQLSTATEs', () => {
    expect(errorCodeForSqlState('PT404')).toBe('not_found');
    expect(errorCodeForSqlState('PT418')).toBe('bad_request');
    expect(errorCodeForSqlState('42501')).toBe('forbidden');
    expect(errorCodeForSqlState('23505')).toBe('conflict');
    expect(errorCodeForSqlState('XX000')).toBeUndefined();
  });
});
