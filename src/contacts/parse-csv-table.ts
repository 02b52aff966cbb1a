import Papa from 'papaparse';

// Text to a table of strings with papaparse (quoted fields, embedded newlines and separators,
// `,` `;` or tab guessed from the file), so we never maintain a CSV parser of our own.

export type CsvTable = { headers: string[]; rows: string[][]; delimiter: string };

export function parseCsvTable(text: string): CsvTable {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    delimitersToGuess: [',', ';', '\t'],
    skipEmptyLines: 'greedy',
  });
  const [headerRow = [], ...rows] = parsed.data;
  return { headers: headerRow.map((header) => header.trim()), rows, delimiter: parsed.meta.delimiter };
}
