import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { type DataColumn, DataTable } from './data-table';

type Row = { id: string; name: string; count: number };

const columns: DataColumn<Row>[] = [
  { header: 'Nombre', rowHeader: true, cell: (row) => row.name },
  { header: 'Total', className: (row) => (row.count > 0 ? 'font-semibold' : ''), cell: (row) => row.count },
];

function render(rows: Row[], standalone = false): string {
  return renderToStaticMarkup(
    createElement(DataTable<Row>, {
      columns,
      rows,
      rowKey: (row) => row.id,
      emptyText: 'Nada todavía.',
      standalone,
      rowTestId: 'row',
    }),
  );
}

describe('DataTable', () => {
  it('shows the empty text instead of a table when there are no rows', () => {
    const html = render([]);
    expect(html).toContain('Nada todavía.');
    expect(html).not.toContain('<table');
  });

  it('heads every column for screen readers and names each row by its row header', () => {
    const html = render([
      { id: 'a', name: 'Ana', count: 2 },
      { id: 'b', name: 'Beto', count: 0 },
    ]);
    expect(html.match(/<th scope="col"/g)).toHaveLength(2);
    expect(html.match(/<th scope="row"/g)).toHaveLength(2);
    expect(html.match(/data-testid="row"/g)).toHaveLength(2);
    expect(html).toMatch(/<td data-label="Total" class="[^"]*font-semibold">2<\/td>/);
    expect(html).not.toMatch(/<td data-label="Total" class="[^"]*font-semibold">0<\/td>/);
    // On a phone each cell shows its column's header before the value.
    expect(html.match(/data-label="Nombre"/g)).toHaveLength(2);
  });

  it('scrolls sideways rather than overflowing a phone, framed when standalone', () => {
    expect(render([{ id: 'a', name: 'Ana', count: 1 }])).toContain('class="mt-3 overflow-x-auto"');
    expect(render([{ id: 'a', name: 'Ana', count: 1 }], true)).toMatch(/overflow-x-auto rounded-xl border/);
  });
});
