import { describe, expect, it } from 'vitest';
import { matchOptions, replaceToken, triggerToken } from './trigger-text';

describe('triggerToken', () => {
  it('finds a trigger at the start or after a space, up to the caret', () => {
    expect(triggerToken('/hor', 4, '/')).toEqual({ start: 0, query: 'hor' });
    expect(triggerToken('hola @an', 8, '@')).toEqual({ start: 5, query: 'an' });
    expect(triggerToken('hola\n@', 6, '@')).toEqual({ start: 5, query: '' });
  });

  it('ignores triggers inside words, and closes after a space', () => {
    expect(triggerToken('ana@correo', 10, '@')).toBeNull();
    expect(triggerToken('10/12', 5, '/')).toBeNull();
    expect(triggerToken('/hor ario', 9, '/')).toBeNull();
  });
});

describe('replaceToken', () => {
  it('puts the inserted text in place of the token and the caret after it', () => {
    const token = { start: 5, query: 'an' };
    expect(replaceToken('hola @an y más', 8, token, '@ana@x.mx ')).toEqual({
      text: 'hola @ana@x.mx  y más',
      caret: 15,
    });
  });
});

describe('matchOptions', () => {
  it('matches titles ignoring case and accents', () => {
    const options = [{ label: 'Horario' }, { label: 'Ubicación' }, { label: 'Precios' }];
    expect(matchOptions(options, 'ubicacion')).toEqual([{ label: 'Ubicación' }]);
    expect(matchOptions(options, '')).toHaveLength(3);
  });
});
