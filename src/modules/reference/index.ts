/**
 * Reference data: official codes other data can trust and join on. Sets, immutable versions with
 * their change logs, lookups by code, date and name, commitments measured (decision 0023).
 */

export { referenceMigrations } from './migrations.js';
export { type PublishService, REFERENCE_VERSION_PUBLISHED } from './publish.service.js';
export { type CheckSource, createReferenceModule, type ReferenceServices } from './reference.module.js';
export type { ReferenceService } from './reference.service.js';
export type * from './reference.types.js';
export { referenceDatasetName } from './reference-datasets.js';
export { findSet, SETS } from './sets.js';
export { builtinSnapshots } from './sources/builtin.js';
export {
  MAPPINGS as STATE_MAPPINGS,
  readMapping,
  snapshotFromCsv,
  TRANSACTIONS as TRANSACTION_MAPPINGS,
} from './sources/csv-adapter.js';
export { fictitiousMunicipalities } from './sources/fictitious.js';
