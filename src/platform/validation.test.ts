import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { pathOfNul } from './validation.js';

test('a NUL character is found by its path, in keys and values, however deep', () => {
  assert.equal(pathOfNul({ title: { fr: 'a\u0000b' } }), 'title.fr');
  assert.equal(pathOfNul({ tags: ['ok', 'x\u0000'] }), 'tags.1');
  assert.equal(pathOfNul({ 'clé\u0000': 1 }), 'clé\u0000');
  assert.equal(pathOfNul('\u0000'), 'body');
  assert.equal(pathOfNul({ fine: ['a', { b: 'c' }], n: 3 }), null);
  // Streams and buffers handed on by a body parser are not walked.
  assert.equal(pathOfNul(Readable.from(['\u0000'])), null);
  let deep: unknown = 'fond\u0000';
  for (let i = 0; i < 200_000; i++) deep = [deep];
  assert.equal(pathOfNul(deep)?.split('.').length, 200_000);
});
