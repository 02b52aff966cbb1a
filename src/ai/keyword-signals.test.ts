import { describe, expect, it } from 'vitest';
import { detectKeywordSignals } from './keyword-signals';
import { containsPhrase, normalizeText } from './normalize-text';

describe('detectKeywordSignals', () => {
  it('finds Spanish signals without accents mattering', () => {
    expect(detectKeywordSignals(['¿CUÁNTO cuesta? Es URGENTE, tengo presupuesto'])).toEqual([
      'interested',
      'urgent',
      'budget_mentioned',
    ]);
    expect(detectKeywordSignals(['No me interesa, gracias'])).toEqual(['not_interested']);
  });

  it('matches whole words only', () => {
    expect(containsPhrase(normalizeText('Tengo dolores'), 'dolor')).toBe(false);
    expect(containsPhrase(normalizeText('Tengo dolor.'), 'dolor')).toBe(true);
    expect(containsPhrase(normalizeText('Quiero hablar con una persona'), 'hablar con una persona')).toBe(
      true,
    );
  });
});
