// One CSV line (RFC 4180, CRLF). A cell a spreadsheet would run as a formula (it starts with
// = + - @, a tab or a carriage return) gets a leading apostrophe, so "=HYPERLINK(…)" typed by a
// customer stays text in Excel and Sheets. Cells with a comma, quote or line break are quoted.

const formulaStart = /^[=+\-@\t\r]/;
const needsQuotes = /[",\r\n]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && formulaStart.test(text)) text = `'${text}`;
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** The byte order mark Excel needs to read UTF-8 (accents) rather than the local code page. */
export const utf8Bom = '\uFEFF';
