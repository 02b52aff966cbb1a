import { describe, expect, it } from 'vitest';
import { AppError } from '@/src/shared/app-error';
import { appErrorCode, appErrorFields } from './app-error-code';

describe('appErrorCode', () => {
  it('reads our errors', () => {
    expect(appErrorCode(new AppError('not_found', 'x'))).toBe('not_found');
    expect(appErrorFields(new AppError('bad_request', 'x', { fields: ['a', 3, 'b'] }))).toEqual(['a', 'b']);
  });

  it('recognises an AppError from another copy of the module (another Next.js bundle)', () => {
    class OtherCopy extends Error {
      constructor(readonly code: string) {
        super('tenant not found');
        this.name = 'AppError';
      }
    }
    const foreign = new OtherCopy('not_found');
    expect(foreign instanceof AppError).toBe(false);
    expect(appErrorCode(foreign)).toBe('not_found');
  });

  it('ignores everything else', () => {
    expect(appErrorCode(new Error('boom'))).toBeUndefined();
    expect(appErrorCode({ name: 'AppError', code: 'not_found' })).toBeUndefined();
    const odd = Object.assign(new Error('x'), { name: 'AppError', code: 'teapot' });
    expect(appErrorCode(odd)).toBeUndefined();
  });
});
