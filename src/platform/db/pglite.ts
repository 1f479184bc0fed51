import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { checkChannel, copyStatement, copyText, type Db, type Queryable } from './db.js';
import { lockDirectory } from './directory-lock.js';

export interface PgliteDb extends Db {
  /** A snapshot of the whole database; the tests clone a migrated template from it. */
  dump(): Promise<Blob>;
}

/** Opens an embedded PostgreSQL (PGlite). Without `dataDir` it lives in memory (tests). */
export async function openPglite(options: { dataDir?: string; loadDataDir?: Blob } = {}): Promise<PgliteDb> {
  let unlock = async () => {};
  if (options.dataDir) {
    await mkdir(path.dirname(options.dataDir), { recursive: true });
    unlock = await lockDirectory(`${options.dataDir}.lock`, `The embedded database in ${options.dataDir}`);
  }
  const pg = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: { unaccent, pg_trgm },
  }).catch(async (error: unknown) => {
    await unlock();
    throw error;
  });
  // The same planner settings as on PostgreSQL (see postgres.ts).
  await pg.exec("SET random_page_cost = 1.1; SET work_mem = '32MB'");
  return {
    engine: 'pglite',
    query: (sql, params) => runQuery(pg, sql, params),
    exec: (sql) => runExec(pg, sql),
    transaction: (work) => pg.transaction((tx) => work(wrapTransaction(tx))),
    // One process holds an embedded database: its own notifications are all there is to hear.
    async listen(channel, handlers) {
      const stop = await pg.listen(checkChannel(channel), handlers.notify);
      handlers.ready();
      return stop;
    },
    // COPY reads a blob in PGlite: one per batch, so memory holds one batch at a time.
    async copyRows(table, columns, batches) {
      const statement = copyStatement(table, columns, "'/dev/blob'");
      let rows = 0;
      for await (const batch of batches) {
        if (batch.length === 0) continue;
        await pg.query(statement, [], { blob: new Blob([copyText(batch)]) });
        rows += batch.length;
      }
      return rows;
    },
    dump: async () => (await pg.dumpDataDir('none')) as Blob,
    async close() {
      await pg.close();
      await unlock();
    },
  };
}

function wrapTransaction(tx: Transaction): Queryable {
  return { query: (sql, params) => runQuery(tx, sql, params), exec: (sql) => runExec(tx, sql) };
}

async function runQuery<Row>(target: PGlite | Transaction, sql: string, params?: readonly unknown[]) {
  const result = await target.query<Row>(sql, params ? [...params] : undefined);
  return result.rows;
}

async function runExec(target: PGlite | Transaction, sql: string): Promise<void> {
  await target.exec(sql);
}
