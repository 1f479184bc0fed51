import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QueryError } from '../../../platform/http/errors.js';
import { parseQuery } from './query-syntax.js';

const text = (value: string, extra: Partial<{ phrase: boolean; prefix: boolean; field: string }> = {}) => ({
  kind: 'text',
  value,
  phrase: false,
  prefix: false,
  field: 'all',
  ...extra,
});

test('empty queries and *:* match everything', () => {
  for (const query of ['', '   ', '*:*', '*']) assert.deepEqual(parseQuery(query), { kind: 'all' });
});

test('words are ANDed; OR, NOT, - and + follow Solr precedence', () => {
  assert.deepEqual(parseQuery("qualité l'eau"), { kind: 'and', nodes: [text('qualité'), text("l'eau")] });
  assert.deepEqual(parseQuery('a OR b c'), {
    kind: 'or',
    nodes: [text('a'), { kind: 'and', nodes: [text('b'), text('c')] }],
  });
  assert.deepEqual(parseQuery('a AND NOT b'), {
    kind: 'and',
    nodes: [text('a'), { kind: 'not', node: text('b') }],
  });
  assert.deepEqual(parseQuery('-b +a'), {
    kind: 'and',
    nodes: [{ kind: 'not', node: text('b') }, text('a')],
  });
  assert.deepEqual(parseQuery('(a OR b) c'), {
    kind: 'and',
    nodes: [{ kind: 'or', nodes: [text('a'), text('b')] }, text('c')],
  });
});

test('phrases, prefixes and field clauses', () => {
  assert.deepEqual(parseQuery('"eau potable"'), text('eau potable', { phrase: true }));
  assert.deepEqual(parseQuery('municip*'), text('municip', { prefix: true }));
  assert.deepEqual(parseQuery('title:eau'), text('eau', { field: 'title' }));
  assert.deepEqual(parseQuery('tags:"qualité de l\'eau"'), {
    kind: 'match',
    field: 'tags',
    value: "qualité de l'eau",
  });
  assert.deepEqual(parseQuery('res_format:(CSV OR JSON)'), {
    kind: 'or',
    nodes: [
      { kind: 'match', field: 'res_format', value: 'CSV' },
      { kind: 'match', field: 'res_format', value: 'JSON' },
    ],
  });
  assert.deepEqual(parseQuery('metadata_modified:[2020-01-01T00:00:00Z TO *]'), {
    kind: 'range',
    field: 'metadata_modified',
    from: '2020-01-01T00:00:00Z',
    to: null,
  });
  assert.deepEqual(parseQuery('+organization:mamh -tags:x'), {
    kind: 'and',
    nodes: [
      { kind: 'match', field: 'organization', value: 'mamh' },
      { kind: 'not', node: { kind: 'match', field: 'tags', value: 'x' } },
    ],
  });
});

test('malformed queries are query errors that say why', () => {
  const cases: [string, RegExp][] = [
    ['"open', /unterminated quotation mark/],
    ['(a OR b', /missing closing parenthesis/],
    ['a OR', /ends too early/],
    ['tags:', /missing value after "tags:"/],
    ['x:[1 2]', /\[from TO to\]/],
    ['a )', /unexpected "\)"/],
  ];
  for (const [query, message] of cases) {
    assert.throws(
      () => parseQuery(query),
      (error: unknown) => error instanceof QueryError && message.test(error.detail.en),
      query,
    );
  }
});
