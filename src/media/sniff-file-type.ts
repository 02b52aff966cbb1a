// What a file really is, from its first bytes: the browser's type and the file name are the
// sender's claim, not proof (an .exe renamed .jpg still starts with "MZ"). Only the types staff
// may send are recognised; anything else is null.

export type SniffedType =
  | 'image/jpeg'
  | 'image/png'
  | 'application/pdf'
  | 'application/msword'
  | 'application/vnd.ms-excel'
  | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
  | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
  | 'text/plain';

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}

const jpeg = [0xff, 0xd8, 0xff];
const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const pdf = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ole2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // old .doc / .xls
const zip = [0x50, 0x4b, 0x03, 0x04]; // .docx / .xlsx are zip files

function containsAscii(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(text, 0, 'latin1');
}

/** Plain text: valid UTF-8 without the control bytes binaries are full of. */
function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  for (const byte of bytes) {
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20) || byte === 0x7f) return false;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * The type of a file staff may send, or null. `filename` only tells the two old Office formats
 * apart (both are the same OLE2 container), never promotes an unknown file.
 */
export function sniffFileType(bytes: Uint8Array, filename: string): SniffedType | null {
  if (startsWith(bytes, jpeg)) return 'image/jpeg';
  if (startsWith(bytes, png)) return 'image/png';
  if (startsWith(bytes, pdf)) return 'application/pdf';
  const extension = filename.toLowerCase().split('.').pop() ?? '';
  if (startsWith(bytes, ole2)) {
    if (extension === 'doc') return 'application/msword';
    if (extension === 'xls') return 'application/vnd.ms-excel';
    return null;
  }
  if (startsWith(bytes, zip)) {
    // An Office Open XML package names its main part's folder in the zip's file entries.
    if (containsAscii(bytes, 'word/')) {
      return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    }
    if (containsAscii(bytes, 'xl/'))
      return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    return null;
  }
  if (extension === 'txt' && isPlainText(bytes)) return 'text/plain';
  return null;
}
