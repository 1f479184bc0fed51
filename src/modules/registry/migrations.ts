import type { MigrationSource } from '../../platform/db/index.js';

/** The registry schema: editions, enterprises and their names, changes, people. */
export const registryMigrations: MigrationSource = {
  module: 'registry',
  directory: new URL('./migrations/', import.meta.url),
};
