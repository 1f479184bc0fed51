import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.js';

/** A folder of `NNNN_name.sql` files owned by one module, applied in file-name order. */
export interface MigrationSource {
  module: string;
  directory: URL;
}

export interface AppliedMigration {
  module: string;
  name: string;
}

// Any constant works; it only has to be the same for every Quai process sharing a database.
const MIGRATION_LOCK_KEY = 7_104_202_611;

/**
 * Applies every migration not yet recorded, each in its own transaction. Concurrent processes
 * starting together on PostgreSQL serialise on an advisory lock, so each file runs exactly once.
 */
export async function migrate(db: Db, sources: readonly MigrationSource[]): Promise<AppliedMigration[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS quai_migrations (
    module text NOT NULL,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (module, name)
  )`);
  const applied: AppliedMigration[] = [];
  for (const source of sources) {
    for (const file of await listMigrationFiles(source.directory)) {
      const sql = await readFile(new URL(file, source.directory), 'utf8');
      const ran = await db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
        const done = await tx.query('SELECT 1 FROM quai_migrations WHERE module = $1 AND name = $2', [
          source.module,
          file,
        ]);
        if (done.length > 0) return false;
        await tx.exec(sql);
        await tx.query('INSERT INTO quai_migrations (module, name) VALUES ($1, $2)', [source.module, file]);
        return true;
      });
      if (ran) applied.push({ module: source.module, name: file });
    }
  }
  return applied;
}

/** A module's migration files, in the order they run. */
export async function listMigrationFiles(directory: URL): Promise<string[]> {
  const names = await readdir(fileURLToPath(directory));
  return names.filter((name) => /^\d{4}_[\w-]+\.sql$/.test(name)).sort();
}
