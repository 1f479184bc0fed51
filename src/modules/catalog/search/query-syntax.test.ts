import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { SqlParams } from '../../../platform/db/sql-params.js';
import { QueryError } from '../../../platform/http/errors.js';
import { queryToSql } from './query.sql.js';
import { countTerms, parseQuery, QUERY_LIMITS, type QueryNode } from './query-syntax.js';

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

test('the query language is bounded: length, terms and nesting beyond the bounds are refused', () => {
  const cases: [string, RegExp][] = [
    // What took the process down: 15 KB of "a OR ", 700 terms, 5,000 open parentheses.
    [`${'a OR '.repeat(3000)}b`, /longer than 4000 characters/],
    [`${'a OR '.repeat(700)}b`, /more than 100 terms/],
    [Array.from({ length: 400 }, (_, i) => `mot${i}`).join(' '), /more than 100 terms/],
    ['('.repeat(5000), /longer than 4000 characters/],
    ['('.repeat(3000), /nests deeper than 10 levels/],
    [`${'('.repeat(11)}a${')'.repeat(11)}`, /nests deeper than 10 levels/],
    [`${'NOT '.repeat(900)}a`, /nests deeper than 10 levels/],
    [`${'-'.repeat(3000)}a`, /nests deeper than 10 levels/],
  ];
  for (const [query, message] of cases) {
    assert.throws(
      () => parseQuery(query),
      (error: unknown) => error instanceof QueryError && message.test(error.detail.en),
      query.slice(0, 40),
    );
  }
  // Just within the bounds: parsed.
  assert.equal(countTerms(parseQuery(`${'a OR '.repeat(99)}b`)), 100);
  assert.equal(countTerms(parseQuery(`${'('.repeat(10)}a${')'.repeat(10)}`)), 1);
});

/** The deepest chain of parentheses and negations in a parsed query. */
function depth(node: QueryNode): number {
  if (node.kind === 'and' || node.kind === 'or') return Math.max(0, ...node.nodes.map(depth));
  if (node.kind === 'not') return 1 + depth(node.node);
  return 0;
}

test('fuzzed: any string up to the bound parses into a bounded query or is a query error', () => {
  // Strings made of the syntax's own characters and words, so that most of them are near-queries.
  const piece = fc.oneof(
    fc.constantFrom('(', ')', '"', '[', ']', '{', '}', ':', '*', '+', '-', '!', ' ', ' ', ' '),
    fc.constantFrom('AND', 'OR', 'NOT', '&&', '||', 'TO', 'tags:', 'title:', 'name:', 'res_format:'),
    fc.constantFrom('eau', "l'eau", 'école', 'x*', '2024-01-01', 'NOW', 'nosuchfield:'),
    fc.string({ maxLength: 4 }),
  );
  const noise = fc.array(piece, { maxLength: 1500 }).map((pieces) => pieces.join(''));
  // Well-formed queries too: long flat lists, deep nesting, long runs of negations.
  const term = fc.constantFrom(
    'eau',
    'école*',
    'tags:santé',
    'title:"eau potable"',
    'res_format:(CSV OR JSON)',
    'metadata_modified:[2020-01-01 TO NOW]',
  );
  const { node: wellFormed } = fc.letrec<{ node: string; group: string; negated: string; list: string }>(
    (tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        term,
        tie('group'),
        tie('negated'),
        tie('list'),
      ),
      group: tie('node').map((inner) => `(${inner})`),
      negated: fc.tuple(fc.constantFrom('NOT ', '-', '+', '!'), tie('node')).map(([op, inner]) => op + inner),
      list: fc
        .tuple(fc.array(tie('node'), { minLength: 1, maxLength: 300 }), fc.constantFrom(' ', ' OR ', ' AND '))
        .map(([nodes, op]) => nodes.join(op)),
    }),
  );
  const query = fc.oneof(noise, wellFormed).filter((text) => text.length <= QUERY_LIMITS.length);
  fc.assert(
    fc.property(query, (text) => {
      let node: QueryNode;
      try {
        node = parseQuery(text);
      } catch (error) {
        if (error instanceof QueryError) return;
        throw error;
      }
      assert.ok(countTerms(node) <= QUERY_LIMITS.terms);
      assert.ok(depth(node) <= QUERY_LIMITS.depth + 1);
      // The SQL it becomes is bounded too (the work the database is given).
      try {
        const params = new SqlParams();
        const sql = queryToSql(node, params);
        assert.ok(sql.length < 600 * QUERY_LIMITS.terms + 1000, `${sql.length} characters of SQL`);
        assert.ok(params.values.length <= 2 * QUERY_LIMITS.terms + 10);
      } catch (error) {
        if (!(error instanceof QueryError)) throw error;
      }
    }),
    { numRuns: 3000 },
  );
});
