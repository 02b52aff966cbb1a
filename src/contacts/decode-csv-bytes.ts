// A CSV's bytes to text. Spreadsheets in Latin America save UTF-8 (often with a BOM, Excel's
// "CSV UTF-8") or Latin-1 / Windows-1252 (Excel's plain "CSV"). Bytes that are not valid UTF-8
// are read as Windows-1252 (a superset of Latin-1 for printable text), so "José" survives both.

export type DecodedCsv = { text: string; encoding: 'utf-8' | 'windows-1252' };

export function decodeCsvBytes(bytes: Uint8Array): DecodedCsv {
  try {
    // ignoreBOM false (the default) drops a leading BOM.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}
