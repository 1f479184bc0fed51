import type { MigrationSource } from '../../platform/db/index.js';

/** The datastore schema: published tables, loads, saved views. */
export const datastoreMigrations: MigrationSource = {
  module: 'datastore',
  directory: new URL('./migrations/', import.meta.url),
};
