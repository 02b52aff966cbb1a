import { describe, expect, it } from 'vitest';
import { readImageSize } from './image-dimensions';

// Headers as the formats define them (the bytes after the header do not matter here).

describe('readImageSize', () => {
  it('reads PNG, GIF, JPEG and WebP headers', () => {
    const png = Buffer.alloc(33);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    png.writeUInt32BE(1200, 16);
    png.writeUInt32BE(900, 20);
    expect(readImageSize(png)).toEqual({ width: 1200, height: 900 });

    const gif = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.from([0x40, 0x01, 0xf0, 0x00])]);
    expect(readImageSize(gif)).toEqual({ width: 320, height: 240 });

    // SOI, an APP0 segment of 16 bytes, then SOF0 with height 480 and width 640.
    const jpeg = Buffer.from([
      0xff,
      0xd8,
      0xff,
      0xe0,
      0x00,
      0x10,
      ...Buffer.alloc(14),
      0xff,
      0xc0,
      0x00,
      0x11,
      0x08,
      0x01,
      0xe0,
      0x02,
      0x80,
      0x03,
    ]);
    expect(readImageSize(jpeg)).toEqual({ width: 640, height: 480 });

    const webp = Buffer.alloc(30);
    webp.write('RIFF', 0, 'latin1');
    webp.write('WEBPVP8X', 8, 'latin1');
    webp.writeUIntLE(8999, 24, 3);
    webp.writeUIntLE(99, 27, 3);
    expect(readImageSize(webp)).toEqual({ width: 9000, height: 100 });
  });

  it('knows nothing of other bytes', () => {
    expect(readImageSize(Buffer.from('%PDF-1.4 not an image'))).toBeUndefined();
  });
});
