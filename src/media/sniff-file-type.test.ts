import { describe, expect, it } from 'vitest';
import { sniffFileType } from './sniff-file-type';

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(
    Buffer.concat(
      parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part))),
    ),
  );

describe('sniffFileType', () => {
  it('recognises images and PDFs by their first bytes, whatever the name says', () => {
    expect(sniffFileType(bytes([0xff, 0xd8, 0xff, 0xe1], 'exif'), 'scan.pdf')).toBe('image/jpeg');
    expect(sniffFileType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'IHDR'), 'x')).toBe(
      'image/png',
    );
    expect(sniffFileType(bytes('%PDF-1.4\n'), 'quote.jpg')).toBe('application/pdf');
  });

  it('refuses a program renamed .jpg, a zip that is not Office, and binary ".txt"', () => {
    expect(sniffFileType(bytes('MZ', [0x90, 0x00, 0x03]), 'foto.jpg')).toBeNull();
    expect(sniffFileType(bytes([0x50, 0x4b, 0x03, 0x04], 'payload/evil.js'), 'doc.docx')).toBeNull();
    expect(sniffFileType(bytes('hola', [0x00, 0x01]), 'notas.txt')).toBeNull();
    expect(sniffFileType(bytes([0x47, 0x49, 0x46, 0x38]), 'anim.gif')).toBeNull();
  });

  it('tells Office files apart: OOXML by their parts, the old OLE2 files by name', () => {
    expect(
      sniffFileType(bytes([0x50, 0x4b, 0x03, 0x04], '[Content_Types].xml word/document.xml'), 'a.docx'),
    ).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(sniffFileType(bytes([0x50, 0x4b, 0x03, 0x04], 'xl/workbook.xml'), 'a.xlsx')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const ole2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    expect(sniffFileType(bytes(ole2), 'precios.xls')).toBe('application/vnd.ms-excel');
    expect(sniffFileType(bytes(ole2), 'carta.doc')).toBe('application/msword');
    expect(sniffFileType(bytes(ole2), 'raro.msi')).toBeNull();
  });

  it('accepts UTF-8 text only with a .txt name', () => {
    expect(sniffFileType(bytes('Horario: lunes a viernes\r\nDirección: Av. Reforma 1'), 'info.txt')).toBe(
      'text/plain',
    );
    expect(sniffFileType(bytes('Horario'), 'info.html')).toBeNull();
  });
});
