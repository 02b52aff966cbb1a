import { describe, expect, it } from 'vitest';
import { proposeSlug } from './propose-slug';

describe('proposeSlug', () => {
  it('turns a Spanish name into an address', () => {
    expect(proposeSlug('Clínica Dental Sonrisa')).toBe('clinica-dental-sonrisa');
    expect(proposeSlug('  Tacos "El Güero" & Cía.  ')).toBe('tacos-el-guero-cia');
    expect(proposeSlug('Ñandú Café')).toBe('nandu-cafe');
  });

  it('always proposes something valid', () => {
    expect(proposeSlug('!!')).toBe('mi-negocio');
    expect(proposeSlug('a'.repeat(80))).toHaveLength(40);
    expect(proposeSlug(`${'a'.repeat(39)} b`)).toBe('a'.repeat(39));
  });
});
