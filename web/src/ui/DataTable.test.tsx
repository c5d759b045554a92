import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderToStaticMarkup } from 'react-dom/server';
import { DataTable } from './DataTable.js';

const rows = [{ id: 'a', at: '1 Mei', what: 'Dibuat' }];
const columns = [
  { key: 'at', header: 'Waktu', cell: (r: (typeof rows)[number]) => r.at },
  { key: 'what', header: 'Kejadian', cell: (r: (typeof rows)[number]) => r.what },
];

test('the first column heads each row unless the table names another', () => {
  const first = renderToStaticMarkup(<DataTable columns={columns} rows={rows} rowKey={(r) => r.id} />);
  assert.match(first, /<th scope="row">1 Mei<\/th><td data-label="Kejadian">Dibuat<\/td>/);
  const named = renderToStaticMarkup(
    <DataTable columns={columns} rows={rows} rowKey={(r) => r.id} rowHeader="what" className="audit-table" />,
  );
  assert.match(named, /<table class="results-table audit-table">/);
  assert.match(named, /<td data-label="Waktu">1 Mei<\/td><th scope="row">Dibuat<\/th>/);
});
