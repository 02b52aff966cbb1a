import { describe, expect, it } from 'vitest';
import { sqlErrorDetails } from './sql-error-reason';

describe('sqlErrorDetails', () => {
  it('keeps a reason code and drops prose hints', () => {
    expect(sqlErrorDetails('reply_too_long_instagram')).toEqual({ reason: 'reply_too_long_instagram' });
    expect(sqlErrorDetails('No function matches the given name and argument types.')).toBeUndefined();
    expect(sqlErrorDetails(null)).toBeUndefined();
    expect(sqlErrorDetails('')).toBeUndefined();
  });
});
