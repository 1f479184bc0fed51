/**
 * Shared data schemas (Frictionless Table Schema), the validator, and validation reports of the
 * resources that declare a schema (decision 0024).
 */

/** Join requests a client may file per hour (the API's budget; the join page keeps the same). */
export { JOIN_REQUESTS_PER_HOUR } from './api/ecosystems.routes.js';
export type { EcosystemDataset, EcosystemOverview } from './ecosystems/ecosystems.service.js';
export type * from './ecosystems/ecosystems.types.js';
export { schemasMigrations } from './migrations.js';
export type * from './partners/join-requests.types.js';
export { PARTNER_KINDS } from './partners/join-requests.types.js';
export { createSchemasModule, RESOURCE_VALIDATED, type SchemasServices } from './schemas.module.js';
export type { SchemaCatalogue } from './schemas.service.js';
export type * from './schemas.types.js';
export { type ValidatorUpload, withValidatorUpload } from './upload.js';
export type { TableSchema } from './validation/table-schema.js';
export type { ValidationReport } from './validation/validate.duckdb.js';
export { parseSchemaRef, type ValidationService } from './validation.service.js';
