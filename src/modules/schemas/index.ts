/**
 * Shared data schemas (Frictionless Table Schema), the validator, and validation reports of the
 * resources that declare a schema (decision 0024).
 */

export { schemasMigrations } from './migrations.js';
export { createSchemasModule, type SchemasServices } from './schemas.module.js';
export type { SchemaCatalogue } from './schemas.service.js';
export type * from './schemas.types.js';
export { type ValidatorUpload, withValidatorUpload } from './upload.js';
export type { TableSchema } from './validation/table-schema.js';
export type { ValidationReport } from './validation/validate.duckdb.js';
export { parseSchemaRef, type ValidationService } from './validation.service.js';
