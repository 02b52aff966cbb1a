import { describe, expect, it } from 'vitest';
import { buildTemplateContent, type StoredTemplate } from './template-content';

// Templates as Meta lists them (PLATFORMS-2.md 3.1: upper-case component types) filled with
// our values, in the send shape of PLATFORMS-2.md 3.4.

const values = { name: 'Ana', date: 'martes 15 de diciembre', time: '10:30', branch: 'Centro' };
const positional = [values.name, values.date, values.time, values.branch];

function template(
  format: 'named' | 'positional',
  body: string,
  extra: Record<string, unknown>[] = [],
): StoredTemplate {
  return {
    name: 'recordatorio_cita',
    language: 'es_MX',
    parameter_format: format,
    components: [{ type: 'BODY', text: body }, ...extra],
  };
}

describe('buildTemplateContent', () => {
  it('fills positional parameters in their number order, whatever order the text uses', () => {
    const filled = buildTemplateContent(
      template('positional', 'Hola {{1}}: tu cita en {{4}} es el {{2}} a las {{3}}.'),
      values,
      positional,
      null,
    );
    expect(filled?.text).toBe('Hola Ana: tu cita en Centro es el martes 15 de diciembre a las 10:30.');
    expect(filled?.content.components).toEqual([
      {
        type: 'body',
        parameters: positional.map((text) => ({ type: 'text', text })),
      },
    ]);
  });

  it('maps quick-reply buttons to our choice ids by their words, and refuses what it cannot fill', () => {
    const buttons = {
      type: 'BUTTONS',
      buttons: [
        { type: 'QUICK_REPLY', text: 'Cancelar cita' },
        { type: 'URL', text: 'Ver mapa', url: 'https://maps.example/x' },
        { type: 'QUICK_REPLY', text: 'Sí, confirmo' },
      ],
    };
    const filled = buildTemplateContent(template('named', 'Hola {{name}}', [buttons]), values, [], 'A1');
    expect(filled?.content.components.slice(1)).toEqual([
      {
        type: 'button',
        sub_type: 'quick_reply',
        index: '0',
        parameters: [{ type: 'payload', payload: 'appt:A1:cancel' }],
      },
      {
        type: 'button',
        sub_type: 'quick_reply',
        index: '2',
        parameters: [{ type: 'payload', payload: 'appt:A1:confirm' }],
      },
    ]);
    expect(buildTemplateContent(template('named', 'Hola {{doctor}}'), values, [], null)).toBeNull();
    expect(
      buildTemplateContent(
        template('named', 'Hola', [{ type: 'HEADER', format: 'IMAGE' }]),
        values,
        [],
        null,
      ),
    ).toBeNull();
  });
});
