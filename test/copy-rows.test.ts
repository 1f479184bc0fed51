/**
 * COPY through the database layer (bulk imports): every value comes back as written, whatever
 * characters it holds, on PGlite and on PostgreSQL; a bad value fails the COPY and writes nothing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeEachEngine } from './helpers/app.js';

describeEachEngine('COPY of rows', (current) => {
  test('tabs, line breaks, backslashes, \\N, quotes, accents and NULLs come back as written', async () => {
    const { db } = current().ctx;
    await db.exec(
      'CREATE TABLE IF NOT EXISTS public.copy_probe (id integer, label text, note text, day date)',
    );
    await db.exec('TRUNCATE public.copy_probe');
    const tricky = ['a\tb', 'ligne 1\nligne 2\r\n', 'C:\\dossier\\n', '\\N', '"guillemets" ’ « » €', ''];
    async function* batches() {
      yield tricky.slice(0, 3).map((label, index) => [String(index + 1), label, null, '2026-12-07']);
      yield [];
      yield tricky.slice(3).map((label, index) => [String(index + 4), label, 'note', null]);
    }
    const copied = await db.copyRows('public.copy_probe', ['id', 'label', 'note', 'day'], batches());
    assert.equal(copied, tricky.length);
    const rows = await db.query<{ id: number; label: string; note: string | null; day: string | null }>(
      "SELECT id, label, note, to_char(day, 'YYYY-MM-DD') AS day FROM public.copy_probe ORDER BY id",
    );
    assert.deepEqual(
      rows.map((row) => row.label),
      tricky,
    );
    assert.equal(rows[0]?.note, null);
    assert.equal(rows[0]?.day, '2026-12-07');
    assert.equal(rows[5]?.day, null);
  });

  test('a value its column cannot take fails the COPY, naming it, and the batch is not written', async () => {
    const { db } = current().ctx;
    await db.exec('CREATE TABLE IF NOT EXISTS public.copy_refused (id integer, day date)');
    async function* batches() {
      yield [
        ['1', '2026-12-07'],
        ['2', 'demain'],
      ];
    }
    await assert.rejects(db.copyRows('public.copy_refused', ['id', 'day'], batches()), /demain/);
    const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM public.copy_refused');
    assert.equal(row?.n, 0);
    // The database still answers (the connection that failed was not given back broken).
    assert.equal((await db.query<{ one: number }>('SELECT 1 AS one'))[0]?.one, 1);
  });

  test('only plain identifiers are accepted as table and column names', async () => {
    const { db } = current().ctx;
    async function* none() {}
    await assert.rejects(
      db.copyRows('public.copy_probe; DROP TABLE x', ['id'], none()),
      /invalid identifier/,
    );
    await assert.rejects(db.copyRows('public.copy_probe', ['id) FROM x; --'], none()), /invalid identifier/);
  });
});
