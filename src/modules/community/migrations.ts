import type { MigrationSource } from '../../platform/db/index.js';

/** The community schema. */
export const communityMigrations: MigrationSource = {
  module: 'community',
  directory: new URL('./migrations/', import.meta.url),
};
