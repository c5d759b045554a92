import assert from 'node:assert/strict';
import { test } from 'node:test';
import { itemsOf, nextRowAfter, withoutItem } from './pages.js';

const data = {
  pages: [
    { items: [{ id: 'a' }, { id: 'b' }], total: 3 },
    { items: [{ id: 'c' }], total: 3 },
  ],
  pageParams: [undefined, 'b'],
};

test('the items of every page loaded, in order; nothing before the first answer', () => {
  assert.deepEqual(
    itemsOf(data)?.map((i) => i.id),
    ['a', 'b', 'c'],
  );
  assert.equal(itemsOf(undefined), null);
});

test('a decided item leaves its page and the total counts down; an unknown id changes nothing', () => {
  const after = withoutItem(data, 'c');
  assert.deepEqual(
    itemsOf(after)?.map((i) => i.id),
    ['a', 'b'],
  );
  assert.deepEqual(
    after?.pages.map((p) => p.total),
    [2, 2],
  );
  assert.deepEqual(after?.pageParams, data.pageParams);
  assert.equal(withoutItem(data, 'x'), data);
  assert.equal(withoutItem(undefined, 'a'), undefined);
});

test('rows are read on after the last row of a full page, and not after a short one', () => {
  assert.equal(nextRowAfter([{ row: 4 }, { row: 9 }], 2), 9);
  assert.equal(nextRowAfter([{ row: 4 }], 2), undefined);
  assert.equal(nextRowAfter([], 2), undefined);
});
