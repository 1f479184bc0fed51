import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRange } from './send-blob.js';

test('single byte ranges, suffixes and open ends', () => {
  assert.deepEqual(parseRange('bytes=0-9', 100), { start: 0, end: 9 });
  assert.deepEqual(parseRange('bytes=90-', 100), { start: 90, end: 99 });
  assert.deepEqual(parseRange('bytes=-10', 100), { start: 90, end: 99 });
  assert.deepEqual(parseRange('bytes=-500', 100), { start: 0, end: 99 });
  assert.deepEqual(
    parseRange('bytes=50-500', 100),
    { start: 50, end: 99 },
    'an end past the file is clipped',
  );
});

test('ranges outside the file are unsatisfiable; others are ignored (whole file)', () => {
  assert.equal(parseRange('bytes=100-', 100), 'unsatisfiable');
  assert.equal(parseRange('bytes=-0', 100), 'unsatisfiable');
  assert.equal(parseRange('bytes=0-1,5-6', 100), null, 'several ranges: the whole file, as RFC 9110 allows');
  assert.equal(parseRange('items=0-1', 100), null);
  assert.equal(parseRange('bytes=9-3', 100), null);
});
