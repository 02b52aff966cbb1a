import { describe, expect, it } from 'vitest';
import {
  createInvitationToken,
  hashInvitationToken,
  invitationUrl,
  isInvitationTokenShape,
} from './invitation-token';

describe('invitation tokens', () => {
  it('are random, well shaped, and stored only as their sha256', () => {
    const one = createInvitationToken();
    const two = createInvitationToken();
    expect(one.token).not.toBe(two.token);
    expect(isInvitationTokenShape(one.token)).toBe(true);
    expect(one.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashInvitationToken(one.token)).toBe(one.tokenHash);
    expect(one.tokenHash).not.toContain(one.token);
  });

  it('refuse other shapes and build links on our origin', () => {
    expect(isInvitationTokenShape('../../etc')).toBe(false);
    expect(isInvitationTokenShape('a'.repeat(44))).toBe(false);
    expect(invitationUrl('https://inbox.example.com/', 'abc')).toBe('https://inbox.example.com/invite/abc');
  });
});
