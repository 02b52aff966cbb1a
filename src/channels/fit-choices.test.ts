import { describe, expect, it } from 'vitest';
import { fitChoicesToChannel, shortenAtWord } from './fit-choices';

const request = (titles: string[], style: 'buttons' | 'list' = 'buttons') => ({
  style,
  listButton: 'Ver opciones',
  choices: titles.map((title) => ({ title, description: '' })),
});

describe('fitChoicesToChannel', () => {
  it('keeps three short options as WhatsApp buttons, the readable text numbering them', () => {
    const fitted = fitChoicesToChannel(
      '¿Qué día prefieres?',
      request(['Lunes', 'Martes', 'Miércoles']),
      'whatsapp',
    );
    expect(fitted.text).toBe('¿Qué día prefieres?\n\n1. Lunes\n2. Martes\n3. Miércoles');
    expect(fitted.content).toEqual({
      kind: 'choices',
      style: 'buttons',
      body: '¿Qué día prefieres?',
      choices: [
        { id: 'choice-1', title: 'Lunes' },
        { id: 'choice-2', title: 'Martes' },
        { id: 'choice-3', title: 'Miércoles' },
      ],
    });
  });

  it('turns more than three buttons into a list with its button label, and keeps at most 10', () => {
    const titles = Array.from({ length: 12 }, (_, i) => `Opción ${i + 1}`);
    const fitted = fitChoicesToChannel('Elige una', request(titles), 'whatsapp');
    expect(fitted.content?.style).toBe('list');
    expect(fitted.content?.listButton).toBe('Ver opciones');
    expect(fitted.content?.choices).toHaveLength(10);
  });

  it('shortens a long title at a word and then shows the full wording above the taps', () => {
    const fitted = fitChoicesToChannel(
      '¿Cuál te interesa?',
      request(['Limpieza dental profunda con ultrasonido', 'Blanqueamiento']),
      'whatsapp',
    );
    expect(fitted.content?.choices[0]?.title).toBe('Limpieza dental…');
    expect(Array.from(fitted.content!.choices[0]!.title).length).toBeLessThanOrEqual(20);
    expect(fitted.content?.body).toBe(fitted.text);
    expect(fitted.text).toContain('1. Limpieza dental profunda con ultrasonido');
  });

  it('falls back to a numbered text when shortened titles could not be told apart', () => {
    const fitted = fitChoicesToChannel(
      'Elige',
      request(['Consulta general de adultos', 'Consulta general de niños']),
      'instagram',
    );
    expect(fitted.content).toBeNull();
    expect(fitted.text).toBe('Elige\n\n1. Consulta general de adultos\n2. Consulta general de niños');
  });

  it('makes a list of buttons whose words are too long for WhatsApp buttons (1024)', () => {
    const words = 'Detalles. '.repeat(120).trim();
    const fitted = fitChoicesToChannel(words, request(['Sí', 'No']), 'whatsapp');
    expect(fitted.content?.style).toBe('list');
    expect(fitted.content?.body).toBe(words);
  });

  it('shortens the words, never the options, when both do not fit the channel', () => {
    const words = 'Texto largo. '.repeat(200);
    const fitted = fitChoicesToChannel(words, request(['Sí', 'No']), 'facebook');
    expect(fitted.text.length).toBeLessThanOrEqual(2000);
    expect(fitted.text.endsWith('\n\n1. Sí\n2. No')).toBe(true);
    expect(fitted.content?.choices.map((choice) => choice.title)).toEqual(['Sí', 'No']);
  });

  it('drops empty and repeated options and sends words alone when none is left', () => {
    expect(fitChoicesToChannel('Hola', request(['  ', '']), 'tiktok')).toEqual({
      text: 'Hola',
      content: null,
    });
    const fitted = fitChoicesToChannel('Hola', request(['Sí', 'sí ', 'No']), 'tiktok');
    expect(fitted.content?.choices.map((choice) => choice.title)).toEqual(['Sí', 'No']);
    expect(fitted.text).toBe('Hola\n\n1. Sí\n2. No');
  });
});

describe('shortenAtWord', () => {
  it('cuts at a word with an ellipsis, or mid-word when no space is near', () => {
    expect(shortenAtWord('Blanqueamiento dental', 20)).toBe('Blanqueamiento…');
    expect(shortenAtWord('Otorrinolaringología', 10)).toBe('Otorrinol…');
    expect(shortenAtWord('Corto', 20)).toBe('Corto');
  });
});
