/**
 * Harvesting partners' catalogues (CKAN, DCAT, data.json, Opendatasoft) into organisations of the
 * portal, kept in step on a schedule (issue 19, decision 0027).
 */
export { createHarvestModule, type HarvestServices } from './harvest.module.js';
export type * from './harvest.types.js';
export { ITEM_ACTIONS, SOURCE_KINDS } from './harvest.types.js';
export type { MigrationReport } from './migrate/migration.types.js';
export { harvestMigrations } from './migrations.js';
