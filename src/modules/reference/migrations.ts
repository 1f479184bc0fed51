import type { MigrationSource } from '../../platform/db/index.js';

/** The reference schema: sets, versions, periods of codes, lineage, change logs, notices, probes. */
export const referenceMigrations: MigrationSource = {
  module: 'reference',
  directory: new URL('./migrations/', import.meta.url),
};
