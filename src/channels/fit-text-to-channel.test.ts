import { describe, expect, it } from 'vitest';
import { channelAdapter } from './channel-registry';
import { fitTextToChannel } from './fit-text-to-channel';

describe('fitTextToChannel', () => {
  it('leaves text within the limit alone (trimmed)', () => {
    expect(fitTextToChannel('  Hola  ', 'facebook')).toBe('Hola');
  });

  it('cuts at a sentence end when one is in the second half', () => {
    const text = `${'Primera frase larga. '.repeat(120)}Final`;
    const fitted = fitTextToChannel(text, 'facebook');
    expect(fitted.length).toBeLessThanOrEqual(channelAdapter('facebook').textLimit.max);
    expect(fitted.endsWith('.')).toBe(true);
  });

  it('counts UTF-8 bytes on Instagram', () => {
    const fitted = fitTextToChannel('ñ'.repeat(900), 'instagram');
    expect(Buffer.byteLength(fitted, 'utf8')).toBeLessThanOrEqual(1000);
    expect(fitted.endsWith('…')).toBe(true);
  });
});
