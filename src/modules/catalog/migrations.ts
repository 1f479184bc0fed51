import type { MigrationSource } from '../../platform/db/index.js';

/** The catalog schema: groups, datasets, resources, activities, page views. */
export const catalogMigrations: MigrationSource = {
  module: 'catalog',
  directory: new URL('./migrations/', import.meta.url),
};
