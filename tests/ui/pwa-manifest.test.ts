import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import manifest from '@/app/manifest';

// The install-to-home-screen manifest: what Chromium needs to offer installing (name, start URL,
// standalone display, a 192 px and a 512 px icon), with icons that exist at the sizes declared.
const publicDir = path.resolve(import.meta.dirname, '../../public');

function pngSize(file: string): string {
  const bytes = readFileSync(path.join(publicDir, file));
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

describe('PWA manifest', () => {
  it('names the app, opens the business picker standalone, and declares real icons', () => {
    const m = manifest();
    expect(m).toMatchObject({ name: 'Inbox AI', start_url: '/t', display: 'standalone', lang: 'es' });
    const icons = m.icons ?? [];
    for (const icon of icons.filter((i) => i.type === 'image/png')) {
      expect(pngSize(icon.src.slice(1)), icon.src).toBe(icon.sizes);
    }
    const sizes = icons.map((icon) => icon.sizes);
    expect(sizes).toContain('192x192');
    expect(sizes).toContain('512x512');
    expect(icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
    expect(readFileSync(path.join(publicDir, 'icon.svg'), 'utf8')).toMatch(/^<svg /);
  });
});
