import path from 'node:path';
import type { Db } from './db.js';
import type { MigrationSource } from './migrate.js';
import { openPglite } from './pglite.js';
import { openPostgres } from './postgres.js';

export type { Db, ListenHandlers, Queryable } from './db.js';
export { isUniqueViolation, queryOne } from './db.js';
export { type AppliedMigration, listMigrationFiles, type MigrationSource, migrate } from './migrate.js';

/** The platform's own migrations (search extensions and configurations); run before any module's. */
export const platformMigrations: MigrationSource = {
  module: 'platform',
  directory: new URL('./migrations/', import.meta.url),
};

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite under `dataDir`. */
export async function openDatabase(options: {
  databaseUrl: string | null;
  dataDir: string;
  poolSize: number;
}): Promise<Db> {
  if (options.databaseUrl) return openPostgres({ url: options.databaseUrl, poolSize: options.poolSize });
  return openPglite({ dataDir: path.join(options.dataDir, 'pglite') });
}
