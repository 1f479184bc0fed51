/**
 * Public procurement in OCDS 1.1.5: releases imported from SEAO-style events or OCDS files,
 * records compiled with the OCDS merge rules, packages, tender search and bulk files.
 */
export { PERIOD_FILE_NAMES } from './bulk/bulk.service.js';
export { TABLE_NAMES as BULK_TABLES } from './bulk/flatten.js';
export type { ImportReport } from './import.service.js';
export type { ProcurementLinks } from './links.js';
export { procurementMigrations } from './migrations.js';
export type { JsonObject } from './ocds/json.js';
export { createProcurementModule, RELEASES_PUBLISHED } from './procurement.module.js';
export {
  type OpenedTender,
  TENDER_SORTS,
  type TenderFilters,
  type TenderSort,
} from './procurement.repo.js';
export type { ProcurementService } from './procurement.service.js';
export type { Tender } from './procurement.types.js';
