/**
 * Pages of a loaded table without a sort come in `_id` order even though the statement has no
 * ORDER BY (the first matching rows end the read): checked on a file of many row groups read by
 * several threads, filtered, paged by cursor to the end and by offset.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import {
  readRows,
  rowsStatement,
  type TableQuery,
} from '../src/modules/datastore/query/table-query.duckdb.js';
import { type Duck, openDuck } from '../src/platform/duckdb/index.js';

const ROWS = 60_000;
let directory: string;
let duck: Duck;
let file: string;

before(async () => {
  directory = await mkdtemp(path.join(os.tmpdir(), 'quai-order-'));
  duck = await openDuck({ tempDir: path.join(directory, 'duck'), threads: 4 });
  file = path.join(directory, 'table.parquet');
  const connection = await duck.connect();
  // Row groups of 1,000 rows: 60 of them, scanned in parallel.
  await connection.run(
    `COPY (SELECT i AS numero, (hash(i) % 5)::INTEGER AS k FROM range(1, ${ROWS + 1}) t(i)) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 1000)`,
  );
  connection.closeSync();
});
after(async () => {
  duck.close();
  await rm(directory, { recursive: true, force: true });
});

function query(extra: Partial<TableQuery>): TableQuery {
  return {
    file,
    columns: [
      { id: 'numero', type: 'integer', sourceType: 'BIGINT', label: null, description: null },
      { id: 'k', type: 'integer', sourceType: 'INTEGER', label: null, description: null },
    ],
    select: ['_id', 'numero'],
    equals: {},
    ranges: [],
    contains: [],
    sort: [],
    distinct: false,
    ...extra,
  };
}

test('a filtered table paged by cursor without a sort comes in _id order, every row once', async () => {
  const connection = await duck.connect();
  try {
    const expected = (
      await readRows(connection, {
        sql: `SELECT i FROM range(1, ${ROWS + 1}) t(i) WHERE (hash(i) % 5)::INTEGER = 3 ORDER BY i`,
        params: [],
      })
    ).map((row) => Number(row[0]));
    assert.ok(expected.length > 10_000);
    const seen: number[] = [];
    let afterId: number | undefined;
    for (;;) {
      const statement = rowsStatement(query({ equals: { k: ['3'] }, afterId }), { limit: 2_500, offset: 0 });
      assert.doesNotMatch(statement.sql, /ORDER BY/);
      const rows = await readRows(connection, statement);
      if (rows.length === 0) break;
      for (const row of rows) {
        assert.equal(Number(row[0]), Number(row[1]), '_id is the row number');
        seen.push(Number(row[0]));
      }
      afterId = seen.at(-1);
    }
    assert.deepEqual(seen, expected);

    // By offset, unfiltered and filtered: the same order.
    const unfiltered = await readRows(connection, rowsStatement(query({}), { limit: 5, offset: 41_234 }));
    assert.deepEqual(
      unfiltered.map((row) => Number(row[0])),
      [41_235, 41_236, 41_237, 41_238, 41_239],
    );
    const filtered = await readRows(
      connection,
      rowsStatement(query({ equals: { k: ['3'] } }), { limit: 3, offset: 9_000 }),
    );
    assert.deepEqual(
      filtered.map((row) => Number(row[0])),
      expected.slice(9_000, 9_003),
    );
  } finally {
    connection.closeSync();
  }
});
