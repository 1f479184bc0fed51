import type { MigrationSource } from '../../platform/db/index.js';

/** The quality schema: datasets' scores, link checks, the link checker's runs. */
export const qualityMigrations: MigrationSource = {
  module: 'quality',
  directory: new URL('./migrations/', import.meta.url),
};
