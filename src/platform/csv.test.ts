import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvCell, csvLine } from './csv.js';

test('formula-looking cells are neutralised', () => {
  assert.equal(csvCell('=HYPERLINK("http://x","klik")'), `"'=HYPERLINK(""http://x"",""klik"")"`);
  assert.equal(csvCell('+62812'), "'+62812");
  assert.equal(csvCell('-1'), "'-1");
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvCell('\t=1'), "'\t=1");
  assert.equal(csvCell('Siti Aminah'), 'Siti Aminah');
});

test('quoting of separators, quotes and line breaks', () => {
  assert.equal(csvLine(['a,b', 'c"d', 'e\nf', null, 3]), '"a,b","c""d","e\nf",,3\r\n');
});
