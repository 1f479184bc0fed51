/**
 * The business registry: editions of the Registraire des entreprises imported, the changes
 * between them, search and lookup, BODS.
 */
export { entityRecordId, NEQ_SCHEME } from './bods/statements.js';
export { validateBods } from './bods/validate.js';
export type { BulkExportService, BulkFile } from './exports/exports.service.js';
export type { EditionImportService } from './import/import.service.js';
export { registryMigrations } from './migrations.js';
export type { BodsInterest } from './persons.repo.js';
export type { PersonsService } from './persons.service.js';
export { createRegistryModule, REGISTRY_CHANGED, type RegistryServices } from './registry.module.js';
export type { EnterpriseSearch, LabelledEnterprise, RegistryService } from './registry.service.js';
export type { Change, Enterprise, EnterpriseHit } from './registry.types.js';
export { CHANGE_KINDS, type ChangeKind, REQ_FILES, type ReqFile } from './req-format.js';
