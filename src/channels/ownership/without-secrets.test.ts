import { describe, expect, it } from 'vitest';
import { withoutSecrets } from './without-secrets';

describe('withoutSecrets', () => {
  it('cuts every secret sent out of a platform error, wherever it appears', () => {
    expect(withoutSecrets('Malformed access token EAAB-x (EAAB-x)', ['EAAB-x', undefined, 's3'])).toBe(
      'Malformed access token [redacted] ([redacted])',
    );
    expect(withoutSecrets('nothing to hide', [undefined, ''])).toBe('nothing to hide');
  });
});
