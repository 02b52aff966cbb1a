import { describe, expect, it } from 'vitest';
import { safeNextPath } from './safe-next-path';

describe('safeNextPath', () => {
  it('keeps paths on our origin', () => {
    expect(safeNextPath('/invite/abc')).toBe('/invite/abc');
    expect(safeNextPath('/t/clinica?x=1')).toBe('/t/clinica?x=1');
  });

  it('refuses anything that could leave the origin', () => {
    for (const bad of [
      'https://evil.example',
      '//evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      ' /t',
      'javascript:alert(1)',
      '',
      undefined,
      42,
      `/${'a'.repeat(600)}`,
    ]) {
      expect(safeNextPath(bad)).toBe('/t');
    }
  });
});
