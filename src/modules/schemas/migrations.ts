import type { MigrationSource } from '../../platform/db/index.js';

/** The schemas schema: shared schemas, their versions, validation reports. */
export const schemasMigrations: MigrationSource = {
  module: 'schemas',
  directory: new URL('./migrations/', import.meta.url),
};
