import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './csv-line';

describe('csvLine', () => {
  it('quotes cells with commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvLine(['a', 'b,c', 'di "hola"', 'uno\ndos', 'r\r'])).toBe(
      'a,"b,c","di ""hola""","uno\ndos","r\r"\r\n',
    );
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
    expect(csvCell('Núñez ¿Cuánto?')).toBe('Núñez ¿Cuánto?');
  });

  it('keeps formulas typed by customers as text', () => {
    expect(csvCell('=HYPERLINK("http://x","clic")')).toBe('"\'=HYPERLINK(""http://x"",""clic"")"');
    expect(csvCell('+52 55 1234')).toBe("'+52 55 1234");
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe('"\'\r=1"');
    expect(csvCell(-5)).toBe('-5');
  });
});
