import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  postgresColumnName,
  rewriteDateFunctions,
  rewriteTextMatch,
  strftimeFormat,
} from './sql-postgres.duckdb.js';

test('`a @@ b` becomes quai_ts_match(a, b), outside strings and comments', () => {
  assert.equal(
    rewriteTextMatch(`SELECT * FROM "t" WHERE _full_text @@ to_tsquery('french', 'vélo & piste')`),
    `SELECT * FROM "t" WHERE quai_ts_match(_full_text, to_tsquery('french', 'vélo & piste'))`,
  );
  assert.equal(
    rewriteTextMatch(`SELECT 1 WHERE "_full_text"@@plainto_tsquery('a') AND to_tsvector(nom) @@ 'b'`),
    `SELECT 1 WHERE quai_ts_match("_full_text", plainto_tsquery('a')) AND quai_ts_match(to_tsvector(nom), 'b')`,
  );
  const untouched = `SELECT '@@' AS x -- a @@ b\nFROM t`;
  assert.equal(rewriteTextMatch(untouched), untouched);
});

test('result columns are named as PostgreSQL names them', () => {
  const columns = new Set(['ville', 'Montant ($)']);
  assert.equal(postgresColumnName('count_star()', columns), 'count');
  assert.equal(postgresColumnName('sum(montant)', columns), 'sum');
  assert.equal(postgresColumnName("to_char(date_emission, 'YYYY')", columns), 'to_char');
  assert.equal(postgresColumnName('CAST(numero AS VARCHAR)', columns), 'numero');
  assert.equal(postgresColumnName('(montant * 2)', columns), '?column?');
  assert.equal(postgresColumnName('1', columns), '?column?');
  assert.equal(postgresColumnName('Montant ($)', columns), 'Montant ($)');
  assert.equal(postgresColumnName('mois', columns), 'mois');
});

test("to_char and to_date take PostgreSQL's format letters", () => {
  assert.equal(
    rewriteDateFunctions(`SELECT to_char(date_emission, 'YYYY-MM') AS mois, TO_DATE(d, 'DD/MM/YYYY') FROM t`),
    `SELECT strftime(CAST(date_emission AS TIMESTAMP), '%Y-%m') AS mois, CAST(strptime(d, '%d/%m/%Y') AS DATE) FROM t`,
  );
  assert.equal(strftimeFormat('YYYY-MM-DD HH24:MI:SS'), '%Y-%m-%d %H:%M:%S');
  assert.equal(strftimeFormat('Day DD Month YYYY, 100%'), '%A %d %B %Y, 100%%');
  const untouched = `SELECT 'to_char(x, ''YYYY'')', my_to_char(a, 'YYYY') FROM t`;
  assert.equal(rewriteDateFunctions(untouched), untouched);
});
