import type { MigrationSource } from '../../platform/db/index.js';

/** The harvest schema: sources, runs, what each run found, the records each source reached. */
export const harvestMigrations: MigrationSource = {
  module: 'harvest',
  directory: new URL('./migrations/', import.meta.url),
};
