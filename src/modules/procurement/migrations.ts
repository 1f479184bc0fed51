import type { MigrationSource } from '../../platform/db/index.js';

/** The procurement schema: releases as published, compiled records. */
export const procurementMigrations: MigrationSource = {
  module: 'procurement',
  directory: new URL('./migrations/', import.meta.url),
};
