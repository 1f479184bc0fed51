/**
 * The business registry: editions of the Registraire des entreprises imported, the changes
 * between them, search and lookup, BODS.
 */
export { entityRecordId, NEQ_SCHEME } from './bods/statements.js';
export { validateBods } from './bods/validate.js';
export { REGISTRY_DATASET, syncRegistryDataset } from './catalog-dataset.js';
export {
  BULK_FILES,
  type BulkFile,
  createRegistryExports,
  type RegistryExports,
} from './exports/exports.service.js';
export { createRegistryImport, type RegistryImport } from './import/import.service.js';
export { registryMigrations } from './migrations.js';
export type { BodsInterest } from './persons.repo.js';
export { createPersonsService, type PersonsService } from './persons.service.js';
export { createRegistryModule, type RegistryServices } from './registry.module.js';
export type { ChangeRow, EnterpriseRow } from './registry.repo.js';
export {
  createRegistryService,
  type EnterpriseSearch,
  type LabelledEnterprise,
  type RegistryService,
} from './registry.service.js';
export { CHANGE_KINDS, type ChangeKind, REQ_FILES, type ReqFile, STRUCK_OFF_STATUSES } from './req-format.js';
export type { SearchHit } from './search.repo.js';
