import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SelectField } from './select-field';
import { TextField } from './text-field';

describe('TextField and SelectField', () => {
  it('label the control by its id and leave aria-describedby off when nothing describes it', () => {
    const html = renderToStaticMarkup(
      createElement(TextField, { id: 'f-name', name: 'name', label: 'Nombre' }),
    );
    expect(html).toContain('<label for="f-name"');
    expect(html).toMatch(/<input[^>]* id="f-name"[^>]* name="name"/);
    expect(html).not.toContain('aria-describedby');
    expect(html).not.toContain('aria-invalid');
  });

  it('point the control to its hint, its error and an outside notice', () => {
    const html = renderToStaticMarkup(
      createElement(TextField, {
        id: 'reply',
        name: 'text',
        label: 'Tu respuesta',
        rows: 3,
        hint: 'Máximo 4096',
        error: 'Escribe algo',
        describedBy: 'reply-window',
      }),
    );
    expect(html).toContain('<textarea');
    expect(html).toContain('aria-describedby="reply-hint reply-error reply-window"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('<p id="reply-hint"');
    expect(html).toContain('<p id="reply-error"');
  });

  it('render a select with its options and the chosen one selected', () => {
    const html = renderToStaticMarkup(
      createElement(SelectField, {
        id: 'f-status',
        name: 'status',
        label: 'Estado',
        defaultValue: 'closed',
        options: [
          { value: 'open', label: 'Abiertas' },
          { value: 'closed', label: 'Cerradas' },
        ],
      }),
    );
    expect(html).toContain('<label for="f-status"');
    expect(html).toContain('<option value="closed" selected="">Cerradas</option>');
    expect(html).toContain('<option value="open">Abiertas</option>');
  });
});
